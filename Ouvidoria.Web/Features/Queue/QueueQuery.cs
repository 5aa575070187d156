using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Persistence;
using Ouvidoria.Web.Features.Shared;

namespace Ouvidoria.Web.Features.Queue;

public enum QueueSort
{
    /// <summary>"Mais antiga": oldest registration first (the Fala.BR default).</summary>
    Oldest,

    /// <summary>Nearest deadline first (overdue on top).</summary>
    Deadline,

    Newest,
}

/// <summary>The filters of the "Tratar" screen.</summary>
public sealed record QueueFilter
{
    public ManifestationType? Type { get; init; }

    public ManifestationStatus? Status { get; init; }

    public Guid? UnitId { get; init; }

    public bool OverdueOnly { get; init; }

    /// <summary>"Demanda resolvida?" yes/no (concluded manifestations).</summary>
    public bool? Resolved { get; init; }

    /// <summary>A NUP with or without separators.</summary>
    public string? Nup { get; init; }

    /// <summary>Only manifestations still owed an answer (the default view).</summary>
    public bool OpenOnly { get; init; }

    public QueueSort Sort { get; init; } = QueueSort.Oldest;
}

public sealed record QueueRow(
    Guid Id,
    string Nup,
    ManifestationType Type,
    ManifestationStatus Status,
    DateTimeOffset RegisteredAt,
    DateTimeOffset DueAt,
    Priority Priority,
    int DaysLeft,
    string Units,
    string? Preview,
    bool ClockPaused = false,
    DateTimeOffset? OtherDueAt = null)
{
    /// <summary>Collaborators see their unit's deadline first and the citizen's second; the office the reverse.</summary>
    public string? OtherDueLabel { get; init; }
}

public sealed record QueuePage(IReadOnlyList<QueueRow> Items, int Total);

/// <summary>
/// The treatment queue: server-side paged, filtered and sorted in the database. Collaborators see
/// only manifestations forwarded to them or their unit, with THEIR unit's deadline and the
/// pseudonymized extract as preview; previews of denúncias and comunicações are never listed.
/// </summary>
/// <remarks>
/// Three short statements instead of one wide one (docs/decisions/0015-scale-indexes.md): the
/// pager's total and the page's ids over a narrow projection (id and sort key), which the
/// database answers from indexes without reading the wide rows; then the page's 20 rows by id.
/// </remarks>
public sealed class QueueQuery(IDbContextFactory<OuvidoriaDbContext> factory, TimeProvider clock)
{
    public const int PreviewLength = 140;

    /// <summary>Still owed an answer: <see cref="ManifestationStatusLabels.IsOpen"/> in the database.</summary>
    private static readonly Expression<Func<Manifestation, bool>> IsOpen = m => m.Status == ManifestationStatus.Registered
        || m.Status == ManifestationStatus.InTriage || m.Status == ManifestationStatus.AwaitingComplement || m.Status == ManifestationStatus.InTreatment;

    /// <summary>Answered, concluded or archived: the negation of <see cref="IsOpen"/>, written out so both databases compare constants.</summary>
    private static readonly Expression<Func<Manifestation, bool>> IsNoLongerOpen = m => m.Status != ManifestationStatus.Registered
        && m.Status != ManifestationStatus.InTriage && m.Status != ManifestationStatus.AwaitingComplement && m.Status != ManifestationStatus.InTreatment;

    public async Task<Result<QueuePage>> ExecuteAsync(QueueFilter filter, Actor actor, int skip, int take, CancellationToken cancellationToken = default)
    {
        if (actor.Kind is not (ActorKind.Ombudsman or ActorKind.Collaborator or ActorKind.Manager))
        {
            return Error.Forbidden();
        }

        Nup? nup = null;
        if (!string.IsNullOrWhiteSpace(filter.Nup))
        {
            if (!Nup.TryParse(filter.Nup, out var parsed, out var error))
            {
                return Error.Validation(error);
            }

            nup = parsed;
        }

        take = Math.Clamp(take, 1, 100);
        skip = Math.Max(0, skip);
        var now = clock.GetUtcNow();
        // The pager's total and the page's ids do not depend on each other, nor do the page's rows
        // and their units: each pair is read at once, on two connections (pooled; SQLite's WAL
        // readers do not block each other), so the page waits for the slower of each pair only.
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var other = await factory.CreateDbContextAsync(cancellationToken);
        var totalRead = Keys(other, filter, nup, actor, now).CountAsync(cancellationToken);
        var keys = Keys(db, filter, nup, actor, now);
        var ordered = filter.Sort switch
        {
            QueueSort.Oldest or QueueSort.Deadline => keys.OrderBy(k => k.SortKey).ThenBy(k => k.Id),
            QueueSort.Newest => keys.OrderByDescending(k => k.SortKey).ThenByDescending(k => k.Id),
        };
        var idsRead = ordered.Skip(skip).Take(take).Select(k => k.Id).ToListAsync(cancellationToken);
        await Task.WhenAll(totalRead, idsRead);
        var (total, ids) = (totalRead.Result, idsRead.Result);
        var items = await RowsAsync(db, other, ids, actor, now, cancellationToken);
        return new QueuePage(items, total);
    }

