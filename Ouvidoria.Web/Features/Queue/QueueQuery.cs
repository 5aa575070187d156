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
public sealed class QueueQuery(IDbContextFactory<OuvidoriaDbContext> factory, TimeProvider clock)
{
    public const int PreviewLength = 140;

    public async Task<Result<QueuePage>> ExecuteAsync(QueueFilter filter, Actor actor, int skip, int take, CancellationToken cancellationToken = default)
    {
        if (actor.Kind is not (ActorKind.Ombudsman or ActorKind.Collaborator or ActorKind.Manager))
        {
            return Error.Forbidden();
        }

        take = Math.Clamp(take, 1, 100);
        skip = Math.Max(0, skip);
        var now = clock.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var query = db.Manifestations.AsNoTracking();

        var isCollaborator = actor.IsCollaborator;
        var isOmbudsman = actor.IsOmbudsman;
        var mine = AssignmentFilters.Of(actor);
        var pending = AssignmentFilters.PendingFor(actor);
        // The default view of a unit (still owed an answer, no status chosen): its pending treatments,
        // found through IX_Assignments_UnitId_Status, plus the open manifestations it takes part in.
        // Same set as the general filters below, written so the database starts from the indexes
        // instead of testing every manifestation of the office.
        var unitOpenView = isCollaborator && filter.OpenOnly && filter.Status is null;
        if (unitOpenView)
        {
            var pendingIds = db.Assignments.Where(pending).Select(a => a.ManifestationId);
            query = query.Where(m => pendingIds.Contains(m.Id)
                || ((m.Status == ManifestationStatus.Registered || m.Status == ManifestationStatus.InTriage
                    || m.Status == ManifestationStatus.AwaitingComplement || m.Status == ManifestationStatus.InTreatment)
                    && m.Assignments.AsQueryable().Any(mine)));
        }
        else if (isCollaborator)
        {
            query = query.Where(m => m.Assignments.AsQueryable().Any(mine));
        }

        if (!string.IsNullOrWhiteSpace(filter.Nup))
        {
            if (!Nup.TryParse(filter.Nup, out var nup, out var error))
            {
                return Error.Validation(error);
            }

            query = query.Where(m => m.Nup == nup);
        }

        if (filter.Type is { } type)
        {
            query = query.Where(m => m.Type == type);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(m => m.Status == status);
        }
        else if (filter.OpenOnly && !unitOpenView)
        {
            // Open = still owed an answer; for a unit also a treatment of its own reopened after the
            // answer (an unresolved demand it must report on).
            query = query.Where(m => m.Status == ManifestationStatus.Registered || m.Status == ManifestationStatus.InTriage
                || m.Status == ManifestationStatus.AwaitingComplement || m.Status == ManifestationStatus.InTreatment
                || (isCollaborator && m.Assignments.AsQueryable().Any(pending)));
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
            query = isCollaborator
                ? query.Where(m => m.Assignments.AsQueryable().Any(AssignmentFilters.OverdueFor(actor, now)))
                : query.Where(m => m.CitizenDeadline.DueAt < now && m.ClockPausedAt == null && (m.Status == ManifestationStatus.Registered
                    || m.Status == ManifestationStatus.InTriage || m.Status == ManifestationStatus.AwaitingComplement || m.Status == ManifestationStatus.InTreatment));
        }

        // The deadline that matters to the viewer: the unit's open responsible treatment for
        // collaborators (as Manifestation.DeadlineFor), the citizen's otherwise.
        var rows = query.Select(m => new
        {
            m.Id,
            m.Nup,
            m.Type,
            m.Status,
            m.RegisteredAt,
            DueAt = isCollaborator
                ? m.Assignments.AsQueryable().Where(pending).Min(a => (DateTimeOffset?)a.Deadline.DueAt) ?? m.CitizenDeadline.DueAt
                : m.CitizenDeadline.DueAt,
            // Both deadlines everywhere: the citizen's for units, the earliest open unit deadline for the office.
            OtherDueAt = isCollaborator
                ? (DateTimeOffset?)m.CitizenDeadline.DueAt
                : m.Assignments.AsQueryable().Where(a => a.Role == AssignmentRole.Responsible && a.Status == TreatmentStatus.Open).Min(a => (DateTimeOffset?)a.Deadline.DueAt),
            // Only the ombudsman reads the citizen's own words; everyone else the pseudonymized extract.
            PreviewSource = isOmbudsman ? m.Description : m.Extract,
            ClockPaused = m.ClockPausedAt != null,
        });

        var total = await rows.CountAsync(cancellationToken);
        rows = filter.Sort switch
        {
            QueueSort.Oldest => rows.OrderBy(r => r.RegisteredAt).ThenBy(r => r.Id),
            QueueSort.Deadline => rows.OrderBy(r => r.DueAt).ThenBy(r => r.Id),
            QueueSort.Newest => rows.OrderByDescending(r => r.RegisteredAt).ThenBy(r => r.Id),
        };

        var page = await rows.Skip(skip).Take(take)
            .Select(r => new
            {
                r.Id,
                r.Nup,
                r.Type,
                r.Status,
                r.RegisteredAt,
                r.DueAt,
                r.OtherDueAt,
                r.ClockPaused,
                Preview = r.Type == ManifestationType.Denunciation || r.Type == ManifestationType.Communication || r.PreviewSource == null
                    ? null
                    : r.PreviewSource.Substring(0, PreviewLength + 1),
            })
            .ToListAsync(cancellationToken);

        var ids = page.Select(p => p.Id).ToList();
        var units = await db.Assignments.AsNoTracking()
            .Where(a => ids.Contains(a.ManifestationId) && a.Role == AssignmentRole.Responsible)
            .Join(db.Units, a => a.UnitId, u => u.Id, (a, u) => new { a.ManifestationId, u.Name })
            .ToListAsync(cancellationToken);
        var unitsByManifestation = units.GroupBy(u => u.ManifestationId)
            .ToDictionary(g => g.Key, g => string.Join(", ", g.Select(x => x.Name).Distinct().Order()));

        var items = page.Select(p => new QueueRow(
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
        return new QueuePage(items, total);
    }
}
