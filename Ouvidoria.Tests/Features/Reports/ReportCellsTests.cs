using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Tests.Support.Integration;
using Ouvidoria.Web.Features.Reports;

namespace Ouvidoria.Tests.Features.Reports;

/// <summary>
/// The report cells (docs/decisions/0016-report-cells.md): the marks every save leaves, the
/// refresh that consumes them, and a report that counts a change at once, before any refresh.
/// Each test works in a year of its own, so the tests of the class do not see each other's rows.
/// </summary>
public abstract class ReportCellsTests(OuvidoriaAppFactory app) : IAsyncLifetime
{
    private static readonly Actor Manager = new("cells-manager", "Gil (Gestor)", ActorKind.Manager);

    private static readonly Actor Ombudsman = new("cells-ombudsman", "Ana (Ouvidoria)", ActorKind.Ombudsman);

    public async Task InitializeAsync()
    {
        await ReportDataSet.EnsureAsync(app);
        await RefreshAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Refresh_CellsAddUpToTheTable_AndEveryMarkIsConsumed()
    {
        await using var db = app.CreateDbContext();

        Assert.Empty(await db.ReportDirtyMonths.ToListAsync());
        Assert.Equal(await db.Manifestations.CountAsync(), await db.ReportMonthCells.SumAsync(c => c.Registered));
        Assert.Equal(await db.Manifestations.CountAsync(m => m.AnsweredAt != null), await db.ReportMonthCells.SumAsync(c => c.Answered));
        Assert.Equal(await db.Manifestations.CountAsync(m => m.AnsweredAt != null), await db.ReportAnswerDaysCells.SumAsync(c => c.Count));
        Assert.Contains("2025-01", await db.ReportMonthCells.Select(c => c.Month).Distinct().ToListAsync());
    }

    [Fact]
    public async Task Save_ARealChangeMarksTheMonth_AnAccessOnlyDoesNot()
    {
        var id = await RegisterAsync(new DateTimeOffset(2021, 5, 10, 12, 0, 0, TimeSpan.Zero));
        await RefreshAsync();

        await ChangeAsync(id, m => m.RecordAccess(Ombudsman, app.Clock.GetUtcNow()));
        Assert.Empty(await MarksAsync());

        await ChangeAsync(id, m => m.StartTriage(Ombudsman, app.Clock.GetUtcNow()));
        Assert.Equal(["2021-05"], await MarksAsync());
    }

    [Fact]
    public async Task Report_ChangeInARefreshedMonth_IsCountedAtOnce_AndAfterTheRefresh()
    {
        var may = new ReportFilter { From = new DateOnly(2022, 5, 1), To = new DateOnly(2022, 5, 31) };
        var id = await RegisterAsync(new DateTimeOffset(2022, 5, 10, 12, 0, 0, TimeSpan.Zero));
        await ChangeAsync(id, m => m.StartTriage(Ombudsman, new DateTimeOffset(2022, 5, 10, 13, 0, 0, TimeSpan.Zero)));
        await RefreshAsync();
        var before = await ReportAsync(may);
        Assert.Equal((1, 1, 0), (before.Totals.Registered, before.Totals.Open, before.Totals.Answered));

        await ChangeAsync(id, m => m.Answer("Resposta conclusiva.", conclusive: true, Ombudsman, new DateTimeOffset(2022, 5, 22, 18, 0, 0, TimeSpan.Zero)));
        var changed = await ReportAsync(may);
        Assert.Equal((1, 0, 1), (changed.Totals.Registered, changed.Totals.Open, changed.Totals.Answered));
        Assert.Equal(12.25, changed.AnswerTimes.AverageDays!.Value, 6);
        Assert.Equal(12, changed.AnswerTimes.MedianDays!.Value, 6);

        await RefreshAsync();
        Assert.Empty(await MarksAsync());
        var refreshed = await ReportAsync(may);
        Assert.Equal(changed.Totals, refreshed.Totals);
        Assert.Equal(changed.AnswerTimes, refreshed.AnswerTimes);
        await using var db = app.CreateDbContext();
        Assert.Equal(1, await db.ReportMonthCells.Where(c => c.Month == "2022-05").SumAsync(c => c.Answered));
        Assert.Equal([12], await db.ReportAnswerDaysCells.Where(c => c.Month == "2022-05").Select(c => c.Days).ToListAsync());
    }

    [Fact]
    public async Task Report_UnitDeadlineExtendedInARefreshedMonth_IsCountedAtOnce_AndAfterTheRefresh()
    {
        var june = new ReportFilter { From = new DateOnly(2020, 6, 1), To = new DateOnly(2020, 6, 30) };
        var at = new DateTimeOffset(2020, 6, 8, 12, 0, 0, TimeSpan.Zero);
        Guid unit;
        await using (var db = app.CreateDbContext())
        {
            unit = await db.Units.Where(u => u.Name == ReportDataSet.WorksUnit).Select(u => u.Id).SingleAsync();
        }

        var id = await RegisterAsync(at);
        await ChangeAsync(id, m =>
        {
            m.StartTriage(Ombudsman, at.AddHours(1));
            m.WriteExtract("Relato sobre a unidade, sem dados pessoais.", Ombudsman, at.AddHours(1));
            m.Forward(unit, AssignmentRole.Responsible, null, null, "Apurar.", Ombudsman, at.AddHours(2), DeadlineTerms.Legal);
        });
        await RefreshAsync();
        Assert.Equal(0, (await ReportAsync(june)).Totals.UnitExtensions);

        // The extension changes only the treatment's deadline: the month is marked all the same.
        await ChangeAsync(id, m => m.ExtendUnitDeadline(m.Assignments[0].Id, "A unidade aguarda o laudo técnico.", Ombudsman, at.AddDays(10), DeadlineTerms.Legal));
        Assert.Equal(["2020-06"], await MarksAsync());
        Assert.Equal(1, (await ReportAsync(june)).Totals.UnitExtensions);

        await RefreshAsync();
        Assert.Empty(await MarksAsync());
        Assert.Equal(1, (await ReportAsync(june)).Totals.UnitExtensions);
        await using var check = app.CreateDbContext();
        Assert.Equal(1, await check.ReportMonthCells.Where(c => c.Month == "2020-06").SumAsync(c => c.UnitExtended));
    }

    [Fact]
    public async Task MonthOfRegistration_IsBrasilias_TheSameInTheMarksTheCellsAndTheTable()
    {
        // 01/03/2023 02:59:59 UTC is still 28/02 in Brasília; 03:00 is 01/03.
        await RegisterAsync(new DateTimeOffset(2023, 3, 1, 2, 59, 59, TimeSpan.Zero));
        await RegisterAsync(new DateTimeOffset(2023, 3, 1, 3, 0, 0, TimeSpan.Zero));
        var year = new ReportFilter { From = new DateOnly(2023, 1, 1), To = new DateOnly(2023, 12, 31) };
        Assert.Equal(["2023-02", "2023-03"], await MarksAsync());

        var fromTable = await ReportAsync(year);
        await RefreshAsync();
        var fromCells = await ReportAsync(year);

        Assert.Equal(["2023-02:1", "2023-03:1"], fromTable.ByMonth.Select(m => $"{m.Key}:{m.Count}"));
        Assert.Equal(fromTable.ByMonth, fromCells.ByMonth);
        Assert.Equal(fromTable.ByType, fromCells.ByType);
        Assert.Equal(fromTable.ByChannel, fromCells.ByChannel);
        Assert.Equal(fromTable.ByTheme, fromCells.ByTheme);
        Assert.Equal(fromTable.Totals, fromCells.Totals);
        var february = await ReportAsync(new ReportFilter { From = new DateOnly(2023, 2, 28), To = new DateOnly(2023, 2, 28) });
        Assert.Equal(1, february.Totals.Registered);
    }

    private async Task<ManagementReport> ReportAsync(ReportFilter filter)
    {
        var result = await app.WithAsync<ReportsQuery, Result<ManagementReport>>(q => q.ExecuteAsync(filter, Manager));
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value;
    }

    private Task<ReportCellsRefreshResult> RefreshAsync() =>
        app.WithAsync<ReportCellsRefresh, ReportCellsRefreshResult>(r => r.RunAsync(CancellationToken.None));

    private async Task<List<string>> MarksAsync()
    {
        await using var db = app.CreateDbContext();
        return (await db.ReportDirtyMonths.Select(d => d.Month).Distinct().ToListAsync()).Order(StringComparer.Ordinal).ToList();
    }

    private async Task<Guid> RegisterAsync(DateTimeOffset at)
    {
        await using var db = app.CreateDbContext();
        var number = Random.Shared.Next(100_000, 999_999);
        var manifestation = Manifestation.Register(Nup.Create(12345, number, at.Year), ManifestationType.Complaint, Channel.Web, null, null,
            "Relato de teste das células do relatório.", new Requester("Pessoa de Teste", "teste@exemplo.com.br", null), true, "hash", at,
            terms: DeadlineTerms.Legal);
        db.Manifestations.Add(manifestation);
        await db.SaveChangesAsync();
        return manifestation.Id;
    }

    private async Task ChangeAsync(Guid id, Action<Manifestation> change)
    {
        await using var db = app.CreateDbContext();
        var manifestation = await db.Manifestations.Include(m => m.Assignments).SingleAsync(m => m.Id == id);
        change(manifestation);
        await db.SaveChangesAsync();
    }
}

public sealed class ReportCellsTestsSqlite(SqliteEmptyApp app) : ReportCellsTests(app), IClassFixture<SqliteEmptyApp>;

public sealed class ReportCellsTestsPostgres(PostgresEmptyApp app) : ReportCellsTests(app), IClassFixture<PostgresEmptyApp>;
