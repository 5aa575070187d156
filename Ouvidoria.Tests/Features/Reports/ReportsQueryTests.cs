using System.Text;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Reporting;
using Ouvidoria.Tests.Support;
using Ouvidoria.Tests.Support.Integration;
using Ouvidoria.Web.Features.Reports;

namespace Ouvidoria.Tests.Features.Reports;

/// <summary>Where the report reads the data set's months from (docs/decisions/0016-report-cells.md).</summary>
public enum ReportCellsState
{
    /// <summary>No refresh yet: every month is dirty, all read from the Manifestations table.</summary>
    AllDirty,

    /// <summary>Refreshed: every whole month from the report cells.</summary>
    Fresh,

    /// <summary>Refreshed, then February marked dirty: January and March from the cells, February from the table.</summary>
    FebruaryDirty,
}

/// <summary>
/// The managers' report against <see cref="ReportDataSet"/>, whose every number is known by hand —
/// the same answers whether the months come from the table, the report cells or both.
/// </summary>
public abstract class ReportsQueryTests(OuvidoriaAppFactory app, ReportCellsState cells = ReportCellsState.AllDirty) : IAsyncLifetime
{
    private static readonly Actor Manager = new("report-manager", "Gil (Gestor)", ActorKind.Manager);

    private (Guid Works, Guid Health, Guid Theme) _ids;

