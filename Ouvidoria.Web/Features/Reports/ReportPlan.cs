using Microsoft.EntityFrameworkCore;
using Ouvidoria.Infrastructure.Persistence;

namespace Ouvidoria.Web.Features.Reports;

/// <summary>
/// Where each part of a report comes from (docs/decisions/0016-report-cells.md): the whole months
/// of the period whose cells are fresh are added up from the report cells; the rest — the partial
/// months at the period's edges and the months marked dirty since their last refresh — is read from
/// the Manifestations table, and the two are summed. Both are read in one snapshot
/// (<see cref="ReportSnapshot"/>), so a refresh committing meanwhile cannot count a month twice or
/// not at all. A unit filter (a manifestation may be forwarded to several units) is not in the
/// cells: then everything is read from the table.
/// </summary>
internal sealed class ReportPlan
{
    private readonly ReportFilter _filter;

    private ReportPlan(ReportFilter filter, string? firstMonth, string? lastMonth, IReadOnlyList<string> excludedMonths, IReadOnlyList<(DateTimeOffset From, DateTimeOffset To)>? liveRanges, bool useCells)
    {
        _filter = filter;
        FirstMonth = firstMonth;
        LastMonth = lastMonth;
        ExcludedMonths = excludedMonths;
        LiveRanges = liveRanges;
        UsesCells = useCells;
    }

    /// <summary>True when part of the report comes from the cells.</summary>
    public bool UsesCells { get; }

    /// <summary>First whole month read from the cells (null: from the first one).</summary>
    public string? FirstMonth { get; }

    /// <summary>Last whole month read from the cells (null: up to the last one).</summary>
    public string? LastMonth { get; }

    /// <summary>Months in [first, last] that are dirty: read from the table instead.</summary>
    public IReadOnlyList<string> ExcludedMonths { get; }

    /// <summary>Registration ranges read from the table; null = the whole filter (no cells at all).</summary>
    public IReadOnlyList<(DateTimeOffset From, DateTimeOffset To)>? LiveRanges { get; }

    /// <summary>True when some rows are read from the Manifestations table.</summary>
    public bool HasLive => LiveRanges is null || LiveRanges.Count > 0;

    public static async Task<ReportPlan> ForAsync(OuvidoriaDbContext db, ReportFilter filter, CancellationToken ct)
    {
        if (filter.UnitId is not null)
        {
            return new ReportPlan(filter, null, null, [], null, useCells: false);
        }

        // Whole months inside the period: from the first month starting on or after From, to the
        // last month ending on or before To.
        string? first = null;
        string? last = null;
        if (filter.From is { } from)
        {
            var start = from.Day == 1 ? from : new DateOnly(from.Year, from.Month, 1).AddMonths(1);
            first = Key(start);
        }

        if (filter.To is { } to)
        {
            var end = to.AddDays(1).Day == 1 ? to : new DateOnly(to.Year, to.Month, 1).AddDays(-1);
            last = Key(end);
        }

        if (first is not null && last is not null && string.CompareOrdinal(first, last) > 0)
        {
            // No whole month: the period is read from the table.
            return new ReportPlan(filter, null, null, [], [(filter.FromUtc!.Value, filter.ToUtcExclusive!.Value)], useCells: false);
        }

        var dirty = (await db.ReportDirtyMonths.AsNoTracking().Select(d => d.Month).Distinct().ToListAsync(ct))
            .Where(m => (first is null || string.CompareOrdinal(m, first) >= 0) && (last is null || string.CompareOrdinal(m, last) <= 0))
            .Order(StringComparer.Ordinal)
            .ToList();

        var ranges = new List<(DateTimeOffset From, DateTimeOffset To)>();
        if (filter.FromUtc is { } fromUtc && ReportTime.MonthRangeUtc(first!).Start is var firstStart && fromUtc < firstStart)
        {
            ranges.Add((fromUtc, firstStart));
        }

        foreach (var month in dirty)
        {
            ranges.Add(ReportTime.MonthRangeUtc(month));
        }

        if (filter.ToUtcExclusive is { } toUtc && ReportTime.MonthRangeUtc(last!).End is var lastEnd && lastEnd < toUtc)
        {
            ranges.Add((lastEnd, toUtc));
        }

        return new ReportPlan(filter, first, last, dirty, Merge(ranges), useCells: true);
    }

    /// <summary>The conditions on the cells alias <c>c</c>; null when the cells are not used.</summary>
    public string? CellsWhere(ReportSql sql)
    {
        if (!UsesCells)
        {
            return null;
        }

        var conditions = new List<string> { sql.Where(_filter with { From = null, To = null, UnitId = null }, "c") };
        if (FirstMonth is not null)
        {
            conditions.Add($"c.\"Month\" >= {sql.Param(FirstMonth)}");
        }

        if (LastMonth is not null)
        {
            conditions.Add($"c.\"Month\" <= {sql.Param(LastMonth)}");
        }

        if (ExcludedMonths.Count > 0)
        {
            conditions.Add($"c.\"Month\" NOT IN ({string.Join(", ", ExcludedMonths.Select(m => sql.Param(m)))})");
        }

        return string.Join(" AND ", conditions);
    }

    /// <summary>The conditions on the Manifestations alias <c>m</c> of the rows read from the table; null when none.</summary>
    public string? LiveWhere(ReportSql sql) => LiveRanges switch
    {
        null => sql.Where(_filter),
        { Count: 0 } => null,
        var ranges => sql.Where(_filter with { From = null, To = null }, "m", ranges),
    };

    private static string Key(DateOnly month) => $"{month.Year:0000}-{month.Month:00}";

    /// <summary>Adjacent ranges (consecutive dirty months) as one.</summary>
    private static List<(DateTimeOffset From, DateTimeOffset To)> Merge(List<(DateTimeOffset From, DateTimeOffset To)> ranges)
    {
        var merged = new List<(DateTimeOffset From, DateTimeOffset To)>();
        foreach (var range in ranges.OrderBy(r => r.From))
        {
            if (merged.Count > 0 && merged[^1].To >= range.From)
            {
                merged[^1] = (merged[^1].From, range.To > merged[^1].To ? range.To : merged[^1].To);
            }
            else
            {
                merged.Add(range);
            }
        }

        return merged;
    }
}
