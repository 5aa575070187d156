using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Npgsql;
using Ouvidoria.Domain.Manifestations;

namespace Ouvidoria.Infrastructure.Persistence;

/// <summary>
/// The tamper-evident history, at the one place every entry passes through: the save. New entries
/// of each manifestation get the next sequence numbers, the previous entry's hash and their own keyed
/// hash; the manifestation row gets the new length and seal. Two contexts appending to the same chain
/// cannot both commit (no fork): the loser hits the unique (manifestation, sequence) index or the
/// <see cref="HistoryLength"/> concurrency token. When the only thing that moved meanwhile is the
/// chain (someone else's access was logged), the save is linked again on the new head and retried;
/// otherwise it is the usual optimistic-concurrency conflict. See docs/decisions/0011-tamper-evident-history.md.
/// </summary>
public sealed partial class OuvidoriaDbContext
{
    /// <summary>Shadow property of Manifestation: how many history entries its chain has.</summary>
    public const string HistoryLength = nameof(HistoryLength);

    /// <summary>Shadow property of Manifestation: the keyed seal over (id, length, last hash).</summary>
    public const string HistorySeal = nameof(HistorySeal);

    private const int MaxSaveAttempts = 20;

    private const string ChainIndex = "IX_History_ManifestationId_Sequence";

