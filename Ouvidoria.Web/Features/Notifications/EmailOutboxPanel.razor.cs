using Radzen;

namespace Ouvidoria.Web.Features.Notifications;

/// <summary>The e-mail outbox on the jobs dashboard: figures, failing messages, refused ones with "Reenviar".</summary>
public sealed partial class EmailOutboxPanel
{
    private EmailOutboxStatus? status;
    private string? error;

    /// <summary>"3 dia(s) e 4 h", "2 h 5 min", "7 min", "menos de 1 min".</summary>
    public static string Age(TimeSpan age) => age switch
    {
        { TotalDays: >= 1 } => $"{(int)age.TotalDays} dia(s) e {age.Hours} h",
        { TotalHours: >= 1 } => $"{(int)age.TotalHours} h {age.Minutes} min",
        { TotalMinutes: >= 1 } => $"{(int)age.TotalMinutes} min",
        _ => "menos de 1 min",
    };

    /// <summary>Reads the outbox again (the page's "Atualizar").</summary>
    public async Task ReloadAsync()
    {
        if (await CurrentActor.GetAsync() is not { } actor)
        {
            return;
        }

        var result = await Outbox.GetAsync(actor);
        status = result.IsSuccess ? result.Value : null;
        error = result.Error?.Message;
        StateHasChanged();
    }

    protected override Task OnInitializedAsync() => ReloadAsync();

    private static string Interval(TimeSpan delay) => delay switch
    {
        { TotalHours: >= 1 } when delay.Minutes == 0 && delay.Seconds == 0 => $"{(int)delay.TotalHours} hora(s)",
        { TotalMinutes: >= 1 } => $"{(int)delay.TotalMinutes} minuto(s)",
        _ => "30 segundos",
    };

    private async Task ResendAsync(Guid id)
    {
        if (await CurrentActor.GetAsync() is not { } actor)
        {
            return;
        }

        var result = await Outbox.ResendAsync(id, actor);
        Notifications.Notify(result.IsSuccess ? NotificationSeverity.Info : NotificationSeverity.Error,
            result.IsSuccess ? "E-mail recolocado na fila de envio." : result.Error!.Message, duration: 5000);
        await ReloadAsync();
    }
}