    /// <summary>
    /// The manifestations of the filter as (id, sort key). The default view of a unit (still owed an
    /// answer, no status chosen) is its open manifestations plus its pending treatments on
    /// manifestations no longer open (a treatment reopened after the answer): exactly the
    /// manifestations of its treatments flagged <see cref="Assignment.InQueue"/>, which the aggregate
    /// keeps on every save. That set is read from the small partial indexes of those treatments
    /// (<see cref="QueuedFor"/>), already carrying the registration date the default order needs,
    /// so the pager's total and the page's ids of a unit's queue read no manifestation at all.
    /// </summary>
    private static IQueryable<QueueKey> Keys(OuvidoriaDbContext db, QueueFilter filter, Nup? nup, Actor actor, DateTimeOffset now)
    {
        var manifestations = db.Manifestations.AsNoTracking();
        if (!actor.IsCollaborator)
        {
            return Project(Filter(filter.OpenOnly && filter.Status is null ? manifestations.Where(IsOpen) : manifestations, filter, nup, actor, now), filter.Sort, actor);
        }

        if (!filter.OpenOnly || filter.Status is not null)
        {
            var mine = AssignmentFilters.Of(actor);
            return Project(Filter(manifestations.Where(m => m.Assignments.AsQueryable().Any(mine)), filter, nup, actor, now), filter.Sort, actor);
        }

        var queued = QueuedFor(db, actor);
        var narrowed = nup is not null || filter.Type is not null || filter.UnitId is not null || filter.Resolved is not null || filter.OverdueOnly;
        if (!narrowed && filter.Sort != QueueSort.Deadline)
        {
            return queued;
        }

        var ids = queued.Select(k => k.Id);
        return Project(Filter(manifestations.Where(m => ids.Contains(m.Id)), filter, nup, actor, now), filter.Sort, actor);
    }

    /// <summary>
    /// The manifestations in the default queue of a collaborator (see <see cref="Keys"/>), as (id,
    /// registration): their unit's treatments and those named to them, each from its own partial
    /// index (IX_Assignments_UnitQueue, IX_Assignments_CollaboratorQueue), without duplicates
    /// (two treatments of one unit list their manifestation once). Written as one OR, neither
    /// database could start from both indexes.
    /// </summary>
    private static IQueryable<QueueKey> QueuedFor(OuvidoriaDbContext db, Actor actor)
    {
        var unitId = actor.UnitId;
        var userId = actor.UserId;
        var assignments = db.Assignments.AsNoTracking().Where(a => a.InQueue);
        var byUnit = unitId is null ? null : assignments.Where(a => a.UnitId == unitId).Select(a => new QueueKey { Id = a.ManifestationId, SortKey = a.ManifestationRegisteredAt });
        var byName = userId is null ? null : assignments.Where(a => a.CollaboratorId == userId).Select(a => new QueueKey { Id = a.ManifestationId, SortKey = a.ManifestationRegisteredAt });
        return (byUnit, byName) switch
        {
            ({ } unit, { } named) => unit.Union(named),
            ({ } unit, null) => unit.Distinct(),
            (null, { } named) => named.Distinct(),
            _ => assignments.Where(a => false).Select(a => new QueueKey { Id = a.ManifestationId, SortKey = a.ManifestationRegisteredAt }),
        };
    }

    /// <summary>The filters of the screen other than the view (who sees what, still owed an answer).</summary>
    private static IQueryable<Manifestation> Filter(IQueryable<Manifestation> query, QueueFilter filter, Nup? nup, Actor actor, DateTimeOffset now)
    {
        if (nup is { } value)
        {
            query = query.Where(m => m.Nup == value);
        }

        if (filter.Type is { } type)
        {
            query = query.Where(m => m.Type == type);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(m => m.Status == status);
        }

        if (filter.UnitId is { } filterUnit)
        {
            query = query.Where(m => m.Assignments.Any(a => a.UnitId == filterUnit));
        }

        if (filter.Resolved is { } resolved)
        {
            query = query.Where(m => m.Resolved == resolved);
        }

        if (filter.OverdueOnly)
        {
            // Overdue = the deadline that binds the viewer has passed while it still runs: for a unit,
            // one of its open responsible treatments; for the office, the citizen's (not while suspended).
            query = actor.IsCollaborator
                ? query.Where(m => m.Assignments.AsQueryable().Any(AssignmentFilters.OverdueFor(actor, now)))
                : query.Where(IsOpen).Where(m => m.CitizenDeadline.DueAt < now && m.ClockPausedAt == null);
        }

        return query;
    }

