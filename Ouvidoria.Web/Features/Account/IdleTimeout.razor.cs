using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Ouvidoria.Domain.Administration;
using Ouvidoria.Infrastructure.Administration;

namespace Ouvidoria.Web.Features.Account;

/// <summary>
/// Ends an idle staff session without JavaScript: clicks and keys anywhere in the layout bubble to
/// this wrapper (handled without re-rendering the page); at most once a minute an activity renews
/// the cookie through a 1-pixel image request. <see cref="SystemSettings.IdleWarning"/> before the
/// end a warning offers "Continuar conectado"; at the end the browser goes to the sign-in page,
/// which signs the session out (the cookie, whose sliding lifetime is the same setting, has already
/// lapsed by then).
/// </summary>
public sealed partial class IdleTimeout
{
    public static readonly TimeSpan PingEvery = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(15);

    private ITimer? timer;
    private TimeSpan idle;
    private DateTimeOffset lastPing;
    private bool warning;
    private string? pingUrl;

    [Parameter]
    public RenderFragment? ChildContent { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState>? Authentication { get; set; }

    [Inject]
    private SystemSettingsStore Settings { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private int MinutesLeft => Math.Max(1, (int)Math.Ceiling((lastPing + idle - Clock.GetUtcNow()).TotalMinutes));

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || !RendererInfo.IsInteractive || Authentication is null || (await Authentication).User.Identity?.IsAuthenticated != true)
        {
            return;
        }

        idle = TimeSpan.FromMinutes((await Settings.GetAsync()).IdleTimeoutMinutes);
        lastPing = Clock.GetUtcNow();
        timer = Clock.CreateTimer(_ => _ = InvokeAsync(CheckAsync), null, CheckEvery, CheckEvery);
    }

    /// <summary>Activity: renews the session when the last renewal is a minute old or the warning shows.</summary>
    private void Touch()
    {
        var now = Clock.GetUtcNow();
        if (timer is null || (now - lastPing < PingEvery && !warning))
        {
            return;
        }

        lastPing = now;
        warning = false;
        pingUrl = $"{StaffSignInRules.KeepAlivePath.TrimStart('/')}?t={now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}";
        StateHasChanged();
    }

    private Task CheckAsync()
    {
        var left = lastPing + idle - Clock.GetUtcNow();
        if (left <= TimeSpan.Zero)
        {
            timer?.Dispose();
            Navigation.NavigateTo("/conta/entrar?motivo=inatividade", forceLoad: true);
        }
        else if (left <= SystemSettings.IdleWarning || warning)
        {
            warning = true;
            StateHasChanged();
        }

        return Task.CompletedTask;
    }

    /// <summary>Events re-render only when <see cref="Touch"/> asks for it (never the whole page on every click).</summary>
    Task IHandleEvent.HandleEventAsync(EventCallbackWorkItem callback, object? arg) => callback.InvokeAsync(arg);

    public void Dispose() => timer?.Dispose();
}
