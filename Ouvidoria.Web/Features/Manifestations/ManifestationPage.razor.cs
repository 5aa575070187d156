using Microsoft.AspNetCore.Components;
using Ouvidoria.Domain.Common;
using Ouvidoria.Web.Features.Account;

namespace Ouvidoria.Web.Features.Manifestations;

public sealed partial class ManifestationPage
{
    private ManifestationDetails? details;
    private Actor? actor;
    private string? error;
    private DateTimeOffset now;
    private Guid loadedId;

    [Parameter]
    public Guid Id { get; set; }

    [Inject]
    private ManifestationDetailsQuery Query { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        // Prerendering shows the spinner only: the access (a legal record) is logged once, by the
        // interactive render, and again only when another manifestation is opened.
        if (!RendererInfo.IsInteractive || Id == loadedId)
        {
            return;
        }

        loadedId = Id;
        actor = await CurrentActor.GetAsync();
        await LoadAsync(recordAccess: true);
    }

    /// <summary>After the viewer's own action: fresh data, no new access-log entry.</summary>
    private Task ReloadAsync() => LoadAsync(recordAccess: false);

    private async Task LoadAsync(bool recordAccess)
    {
        if (actor is null)
        {
            error = "Sessão expirada. Entre novamente.";
            return;
        }

        now = Clock.GetUtcNow();
        var result = await Query.ExecuteAsync(Id, actor, recordAccess);
        details = result.IsSuccess ? result.Value : null;
        error = result.Error?.Message;
    }
}
