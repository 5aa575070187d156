using Microsoft.AspNetCore.Components;
using Ouvidoria.Domain.Common;
using Ouvidoria.Web.Features.Account;

namespace Ouvidoria.Web.Features.Administration.History;

public sealed partial class AdministrativeHistoryPage
{
    private readonly List<AdminChangeRow> rows = [];
    private AdminHistoryCursor? next;
    private AdminHistoryFilter filter = new();
    private string entityType = string.Empty;
    private DateOnly? from;
    private DateOnly? to;
    private string? message;
    private bool loaded;

    [Inject]
    private AdministrativeHistory History { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    protected override Task OnInitializedAsync() => LoadAsync(null);

    private Task FilterAsync()
    {
        filter = new AdminHistoryFilter(entityType.Length == 0 ? null : entityType, from, to);
        rows.Clear();
        return LoadAsync(null);
    }

    private Task MoreAsync() => LoadAsync(next);

    private async Task LoadAsync(AdminHistoryCursor? cursor)
    {
        var actor = await CurrentActor.GetAsync();
        var result = actor is null ? Error.Forbidden() : await History.ListAsync(filter, cursor, actor);
        loaded = true;
        if (result.IsSuccess)
        {
            message = null;
            rows.AddRange(result.Value.Rows);
            next = result.Value.Next;
        }
        else
        {
            message = result.Error!.Message;
            next = null;
        }
    }
}
