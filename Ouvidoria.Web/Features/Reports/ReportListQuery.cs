using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Persistence;

namespace Ouvidoria.Web.Features.Reports;

/// <summary>
/// A manifestation behind a report number. Only facts: no subject, text, extract nor requester —
/// a manager may open the manifestation page, where the usual access rules and access log apply.
/// </summary>
public sealed record ReportListRow(
    Guid Id,
    string Nup,
    ManifestationType Type,
    ManifestationStatus Status,
    Channel Channel,
    string Theme,
    DateTimeOffset RegisteredAt,
    DateTimeOffset CitizenDueAt,
    DateTimeOffset? AnsweredAt,
    bool? Resolved,
    string Units);

public sealed record ReportListPage(IReadOnlyList<ReportListRow> Items, int Total);

/// <summary>
/// The drill-down: the manifestations behind a report number or chart bar, with the same filters
/// and the same definitions as <see cref="ReportsQuery"/> (tests check both agree), paged in the
/// database, oldest registration first.
/// </summary>
public sealed class ReportListQuery(IDbContextFactory<OuvidoriaDbContext> factory, TimeProvider clock)
{
    public const int MaxPageSize = 1000;

    public async Task<Result<ReportListPage>> ExecuteAsync(ReportFilter filter, ReportDrill drill, Actor actor, int skip, int take, CancellationToken ct = default)
    {
        if (!ReportsQuery.MayRun(actor))
        {
            return Error.Forbidden("Os relatórios são restritos à gestão e à Ouvidoria.");
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        IQueryable<Manifestation> query;
        try
        {
            query = Apply(db, filter, drill, clock.GetUtcNow());
        }
        catch (ArgumentException e)
        {
            return Error.Validation(e.Message);
        }

        var total = await query.CountAsync(ct);
        var items = await PageAsync(db, query, Math.Max(0, skip), Math.Clamp(take, 1, MaxPageSize), ct);
        return new ReportListPage(items, total);
    }

    /// <summary>The filtered manifestations behind <paramref name="drill"/> (also used by the exports).</summary>
    internal static IQueryable<Manifestation> Apply(OuvidoriaDbContext db, ReportFilter filter, ReportDrill drill, DateTimeOffset now)
    {
        var query = db.Manifestations.AsNoTracking();
        if (filter.FromUtc is { } from)
        {
            query = query.Where(m => m.RegisteredAt >= from);
        }

        if (filter.ToUtcExclusive is { } to)
        {
            query = query.Where(m => m.RegisteredAt < to);
        }

        if (filter.Type is { } type)
        {
            query = query.Where(m => m.Type == type);
        }

        if (filter.Channel is { } channel)
        {
            query = query.Where(m => m.Channel == channel);
        }

        if (filter.UnitId is { } unit)
        {
            query = query.Where(m => m.Assignments.Any(a => a.UnitId == unit));
        }

        return drill.Kind switch
        {
            ReportDrillKind.All => query,
            ReportDrillKind.Open => query.Where(Open()),
            ReportDrillKind.Overdue => query.Where(Open()).Where(m => m.ClockPausedAt == null && m.CitizenDeadline.DueAt < now),
            ReportDrillKind.Unresolved => query.Where(m => m.Status == ManifestationStatus.Concluded && m.Resolved == false),
            ReportDrillKind.Answered => query.Where(m => m.AnsweredAt != null),
            ReportDrillKind.AnsweredOnTime => query.Where(m => m.AnsweredAt != null && m.AnsweredAt <= m.CitizenDeadline.DueAt),
            ReportDrillKind.AnsweredLate => query.Where(m => m.AnsweredAt != null && m.AnsweredAt > m.CitizenDeadline.DueAt),
            ReportDrillKind.CitizenExtended => query.Where(m => m.CitizenDeadline.Extended),
            ReportDrillKind.UnitExtended => query.Where(m => m.Assignments.Any(a => a.Deadline.Extended)),
            ReportDrillKind.Type => OfType(query, ParseEnum<ManifestationType>(drill.Key)),
            ReportDrillKind.Channel => OfChannel(query, ParseEnum<Channel>(drill.Key)),
            ReportDrillKind.Theme => OfTheme(query, string.IsNullOrEmpty(drill.Key) ? null : ParseId(drill.Key)),
            ReportDrillKind.Month => MonthOf(query, drill.Key),
            ReportDrillKind.OpenInUnit => InUnit(query, ParseId(drill.Key), overdueAt: null),
            ReportDrillKind.OverdueInUnit => InUnit(query, ParseId(drill.Key), overdueAt: now),
        };
    }

    internal static async Task<List<ReportListRow>> PageAsync(OuvidoriaDbContext db, IQueryable<Manifestation> query, int skip, int take, CancellationToken ct)
    {
        var page = await query
            .OrderBy(m => m.RegisteredAt).ThenBy(m => m.Id)
            .Skip(skip).Take(take)
            .Select(m => new
            {
                m.Id,
                m.Nup,
                m.Type,
                m.Status,
                m.Channel,
                Theme = db.Themes.Where(t => t.Id == m.ThemeId).Select(t => t.Name).FirstOrDefault(),
                m.RegisteredAt,
                DueAt = m.CitizenDeadline.DueAt,
                m.AnsweredAt,
                m.Resolved,
            })
            .ToListAsync(ct);
        var ids = page.Select(p => p.Id).ToList();
        var units = await db.Assignments.AsNoTracking()
            .Where(a => ids.Contains(a.ManifestationId) && a.Role == AssignmentRole.Responsible)
            .Join(db.Units, a => a.UnitId, u => u.Id, (a, u) => new { a.ManifestationId, u.Name })
            .ToListAsync(ct);
        var unitsOf = units.GroupBy(u => u.ManifestationId)
            .ToDictionary(g => g.Key, g => string.Join(", ", g.Select(x => x.Name).Distinct().Order()));
        return page.Select(p => new ReportListRow(p.Id, p.Nup.ToString(), p.Type, p.Status, p.Channel, p.Theme ?? ReportLabels.NoTheme,
            p.RegisteredAt, p.DueAt, p.AnsweredAt, p.Resolved, unitsOf.GetValueOrDefault(p.Id, "—"))).ToList();
    }

    private static System.Linq.Expressions.Expression<Func<Manifestation, bool>> Open() =>
        m => m.Status == ManifestationStatus.Registered || m.Status == ManifestationStatus.InTriage
            || m.Status == ManifestationStatus.AwaitingComplement || m.Status == ManifestationStatus.InTreatment;

    private static IQueryable<Manifestation> OfType(IQueryable<Manifestation> query, ManifestationType type) => query.Where(m => m.Type == type);

    private static IQueryable<Manifestation> OfChannel(IQueryable<Manifestation> query, Channel channel) => query.Where(m => m.Channel == channel);

    private static IQueryable<Manifestation> OfTheme(IQueryable<Manifestation> query, Guid? themeId) =>
        themeId is { } id ? query.Where(m => m.ThemeId == id) : query.Where(m => m.ThemeId == null);

    private static IQueryable<Manifestation> MonthOf(IQueryable<Manifestation> query, string? key)
    {
        var (start, end) = ReportTime.MonthRangeUtc(key ?? string.Empty);
        return query.Where(m => m.RegisteredAt >= start && m.RegisteredAt < end);
    }

    private static IQueryable<Manifestation> InUnit(IQueryable<Manifestation> query, Guid unitId, DateTimeOffset? overdueAt) =>
        overdueAt is { } now
            ? query.Where(m => m.Assignments.Any(a => a.UnitId == unitId && a.Role == AssignmentRole.Responsible && a.Status == TreatmentStatus.Open && a.Deadline.DueAt < now))
            : query.Where(m => m.Assignments.Any(a => a.UnitId == unitId && a.Role == AssignmentRole.Responsible && a.Status == TreatmentStatus.Open));

    private static T ParseEnum<T>(string? key)
        where T : struct, Enum =>
        Enum.TryParse<T>(key, out var value) && Enum.IsDefined(value) ? value : throw new ArgumentException($"Valor inválido no filtro: {key}");

    private static Guid ParseId(string? key) =>
        Guid.TryParse(key, out var id) ? id : throw new ArgumentException($"Identificador inválido no filtro: {key}");
}
