using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Ouvidoria.Domain.Manifestations;

namespace Ouvidoria.Tests.Support.Integration;

/// <summary>
/// A SaveChanges interceptor that, once armed, holds every save that modifies a manifestation until
/// <c>participants</c> of them have arrived, then lets them all go. Two use-case calls on the same
/// manifestation therefore both load it before either writes: the real lost-update race, made
/// deterministic. Inactive (a no-op) unless armed.
/// </summary>
public sealed class SaveRendezvous : SaveChangesInterceptor
{
    private Gate? _gate;

    /// <summary>Arms the gate for the next <paramref name="participants"/> saves; dispose to disarm.</summary>
    public IDisposable Arm(int participants)
    {
        var gate = new Gate(participants);
        if (Interlocked.CompareExchange(ref _gate, gate, null) is not null)
        {
            throw new InvalidOperationException("SaveRendezvous is already armed.");
        }

        return new Disarm(this, gate);
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        var gate = Volatile.Read(ref _gate);
        if (gate is not null && eventData.Context is { } context
            && context.ChangeTracker.Entries<Manifestation>().Any(e => e.State == EntityState.Modified))
        {
            await gate.ArriveAsync(cancellationToken);
        }

        return result;
    }

    private sealed class Gate(int participants)
    {
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _arrived;

        public Task ArriveAsync(CancellationToken cancellationToken)
        {
            var arrived = Interlocked.Increment(ref _arrived);
            if (arrived > participants)
            {
                return Task.CompletedTask;
            }

            if (arrived == participants)
            {
                _all.TrySetResult();
            }

            return _all.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }
    }

    private sealed class Disarm(SaveRendezvous owner, Gate gate) : IDisposable
    {
        public void Dispose() => Interlocked.CompareExchange(ref owner._gate, null, gate);
    }
}
