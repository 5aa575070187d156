using Microsoft.EntityFrameworkCore;
using Ouvidoria.Infrastructure.Persistence;

namespace Ouvidoria.Web.Features.Reports;

public sealed record ReportCellsRefreshResult(int Months, int Marks);

/// <summary>
/// Rebuilds the report cells of the months marked dirty (docs/decisions/0016-report-cells.md).
/// Each month in its own transaction: delete its cells, aggregate its manifestations again
/// (INSERT … SELECT … GROUP BY over one month of the registration index), and delete exactly the
/// marks read before the aggregate — a change committed meanwhile left a newer mark, so its month
/// stays dirty (read from the table) until the next run. Runs as a clustered job, one node at a time.
/// </summary>
public sealed class ReportCellsRefresh(IDbContextFactory<OuvidoriaDbContext> factory)
{
    /// <summary>Marks deleted per statement (well under SQLite's parameter limit).</summary>
    private const int MarkBatch = 500;

    public async Task<ReportCellsRefreshResult> RunAsync(CancellationToken ct)
    {
        List<(long Id, string Month)> marks;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            marks = (await db.ReportDirtyMonths.AsNoTracking().OrderBy(d => d.Id).Select(d => new { d.Id, d.Month }).ToListAsync(ct))
                .Select(d => (d.Id, d.Month)).ToList();
        }

        var months = marks.GroupBy(m => m.Month, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        foreach (var month in months)
        {
            await RebuildAsync(month.Key, month.Select(m => m.Id).ToList(), ct);
        }

        return new ReportCellsRefreshResult(months.Count, marks.Count);
    }

    private async Task RebuildAsync(string month, List<long> markIds, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var (start, end) = ReportTime.MonthRangeUtc(month);

        await db.ReportMonthCells.Where(c => c.Month == month).ExecuteDeleteAsync(ct);
        await db.ReportAnswerDaysCells.Where(c => c.Month == month).ExecuteDeleteAsync(ct);

        var sql = ReportSql.For(db);
        var monthParam = sql.Param(month);
        var range = $"m.\"RegisteredAt\" >= {sql.Time(start)} AND m.\"RegisteredAt\" < {sql.Time(end)}";
        await sql.ExecuteAsync(
            db,
            $"""
            INSERT INTO "ReportMonthCells" ("Month", "Type", "Channel", "ThemeId", "Registered", "Open", "Unresolved", "Answered", "AnsweredOnTime", "CitizenExtended", "UnitExtended", "AnswerDaysSum")
            SELECT {monthParam}, m."Type", m."Channel", m."ThemeId", COUNT(*),
                   {ReportSql.OpenCount}, {sql.UnresolvedCount()}, {ReportSql.AnsweredCount}, {ReportSql.AnsweredOnTimeCount}, {sql.CitizenExtendedCount()},
                   {ReportSql.UnitExtendedCount()},
                   COALESCE(SUM(CASE WHEN m."AnsweredAt" IS NOT NULL THEN {sql.DurationDays("m.\"AnsweredAt\"", "m.\"RegisteredAt\"")} END), 0)
            FROM "Manifestations" m
            WHERE {range}
            GROUP BY m."Type", m."Channel", m."ThemeId"
            """,
            ct);

        var days = ReportSql.For(db);
        var daysMonth = days.Param(month);
        var daysRange = $"m.\"RegisteredAt\" >= {days.Time(start)} AND m.\"RegisteredAt\" < {days.Time(end)}";
        var wholeDays = days.DurationWholeDays("m.\"AnsweredAt\"", "m.\"RegisteredAt\"");
        await days.ExecuteAsync(
            db,
            $"""
            INSERT INTO "ReportAnswerDaysCells" ("Month", "Type", "Channel", "Days", "Count")
            SELECT {daysMonth}, m."Type", m."Channel", {wholeDays}, COUNT(*)
            FROM "Manifestations" m
            WHERE {daysRange} AND m."AnsweredAt" IS NOT NULL
            GROUP BY m."Type", m."Channel", {wholeDays}
            """,
            ct);

        foreach (var batch in markIds.Chunk(MarkBatch))
        {
            await db.ReportDirtyMonths.Where(d => batch.Contains(d.Id)).ExecuteDeleteAsync(ct);
        }

        await transaction.CommitAsync(ct);
    }
}
