using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Persistence;

namespace Ouvidoria.Web.Features.Reports;

/// <summary>One number of a breakdown (type, theme, channel, month) and the key its drill-down uses.</summary>
public sealed record ReportCount(string Key, string Label, int Count);

/// <summary>Open responsible treatments of a unit, and how many are past the unit's deadline.</summary>
public sealed record UnitLoad(Guid UnitId, string Unit, int Open, int Overdue);

/// <summary>Time from registration to the conclusive answer, in days (nearest-rank percentiles).</summary>
public sealed record AnswerTimes(int Count, double? AverageDays, double? MedianDays, double? P90Days);

public sealed record ReportTotals(
    int Registered,
    int Open,
    int Overdue,
    int Unresolved,
    int Answered,
    int AnsweredOnTime,
    int CitizenExtensions,
    int UnitExtensions)
{
    /// <summary>Share of the conclusive answers sent within the legal deadline (null when none).</summary>
    public double? OnTimeShare => Answered == 0 ? null : (double)AnsweredOnTime / Answered;
}

public sealed record ManagementReport(
    ReportFilter Filter,
    DateTimeOffset GeneratedAt,
    ReportTotals Totals,
    AnswerTimes AnswerTimes,
    IReadOnlyList<ReportCount> ByType,
    IReadOnlyList<ReportCount> ByTheme,
    IReadOnlyList<ReportCount> ByChannel,
    IReadOnlyList<ReportCount> ByMonth,
    IReadOnlyList<UnitLoad> OpenByUnit);

/// <summary>
/// The managers' report: every number is computed in the database (COUNT, conditional SUM, GROUP
/// BY, ROW_NUMBER) over the filtered manifestations; nothing is loaded into memory but the result
/// rows. Percentiles use the nearest-rank method (the ⌈p·N⌉-th smallest duration), picked with a
/// window function in one ordered pass, identical on SQLite and PostgreSQL. Only managers and the
/// ombudsman may run it; it reads no protected content (no text, no requester).
/// </summary>
public sealed class ReportsQuery(IDbContextFactory<OuvidoriaDbContext> factory, TimeProvider clock)
{
    public static bool MayRun(Actor actor) => actor.Kind is ActorKind.Manager or ActorKind.Ombudsman;

