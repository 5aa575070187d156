using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Common;
using Ouvidoria.Infrastructure.Identity;
using Ouvidoria.Tests.Support.Integration;
using Ouvidoria.Web.Features.Administration.Settings;
using Ouvidoria.Web.Features.Administration.Users;

namespace Ouvidoria.Tests.Features.Account;

/// <summary>
/// How long a staff cookie keeps working, over HTTP with the app's clock moved forward: it stops at
/// the next security check once the account is deactivated (by an administrator, or — like an
/// eventual collaborator — without a new security stamp) or the person signs out of every session;
/// it lapses after the idle time the administrators set and is renewed while the person is active.
/// Each class has its own database and clock.
/// </summary>
public abstract class SessionLifetimeTests(OuvidoriaAppFactory app)
{
    /// <summary>Past the security-stamp validation interval (one minute, Program.cs).</summary>
    private static readonly TimeSpan PastTheCheck = TimeSpan.FromMinutes(2);

    /// <summary>A client that sends exactly the cookie it is given (a browser that kept it, or a copy of it).</summary>
    private HttpClient WithCookie(string cookie)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    /// <summary>Signs in through the form and returns the sign-in cookie as a Cookie header.</summary>
    private async Task<string> SignInCookieAsync(TestStaff staff)
    {
        using var client = app.AnonymousClient();
        var response = await client.PostPasswordAsync(staff.Email, staff.Password);
        Assert.True(response.SetsAuthCookie(), "not signed in");
        return CookieHeader(response);
    }

    private static string CookieHeader(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.GetValues("Set-Cookie")
            .Where(c => c.StartsWith(SignInForms.AuthCookie, StringComparison.Ordinal))
            .Select(c => c.Split(';')[0]));