    private async Task<int> SaveWithHistoryAsync(bool async, bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            BumpVersions();
            MarkReportMonths();
            await LinkHistoryAsync(async, cancellationToken);
            try
            {
                return async
                    ? await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken)
                    : base.SaveChanges(acceptAllChangesOnSuccess);
            }
            catch (DbUpdateException failure) when (attempt < MaxSaveAttempts && Database.CurrentTransaction is null && ChainOwners(failure) is { Count: > 0 } owners)
            {
                // Our own transaction was rolled back: nothing of this attempt was written.
                if (!await OnlyTheChainMovedAsync(owners, async, cancellationToken))
                {
                    if (failure is DbUpdateConcurrencyException)
                    {
                        throw;
                    }

                    throw new DbUpdateConcurrencyException("A manifestação foi alterada por outra operação (posição do histórico já ocupada).", failure);
                }

                // Each round of a race has a winner; a short random pause spreads the others.
                var pause = TimeSpan.FromMilliseconds(Random.Shared.Next(1, 5 * attempt));
                if (async)
                {
                    await Task.Delay(pause, cancellationToken);
                }
                else
                {
                    Thread.Sleep(pause);
                }
            }
        }
    }

    private async Task LinkHistoryAsync(bool async, CancellationToken cancellationToken)
    {
        if (ChangeTracker.Entries<HistoryEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("O histórico de ações é somente de acréscimo: seus registros não são alterados nem excluídos.");
        }

        foreach (var owner in ChangeTracker.Entries<Manifestation>().Where(e => e.State is not EntityState.Deleted).ToList())
        {
            var added = owner.Entity.History.Where(h => Entry(h).State == EntityState.Added).ToList();
            if (added.Count == 0)
            {
                continue;
            }

            var id = owner.Entity.Id;
            var length = owner.State == EntityState.Added ? 0 : owner.Property<int>(HistoryLength).OriginalValue;
            var last = length == 0 ? null : await HashOfAsync(id, length, async, cancellationToken);
            foreach (var history in added)
            {
                var entry = Entry(history);
                length++;
                var hash = historyChain.EntryHash(id, length, history.Action.ToString(), history.ActorId, history.ActorName, history.Details, history.At, last);
                entry.Property(h => h.Sequence).CurrentValue = length;
                entry.Property(h => h.PreviousHash).CurrentValue = last;
                entry.Property(h => h.Hash).CurrentValue = hash;
                last = hash;
            }

            SetCurrent(owner, HistoryLength, length);
            SetCurrent(owner, HistorySeal, historyChain.Seal(id, length, last));
        }

        if (ChangeTracker.Entries<HistoryEntry>().Any(e => e.State == EntityState.Added && e.Entity.Hash is null))
        {
            throw new InvalidOperationException("Registros de histórico são acrescentados pela manifestação (Manifestation), nunca diretamente.");
        }
    }

    /// <summary>
    /// After a conflict: true when the save may simply be linked again on the new chain head — when
    /// every conflicting manifestation still has the version we loaded (only its chain grew: another
    /// access was logged), or when this save only appends history (an access needs no particular
    /// state, so an edit saved meanwhile does not invalidate it). A changed version under a save
    /// that also edits the aggregate is a real conflict: false.
    /// </summary>
    private async Task<bool> OnlyTheChainMovedAsync(IReadOnlyList<EntityEntry> entries, bool async, CancellationToken cancellationToken)
    {
        // Owned types sharing the manifestation's row (requester, deadline) show as Modified with the row.
        var appendOnly = ChangeTracker.Entries().All(e =>
            e.State == EntityState.Unchanged
            || (e.State == EntityState.Added && e.Entity is HistoryEntry)
            || (e.State == EntityState.Modified && (e.Entity is Manifestation || e.Metadata.IsOwned())
                && e.Properties.All(p => !p.IsModified || IsChainOrVersion(p.Metadata.Name))));
        foreach (var entry in entries)
        {
            var current = async ? await entry.GetDatabaseValuesAsync(cancellationToken) : entry.GetDatabaseValues();
            if (current is null)
            {
                return false;
            }

            if (!Equals(current[nameof(Manifestation.Version)], entry.OriginalValues[nameof(Manifestation.Version)]))
            {
                if (!appendOnly)
                {
                    return false;
                }

                // Take the new version as ours, unchanged: this save does not bump it.
                var version = entry.Property(nameof(Manifestation.Version));
                version.OriginalValue = current[nameof(Manifestation.Version)];
                version.CurrentValue = current[nameof(Manifestation.Version)];
                version.IsModified = false;
            }

            entry.OriginalValues[HistoryLength] = current[HistoryLength];
            entry.OriginalValues[HistorySeal] = current[HistorySeal];
        }

        return entries.Count > 0;
    }

    /// <summary>
    /// The manifestations a failed save was appending to, when the failure is a chain race: a stale
    /// manifestation row (concurrency token) or a history position taken meanwhile (unique index).
    /// </summary>
    private List<EntityEntry> ChainOwners(DbUpdateException failure)
    {
        if (failure is DbUpdateConcurrencyException)
        {
            return failure.Entries.All(e => e.Entity is Manifestation) ? [.. failure.Entries] : [];
        }

        var positionTaken = failure.InnerException switch
        {
            PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation && postgres.ConstraintName == ChainIndex,
            SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.Message.Contains("History.ManifestationId, History.Sequence", StringComparison.Ordinal),
            _ => false,
        };
        return positionTaken
            ? [.. ChangeTracker.Entries<Manifestation>().Where(e => e.State == EntityState.Modified && e.Entity.History.Any(h => Entry(h).State == EntityState.Added))]
            : [];
    }

    private async Task<string?> HashOfAsync(Guid manifestationId, int sequence, bool async, CancellationToken cancellationToken)
    {
        // A missing entry means the stored chain is already broken: keep logging (availability) and
        // let the verifier report the break, which this link cannot hide.
        var query = History.AsNoTracking().Where(h => h.ManifestationId == manifestationId && h.Sequence == sequence).Select(h => h.Hash);
        return async ? await query.FirstOrDefaultAsync(cancellationToken) : query.FirstOrDefault();
    }

    private static void SetCurrent<T>(EntityEntry owner, string property, T value)
    {
        var entry = owner.Property(property);
        entry.CurrentValue = value;
        if (owner.State != EntityState.Added)
        {
            entry.IsModified = true;
        }
    }

    /// <summary>Properties whose change alone does not bump <see cref="Manifestation.Version"/>.</summary>
    private static bool IsChainOrVersion(string property) =>
        property is HistoryLength or HistorySeal or nameof(Manifestation.Version);
}
