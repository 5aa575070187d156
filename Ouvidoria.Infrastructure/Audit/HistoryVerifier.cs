using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Persistence;

namespace Ouvidoria.Infrastructure.Audit;

/// <summary>The first entry of a manifestation's chain that does not verify, and why (pt-BR).</summary>
public sealed record BrokenChain(Guid ManifestationId, string Nup, int Sequence, DateTimeOffset? At, string? Action, string Problem)
{
    /// <summary>The action's pt-BR label when it is a known action, else the stored text.</summary>
    public string? ActionLabel => Action is null ? null : Enum.TryParse<HistoryAction>(Action, out var known) ? known.Label() : Action;
}

/// <summary>The result of checking every manifestation's chain.</summary>
public sealed record HistoryVerification(int Manifestations, long Entries, IReadOnlyList<BrokenChain> Broken)
{
    public bool Intact => Broken.Count == 0;
}

/// <summary>
/// Recomputes the history chains (docs/decisions/0011-tamper-evident-history.md): for each
/// manifestation, entries 1…n in order, each linked to the previous hash and matching its own keyed
/// hash, and the row's seal matching (n, last hash). Streams: manifestations in batches, their
/// entries as a forward-only reader; memory holds one batch's chain states, never the log.
/// </summary>
public sealed class HistoryVerifier(IDbContextFactory<OuvidoriaDbContext> factory, HistoryChain chain)
{
    private const int BatchSize = 200;

    /// <summary>Null when the manifestation's chain is intact (or the manifestation does not exist).</summary>
    public async Task<BrokenChain?> VerifyAsync(Guid manifestationId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var head = await db.Set<StoredChainHead>().AsNoTracking().FirstOrDefaultAsync(h => h.Id == manifestationId, ct);
        if (head is null)
        {
            return null;
        }

        var walk = new ChainWalk(chain, head);
        await foreach (var row in Rows(db, [manifestationId]).WithCancellation(ct))
        {
            walk.Add(row);
        }

        return walk.Finish();
    }

    /// <summary>Every manifestation; the first broken entry of each broken chain.</summary>
    public async Task<HistoryVerification> VerifyAllAsync(CancellationToken ct = default)
    {
        await using var headsDb = await factory.CreateDbContextAsync(ct);
        await using var rowsDb = await factory.CreateDbContextAsync(ct);
        var broken = new List<BrokenChain>();
        var manifestations = 0;
        long entries = 0;
        var batch = new List<StoredChainHead>(BatchSize);

        async Task CheckBatchAsync()
        {
            var walks = batch.ToDictionary(h => h.Id, h => new ChainWalk(chain, h));
            await foreach (var row in Rows(rowsDb, [.. walks.Keys]).WithCancellation(ct))
            {
                walks[row.ManifestationId].Add(row);
                entries++;
            }

            broken.AddRange(walks.Values.Select(w => w.Finish()).OfType<BrokenChain>());
            manifestations += batch.Count;
            batch.Clear();
        }

        await foreach (var head in headsDb.Set<StoredChainHead>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            batch.Add(head);
            if (batch.Count == BatchSize)
            {
                await CheckBatchAsync();
            }
        }

        if (batch.Count > 0)
        {
            await CheckBatchAsync();
        }

        return new HistoryVerification(manifestations, entries, broken.OrderBy(b => b.Nup, StringComparer.Ordinal).ToList());
    }

    /// <summary>The entries of these manifestations, grouped by manifestation, in sequence order.</summary>
    internal static IAsyncEnumerable<StoredHistoryRow> Rows(OuvidoriaDbContext db, List<Guid> manifestationIds) =>
        db.Set<StoredHistoryRow>().AsNoTracking()
            .Where(r => manifestationIds.Contains(r.ManifestationId))
            .OrderBy(r => r.ManifestationId).ThenBy(r => r.Sequence)
            .AsAsyncEnumerable();

    /// <summary>Walks one chain entry by entry; remembers only the first problem.</summary>
    private sealed class ChainWalk(HistoryChain chain, StoredChainHead head)
    {
        private int expected = 1;
        private string? last;
        private BrokenChain? broken;

        public void Add(StoredHistoryRow row)
        {
            if (broken is not null)
            {
                return;
            }

            if (row.Sequence != expected)
            {
                broken = row.Sequence > expected
                    ? Break(expected, null, null, $"Registro nº {expected} ausente: a sequência salta para {row.Sequence}.")
                    : Break(row, "Registro duplicado ou fora da sequência.");
                return;
            }

            if (expected > head.HistoryLength)
            {
                broken = Break(row, $"Registro acrescentado além do selo da cadeia ({head.HistoryLength} registros selados).");
                return;
            }

            if (row.Hash is null)
            {
                broken = Break(row, "Registro sem selo.");
                return;
            }

            if (!HistoryChain.SameHash(last, row.PreviousHash))
            {
                broken = Break(row, "Encadeamento rompido: o registro anterior não é o que foi selado.");
                return;
            }

            var computed = chain.EntryHash(head.Id, row.Sequence, row.Action, row.ActorId, row.ActorName, row.Details, row.At, row.PreviousHash);
            if (!HistoryChain.SameHash(computed, row.Hash))
            {
                broken = Break(row, "Conteúdo alterado: ação, autor, detalhes ou data diferem do que foi selado.");
                return;
            }

            last = row.Hash;
            expected++;
        }

        public BrokenChain? Finish()
        {
            if (broken is not null)
            {
                return broken;
            }

            var length = expected - 1;
            if (length == 0)
            {
                return Break(1, null, null, "Histórico ausente: toda manifestação tem ao menos o registro do cadastro.");
            }

            if (length < head.HistoryLength)
            {
                return Break(length + 1, null, null, $"Registros finais ausentes: a cadeia selada tem {head.HistoryLength} registros, restam {length}.");
            }

            return HistoryChain.SameHash(chain.Seal(head.Id, length, last), head.HistorySeal)
                ? null
                : Break(length, null, null, "Selo da cadeia inválido: o comprimento ou o último registro não conferem.");
        }

        private BrokenChain Break(StoredHistoryRow row, string problem) => Break(row.Sequence, row.At, row.Action, problem);

        private BrokenChain Break(int sequence, DateTimeOffset? at, string? action, string problem) =>
            new(head.Id, FormatNup(head.Nup), sequence, at, action, problem);

        private static string FormatNup(string digits) => Nup.TryParse(digits, out var nup) ? nup.ToString() : digits;
    }
}
