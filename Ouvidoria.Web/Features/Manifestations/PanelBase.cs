using Microsoft.AspNetCore.Components;
using Ouvidoria.Domain.Common;
using Radzen;

namespace Ouvidoria.Web.Features.Manifestations;

/// <summary>
/// Shared plumbing of the manifestation page's action panels: runs one workflow call, shows its
/// pt-BR error inline (keeping what the user typed) or a success notice, and asks the page to reload.
/// </summary>
public abstract class PanelBase : ComponentBase
{
    [Parameter, EditorRequired]
    public ManifestationDetails Details { get; set; } = default!;

    [Parameter, EditorRequired]
    public Actor Actor { get; set; } = default!;

    [Parameter]
    public EventCallback OnChanged { get; set; }

    [Inject]
    protected ManifestationWorkflow Workflow { get; set; } = default!;

    [Inject]
    protected NotificationService Notifications { get; set; } = default!;

    protected string? Error { get; private set; }

    protected bool Busy { get; private set; }

    /// <summary>Shows a validation message caught before calling the workflow.</summary>
    protected void Fail(string message) => Error = message;

    protected void ClearError() => Error = null;

    /// <returns>True when the action succeeded (the caller may then clear its form).</returns>
    protected async Task<bool> RunAsync(Func<Task<Result<Done>>> action, string success)
    {
        Busy = true;
        try
        {
            var result = await action();
            if (!result.IsSuccess)
            {
                Error = result.Error!.Message;
                return false;
            }

            Error = null;
            Notifications.Notify(NotificationSeverity.Success, success, duration: 4000);
            await OnChanged.InvokeAsync();
            return true;
        }
        finally
        {
            Busy = false;
        }
    }
}
