using Microsoft.AspNetCore.Components;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Web.Features.Account;
using Ouvidoria.Web.Features.Shared;
using Radzen;
using Radzen.Blazor;

namespace Ouvidoria.Web.Features.Reports;

public sealed partial class ReportsPage
{
    private static readonly IReadOnlyList<Option<ManifestationType?>> typeOptions =
        Enum.GetValues<ManifestationType>().Select(t => new Option<ManifestationType?>(t.Label(), t)).ToList();

    private static readonly IReadOnlyList<Option<Channel?>> channelOptions =
        Enum.GetValues<Channel>().Select(c => new Option<Channel?>(c.Label(), c)).ToList();

    private RadzenDataGrid<ReportListRow>? grid;
    private IEnumerable<ReportListRow>? rows;
    private int count;
    private bool loading;
    private string? error;
    private Actor? actor;
    private IReadOnlyList<LookupItem> units = [];
    private ManagementReport? report;
    private int reportGeneration;
    private int listGeneration;
    private ReportDrill drill = ReportDrill.All;

    private DateTime? from;
    private DateTime? to;
    private Guid? unitId;
    private ManifestationType? type;
    private Channel? channel;

    private bool exporting;
    private double exportProgress;
    private string? exportLink;
    private string? exportName;
    private string? exportError;

    [Inject]
    private ReportsQuery Reports { get; set; } = default!;

    [Inject]
    private ReportListQuery List { get; set; } = default!;

    [Inject]
    private ReportExports Exports { get; set; } = default!;

    [Inject]
    private ExportStore Store { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private Lookups Lookups { get; set; } = default!;

    [Inject]
    private ILogger<ReportsPage> Logger { get; set; } = default!;

    /// <summary>The filters as applied (the form may hold edits not yet applied).</summary>
    private ReportFilter Filter { get; set; } = new();

    private string DrillTitle => drill.Label(key => key is null ? null
        : units.FirstOrDefault(u => u.Id.ToString() == key)?.Name
          ?? report?.ByTheme.FirstOrDefault(t => t.Key == key)?.Label);

    protected override async Task OnInitializedAsync()
    {
        actor = await CurrentActor.GetAsync();
        units = await Lookups.ActiveUnitsAsync();
        await RunReportAsync();
    }

    private async Task ApplyAsync()
    {
        Filter = new ReportFilter
        {
            From = from is { } f ? DateOnly.FromDateTime(f) : null,
            To = to is { } t ? DateOnly.FromDateTime(t) : null,
            UnitId = unitId,
            Type = type,
            Channel = channel,
        };
        drill = ReportDrill.All;
        await RunReportAsync();
        if (grid is not null)
        {
            await grid.FirstPage(true);
        }
    }

    private async Task RunReportAsync()
    {
        if (actor is null)
        {
            return;
        }

        // Filters applied while an earlier report is still running win: a late answer to an older
        // request is dropped instead of overwriting the newer one.
        var generation = ++reportGeneration;
        var result = await Reports.ExecuteAsync(Filter, actor);
        if (generation != reportGeneration)
        {
            return;
        }

        error = result.IsSuccess ? null : result.Error!.Message;
        if (result.IsSuccess)
        {
            report = result.Value;
        }
    }

    private async Task LoadAsync(LoadDataArgs args)
    {
        if (actor is null)
        {
            return;
        }

        loading = true;
        var generation = ++listGeneration;
        var result = await List.ExecuteAsync(Filter, drill, actor, args.Skip ?? 0, args.Top ?? 20);
        if (generation != listGeneration)
        {
            return;
        }

        if (result.IsSuccess)
        {
            rows = result.Value.Items;
            count = result.Value.Total;
        }
        else
        {
            error = result.Error!.Message;
        }

        loading = false;
    }

    private async Task DrillAsync(ReportDrill target)
    {
        drill = target;
        if (grid is not null)
        {
            await grid.FirstPage(true);
        }
    }

    private Task ChartDrillAsync(SeriesClickEventArgs args, ReportDrillKind kind) =>
        args.Data is ReportCount c ? DrillAsync(new ReportDrill(kind, c.Key)) : Task.CompletedTask;

    /// <summary>Builds the file in the background (the page stays usable), then offers the download link.</summary>
    private void Export(bool list, ExportFormat format)
    {
        if (actor?.UserId is not { } owner || exporting)
        {
            return;
        }

        exporting = true;
        exportProgress = 0;
        exportLink = null;
        exportError = null;
        var filter = Filter;
        var target = drill;
        var who = actor;
        var progress = new Progress<double>(p =>
        {
            exportProgress = p;
            _ = InvokeAsync(StateHasChanged);
        });
        _ = Task.Run(async () =>
        {
            try
            {
                var result = list
                    ? await Exports.ListAsync(filter, target, format, who, progress)
                    : await Exports.ReportAsync(filter, format, who, progress);
                if (result.IsSuccess)
                {
                    var file = result.Value;
                    var token = Store.Add(owner, file.FileName, format == ExportFormat.Csv ? ReportExports.CsvContentType : "application/pdf", file.Content);
                    exportName = file.FileName;
                    exportLink = ReportEndpoints.DownloadPath(token);
                }
                else
                {
                    exportError = result.Error!.Message;
                }
            }
            catch (Exception e)
            {
                Logger.LogError(e, "Report export failed");
                exportError = "Não foi possível gerar o arquivo. Tente novamente.";
            }
            finally
            {
                exporting = false;
                await InvokeAsync(StateHasChanged);
            }
        });
    }

    private sealed record Option<T>(string Text, T Value);
}
