using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Playwright;
using Ouvidoria.Infrastructure.Administration;
using Ouvidoria.Infrastructure.Seeding;
using Ouvidoria.Web.Features.Account;
using static Microsoft.Playwright.Assertions;

namespace Ouvidoria.Tests.EndToEnd;

/// <summary>
/// The portal's clock in these tests: frozen until the test moves it. Timers still tick in real time
/// (what the page's idle check runs on); the ones <see cref="IdleTimeout"/> arms are counted, so a test
/// moves the clock only once the open page's check counts from the time before the move.
/// </summary>
public sealed class PortalClock : TimeProvider
{
    private readonly Lock gate = new();
    private DateTimeOffset now = DateTimeOffset.UtcNow;
    private int idleChecks;

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return now;
        }
    }

    public void Advance(TimeSpan interval)
    {
        lock (gate)
        {
            now += interval;
        }
    }

    /// <summary>How many idle checks pages have armed so far.</summary>
    public int IdleChecks => Volatile.Read(ref idleChecks);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (period == IdleTimeout.CheckEvery)
        {
            Interlocked.Increment(ref idleChecks);
        }

        return timer;
    }

    /// <summary>Waits until a page arms an idle check after <paramref name="armedBefore"/> of them.</summary>
    public async Task WaitForIdleCheckAsync(int armedBefore)
    {
        for (var waited = 0; IdleChecks <= armedBefore; waited += 100)
        {
            Assert.True(waited < 30_000, "the page never armed its idle check");
            await Task.Delay(100);
        }
    }
}

/// <summary>A portal whose clock the test moves (<see cref="PortalClock"/>).</summary>
public sealed class ClockedPortalFixture : PortalFixture
{
    public PortalClock Clock { get; } = new();

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        services.RemoveAll<TimeProvider>();
        services.AddSingleton<TimeProvider>(Clock);
    }
}

/// <summary>
/// The idle timeout as a person meets it in Chromium: the warning two minutes before the end,
/// "Continuar conectado" renewing the sign-in cookie, and at the end the sign-in page saying why.
/// The app's clock jumps once the page has armed its check, which runs every 15 seconds of real time.
/// </summary>
public sealed class IdleTimeoutTests(ClockedPortalFixture portal) : IClassFixture<ClockedPortalFixture>
{
    private static readonly LocatorAssertionsToBeVisibleOptions WithinACheck = new() { Timeout = 30_000 };

    [Fact]
    public async Task IdleSession_WarnsBeforeTheEnd_ContinuarConectadoRenewsIt_ThenItEndsOnTheSignInPage()
    {
        var idle = TimeSpan.FromMinutes((await portal.Services.GetRequiredService<SystemSettingsStore>().GetAsync()).IdleTimeoutMinutes);
        var page = await portal.NewPageAsync();
        var armed = portal.Clock.IdleChecks;
        await page.SignInAsync("ouvidoria@demo.gov.br", DemoSeeder.DemoPassword);
        await portal.Clock.WaitForIdleCheckAsync(armed);
        armed = portal.Clock.IdleChecks;
        await page.OpenAsync("tratar");
        await portal.Clock.WaitForIdleCheckAsync(armed);
        var warning = page.GetByTestId("idle-warning");
        await Expect(warning).ToHaveCountAsync(0);

        // A minute and a half before the end: the warning, within one check.
        portal.Clock.Advance(idle - TimeSpan.FromSeconds(90));
        await Expect(warning).ToBeVisibleAsync(WithinACheck);
        await Expect(warning).ToContainTextAsync("Sua sessão será encerrada por inatividade em 2 minuto(s).");
        await page.ShotAsync("aviso-inatividade");

        // "Continuar conectado": the 1-pixel request renews the cookie; the warning goes away.
        var ping = page.WaitForResponseAsync(r => r.Url.Contains("conta/sessao-ativa", StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Continuar conectado" }).ClickAsync();
        var renewal = await ping;
        Assert.Equal(200, renewal.Status);
        Assert.Contains("ouvidoria.auth=", await renewal.HeaderValueAsync("set-cookie") ?? string.Empty, StringComparison.Ordinal);
        await Expect(warning).ToHaveCountAsync(0);

        // Still working past the first session's end, thanks to the renewal.
        portal.Clock.Advance(TimeSpan.FromMinutes(5));
        armed = portal.Clock.IdleChecks;
        await page.OpenAsync("tratar");
        await Expect(page.GetByTestId("user-name")).ToBeVisibleAsync();
        await portal.Clock.WaitForIdleCheckAsync(armed);

        // Idle for the whole time after that: the page leaves for the sign-in page, which says why.
        portal.Clock.Advance(idle + TimeSpan.FromSeconds(10));
        await page.WaitForURLAsync("**/conta/entrar?motivo=inatividade", new PageWaitForURLOptions { Timeout = 30_000 });
        await Expect(page.GetByTestId("login-info")).ToContainTextAsync("Sua sessão foi encerrada por inatividade. Entre novamente.");
        await page.ShotAsync("sessao-encerrada-inatividade");
        await page.GotoAsync("tratar");
        await page.WaitForURLAsync("**/conta/entrar?ReturnUrl=*");
    }
}