    public async Task InitializeAsync()
    {
        _ids = await ReportDataSet.EnsureAsync(app);
        if (cells == ReportCellsState.AllDirty)
        {
            return;
        }

        await app.WithAsync<ReportCellsRefresh, ReportCellsRefreshResult>(r => r.RunAsync(CancellationToken.None));
        await using var db = app.CreateDbContext();
        Assert.Empty(db.ReportDirtyMonths);
        Assert.NotEmpty(db.ReportMonthCells);
        if (cells == ReportCellsState.FebruaryDirty)
        {
            db.ReportDirtyMonths.Add(new ReportDirtyMonth("2025-02"));
            await db.SaveChangesAsync();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<ManagementReport> ReportAsync(ReportFilter filter)
    {
        var result = await app.WithAsync<ReportsQuery, Result<ManagementReport>>(q => q.ExecuteAsync(filter, Manager));
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value;
    }

    private async Task<ReportListPage> DrillAsync(ReportFilter filter, ReportDrill drill)
    {
        var result = await app.WithAsync<ReportListQuery, Result<ReportListPage>>(q => q.ExecuteAsync(filter, drill, Manager, 0, 100));
        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(result.Value.Total, result.Value.Items.Count);
        return result.Value;
    }

    private static int Count(IEnumerable<ReportCount> counts, string key) => counts.Single(c => c.Key == key).Count;

    [Fact]
    public async Task ExecuteAsync_NoFilter_TotalsMatchTheHandComputedDataSet()
    {
        var report = await ReportAsync(new ReportFilter());

        Assert.Equal(new ReportTotals(Registered: 7, Open: 2, Overdue: 1, Unresolved: 1, Answered: 5, AnsweredOnTime: 4, CitizenExtensions: 1, UnitExtensions: 1), report.Totals);
        Assert.Equal(0.8, report.Totals.OnTimeShare!.Value, 6);
    }

    [Fact]
    public async Task ExecuteAsync_NoFilter_AnswerTimeAverageAndNearestRankPercentiles()
    {
        var report = await ReportAsync(new ReportFilter());

        Assert.Equal(5, report.AnswerTimes.Count);
        Assert.Equal(22, report.AnswerTimes.AverageDays!.Value, 6);
        Assert.Equal(20, report.AnswerTimes.MedianDays!.Value, 6);
        Assert.Equal(40, report.AnswerTimes.P90Days!.Value, 6);
    }

    [Fact]
    public async Task ExecuteAsync_NoFilter_VolumeByTypeChannelThemeAndBrasiliaMonth()
    {
        var report = await ReportAsync(new ReportFilter());

        Assert.Equal(2, Count(report.ByType, nameof(ManifestationType.Complaint)));
        Assert.All(new[] { ManifestationType.Request, ManifestationType.Suggestion, ManifestationType.Compliment, ManifestationType.Denunciation, ManifestationType.Communication },
            t => Assert.Equal(1, Count(report.ByType, t.ToString())));
        Assert.Equal(7, report.ByType.Sum(c => c.Count));
        Assert.Equal("Reclamação", report.ByType.Single(c => c.Key == nameof(ManifestationType.Complaint)).Label);

        Assert.Equal(3, Count(report.ByChannel, nameof(Channel.Web)));
        Assert.Equal(2, Count(report.ByChannel, nameof(Channel.WhatsApp)));
        Assert.Equal(1, Count(report.ByChannel, nameof(Channel.Phone)));
        Assert.Equal(1, Count(report.ByChannel, nameof(Channel.Email)));

        Assert.Equal(2, Count(report.ByTheme, _ids.Theme.ToString()));
        Assert.Equal(5, report.ByTheme.Single(c => c.Label == ReportLabels.NoTheme).Count);

        // The elogio registered at 02:00 UTC on 1 February is a January case in Brasília.
        Assert.Equal(["2025-01", "2025-02", "2025-03"], report.ByMonth.Select(c => c.Key));
        Assert.Equal([5, 1, 1], report.ByMonth.Select(c => c.Count));
        Assert.Equal("jan/2025", report.ByMonth[0].Label);
    }

    [Fact]
    public async Task ExecuteAsync_NoFilter_OpenTreatmentsPerUnitWithTheirOverdue()
    {
        var report = await ReportAsync(new ReportFilter());

        Assert.Equal(2, report.OpenByUnit.Count);
        Assert.Contains(new UnitLoad(_ids.Works, ReportDataSet.WorksUnit, Open: 1, Overdue: 1), report.OpenByUnit);
        Assert.Contains(new UnitLoad(_ids.Health, ReportDataSet.HealthUnit, Open: 1, Overdue: 0), report.OpenByUnit);
    }

    [Fact]
    public async Task ExecuteAsync_Filters_NarrowEveryNumber()
    {
        var february = await ReportAsync(new ReportFilter { From = new DateOnly(2025, 2, 1), To = new DateOnly(2025, 2, 28) });
        Assert.Equal(1, february.Totals.Registered);
        Assert.Equal(1, february.Totals.Overdue);
        Assert.Equal(0, february.AnswerTimes.Count);
        Assert.Null(february.AnswerTimes.AverageDays);

        var complaints = await ReportAsync(new ReportFilter { Type = ManifestationType.Complaint });
        Assert.Equal(2, complaints.Totals.Registered);
        Assert.Equal(15, complaints.AnswerTimes.AverageDays!.Value, 6);
        Assert.Equal(10, complaints.AnswerTimes.MedianDays!.Value, 6);
        Assert.Equal(20, complaints.AnswerTimes.P90Days!.Value, 6);

        var whatsApp = await ReportAsync(new ReportFilter { Channel = Channel.WhatsApp });
        Assert.Equal(new ReportTotals(2, 0, 0, 0, 2, 2, 0, 0), whatsApp.Totals);

        var works = await ReportAsync(new ReportFilter { UnitId = _ids.Works });
        Assert.Equal(new ReportTotals(Registered: 2, Open: 1, Overdue: 1, Unresolved: 1, Answered: 1, AnsweredOnTime: 1, CitizenExtensions: 0, UnitExtensions: 1), works.Totals);
        Assert.Equal([new UnitLoad(_ids.Works, ReportDataSet.WorksUnit, 1, 1)], works.OpenByUnit);

        // The unit and a period (its treatments read by registration date): #6 from February, #1 until January.
        var worksSince = await ReportAsync(new ReportFilter { UnitId = _ids.Works, From = new DateOnly(2025, 2, 1), To = new DateOnly(2025, 3, 31) });
        Assert.Equal(new ReportTotals(Registered: 1, Open: 1, Overdue: 1, Unresolved: 0, Answered: 0, AnsweredOnTime: 0, CitizenExtensions: 0, UnitExtensions: 1), worksSince.Totals);
        Assert.Equal([new ReportCount(nameof(ManifestationType.Denunciation), ManifestationType.Denunciation.Label(), 1)], worksSince.ByType);
        var worksUntil = await ReportAsync(new ReportFilter { UnitId = _ids.Works, To = new DateOnly(2025, 1, 31) });
        Assert.Equal(new ReportTotals(Registered: 1, Open: 0, Overdue: 0, Unresolved: 1, Answered: 1, AnsweredOnTime: 1, CitizenExtensions: 0, UnitExtensions: 0), worksUntil.Totals);
        Assert.Equal(10, worksUntil.AnswerTimes.AverageDays!.Value, 6);
        // A period where the unit has nothing (#7 in March went to Saúde).
        var worksMarch = await ReportAsync(new ReportFilter { UnitId = _ids.Works, From = new DateOnly(2025, 3, 1), To = new DateOnly(2025, 3, 31) });
        Assert.Equal(0, worksMarch.Totals.Registered);
    }

    [Fact]
    public async Task ExecuteAsync_UnitAndPeriod_ReadsTheUnitsTreatmentsOfThePeriodFromTheTwoPartialIndexes()
    {
        IReadOnlyList<RecordedCommand> commands;
        using (var recording = app.Commands.Listen())
        {
            await ReportAsync(new ReportFilter { UnitId = _ids.Works, From = new DateOnly(2025, 1, 1), To = new DateOnly(2025, 3, 31) });
            commands = recording.Commands;
        }

        // Every statement of the report filtered by the unit (totals, times, groups…).
        var filtered = commands.Where(c => c.Sql.Contains("NOT f.\"InQueue\"", StringComparison.Ordinal)).ToList();
        Assert.True(filtered.Count >= 5, string.Join("\n\n", commands.Select(c => c.Sql)));
        foreach (var command in filtered)
        {
            var plan = await QueryPlans.ExplainAsync(app, command);
            // The treatments in the queue from the queue's index, the others from the history index,
            // each by unit and registration date, never the whole table nor a probe per manifestation.
            Assert.True(plan.Contains("IX_Assignments_UnitQueue", StringComparison.Ordinal) && plan.Contains("IX_Assignments_UnitHistory", StringComparison.Ordinal), plan + "\n" + command.Sql);
            if (app.Database == TestDatabase.Postgres)
            {
                Assert.DoesNotContain("Seq Scan on \"Assignments\"", plan, StringComparison.Ordinal);
            }
            else
            {
                Assert.DoesNotMatch(@"(?m)SCAN f\b", plan);
            }
        }
    }

    [Fact]
    public async Task ExecuteAsync_PeriodWithPartialMonths_CountsOnlyTheDaysInside()
    {
        // 12/01–05/02: #3, #4 and #5 (31/01 23:00 in Brasília); not #2 (10/01).
        var edges = await ReportAsync(new ReportFilter { From = new DateOnly(2025, 1, 12), To = new DateOnly(2025, 2, 5) });
        Assert.Equal(3, edges.Totals.Registered);
        Assert.Equal(3, edges.AnswerTimes.Count);
        Assert.Equal(80 / 3.0, edges.AnswerTimes.AverageDays!.Value, 6);
        Assert.Equal(35, edges.AnswerTimes.MedianDays!.Value, 6);
        Assert.Equal(40, edges.AnswerTimes.P90Days!.Value, 6);
        Assert.Equal([new ReportCount("2025-01", "jan/2025", 3)], edges.ByMonth);

        // A partial January, then whole February and March.
        var spanning = await ReportAsync(new ReportFilter { From = new DateOnly(2025, 1, 12), To = new DateOnly(2025, 3, 31) });
        Assert.Equal(new ReportTotals(Registered: 5, Open: 2, Overdue: 1, Unresolved: 0, Answered: 3, AnsweredOnTime: 2, CitizenExtensions: 1, UnitExtensions: 1), spanning.Totals);
        Assert.Equal(["2025-01:3", "2025-02:1", "2025-03:1"], spanning.ByMonth.Select(m => $"{m.Key}:{m.Count}"));

        var untilJanuary = await ReportAsync(new ReportFilter { To = new DateOnly(2025, 1, 31) });
        Assert.Equal(5, untilJanuary.Totals.Registered);
        Assert.Equal(5, untilJanuary.AnswerTimes.Count);

        var fromFebruary = await ReportAsync(new ReportFilter { From = new DateOnly(2025, 2, 1), Type = ManifestationType.Denunciation });
        Assert.Equal(new ReportTotals(Registered: 1, Open: 1, Overdue: 1, Unresolved: 0, Answered: 0, AnsweredOnTime: 0, CitizenExtensions: 0, UnitExtensions: 1), fromFebruary.Totals);
        Assert.Equal([new ReportCount(nameof(ManifestationType.Denunciation), ManifestationType.Denunciation.Label(), 1)], fromFebruary.ByType);
    }

    [Fact]
    public async Task ExecuteAsync_PeriodEndBeforeStart_IsAValidationError()
    {
        var result = await app.WithAsync<ReportsQuery, Result<ManagementReport>>(q =>
            q.ExecuteAsync(new ReportFilter { From = new DateOnly(2025, 3, 1), To = new DateOnly(2025, 2, 1) }, Manager));

        Assert.Equal(ErrorKind.Validation, result.Error?.Kind);
    }

    [Theory]
    [InlineData(ActorKind.Collaborator)]
    [InlineData(ActorKind.Administrator)]
    [InlineData(ActorKind.Citizen)]
    public async Task ExecuteAsync_NotManagerNorOmbudsman_IsForbidden(ActorKind kind)
    {
        var actor = new Actor("someone", "Alguém", kind, kind == ActorKind.Collaborator ? _ids.Works : null);

        var report = await app.WithAsync<ReportsQuery, Result<ManagementReport>>(q => q.ExecuteAsync(new ReportFilter(), actor));
        var list = await app.WithAsync<ReportListQuery, Result<ReportListPage>>(q => q.ExecuteAsync(new ReportFilter(), ReportDrill.All, actor, 0, 10));

        Assert.Equal(ErrorKind.Forbidden, report.Error?.Kind);
        Assert.Equal(ErrorKind.Forbidden, list.Error?.Kind);
    }

    [Fact]
    public async Task DrillDown_EveryNumberOfTheReport_ListsExactlyThatManyManifestations()
    {
        var filter = new ReportFilter();
        var report = await ReportAsync(filter);
        var totals = report.Totals;

        var expected = new List<(ReportDrill Drill, int Count)>
        {
            (ReportDrill.All, totals.Registered),
            (new(ReportDrillKind.Open), totals.Open),
            (new(ReportDrillKind.Overdue), totals.Overdue),
            (new(ReportDrillKind.Unresolved), totals.Unresolved),
            (new(ReportDrillKind.Answered), totals.Answered),
            (new(ReportDrillKind.AnsweredOnTime), totals.AnsweredOnTime),
            (new(ReportDrillKind.AnsweredLate), totals.Answered - totals.AnsweredOnTime),
            (new(ReportDrillKind.CitizenExtended), totals.CitizenExtensions),
            (new(ReportDrillKind.UnitExtended), totals.UnitExtensions),
        };
        expected.AddRange(report.ByType.Select(c => (new ReportDrill(ReportDrillKind.Type, c.Key), c.Count)));
        expected.AddRange(report.ByChannel.Select(c => (new ReportDrill(ReportDrillKind.Channel, c.Key), c.Count)));
        expected.AddRange(report.ByTheme.Select(c => (new ReportDrill(ReportDrillKind.Theme, c.Key), c.Count)));
        expected.AddRange(report.ByMonth.Select(c => (new ReportDrill(ReportDrillKind.Month, c.Key), c.Count)));
        expected.AddRange(report.OpenByUnit.Select(u => (new ReportDrill(ReportDrillKind.OpenInUnit, u.UnitId.ToString()), u.Open)));
        expected.AddRange(report.OpenByUnit.Select(u => (new ReportDrill(ReportDrillKind.OverdueInUnit, u.UnitId.ToString()), u.Overdue)));

        foreach (var (drill, count) in expected)
        {
            var page = await DrillAsync(filter, drill);
            Assert.True(count == page.Total, $"{drill.Kind} {drill.Key}: report {count}, list {page.Total}");
        }
    }

    [Fact]
    public async Task DrillDown_OverdueDenunciation_ShowsFactsOnly()
    {
        var page = await DrillAsync(new ReportFilter(), new ReportDrill(ReportDrillKind.Overdue));

        var row = Assert.Single(page.Items);
        Assert.Equal(ManifestationType.Denunciation, row.Type);
        Assert.Equal(ManifestationStatus.InTreatment, row.Status);
        Assert.Equal(ReportDataSet.WorksUnit, row.Units);
        Assert.Equal(new DateTimeOffset(2025, 3, 12, 12, 0, 0, TimeSpan.Zero), row.CitizenDueAt);
    }

    [Fact]
    public async Task DrillDown_InvalidKey_IsAValidationError()
    {
        var result = await app.WithAsync<ReportListQuery, Result<ReportListPage>>(q =>
            q.ExecuteAsync(new ReportFilter(), new ReportDrill(ReportDrillKind.Month, "2025-13"), Manager, 0, 10));

        Assert.Equal(ErrorKind.Validation, result.Error?.Kind);
    }

    [Fact]
    public async Task ListExport_Csv_IsExcelFriendlyAndCarriesFactsOnly()
    {
        var progress = new List<double>();
        var result = await app.WithAsync<ReportExports, Result<Web.Features.Manifestations.GeneratedPdf>>(e =>
            e.ListAsync(new ReportFilter(), new ReportDrill(ReportDrillKind.Answered), ExportFormat.Csv, Manager, new SyncProgress(progress)));

        Assert.True(result.IsSuccess, result.Error?.Message);
        var bytes = result.Value.Content;
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("NUP;Tipo;Situação;Canal;Temática;Cadastro;Prazo do cidadão;Resposta conclusiva;Demanda resolvida;Unidades responsáveis", lines[0]);
        Assert.Equal(6, lines.Length);
        // Oldest first: the first complaint, registered 06/01 12:00 UTC = 09:00 in Brasília, answered 10 days later.
        Assert.Equal("12345.000001/2025-" + lines[1].Split(';')[0][^2..], lines[1].Split(';')[0]);
        Assert.EndsWith(";Reclamação;Concluída;Internet;Saúde;06/01/2025 09:00;05/02/2025;16/01/2025 09:00;Não;" + ReportDataSet.WorksUnit, lines[1], StringComparison.Ordinal);
        var text = Encoding.UTF8.GetString(bytes);
        Assert.DoesNotContain("Pessoa de Teste", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Relato de teste", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Extrato.", text, StringComparison.Ordinal);
        Assert.Equal(1.0, progress[^1]);
    }

    [Fact]
    public async Task ReportExport_Pdf_HasTheFiguresTablesAndTheRecipientMark()
    {
        var result = await app.WithAsync<ReportExports, Result<Web.Features.Manifestations.GeneratedPdf>>(e =>
            e.ReportAsync(new ReportFilter { Type = ManifestationType.Complaint }, ExportFormat.Pdf, Manager));

        Assert.True(result.IsSuccess, result.Error?.Message);
        var text = PdfText.Flat(result.Value.Content);
        Assert.Contains("Relatório gerencial", text, StringComparison.Ordinal);
        Assert.Contains("Tipo: Reclamação", text, StringComparison.Ordinal);
        Assert.Contains("Manifestações registradas 2", text, StringComparison.Ordinal);
        Assert.Contains("Tempo médio até a resposta conclusiva 15,0 dias", text, StringComparison.Ordinal);
        Assert.Contains("Respondidas no prazo legal 2 (100,0%)", text, StringComparison.Ordinal);
        Assert.Contains("jan/2025 2", text, StringComparison.Ordinal);
        Assert.Contains("Documento gerado para Gil (Gestor) em ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Pessoa de Teste", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ExportStore_OtherUserOrSecondDownload_GetsNothing()
    {
        var store = new ExportStore(app.Clock);
        var token = store.Add("owner", "a.csv", ReportExports.CsvContentType, [1, 2, 3]);

        Assert.Null(store.Take(token, "someone-else"));
        Assert.NotNull(store.Take(token, "owner"));
        Assert.Null(store.Take(token, "owner"));
    }

    private sealed class SyncProgress(List<double> values) : IProgress<double>
    {
        public void Report(double value) => values.Add(value);
    }
}

public sealed class ReportsQueryTestsSqlite(SqliteEmptyApp app) : ReportsQueryTests(app), IClassFixture<SqliteEmptyApp>;

public sealed class ReportsQueryTestsPostgres(PostgresEmptyApp app) : ReportsQueryTests(app), IClassFixture<PostgresEmptyApp>;

public sealed class ReportsQueryFromCellsTestsSqlite(SqliteEmptyApp app) : ReportsQueryTests(app, ReportCellsState.Fresh), IClassFixture<SqliteEmptyApp>;

public sealed class ReportsQueryFromCellsTestsPostgres(PostgresEmptyApp app) : ReportsQueryTests(app, ReportCellsState.Fresh), IClassFixture<PostgresEmptyApp>;

public sealed class ReportsQueryMixedTestsSqlite(SqliteEmptyApp app) : ReportsQueryTests(app, ReportCellsState.FebruaryDirty), IClassFixture<SqliteEmptyApp>;

public sealed class ReportsQueryMixedTestsPostgres(PostgresEmptyApp app) : ReportsQueryTests(app, ReportCellsState.FebruaryDirty), IClassFixture<PostgresEmptyApp>;
