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
/// The managers' report: every number is computed in the database (COUNT, SUM, GROUP BY) and
/// nothing is loaded into memory but the result rows. The whole months of the period come from the
/// monthly report cells, the rest (partial months, months changed since their last refresh, any
/// unit filter) from the Manifestations table, summed in one snapshot (<see cref="ReportPlan"/>,
/// docs/decisions/0016-report-cells.md); "overdue" depends on the clock, so it is always counted
/// over the open rows. Percentiles use the nearest-rank method (the ⌈p·N⌉-th smallest duration)
/// over whole days. Only managers and the ombudsman may run it; it reads no protected content
/// (no text, no requester).
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
        await using var snapshot = await ReportSnapshot.BeginAsync(db, ct);
        var plan = await ReportPlan.ForAsync(db, filter, ct);
        var totals = await TotalsAsync(db, plan, filter, now, ct);
        var times = await AnswerTimesAsync(db, plan, ct);
        var byType = (await GroupAsync(db, plan, "c.\"Type\"", _ => "m.\"Type\"", ct))
            .Select(g => new ReportCount(g.Key, Enum.TryParse<ManifestationType>(g.Key, out var t) ? t.Label() : g.Key, g.Count)).ToList();
        var byChannel = (await GroupAsync(db, plan, "c.\"Channel\"", _ => "m.\"Channel\"", ct))
            .Select(g => new ReportCount(g.Key, Enum.TryParse<Channel>(g.Key, out var c) ? c.Label() : g.Key, g.Count)).ToList();
        var byMonth = (await GroupAsync(db, plan, "c.\"Month\"", sql => sql.MonthKey("m.\"RegisteredAt\""), ct))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ReportCount(g.Key, ReportLabels.Month(g.Key), g.Count)).ToList();
        var byTheme = await ByThemeAsync(db, plan, ct);
        var byUnit = await OpenByUnitAsync(db, filter, now, ct);
        return new ManagementReport(filter, now, totals, times, byType, byTheme, byChannel, byMonth, byUnit);
    }

    /// <summary>Registrations per channel under <paramref name="filter"/> (also the assistant usage report's).</summary>
    internal static async Task<List<ReportCount>> CountByChannelAsync(OuvidoriaDbContext db, ReportFilter filter, CancellationToken ct)
    {
        var plan = await ReportPlan.ForAsync(db, filter, ct);
        return await GroupAsync(db, plan, "c.\"Channel\"", _ => "m.\"Channel\"", ct);
    }

    private static async Task<ReportTotals> TotalsAsync(OuvidoriaDbContext db, ReportPlan plan, ReportFilter filter, DateTimeOffset now, CancellationToken ct)
    {
        var sum = new TotalsRow();
        long unitExtensions = 0;
        var cells = ReportSql.For(db);
        if (plan.CellsWhere(cells) is { } cellsWhere)
        {
            var fromCells = await cells.Query<CellTotalsRow>(
                db,
                $"""
                SELECT CAST(COALESCE(SUM(c."Registered"), 0) AS BIGINT) AS "Registered", CAST(COALESCE(SUM(c."Open"), 0) AS BIGINT) AS "Open",
                       CAST(COALESCE(SUM(c."Unresolved"), 0) AS BIGINT) AS "Unresolved", CAST(COALESCE(SUM(c."Answered"), 0) AS BIGINT) AS "Answered",
                       CAST(COALESCE(SUM(c."AnsweredOnTime"), 0) AS BIGINT) AS "AnsweredOnTime", CAST(COALESCE(SUM(c."CitizenExtended"), 0) AS BIGINT) AS "CitizenExtensions",
                       CAST(COALESCE(SUM(c."UnitExtended"), 0) AS BIGINT) AS "UnitExtensions"
                FROM "ReportMonthCells" c
                WHERE {cellsWhere}
                """).SingleAsync(ct);
            sum.Add(fromCells);
            unitExtensions += fromCells.UnitExtensions;
        }

        var live = ReportSql.For(db);
        if (plan.LiveWhere(live) is { } liveWhere)
        {
            sum.Add(await live.Query<TotalsRow>(
                db,
                $"""
                SELECT COUNT(*) AS "Registered", {ReportSql.OpenCount} AS "Open", {live.UnresolvedCount()} AS "Unresolved",
                       {ReportSql.AnsweredCount} AS "Answered", {ReportSql.AnsweredOnTimeCount} AS "AnsweredOnTime", {live.CitizenExtendedCount()} AS "CitizenExtensions"
                FROM "Manifestations" m
                WHERE {liveWhere}
                """).SingleAsync(ct));
        }

        // The extended unit treatments of the months read from the table: from the extended ones
        // (partial index IX_Assignments_Extended), each joined with its manifestation for the filter.
        var unitSql = ReportSql.For(db);
        if (plan.LiveWhere(unitSql) is { } unitWhere)
        {
            unitExtensions += await unitSql.Query<long>(
                db,
                $"""
                SELECT COUNT(*) AS "Value"
                FROM "Assignments" a JOIN "Manifestations" m ON m."Id" = a."ManifestationId"
                WHERE {unitWhere} AND {ReportSql.UnitExtended("a")}
                """).SingleAsync(ct);
        }

        // Overdue depends on "now": counted over the open rows (status index), never precomputed.
        var overdueSql = ReportSql.For(db);
        var overdueWhere = overdueSql.Where(filter);
        var overdue = await overdueSql.Query<long>(
            db,
            $"""
            SELECT COUNT(*) AS "Value" FROM "Manifestations" m WHERE {overdueWhere} AND {overdueSql.Overdue(now)}
            """).SingleAsync(ct);

        return new ReportTotals((int)sum.Registered, (int)sum.Open, (int)overdue, (int)sum.Unresolved, (int)sum.Answered,
            (int)sum.AnsweredOnTime, (int)sum.CitizenExtensions, (int)unitExtensions);
    }

    private static async Task<AnswerTimes> AnswerTimesAsync(OuvidoriaDbContext db, ReportPlan plan, CancellationToken ct)
    {
        long count = 0;
        double sumDays = 0;
        var histogram = new SortedDictionary<int, long>();
        void AddBucket(DayBucketRow row) => histogram[row.Days] = histogram.GetValueOrDefault(row.Days) + row.Count;

        var cells = ReportSql.For(db);
        if (plan.CellsWhere(cells) is { } cellsWhere)
        {
            var summary = await cells.Query<DurationSummaryRow>(
                db,
                $"""
                SELECT CAST(COALESCE(SUM(c."Answered"), 0) AS BIGINT) AS "Count", COALESCE(SUM(c."AnswerDaysSum"), 0.0) AS "Sum"
                FROM "ReportMonthCells" c
                WHERE {cellsWhere}
                """).SingleAsync(ct);
            count += summary.Count;
            sumDays += summary.Sum;

            var buckets = ReportSql.For(db);
            var bucketsWhere = plan.CellsWhere(buckets)!;
            foreach (var row in await buckets.Query<DayBucketRow>(
                db,
                $"""
                SELECT c."Days" AS "Days", CAST(SUM(c."Count") AS BIGINT) AS "Count"
                FROM "ReportAnswerDaysCells" c
                WHERE {bucketsWhere}
                GROUP BY c."Days"
                """).ToListAsync(ct))
            {
                AddBucket(row);
            }
        }

        var live = ReportSql.For(db);
        if (plan.LiveWhere(live) is { } liveWhere)
        {
            var days = live.DurationDays("m.\"AnsweredAt\"", "m.\"RegisteredAt\"");
            var summary = await live.Query<DurationSummaryRow>(
                db,
                $"""
                SELECT COUNT(*) AS "Count", COALESCE(SUM({days}), 0.0) AS "Sum"
                FROM "Manifestations" m
                WHERE {liveWhere} AND m."AnsweredAt" IS NOT NULL
                """).SingleAsync(ct);
            count += summary.Count;
            sumDays += summary.Sum;

            var buckets = ReportSql.For(db);
            var bucketsWhere = plan.LiveWhere(buckets)!;
            var wholeDays = buckets.DurationWholeDays("m.\"AnsweredAt\"", "m.\"RegisteredAt\"");
            foreach (var row in await buckets.Query<DayBucketRow>(
                db,
                $"""
                SELECT {wholeDays} AS "Days", COUNT(*) AS "Count"
                FROM "Manifestations" m
                WHERE {bucketsWhere} AND m."AnsweredAt" IS NOT NULL
                GROUP BY {wholeDays}
                """).ToListAsync(ct))
            {
                AddBucket(row);
            }
        }

        if (count == 0)
        {
            return new AnswerTimes(0, null, null, null);
        }

        return new AnswerTimes((int)count, sumDays / count, Percentile(histogram, NearestRank(50, (int)count)), Percentile(histogram, NearestRank(90, (int)count)));
    }

    /// <summary>The nearest-rank percentile's 1-based rank: ⌈p/100 · N⌉.</summary>
    public static int NearestRank(int percent, int count) => Math.Max(1, (int)Math.Ceiling(percent * (long)count / 100.0));

    /// <summary>The whole-day bucket holding the <paramref name="rank"/>-th smallest duration.</summary>
    private static double? Percentile(SortedDictionary<int, long> histogram, int rank)
    {
        long seen = 0;
        foreach (var (days, count) in histogram)
        {
            seen += count;
            if (seen >= rank)
            {
                return days;
            }
        }

        return null;
    }

    /// <summary>Registrations per key: cells (<paramref name="cellKey"/> on <c>c</c>) plus the table (<paramref name="liveKey"/> on <c>m</c>).</summary>
    private static async Task<List<ReportCount>> GroupAsync(OuvidoriaDbContext db, ReportPlan plan, string cellKey, Func<ReportSql, string> liveKey, CancellationToken ct)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        void Add(IEnumerable<GroupRow> rows)
        {
            foreach (var row in rows)
            {
                var key = row.Key ?? string.Empty;
                counts[key] = counts.GetValueOrDefault(key) + row.Count;
            }
        }

        var cells = ReportSql.For(db);
        if (plan.CellsWhere(cells) is { } cellsWhere)
        {
            Add(await cells.Query<GroupRow>(
                db,
                $"""
                SELECT {cellKey} AS "Key", CAST(SUM(c."Registered") AS BIGINT) AS "Count"
                FROM "ReportMonthCells" c
                WHERE {cellsWhere}
                GROUP BY {cellKey}
                """).ToListAsync(ct));
        }

        var live = ReportSql.For(db);
        if (plan.LiveWhere(live) is { } liveWhere)
        {
            var key = liveKey(live);
            Add(await live.Query<GroupRow>(
                db,
                $"""
                SELECT {key} AS "Key", COUNT(*) AS "Count"
                FROM "Manifestations" m
                WHERE {liveWhere}
                GROUP BY {key}
                """).ToListAsync(ct));
        }

        return counts.Where(c => c.Value > 0)
            .OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new ReportCount(c.Key, c.Key, (int)c.Value)).ToList();
    }

    private static async Task<List<ReportCount>> ByThemeAsync(OuvidoriaDbContext db, ReportPlan plan, CancellationToken ct)
    {
        var counts = new Dictionary<Guid, long>();
        void Add(IEnumerable<ThemeRow> rows)
        {
            foreach (var row in rows)
            {
                var key = row.ThemeId ?? Guid.Empty;
                counts[key] = counts.GetValueOrDefault(key) + row.Count;
            }
        }

        var cells = ReportSql.For(db);
        if (plan.CellsWhere(cells) is { } cellsWhere)
        {
            Add(await cells.Query<ThemeRow>(
                db,
                $"""
                SELECT c."ThemeId" AS "ThemeId", CAST(SUM(c."Registered") AS BIGINT) AS "Count"
                FROM "ReportMonthCells" c
                WHERE {cellsWhere}
                GROUP BY c."ThemeId"
                """).ToListAsync(ct));
        }

        var live = ReportSql.For(db);
        if (plan.LiveWhere(live) is { } liveWhere)
        {
            Add(await live.Query<ThemeRow>(
                db,
                $"""
                SELECT m."ThemeId" AS "ThemeId", COUNT(*) AS "Count"
                FROM "Manifestations" m
                WHERE {liveWhere}
                GROUP BY m."ThemeId"
                """).ToListAsync(ct));
        }

        // The names of the few themes counted (a theme may have been deleted: "Sem temática" then).
        var ids = counts.Keys.Where(k => k != Guid.Empty).ToList();
        var names = await db.Themes.AsNoTracking().Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        return counts.Where(c => c.Value > 0)
            .Select(c => new ReportCount(c.Key == Guid.Empty ? string.Empty : c.Key.ToString(), names.GetValueOrDefault(c.Key) ?? ReportLabels.NoTheme, (int)c.Value))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Label, StringComparer.Ordinal)
            .ToList();
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

    private class TotalsRow
    {
        public long Registered { get; set; }

        public long Open { get; set; }

        public long Unresolved { get; set; }

        public long Answered { get; set; }

        public long AnsweredOnTime { get; set; }

        public long CitizenExtensions { get; set; }

        public void Add(TotalsRow other)
        {
            Registered += other.Registered;
            Open += other.Open;
            Unresolved += other.Unresolved;
            Answered += other.Answered;
            AnsweredOnTime += other.AnsweredOnTime;
            CitizenExtensions += other.CitizenExtensions;
        }
    }

    /// <summary>The cells also hold the extended unit treatments (the table's months count them from the treatments).</summary>
    private sealed class CellTotalsRow : TotalsRow
    {
        public long UnitExtensions { get; set; }
    }

    private sealed class DurationSummaryRow
    {
        public long Count { get; set; }

        public double Sum { get; set; }
    }

    private sealed class DayBucketRow
    {
        public int Days { get; set; }

        public long Count { get; set; }
    }

    private sealed class GroupRow
    {
        public string? Key { get; set; }

        public long Count { get; set; }
    }

    private sealed class ThemeRow
    {
        public Guid? ThemeId { get; set; }

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
