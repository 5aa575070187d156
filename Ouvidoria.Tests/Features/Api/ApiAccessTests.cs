using System.Net;
using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Integration;
using Ouvidoria.Tests.Support.Integration;
using Ouvidoria.Web.Features.Administration.ApiKeys;
using static Ouvidoria.Tests.Support.Integration.ApiClients;

namespace Ouvidoria.Tests.Features.Api;

/// <summary>
/// Who may call the integration API: a valid, unrevoked key (401 otherwise — never the staff
/// sign-in redirect), with the endpoint's scope (403 naming it), within its per-minute limit (429
/// with Retry-After). Errors are pt-BR problem details.
/// </summary>
public abstract class ApiAccessTests(OuvidoriaAppFactory app)
{
    private const string Themes = "/api/v1/tematicas";

    [Theory]
    [InlineData(null, "Informe a chave de API no cabeçalho X-Api-Key.")]
    [InlineData("", "Informe a chave de API no cabeçalho X-Api-Key.")]
    [InlineData("abc", "Chave de API inválida ou revogada.")]
    [InlineData("ouv_0123456789ab_segredoqualquer", "Chave de API inválida ou revogada.")]
    public async Task NoOrBadKey_401ProblemInPtBr_WithTheChallenge(string? key, string detail)
    {
        var response = await app.ApiClient(key).GetAsync(Themes);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(detail, (await response.JsonAsync()).GetProperty("detail").GetString());
        Assert.Contains("X-Api-Key", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyWithAWrongSecret_401()
    {
        var token = await app.CreateApiKeyAsync();
        var tampered = token[..^2] + (token[^1] == 'a' ? "bb" : "aa");

        var response = await app.ApiClient(tampered).GetAsync(Themes);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task RevokedKey_StopsWorkingAtOnce()
    {
        var token = await app.CreateApiKeyAsync();
        var client = app.ApiClient(token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Themes)).StatusCode);
        ApiKey.TryParse(token, out var prefix, out _);
        await using (var db = app.CreateDbContext())
        {
            var id = await db.ApiKeys.Where(k => k.Prefix == prefix).Select(k => k.Id).SingleAsync();
            var admin = await app.ActorAsync(DemoStaff.Administrator);
            Assert.True((await app.WithAsync<ApiKeyAdministration, Result<Guid>>(a => a.RevokeAsync(id, admin))).IsSuccess);
        }

        var after = await client.GetAsync(Themes);

        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("Chave de API inválida ou revogada.", (await after.JsonAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task KeyWithoutTheScope_403NamingTheMissingPermission_AndNothingHappens()
    {
        var client = await app.NewApiClientAsync(ApiScope.Consult);
        var theme = await app.ThemeIdAsync(Registrations.ThemeWithoutPersonalData);
        await using var before = app.CreateDbContext();
        var count = await before.Manifestations.CountAsync();

        var register = await client.PostJsonAsync("/api/v1/manifestacoes", PhoneComplaint(theme));
        var changes = await client.GetAsync("/api/v1/manifestacoes/alteracoes?desde=2026-01-01T00:00:00Z");

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (register.StatusCode, changes.StatusCode));
        Assert.Contains("manifestacoes.registrar", (await register.JsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("manifestacoes.sincronizar", (await changes.JsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        await using var after = app.CreateDbContext();
        Assert.Equal(count, await after.Manifestations.CountAsync());
    }

    [Fact]
    public async Task SignedInStaffCookieWithoutKey_401_NotTheSignInRedirect()
    {
        var staff = await app.SignedInClientAsync(DemoStaff.Ombudsman);

        var response = await staff.GetAsync(Themes);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task UnknownApiPath_404Problem_NotThePortalPage()
    {
        var response = await app.ApiClient(await app.CreateApiKeyAsync()).GetAsync("/api/v1/nao-existe");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task OverTheKeysLimit_429WithRetryAfter_OtherKeysUnaffected()
    {
        var limited = app.ApiClient(await app.CreateApiKeyAsync(3));
        var other = app.ApiClient(await app.CreateApiKeyAsync(3));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await limited.GetAsync(Themes)).StatusCode);
        }

        var rejected = await limited.GetAsync(Themes);
        var otherKey = await other.GetAsync(Themes);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, (HttpStatusCode)429], statuses);
        Assert.Equal((HttpStatusCode)429, rejected.StatusCode);
        var retryAfter = int.Parse(rejected.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Contains("3 requisições por minuto", (await rejected.JsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, otherKey.StatusCode);
    }

    [Fact]
    public async Task KeyUse_IsRecordedAsLastUsed()
    {
        var token = await app.CreateApiKeyAsync();
        ApiKey.TryParse(token, out var prefix, out _);

        await app.ApiClient(token).GetAsync(Themes);

        await using var db = app.CreateDbContext();
        Assert.Equal(app.Clock.GetUtcNow(), (await db.ApiKeys.SingleAsync(k => k.Prefix == prefix)).LastUsedAt);
    }
}

public sealed class ApiAccessTestsSqlite(SqliteDemoApp app) : ApiAccessTests(app), IClassFixture<SqliteDemoApp>;

public sealed class ApiAccessTestsPostgres(PostgresDemoApp app) : ApiAccessTests(app), IClassFixture<PostgresDemoApp>;
