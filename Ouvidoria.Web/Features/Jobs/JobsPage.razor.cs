using Ouvidoria.Web.Features.Notifications;
using Radzen;

namespace Ouvidoria.Web.Features.Jobs;

public sealed partial class JobsPage
{
    private IReadOnlyList<JobStatus>? jobs;
    private string? error;
    private EmailOutboxPanel? outbox;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        if (await CurrentActor.GetAsync() is not { } actor)
        {
            return;
        }

        var result = await Query.ExecuteAsync(actor);
        jobs = result.IsSuccess ? result.Value : null;
        error = result.Error?.Message;
    }

    private async Task RefreshAsync()
    {
        await LoadAsync();
        if (outbox is not null)
        {
            await outbox.ReloadAsync();
        }
    }

    private async Task RunAsync(string key)
    {
        if (await CurrentActor.GetAsync() is not { } actor)
        {
            return;
        }

        var result = await Query.RunNowAsync(key, actor);
        if (result.IsSuccess)
        {
            Notifications.Notify(NotificationSeverity.Info, "Execução solicitada.", duration: 4000);
            await Task.Delay(500);
            await RefreshAsync();
        }
        else
        {
            Notifications.Notify(NotificationSeverity.Error, result.Error!.Message, duration: 6000);
        }
    }
}
