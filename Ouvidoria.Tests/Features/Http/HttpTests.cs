using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Ouvidoria.Infrastructure.Identity;
using Ouvidoria.Tests.Support.Integration;

namespace Ouvidoria.Tests.Features.Http;

/// <summary>The app over HTTP (TestServer): routing, static script, and the real sign-in form with antiforgery and lockout.</summary>
public abstract class HttpTests(OuvidoriaAppFactory app)
{
    private const string AuthCookie = "ouvidoria.auth";
    private const string LockoutMessage = "Conta bloqueada temporariamente após várias tentativas sem sucesso. Tente novamente em 15 minutos.";

    private HttpClient NewClient() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private static Uri Resolve(HttpClient client, HttpResponseMessage response) =>
        new(client.BaseAddress!, Assert.IsType<Uri>(response.Headers.Location));

    /// <summary>Loads the sign-in page and posts its form back as a browser would (hidden fields included).</summary>
    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password, string path = "/conta/entrar")
    {
        var page = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var fields = HtmlForms.Inputs(await page.Content.ReadAsStringAsync());
        Assert.Equal("login", fields["_handler"]);
        Assert.False(string.IsNullOrEmpty(fields["__RequestVerificationToken"]));
        Assert.True(fields.ContainsKey("Input.Email") && fields.ContainsKey("Input.Password"));

        fields["Input.Email"] = email;
        fields["Input.Password"] = password;
        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    private static bool SetsAuthCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(AuthCookie + "=", StringComparison.Ordinal));

    private async Task<string> CreateStaffAsync(string role)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var email = $"teste.{Guid.NewGuid():N}@demo.gov.br";
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, FullName = "Servidor de Teste" };
        Assert.True((await users.CreateAsync(user, DemoStaff.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return email;
    }

    [Fact]
    public async Task GetTreatmentQueue_Unauthenticated_RedirectsToSignIn()
    {
        using var client = NewClient();

        var response = await client.GetAsync("/tratar");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = Resolve(client, response);
        Assert.Equal("/conta/entrar", location.AbsolutePath);
        Assert.Contains("ReturnUrl=%2Ftratar", location.Query, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task GetHome_Anonymous_Returns200WithPtBrPage()
    {
        using var client = NewClient();

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = HtmlForms.Text(await response.Content.ReadAsStringAsync());
        Assert.Contains("<html lang=\"pt-BR\">", html);
        Assert.Contains("Ouvidoria — fale com a administração pública", html);
        Assert.Contains("Registrar manifestação", html);
        Assert.Contains("Consultar manifestação", html);
    }

    [Fact]
    public async Task GetBlazorScript_Returns200JavaScript()
    {
        using var client = NewClient();

        var response = await client.GetAsync("/_framework/blazor.web.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("javascript", response.Content.Headers.ContentType?.MediaType ?? string.Empty);
        var script = await response.Content.ReadAsStringAsync();
        Assert.True(script.Length > 100_000, $"blazor.web.js has only {script.Length} characters");
        Assert.Contains("Blazor", script);
    }

    [Fact]
    public async Task SignIn_RightPassword_RedirectsWithAuthCookieAndOpensTheQueue()
    {
        using var client = NewClient();

        var response = await SignInAsync(client, DemoStaff.Ombudsman, DemoStaff.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", Resolve(client, response).AbsolutePath);
        Assert.True(SetsAuthCookie(response), "no " + AuthCookie + " cookie");

        var queue = await client.GetAsync("/tratar");
        Assert.Equal(HttpStatusCode.OK, queue.StatusCode);
        Assert.Contains("Tratar manifestações", HtmlForms.Text(await queue.Content.ReadAsStringAsync()));

        var home = HtmlForms.Text(await (await client.GetAsync("/")).Content.ReadAsStringAsync());
        Assert.Contains("Olá, " + DemoStaff.NameOf(DemoStaff.Ombudsman), home);
    }

    [Fact]
    public async Task SignIn_FromTheLoginRedirect_ReturnsToTheRequestedPage()
    {
        using var client = NewClient();
        var challenge = Resolve(client, await client.GetAsync("/tratar"));

        var response = await SignInAsync(client, DemoStaff.HealthCollaborator, DemoStaff.Password, challenge.PathAndQuery);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/tratar", Resolve(client, response).AbsolutePath);
    }

    [Fact]
    public async Task SignIn_ExternalReturnUrl_RedirectsHomeInstead()
    {
        using var client = NewClient();

        var response = await SignInAsync(client, DemoStaff.Manager, DemoStaff.Password, "/conta/entrar?returnUrl=%2F%2Fevil.example.com%2F");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = Resolve(client, response);
        Assert.Equal(client.BaseAddress!.Host, location.Host);
        Assert.Equal("/", location.AbsolutePath);
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsPtBrErrorWithoutCookie()
    {
        using var client = NewClient();

        var response = await SignInAsync(client, DemoStaff.Manager, "SenhaErrada@1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(SetsAuthCookie(response));
        Assert.Contains("E-mail ou senha incorretos.", HtmlForms.Text(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task SignIn_WithoutAntiforgeryToken_IsRejected()
    {
        using var client = NewClient();
        await client.GetAsync("/conta/entrar");

        var response = await client.PostAsync("/conta/entrar", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["Input.Email"] = DemoStaff.Ombudsman,
            ["Input.Password"] = DemoStaff.Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(SetsAuthCookie(response));
    }

    [Fact]
    public async Task SignIn_WrongPasswordFiveTimes_LocksTheAccount()
    {
        var email = await CreateStaffAsync(Roles.Collaborator);
        using var client = NewClient();

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var failed = HtmlForms.Text(await (await SignInAsync(client, email, "SenhaErrada@" + attempt)).Content.ReadAsStringAsync());
            Assert.Contains("E-mail ou senha incorretos.", failed);
            Assert.DoesNotContain("Conta bloqueada", failed);
        }

        var fifth = await SignInAsync(client, email, "SenhaErrada@5");
        Assert.Contains(LockoutMessage, HtmlForms.Text(await fifth.Content.ReadAsStringAsync()));

        // Locked out: even the right password is refused now.
        var right = await SignInAsync(client, email, DemoStaff.Password);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.False(SetsAuthCookie(right));
        Assert.Contains(LockoutMessage, HtmlForms.Text(await right.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task GetTreatmentQueue_Administrator_RedirectsToThePtBrAccessDeniedPage()
    {
        using var client = NewClient();
        Assert.True(SetsAuthCookie(await SignInAsync(client, DemoStaff.Administrator, DemoStaff.Password)));

        var response = await client.GetAsync("/tratar");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = Resolve(client, response);
        Assert.Equal("/conta/acesso-negado", location.AbsolutePath);
        var denied = await client.GetAsync(location.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, denied.StatusCode);
        Assert.Contains("Seu perfil não permite acessar esta página.", HtmlForms.Text(await denied.Content.ReadAsStringAsync()));
    }
}

public sealed class HttpTestsSqlite(SqliteDemoApp app) : HttpTests(app), IClassFixture<SqliteDemoApp>;

public sealed class HttpTestsPostgres(PostgresDemoApp app) : HttpTests(app), IClassFixture<PostgresDemoApp>;
