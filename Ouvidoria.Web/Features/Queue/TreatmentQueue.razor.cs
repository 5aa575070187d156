using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Web.Features.Account;
using Ouvidoria.Web.Features.Shared;
using Radzen;
using Radzen.Blazor;

namespace Ouvidoria.Web.Features.Queue;

public sealed partial class TreatmentQueue
{
    private static readonly IReadOnlyList<Option<ManifestationType?>> typeOptions =
        Enum.GetValues<ManifestationType>().Select(t => new Option<ManifestationType?>(t.Label(), t)).ToList();

    private static readonly IReadOnlyList<Option<ManifestationStatus?>> statusOptions =
        Enum.GetValues<ManifestationStatus>().Select(s => new Option<ManifestationStatus?>(s.Label(), s)).ToList();

    private static readonly IReadOnlyList<Option<bool?>> resolvedOptions = [new("Sim", true), new("Não", false)];

    private static readonly IReadOnlyList<Option<QueueSort>> sortOptions =
        [new("Mais antiga", QueueSort.Oldest), new("Prazo mais próximo", QueueSort.Deadline), new("Mais recente", QueueSort.Newest)];

    private static readonly IEnumerable<int> pageSizes = [20, 50, 100];

    private RadzenDataGrid<QueueRow> grid = default!;
    private IEnumerable<QueueRow>? rows;
    private int count;
    private bool loading;
    private string? error;
    private Actor? actor;
    private IReadOnlyList<LookupItem> units = [];

    private string? nupSearch;
    private ManifestationType? type;
    private ManifestationStatus? status;
    private Guid? unitId;
    private bool? resolved;
    private bool overdueOnly;
    private QueueSort sort = QueueSort.Oldest;

    [Inject]
    private QueueQuery Queue { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private Lookups Lookups { get; set; } = default!;

    /// <summary>Drill-down links from the home cards: /tratar?status=InTreatment&amp;vencidas=true&amp;resolvida=false&amp;ordem=Deadline.</summary>
    [SupplyParameterFromQuery(Name = "status")]
    private string? StatusParameter { get; set; }

    [SupplyParameterFromQuery(Name = "vencidas")]
    private bool? OverdueParameter { get; set; }

    [SupplyParameterFromQuery(Name = "resolvida")]
    private bool? ResolvedParameter { get; set; }

    [SupplyParameterFromQuery(Name = "ordem")]
    private string? SortParameter { get; set; }

    protected override async Task OnInitializedAsync()
    {
        actor = await CurrentActor.GetAsync();
        status = Enum.TryParse<ManifestationStatus>(StatusParameter, out var s) ? s : null;
        overdueOnly = OverdueParameter ?? false;
        resolved = ResolvedParameter;
        sort = Enum.TryParse<QueueSort>(SortParameter, out var o) ? o : overdueOnly ? QueueSort.Deadline : QueueSort.Oldest;
        if (actor is { IsCollaborator: false })
        {
            units = await Lookups.ActiveUnitsAsync();
        }
    }

    private async Task LoadAsync(LoadDataArgs args)
    {
        if (actor is null)
        {
            return;
        }

        loading = true;
        var filter = new QueueFilter
        {
            Nup = nupSearch,
            Type = type,
            Status = status,
            UnitId = unitId,
            Resolved = resolved,
            OverdueOnly = overdueOnly,
            // With no status chosen and no "resolved" filter, the queue shows what is still owed an answer.
            OpenOnly = status is null && resolved is null && string.IsNullOrWhiteSpace(nupSearch),
            Sort = sort,
        };
        var result = await Queue.ExecuteAsync(filter, actor, args.Skip ?? 0, args.Top ?? 20);
        if (result.IsSuccess)
        {
            error = null;
            rows = result.Value.Items;
            count = result.Value.Total;
        }
        else
        {
            error = result.Error!.Message;
            rows = [];
            count = 0;
        }

        loading = false;
    }

    private async Task ApplyAsync() => await grid.FirstPage(forceReload: true);

    private async Task OnSearchKeyAsync(KeyboardEventArgs e)
    {
        if (e.Key == "Enter")
        {
            await ApplyAsync();
        }
    }

    private sealed record Option<T>(string Text, T Value);
}
