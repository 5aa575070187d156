using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Ouvidoria.Infrastructure.Persistence;
using Ouvidoria.Infrastructure.Persistence.Protection;

namespace Ouvidoria.Infrastructure.Audit;

/// <summary>
/// Brings a database that existed before the <see cref="MigrationName"/> migration up to it, once,
/// in the start-up that applies that migration (the migration already numbered the old history in
/// SQL; what needs the keys is done here): encrypts the requesters' identity columns, which held
/// plain text, and seals the existing history chains. From then on the history is sealed as it is
/// written. Run only when the migration was pending, never again: a later run would reseal whatever
/// someone had written into the database meanwhile.
/// </summary>
public sealed class AuditIntegrityUpgrade(IDbContextFactory<OuvidoriaDbContext> factory, IDataProtectionProvider dataProtection, HistoryChain chain)
{
    /// <summary>The migration (both providers) that adds the chain columns and widens the identity columns.</summary>
    public const string MigrationName = "AuditIntegrity";

    private const int BatchSize = 200;

    private static readonly string[] IdentityUpdates =
    [
        "UPDATE \"Manifestations\" SET \"RequesterName\" = {0} WHERE \"Id\" = {1}",
        "UPDATE \"Manifestations\" SET \"RequesterEmail\" = {0} WHERE \"Id\" = {1}",
        "UPDATE \"Manifestations\" SET \"RequesterPhone\" = {0} WHERE \"Id\" = {1}",
    ];

    /// <summary>True for a database that has migrations applied but not yet <see cref="MigrationName"/> (a fresh one needs nothing).</summary>
    public static bool IsNeededAfter(IReadOnlyCollection<string> appliedMigrations) =>
        appliedMigrations.Count > 0 && !appliedMigrations.Any(m => m.EndsWith("_" + MigrationName, StringComparison.Ordinal));

    public async Task RunAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await EncryptIdentityAsync(db, ct);
        await SealHistoryAsync(db, ct);
        await transaction.CommitAsync(ct);
    }

    private async Task EncryptIdentityAsync(OuvidoriaDbContext db, CancellationToken ct)
    {
        var protector = dataProtection.CreateProtector(IdentityProtection.Purpose);
        var rows = await db.Database.SqlQueryRaw<PlainRequester>(
                "SELECT \"Id\", \"RequesterName\", \"RequesterEmail\", \"RequesterPhone\" FROM \"Manifestations\" WHERE \"RequesterName\" IS NOT NULL")
            .ToListAsync(ct);
        foreach (var row in rows)
        {
            string?[] values = [row.RequesterName, row.RequesterEmail, row.RequesterPhone];
            for (var i = 0; i < IdentityUpdates.Length; i++)
            {
                if (values[i] is { } plain)
                {
                    await db.Database.ExecuteSqlRawAsync(IdentityUpdates[i], [protector.Protect(plain), row.Id], ct);
                }
            }
        }
    }

    private async Task SealHistoryAsync(OuvidoriaDbContext db, CancellationToken ct)
    {
        var heads = await db.Set<StoredChainHead>().AsNoTracking().Select(h => h.Id).ToListAsync(ct);
        foreach (var batch in heads.Chunk(BatchSize))
        {
            var rows = new List<StoredHistoryRow>();
            await foreach (var row in HistoryVerifier.Rows(db, [.. batch]).WithCancellation(ct))
            {
                rows.Add(row);
            }

            foreach (var group in rows.GroupBy(r => r.ManifestationId))
            {
                string? last = null;
                var length = 0;
                foreach (var row in group)
                {
                    var hash = chain.EntryHash(row.ManifestationId, row.Sequence, row.Action, row.ActorId, row.ActorName, row.Details, row.At, last);
                    var previous = last;
                    await db.History.Where(h => h.Id == row.Id)
                        .ExecuteUpdateAsync(s => s.SetProperty(h => h.PreviousHash, previous).SetProperty(h => h.Hash, hash), ct);
                    last = hash;
                    length = row.Sequence;
                }

                var seal = chain.Seal(group.Key, length, last);
                await db.Manifestations.Where(m => m.Id == group.Key)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => EF.Property<string?>(m, OuvidoriaDbContext.HistorySeal), seal), ct);
            }
        }
    }

    private sealed class PlainRequester
    {
        public Guid Id { get; set; }

        public string? RequesterName { get; set; }

        public string? RequesterEmail { get; set; }

        public string? RequesterPhone { get; set; }
    }
}
