using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Ouvidoria.Infrastructure.Identity;

namespace Ouvidoria.Tests.Support.Integration;

/// <summary>A staff account made for one test; with <see cref="AuthenticatorKey"/> when two-factor sign-in is on.</summary>
public sealed record TestStaff(string Id, string Email, string Password, string? AuthenticatorKey, IReadOnlyList<string> RecoveryCodes)
{
    /// <summary>The authenticator app's code right now (Identity checks codes against the real time).</summary>
    public string CurrentCode() => Totp.Code(AuthenticatorKey!, DateTimeOffset.UtcNow);

    /// <summary>Six digits no window Identity accepts (±90 s) would take.</summary>
    public string WrongCode()
    {
        var now = DateTimeOffset.UtcNow;
        var valid = Enumerable.Range(-4, 9).Select(step => Totp.Code(AuthenticatorKey!, now.AddSeconds(30 * step))).ToHashSet();
        return Enumerable.Range(0, 10).Select(d => new string((char)('0' + d), 6)).First(code => !valid.Contains(code));
    }
}

/// <summary>The sign-in pages driven over HTTP as a browser posts them (antiforgery included), one step at a time.</summary>
public static class SignInForms
{
    public const string AuthCookie = "ouvidoria.auth";

    /// <summary>An active, confirmed account in <paramref name="role"/> (password <see cref="DemoStaff.Password"/>), optionally enrolled in the authenticator app.</summary>
    public static async Task<TestStaff> CreateStaffAsync(this OuvidoriaAppFactory app, string role, bool twoFactor = false, Guid? unitId = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var email = $"conta.{Guid.NewGuid():N}@demo.gov.br";
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, FullName = "Servidora de Teste", UnitId = unitId };
        Assert.True((await users.CreateAsync(user, DemoStaff.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        if (!twoFactor)
        {
            return new TestStaff(user.Id, email, DemoStaff.Password, null, []);
        }

        Assert.True((await users.ResetAuthenticatorKeyAsync(user)).Succeeded);
        var key = (await users.GetAuthenticatorKeyAsync(user))!;
        Assert.True((await users.SetTwoFactorEnabledAsync(user, true)).Succeeded);
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!.ToList();
        return new TestStaff(user.Id, email, DemoStaff.Password, key, codes);
    }

    /// <summary>GET /conta/entrar and post its form: a redirect (signed in, or on to the second step) or the page with the error.</summary>
    public static async Task<HttpResponseMessage> PostPasswordAsync(this HttpClient client, string email, string password)
    {
        var page = await client.GetAsync("/conta/entrar");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var fields = HtmlForms.Inputs(await page.Content.ReadAsStringAsync());
        fields["Input.Email"] = email;
        fields["Input.Password"] = password;
        return await client.PostAsync("/conta/entrar", new FormUrlEncodedContent(fields));
    }

    /// <summary>GET /conta/entrar/2fa and post its form with an authenticator code or a recovery code.</summary>
    public static async Task<HttpResponseMessage> PostSecondStepAsync(this HttpClient client, string code, bool recoveryCode = false)
    {
        var page = await client.GetAsync("/conta/entrar/2fa");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var fields = HtmlForms.Inputs(await page.Content.ReadAsStringAsync());
        Assert.Equal("login-2fa", fields["_handler"]);
        fields["Input.Code"] = code;
        // A checkbox is sent only when ticked.
        fields.Remove("Input.IsRecoveryCode");
        if (recoveryCode)
        {
            fields["Input.IsRecoveryCode"] = "true";
        }

        return await client.PostAsync("/conta/entrar/2fa", new FormUrlEncodedContent(fields));
    }

    public static bool SetsAuthCookie(this HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
        && cookies.Any(c => c.StartsWith(AuthCookie + "=", StringComparison.Ordinal) && !c.StartsWith(AuthCookie + "=;", StringComparison.Ordinal));

    /// <summary>The page's text (entities decoded), to look for the pt-BR message.</summary>
    public static async Task<string> TextAsync(this HttpResponseMessage response) => HtmlForms.Text(await response.Content.ReadAsStringAsync());

    /// <summary>Where a redirect leads, as a path and query (pages redirect with absolute addresses, endpoints with local ones).</summary>
    public static string? RedirectTarget(this HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location is { } location
            ? new Uri(new Uri("http://localhost"), location).PathAndQuery
            : null;
}
