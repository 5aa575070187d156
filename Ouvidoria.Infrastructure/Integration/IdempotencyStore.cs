using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Ouvidoria.Infrastructure.Persistence;

namespace Ouvidoria.Infrastructure.Integration;

/// <summary>What a request with an <c>Idempotency-Key</c> is to do.</summary>
public abstract record IdempotencyStart
{
    private IdempotencyStart()
    {
    }

    /// <summary>First time: run the request and complete <see cref="RecordId"/> with its response.</summary>
    public sealed record Reserved(Guid RecordId, DateTimeOffset ReservedAt) : IdempotencyStart;

    /// <summary>Done before: answer this, and do nothing.</summary>
    public sealed record Replay(int StatusCode, string Response) : IdempotencyStart;

    /// <summary>The first request with this key is still running.</summary>
    public sealed record InProgress : IdempotencyStart;

    /// <summary>The key was used with another request.</summary>
    public sealed record Mismatch : IdempotencyStart;
}

/// <summary>
/// Idempotency keys of the integration API's POSTs. A request reserves its key (a unique index
/// settles two concurrent requests); the use case completes the reservation IN THE SAME
/// TRANSACTION as its change (<see cref="CompleteAsync"/>), so "changed" and "answered" are one
/// fact: a crash leaves either both or neither. A reservation older than <see cref="StaleAfter"/>
/// without a response therefore changed nothing and is taken over by the next retry (once, through
/// a concurrency token). A request that fails validation releases its key.
/// </summary>
public sealed class IdempotencyStore(IDbContextFactory<OuvidoriaDbContext> factory, IDataProtectionProvider dataProtection, TimeProvider clock)
{
    public const string Purpose = "Ouvidoria.Api.Idempotency.v1";

    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(2);

    private readonly IDataProtector _protector = dataProtection.CreateProtector(Purpose);

    public async Task<IdempotencyStart> StartAsync(Guid apiKeyId, string key, string fingerprint, CancellationToken ct = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var now = clock.GetUtcNow();
            var existing = await db.IdempotencyRecords.FirstOrDefaultAsync(r => r.ApiKeyId == apiKeyId && r.Key == key, ct);
            try
            {
                if (existing is null)
                {
                    var record = new IdempotencyRecord(apiKeyId, key, fingerprint, now);
                    db.IdempotencyRecords.Add(record);
                    await db.SaveChangesAsync(ct);
                    return new IdempotencyStart.Reserved(record.Id, record.ReservedAt);
                }

                if (existing.Fingerprint != fingerprint)
                {
                    return new IdempotencyStart.Mismatch();
                }

                if (existing.IsCompleted)
                {
                    return new IdempotencyStart.Replay(existing.StatusCode!.Value, _protector.Unprotect(existing.ProtectedResponse!));
                }

                if (now - existing.ReservedAt < StaleAfter)
                {
                    return new IdempotencyStart.InProgress();
                }

                existing.TakeOver(now);
                await db.SaveChangesAsync(ct);
                return new IdempotencyStart.Reserved(existing.Id, existing.ReservedAt);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another request inserted or took over the key first: read what it left.
            }
        }
    }

    /// <summary>
    /// Adds the response to <paramref name="db"/>'s pending changes: saved with the use case's own
    /// change. Fails the save (concurrency) if another request took the reservation over meanwhile.
    /// </summary>
    public async Task CompleteAsync(OuvidoriaDbContext db, IdempotencyStart.Reserved reservation, int statusCode, string response, CancellationToken ct = default)
    {
        var record = await db.IdempotencyRecords.FirstAsync(r => r.Id == reservation.RecordId, ct);
        if (record.ReservedAt != reservation.ReservedAt)
        {
            throw new DbUpdateConcurrencyException("Idempotency reservation taken over by another request.");
        }

        record.Complete(statusCode, _protector.Protect(response), clock.GetUtcNow());
    }

    /// <summary>Frees the key of a request that changed nothing (e.g. refused as invalid), so it can be corrected and retried.</summary>
    public async Task ReleaseAsync(IdempotencyStart.Reserved reservation, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.IdempotencyRecords
            .Where(r => r.Id == reservation.RecordId && r.ReservedAt == reservation.ReservedAt && r.CompletedAt == null)
            .ExecuteDeleteAsync(ct);
    }

    /// <summary>Deletes the records older than <see cref="Retention"/> (the retention job).</summary>
    public async Task<int> PurgeAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var before = clock.GetUtcNow() - Retention;
        return await db.IdempotencyRecords.Where(r => r.CreatedAt < before).ExecuteDeleteAsync(ct);
    }
}