    public async Task<Result<ManagementReport>> ExecuteAsync(ReportFilter filter, Actor actor, CancellationToken ct = default)
    {
        if (!MayRun(actor))
        {
            return Error.Forbidden("Os relatórios são restritos à gestão e à Ouvidoria.");
        }

        if (filter.From is { } from && filter.To is { } to && to < from)
        {
            return Error.Validation("A data final do período deve ser igual ou posterior à inicial.");
        }

        var now = clock.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct);
        var totals = await TotalsAsync(db, filter, now, ct);
        var times = await AnswerTimesAsync(db, filter, ct);
        var byType = (await GroupAsync(db, filter, "m.\"Type\"", ct))
            .Select(g => new ReportCount(g.Key, Enum.TryParse<ManifestationType>(g.Key, out var t) ? t.Label() : g.Key, g.Count)).ToList();
        var byChannel = (await GroupAsync(db, filter, "m.\"Channel\"", ct))
            .Select(g => new ReportCount(g.Key, Enum.TryParse<Channel>(g.Key, out var c) ? c.Label() : g.Key, g.Count)).ToList();
        var byMonth = (await GroupAsync(db, filter, ReportSql.For(db).MonthKey("m.\"RegisteredAt\""), ct))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ReportCount(g.Key, ReportLabels.Month(g.Key), g.Count)).ToList();
        var byTheme = await ByThemeAsync(db, filter, ct);
        var byUnit = await OpenByUnitAsync(db, filter, now, ct);
        return new ManagementReport(filter, now, totals, times, byType, byTheme, byChannel, byMonth, byUnit);
    }

    private static async Task<ReportTotals> TotalsAsync(OuvidoriaDbContext db, ReportFilter filter, DateTimeOffset now, CancellationToken ct)
    {
        var sql = ReportSql.For(db);
        var where = sql.Where(filter);
        var overdue = sql.Overdue(now);
        var row = await sql.Query<TotalsRow>(
            db,
            $"""
            SELECT COUNT(*) AS "Registered",
                   COALESCE(SUM(CASE WHEN m."Status" IN {ReportSql.OpenStatuses} THEN 1 ELSE 0 END), 0) AS "Open",
                   COALESCE(SUM(CASE WHEN {overdue} THEN 1 ELSE 0 END), 0) AS "Overdue",
                   COALESCE(SUM(CASE WHEN m."Status" = 'Concluded' AND m."Resolved" = {sql.Param(false)} THEN 1 ELSE 0 END), 0) AS "Unresolved",
                   COALESCE(SUM(CASE WHEN m."AnsweredAt" IS NOT NULL THEN 1 ELSE 0 END), 0) AS "Answered",
                   COALESCE(SUM(CASE WHEN m."AnsweredAt" IS NOT NULL AND m."AnsweredAt" <= m."CitizenDueAt" THEN 1 ELSE 0 END), 0) AS "AnsweredOnTime",
                   COALESCE(SUM(CASE WHEN m."CitizenDeadlineExtended" = {sql.Param(true)} THEN 1 ELSE 0 END), 0) AS "CitizenExtensions"
            FROM "Manifestations" m
            WHERE {where}
            """).SingleAsync(ct);

        var unitSql = ReportSql.For(db);
        var unitWhere = unitSql.Where(filter);
        var unitExtensions = await unitSql.Query<long>(
            db,
            $"""
            SELECT COUNT(*) AS "Value"
            FROM "Assignments" a JOIN "Manifestations" m ON m."Id" = a."ManifestationId"
            WHERE {unitWhere} AND a."DeadlineExtended" = {unitSql.Param(true)}
            """).SingleAsync(ct);

        return new ReportTotals((int)row.Registered, (int)row.Open, (int)row.Overdue, (int)row.Unresolved, (int)row.Answered,
            (int)row.AnsweredOnTime, (int)row.CitizenExtensions, (int)unitExtensions);
    }

    private static async Task<AnswerTimes> AnswerTimesAsync(OuvidoriaDbContext db, ReportFilter filter, CancellationToken ct)
    {
        var sql = ReportSql.For(db);
        var where = sql.Where(filter);
        var days = sql.DurationDays("m.\"AnsweredAt\"", "m.\"RegisteredAt\"");
        var summary = await sql.Query<DurationSummaryRow>(
            db,
            $"""
            SELECT COUNT(*) AS "Count", AVG({days}) AS "Average"
            FROM "Manifestations" m
            WHERE {where} AND m."AnsweredAt" IS NOT NULL
            """).SingleAsync(ct);
        if (summary.Count == 0)
        {
            return new AnswerTimes(0, null, null, null);
        }

        var count = (int)summary.Count;
        var medianRank = NearestRank(50, count);
        var p90Rank = NearestRank(90, count);
        var ranked = ReportSql.For(db);
        var rankedWhere = ranked.Where(filter);
        var rankedDays = ranked.DurationDays("m.\"AnsweredAt\"", "m.\"RegisteredAt\"");
        var picks = await ranked.Query<RankedDurationRow>(
            db,
            $"""
            SELECT r."Rank", r."Days"
            FROM (SELECT {rankedDays} AS "Days", ROW_NUMBER() OVER (ORDER BY {rankedDays}) AS "Rank"
                  FROM "Manifestations" m
                  WHERE {rankedWhere} AND m."AnsweredAt" IS NOT NULL) r
            WHERE r."Rank" IN ({ranked.Param((long)medianRank)}, {ranked.Param((long)p90Rank)})
            """).ToListAsync(ct);
        return new AnswerTimes(
            count,
            summary.Average,
            picks.Where(p => p.Rank == medianRank).Select(p => (double?)p.Days).FirstOrDefault(),
            picks.Where(p => p.Rank == p90Rank).Select(p => (double?)p.Days).FirstOrDefault());
    }

    /// <summary>The nearest-rank percentile's 1-based rank: ⌈p/100 · N⌉.</summary>
    public static int NearestRank(int percent, int count) => Math.Max(1, (int)Math.Ceiling(percent * (long)count / 100.0));

    private static async Task<List<ReportCount>> GroupAsync(OuvidoriaDbContext db, ReportFilter filter, string keyExpression, CancellationToken ct)
    {
        var sql = ReportSql.For(db);
        var where = sql.Where(filter);
        var rows = await sql.Query<GroupRow>(
            db,
            $"""
            SELECT {keyExpression} AS "Key", COUNT(*) AS "Count"
            FROM "Manifestations" m
            WHERE {where}
            GROUP BY {keyExpression}
            ORDER BY COUNT(*) DESC
            """).ToListAsync(ct);
        return rows.Select(r => new ReportCount(r.Key ?? string.Empty, r.Key ?? string.Empty, (int)r.Count)).ToList();
    }

    private static async Task<List<ReportCount>> ByThemeAsync(OuvidoriaDbContext db, ReportFilter filter, CancellationToken ct)
    {
        var sql = ReportSql.For(db);
        var where = sql.Where(filter);
        var rows = await sql.Query<ThemeRow>(
            db,
            $"""
            SELECT m."ThemeId" AS "ThemeId", t."Name" AS "Name", COUNT(*) AS "Count"
            FROM "Manifestations" m LEFT JOIN "Themes" t ON t."Id" = m."ThemeId"
            WHERE {where}
            GROUP BY m."ThemeId", t."Name"
            ORDER BY COUNT(*) DESC
            """).ToListAsync(ct);
        return rows.Select(r => new ReportCount(r.ThemeId?.ToString() ?? string.Empty, r.Name ?? ReportLabels.NoTheme, (int)r.Count)).ToList();
    }

    private static async Task<List<UnitLoad>> OpenByUnitAsync(OuvidoriaDbContext db, ReportFilter filter, DateTimeOffset now, CancellationToken ct)
    {
        var sql = ReportSql.For(db);
        var where = sql.Where(filter);
        var rows = await sql.Query<UnitRow>(
            db,
            $"""
            SELECT a."UnitId" AS "UnitId", u."Name" AS "Name",
                   COUNT(DISTINCT a."ManifestationId") AS "Open",
                   COUNT(DISTINCT CASE WHEN a."DueAt" < {sql.Time(now)} THEN a."ManifestationId" END) AS "Overdue"
            FROM "Assignments" a
                 JOIN "Units" u ON u."Id" = a."UnitId"
                 JOIN "Manifestations" m ON m."Id" = a."ManifestationId"
            WHERE {where} AND a."Role" = 'Responsible' AND a."Status" = 'Open'
            GROUP BY a."UnitId", u."Name"
            ORDER BY COUNT(DISTINCT a."ManifestationId") DESC, u."Name"
            """).ToListAsync(ct);
        return rows.Select(r => new UnitLoad(r.UnitId, r.Name, (int)r.Open, (int)r.Overdue)).ToList();
    }

    private sealed class TotalsRow
    {
        public long Registered { get; set; }

        public long Open { get; set; }

        public long Overdue { get; set; }

        public long Unresolved { get; set; }

        public long Answered { get; set; }

        public long AnsweredOnTime { get; set; }

        public long CitizenExtensions { get; set; }
    }

    private sealed class DurationSummaryRow
    {
        public long Count { get; set; }

        public double? Average { get; set; }
    }

    private sealed class RankedDurationRow
    {
        public long Rank { get; set; }

        public double Days { get; set; }
    }

    private sealed class GroupRow
    {
        public string? Key { get; set; }

        public long Count { get; set; }
    }

    private sealed class ThemeRow
    {
        public Guid? ThemeId { get; set; }

        public string? Name { get; set; }

        public long Count { get; set; }
    }

    private sealed class UnitRow
    {
        public Guid UnitId { get; set; }

        public string Name { get; set; } = string.Empty;

        public long Open { get; set; }

        public long Overdue { get; set; }
    }
}
