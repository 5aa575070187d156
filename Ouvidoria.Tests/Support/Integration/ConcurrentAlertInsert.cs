using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Ouvidoria.Infrastructure.Notifications;
using Ouvidoria.Infrastructure.Persistence;

namespace Ouvidoria.Tests.Support.Integration;

/// <summary>
/// "Another node" queuing an alert at the worst moment: once armed for a manifestation, the first
/// save that adds deadline alerts for it commits — through a context and transaction of its own,
/// just before that save — an e-mail with the same dedup key as one of them. The save then meets
/// the outbox's unique index, as when two nodes sweep at once. Fires once; a no-op unless armed.
/// </summary>
public sealed class ConcurrentAlertInsert(Func<OuvidoriaDbContext> otherNode) : SaveChangesInterceptor
{
    private Guid? _manifestationId;

    /// <summary>The dedup key the other node queued (null until it fired).</summary>
    public string? InsertedKey { get; private set; }

    /// <summary>How many manifestations the refused save carried alerts for.</summary>
    public int ManifestationsInTheRefusedSave { get; private set; }

    public IDisposable Arm(Guid manifestationId)
    {
        _manifestationId = manifestationId;
        InsertedKey = null;
        ManifestationsInTheRefusedSave = 0;
        return new Disarm(this);
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (_manifestationId is { } id && eventData.Context is { } context)
        {
            var added = context.ChangeTracker.Entries<EmailNotification>().Where(e => e.State == EntityState.Added && e.Entity.DedupKey is not null).Select(e => e.Entity).ToList();
            if (added.FirstOrDefault(n => n.ManifestationId == id) is { } alert)
            {
                _manifestationId = null;
                ManifestationsInTheRefusedSave = added.Select(n => n.ManifestationId).Distinct().Count();
                await using var other = otherNode();
                other.EmailOutbox.Add(new EmailNotification(alert.Kind, alert.Recipient, new RenderedEmail(alert.Subject, alert.TextBody, alert.HtmlBody), id, alert.DedupKey, alert.CreatedAt));
                await other.SaveChangesAsync(cancellationToken);
                InsertedKey = alert.DedupKey;
            }
        }

        return result;
    }

    private sealed class Disarm(ConcurrentAlertInsert owner) : IDisposable
    {
        public void Dispose() => owner._manifestationId = null;
    }
}

/// <summary>An app (demo data) where another node can queue a deadline alert during a sweep.</summary>
public abstract class ConcurrentAlertApp : OuvidoriaAppFactory
{
    protected ConcurrentAlertApp(TestDatabase database)
        : base(database, seedDemo: true) =>
        OtherNode = new ConcurrentAlertInsert(CreateDbContext);

    public ConcurrentAlertInsert OtherNode { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
            services.ConfigureDbContext<OuvidoriaDbContext>((_, options) => options.AddInterceptors(OtherNode), ServiceLifetime.Singleton));
    }
}

public sealed class SqliteConcurrentAlertApp() : ConcurrentAlertApp(TestDatabase.Sqlite);

public sealed class PostgresConcurrentAlertApp() : ConcurrentAlertApp(TestDatabase.Postgres);