    /// <summary>Id and sort key only: the count and the page's ids read no wide row.</summary>
    private static IQueryable<QueueKey> Project(IQueryable<Manifestation> query, QueueSort sort, Actor actor)
    {
        if (sort != QueueSort.Deadline)
        {
            return query.Select(m => new QueueKey { Id = m.Id, SortKey = m.RegisteredAt });
        }

        // The deadline that matters to the viewer (see RowsAsync).
        var pending = AssignmentFilters.PendingFor(actor);
        return actor.IsCollaborator
            ? query.Select(m => new QueueKey { Id = m.Id, SortKey = m.Assignments.AsQueryable().Where(pending).Min(a => (DateTimeOffset?)a.Deadline.DueAt) ?? m.CitizenDeadline.DueAt })
            : query.Select(m => new QueueKey { Id = m.Id, SortKey = m.CitizenDeadline.DueAt });
    }

    /// <summary>The page's rows, in the order of <paramref name="ids"/>.</summary>
    private static async Task<List<QueueRow>> RowsAsync(OuvidoriaDbContext db, OuvidoriaDbContext other, List<Guid> ids, Actor actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var isCollaborator = actor.IsCollaborator;
        var isOmbudsman = actor.IsOmbudsman;
        var pending = AssignmentFilters.PendingFor(actor);
        var pageRead = db.Manifestations.AsNoTracking()
            .Where(m => ids.Contains(m.Id))
            .Select(m => new
            {
                m.Id,
                m.Nup,
                m.Type,
                m.Status,
                m.RegisteredAt,
                // The deadline that matters to the viewer: the unit's open responsible treatment for
                // collaborators (as Manifestation.DeadlineFor), the citizen's otherwise.
                DueAt = isCollaborator
                    ? m.Assignments.AsQueryable().Where(pending).Min(a => (DateTimeOffset?)a.Deadline.DueAt) ?? m.CitizenDeadline.DueAt
                    : m.CitizenDeadline.DueAt,
                // Both deadlines everywhere: the citizen's for units, the earliest open unit deadline for the office.
                OtherDueAt = isCollaborator
                    ? (DateTimeOffset?)m.CitizenDeadline.DueAt
                    : m.Assignments.AsQueryable().Where(a => a.Role == AssignmentRole.Responsible && a.Status == TreatmentStatus.Open).Min(a => (DateTimeOffset?)a.Deadline.DueAt),
                ClockPaused = m.ClockPausedAt != null,
                // Only the ombudsman reads the citizen's own words; everyone else the pseudonymized extract.
                Preview = m.Type == ManifestationType.Denunciation || m.Type == ManifestationType.Communication
                    ? null
                    : isOmbudsman
                        ? m.Description.Substring(0, PreviewLength + 1)
                        : m.Extract == null ? null : m.Extract.Substring(0, PreviewLength + 1),
            })
            .ToDictionaryAsync(p => p.Id, cancellationToken);

        var unitsRead = other.Assignments.AsNoTracking()
            .Where(a => ids.Contains(a.ManifestationId) && a.Role == AssignmentRole.Responsible)
            .Join(other.Units, a => a.UnitId, u => u.Id, (a, u) => new { a.ManifestationId, u.Name })
            .ToListAsync(cancellationToken);
        await Task.WhenAll(pageRead, unitsRead);
        var (page, units) = (pageRead.Result, unitsRead.Result);
        var unitsByManifestation = units.GroupBy(u => u.ManifestationId)
            .ToDictionary(g => g.Key, g => string.Join(", ", g.Select(x => x.Name).Distinct().Order()));

        return ids.Where(page.ContainsKey).Select(id => page[id]).Select(p => new QueueRow(
            p.Id,
            p.Nup.ToString(),
            p.Type,
            p.Status,
            p.RegisteredAt,
            p.DueAt,
            p.Status.IsOpen() && !(p.ClockPaused && !isCollaborator) ? DeadlinePolicy.PriorityOf(p.DueAt, now) : Priority.Normal,
            DeadlinePolicy.DaysLeft(p.DueAt, now),
            unitsByManifestation.GetValueOrDefault(p.Id, "—"),
            p.Preview is null ? null : (p.Preview.Length > PreviewLength ? p.Preview[..PreviewLength] + "…" : p.Preview),
            p.ClockPaused && !isCollaborator,
            p.OtherDueAt)
        {
            OtherDueLabel = p.OtherDueAt is null ? null : isCollaborator ? "cidadão" : "unidade",
        })
            .ToList();
    }

    /// <summary>A manifestation of the filter and the key it sorts by.</summary>
    private sealed class QueueKey
    {
        public Guid Id { get; init; }

        public DateTimeOffset SortKey { get; init; }
    }
}