    private static void AssertSentToSignIn(HttpResponseMessage response, string what)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{what}: {(int)response.StatusCode} instead of the sign-in redirect");
        Assert.StartsWith("/conta/entrar", new Uri(new Uri("http://localhost"), response.Headers.Location!).AbsolutePath, StringComparison.Ordinal);
    }

    private async Task<int> IdleTimeoutMinutesAsync()
    {
        var admin = await app.ActorAsync(DemoStaff.Administrator);
        return (await app.WithAsync<SettingsAdministration, Result<SettingsView>>(s => s.GetAsync(admin))).Value.Values.IdleTimeoutMinutes;
    }

    private async Task AssertEveryDownloadRefusedAsync(string cookie, DownloadCase downloads)
    {
        using var client = WithCookie(cookie);
        AssertSentToSignIn(await client.GetAsync(downloads.ExtractPdf), "extrato.pdf");
        AssertSentToSignIn(await client.GetAsync(downloads.CitizenFile), "anexo");
        AssertSentToSignIn(await client.GetAsync(downloads.AllFiles), "todos.zip");
        AssertSentToSignIn(await client.GetAsync("/tratar"), "/tratar");
    }

    [Fact]
    public async Task Cookie_AccountDeactivatedWithoutANewSecurityStamp_IsRefusedOnCookieAuthorizedEndpoints()
    {
        var downloads = await app.PrepareDownloadCaseAsync();
        var staff = await app.CreateStaffAsync(Roles.Ombudsman);
        var cookie = await SignInCookieAsync(staff);
        using (var client = WithCookie(cookie))
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(downloads.ExtractPdf)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(downloads.CitizenFile)).StatusCode);
        }

        // What the eventual collaborators' sync does: IsActive turns false, the security stamp stays.
        await using (var db = app.CreateDbContext())
        {
            Assert.Equal(1, await db.Users.Where(u => u.Id == staff.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.IsActive, false)));
        }

        app.Clock.Advance(PastTheCheck);

        await AssertEveryDownloadRefusedAsync(cookie, downloads);
    }

    [Fact]
    public async Task Cookie_AccountDeactivatedByAnAdministrator_IsRefusedOnCookieAuthorizedEndpoints()
    {
        var downloads = await app.PrepareDownloadCaseAsync();
        var staff = await app.CreateStaffAsync(Roles.Ombudsman);
        var cookie = await SignInCookieAsync(staff);
        var admin = await app.ActorAsync(DemoStaff.Administrator);

        Assert.True((await app.WithAsync<UserAdministration, Result<Done>>(u => u.DeactivateAsync(staff.Id, admin))).IsSuccess);
        app.Clock.Advance(PastTheCheck);

        await AssertEveryDownloadRefusedAsync(cookie, downloads);
    }

    [Fact]
    public async Task ChangePassword_AfterTheAccountWasDeactivated_IssuesNoNewCookie()
    {
        var staff = await app.CreateStaffAsync(Roles.Ombudsman);
        using var client = app.AnonymousClient();
        Assert.True((await client.PostPasswordAsync(staff.Email, staff.Password)).SetsAuthCookie());
        var page = await client.GetAsync("/conta/senha");
        var fields = HtmlForms.Inputs(await page.Content.ReadAsStringAsync());
        await using (var db = app.CreateDbContext())
        {
            await db.Users.Where(u => u.Id == staff.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.IsActive, false));
        }

        // Within the minute before the cookie's next check: the refresh after the change must not renew the session.
        fields["Input.Current"] = staff.Password;
        fields["Input.New"] = fields["Input.Confirm"] = "Outra@Senha2026";
        var changed = await client.PostAsync("/conta/senha", new FormUrlEncodedContent(fields));

        Assert.False(changed.SetsAuthCookie(), "a deactivated account got a fresh cookie");
        AssertSentToSignIn(await client.GetAsync("/tratar"), "/tratar");
    }

    [Fact]
    public async Task SignOutEverywhere_EndsEveryOtherSessionOfThePersonOnly()
    {
        var downloads = await app.PrepareDownloadCaseAsync();
        var staff = await app.CreateStaffAsync(Roles.Ombudsman);
        var otherBrowser = await SignInCookieAsync(staff);
        var someoneElse = await SignInCookieAsync(await app.CreateStaffAsync(Roles.Ombudsman));
        using var client = app.AnonymousClient();
        var signedIn = await client.PostPasswordAsync(staff.Email, staff.Password);
        Assert.True(signedIn.SetsAuthCookie());
        var kept = CookieHeader(signedIn);
        var fields = HtmlForms.Inputs(await (await client.GetAsync("/tratar")).Content.ReadAsStringAsync());

        var response = await client.PostAsync("/conta/sair-de-todas", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["__RequestVerificationToken"] = fields["__RequestVerificationToken"] }));

        Assert.Equal("/conta/entrar?motivo=todas", response.RedirectTarget());
        Assert.Contains("Você saiu de todas as sessões abertas. Entre novamente.", await (await client.GetAsync(response.RedirectTarget())).TextAsync(), StringComparison.Ordinal);
        AssertSentToSignIn(await client.GetAsync("/tratar"), "this browser");
        app.Clock.Advance(PastTheCheck);
        using (var other = WithCookie(otherBrowser))
        {
            AssertSentToSignIn(await other.GetAsync("/tratar"), "the other browser");
        }

        // A copy of this browser's cookie taken before is dead too; another person's session is not touched.
        await AssertEveryDownloadRefusedAsync(kept, downloads);
        using var unaffected = WithCookie(someoneElse);
        Assert.Equal(HttpStatusCode.OK, (await unaffected.GetAsync(downloads.ExtractPdf)).StatusCode);
    }

    [Theory]
    [InlineData("/conta/sair-de-todas")]
    [InlineData("/conta/sair")]
    public async Task SignOut_WithoutTheAntiforgeryToken_IsRejectedAndEndsNothing(string path)
    {
        var staff = await app.CreateStaffAsync(Roles.Ombudsman);
        var cookie = await SignInCookieAsync(staff);
        using var client = WithCookie(cookie);

        // What a form on another site would post (the browser would send the cookie along).
        var response = await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("O formulário expirou", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        app.Clock.Advance(PastTheCheck);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/tratar")).StatusCode);
    }

    [Fact]
    public async Task IdleTimeout_SessionIdlePastTheSetting_IsRefused()
    {
        var idle = await IdleTimeoutMinutesAsync();
        var downloads = await app.PrepareDownloadCaseAsync();
        var cookie = await SignInCookieAsync(await app.CreateStaffAsync(Roles.Ombudsman));

        app.Clock.Advance(TimeSpan.FromMinutes(idle) + TimeSpan.FromSeconds(30));

        await AssertEveryDownloadRefusedAsync(cookie, downloads);
    }

    [Fact]
    public async Task IdleTimeout_ActiveSession_IsRenewedAndOutlivesTheIdleTime()
    {
        var idle = TimeSpan.FromMinutes(await IdleTimeoutMinutesAsync());
        var staff = await app.CreateStaffAsync(Roles.Ombudsman);
        using var client = app.AnonymousClient();
        Assert.True((await client.PostPasswordAsync(staff.Email, staff.Password)).SetsAuthCookie());

        for (var request = 1; request <= 3; request++)
        {
            // A request a little before the end of the idle time: served, and the cookie is renewed.
            app.Clock.Advance(idle - TimeSpan.FromMinutes(2));
            var queue = await client.GetAsync("/tratar");
            Assert.Equal(HttpStatusCode.OK, queue.StatusCode);
            Assert.True(queue.SetsAuthCookie(), $"request {request}: the cookie was not renewed");
        }
    }

    [Fact]
    public async Task IdleTimeout_FollowsTheAdministratorsSetting()
    {
        var admin = await app.ActorAsync(DemoStaff.Administrator);
        var current = (await app.WithAsync<SettingsAdministration, Result<SettingsView>>(s => s.GetAsync(admin))).Value.Values;
        var saved = await app.WithAsync<SettingsAdministration, Result<SettingsView>>(s => s.SaveAsync(current with { IdleTimeoutMinutes = 10 }, admin));
        Assert.True(saved.IsSuccess, saved.Error?.Message);
        try
        {
            var staff = await app.CreateStaffAsync(Roles.Ombudsman);
            using var client = app.AnonymousClient();
            Assert.True((await client.PostPasswordAsync(staff.Email, staff.Password)).SetsAuthCookie());

            app.Clock.Advance(TimeSpan.FromMinutes(9));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/tratar")).StatusCode);
            app.Clock.Advance(TimeSpan.FromMinutes(10.5));
            AssertSentToSignIn(await client.GetAsync("/tratar"), "idle for 10.5 minutes with a 10-minute setting");
        }
        finally
        {
            await app.WithAsync<SettingsAdministration, Result<SettingsView>>(s => s.SaveAsync(current, admin));
        }
    }

    [Fact]
    public async Task KeepAlive_ActivityInAnOpenPage_RenewsTheCookieAtOnce()
    {
        var idle = TimeSpan.FromMinutes(await IdleTimeoutMinutesAsync());
        var staff = await app.CreateStaffAsync(Roles.Ombudsman);
        using var client = app.AnonymousClient();
        Assert.True((await client.PostPasswordAsync(staff.Email, staff.Password)).SetsAuthCookie());
        app.Clock.Advance(TimeSpan.FromSeconds(30));

        // What the IdleTimeout component requests (an image) when the person clicks or types in a circuit.
        var ping = await client.GetAsync("/conta/sessao-ativa?t=1");

        Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
        Assert.Equal("image/gif", ping.Content.Headers.ContentType?.MediaType);
        Assert.True(ping.SetsAuthCookie(), "the ping did not renew the cookie");
        // Past the idle time counted from the sign-in, within it counted from the ping.
        app.Clock.Advance(idle - TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/tratar")).StatusCode);
    }
}

public sealed class SessionLifetimeTestsSqlite(SqliteDemoApp app) : SessionLifetimeTests(app), IClassFixture<SqliteDemoApp>;

public sealed class SessionLifetimeTestsPostgres(PostgresDemoApp app) : SessionLifetimeTests(app), IClassFixture<PostgresDemoApp>;
