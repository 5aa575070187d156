using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Ouvidoria.Infrastructure.Persistence;

namespace Ouvidoria.Tests.Support.Integration;

/// <summary>
/// Like <see cref="SaveRendezvous"/>, for saves that INSERT a <typeparamref name="TEntity"/> (which
/// touch no manifestation row): once armed, holds them until <c>participants</c> have arrived, so
/// two use cases both pass their "already there?" check before either writes. A no-op unless armed.
/// </summary>
public sealed class InsertRendezvous<TEntity> : SaveChangesInterceptor
    where TEntity : class
{
    private TaskCompletionSource? _all;
    private int _participants;
    private int _arrived;

    public IDisposable Arm(int participants)
    {
        if (Interlocked.CompareExchange(ref _all, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), null) is not null)
        {
            throw new InvalidOperationException("InsertRendezvous is already armed.");
        }

        _participants = participants;
        _arrived = 0;
        return new Disarm(this);
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        var all = Volatile.Read(ref _all);
        if (all is not null && eventData.Context is { } context && context.ChangeTracker.Entries<TEntity>().Any(e => e.State == EntityState.Added))
        {
            var arrived = Interlocked.Increment(ref _arrived);
            if (arrived == _participants)
            {
                all.TrySetResult();
            }

            if (arrived <= _participants)
            {
                await all.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            }
        }

        return result;
    }

    private sealed class Disarm(InsertRendezvous<TEntity> owner) : IDisposable
    {
        public void Dispose() => Volatile.Write(ref owner._all, null);
    }
}

/// <summary>An app (demo data) whose saves inserting a <typeparamref name="TEntity"/> can be made to race.</summary>
public abstract class RacingInsertApp<TEntity>(TestDatabase database) : OuvidoriaAppFactory(database, seedDemo: true)
    where TEntity : class
{
    public InsertRendezvous<TEntity> InsertRendezvous { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
            services.ConfigureDbContext<OuvidoriaDbContext>((_, options) => options.AddInterceptors(InsertRendezvous), ServiceLifetime.Singleton));
    }
}
