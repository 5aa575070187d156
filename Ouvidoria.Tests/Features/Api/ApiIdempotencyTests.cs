using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Integration;
using Microsoft.Extensions.DependencyInjection;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Integration;
using Ouvidoria.Tests.Support.Integration;
using static Ouvidoria.Tests.Support.Integration.ApiClients;

namespace Ouvidoria.Tests.Features.Api;

/// <summary>
/// Idempotency-Key on the API's POSTs: a retried registration never creates a second manifestation
/// (sequential or concurrent), a reused key with another body is refused, a refused request does
/// not burn its key, keys are per API key, and the stored response (it holds the password) is
/// encrypted at rest.
/// </summary>
public abstract class ApiIdempotencyTests(OuvidoriaAppFactory app)
{
    private const string Manifestations = "/api/v1/manifestacoes";

    private async Task<int> CountWithDescriptionAsync(string description)
    {
        await using var db = app.CreateDbContext();
        return await db.Manifestations.CountAsync(m => m.Description == description);
    }

    private static string Unique(string text) => $"{text} ({Guid.NewGuid():N})";

    [Fact]
    public async Task SameKeyTwice_OneManifestation_TheSecondGetsTheSameNupAndPasswordReplayed()
    {
        var client = await app.NewApiClientAsync(ApiScope.Register);
        var description = Unique("Buraco na calçada da Rua Sete");
        var body = PhoneComplaint(await app.ThemeIdAsync(Registrations.ThemeWithoutPersonalData), description);
        var key = Guid.NewGuid().ToString();

        var first = await client.PostJsonAsync(Manifestations, body, key);
        var second = await client.PostJsonAsync(Manifestations, body, key);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, second.StatusCode));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(1, await CountWithDescriptionAsync(description));
    }

    [Fact]
    public async Task SameKeyConcurrently_ExactlyOneManifestation_OthersReplayOrWait()
    {
        var client = await app.NewApiClientAsync(ApiScope.Register);
        var description = Unique("Ônibus da linha 4 não passou");
        var body = PhoneComplaint(await app.ThemeIdAsync(Registrations.ThemeWithoutPersonalData), description);
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.PostJsonAsync(Manifestations, body, key)));

        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        var nups = await Task.WhenAll(responses.Where(r => r.StatusCode == HttpStatusCode.Created).Select(async r => (await r.JsonAsync()).GetProperty("nup").GetString()));
        Assert.Single(nups.Distinct());
        Assert.Equal(1, await CountWithDescriptionAsync(description));
    }

    [Fact]
    public async Task SameKeyWithAnotherBody_422_AndNothingNew()
    {
        var client = await app.NewApiClientAsync(ApiScope.Register);
        var theme = await app.ThemeIdAsync(Registrations.ThemeWithoutPersonalData);
        var key = Guid.NewGuid().ToString();
        var other = Unique("Outro assunto");
        await client.PostJsonAsync(Manifestations, PhoneComplaint(theme, Unique("Primeiro assunto")), key);

        var reused = await client.PostJsonAsync(Manifestations, PhoneComplaint(theme, other), key);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Contains("Idempotency-Key", (await reused.JsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await CountWithDescriptionAsync(other));
    }

    [Fact]
    public async Task RefusedRequest_DoesNotBurnItsKey_TheCorrectedOneRegisters()
    {
        var client = await app.NewApiClientAsync(ApiScope.Register);
        var key = Guid.NewGuid().ToString();
        var description = Unique("Árvore caída na praça");
        var unknownTheme = PhoneComplaint(Guid.NewGuid(), description);

        var refused = await client.PostJsonAsync(Manifestations, unknownTheme, key);
        var corrected = await client.PostJsonAsync(Manifestations, PhoneComplaint(await app.ThemeIdAsync(Registrations.ThemeWithoutPersonalData), description), key);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Created, corrected.StatusCode);
    }

    [Fact]
    public async Task SameIdempotencyKeyUnderTwoApiKeys_TwoManifestations()
    {
        var body = PhoneComplaint(await app.ThemeIdAsync(Registrations.ThemeWithoutPersonalData), Unique("Semáforo apagado"));
        var key = Guid.NewGuid().ToString();

        var a = await (await app.NewApiClientAsync(ApiScope.Register)).PostJsonAsync(Manifestations, body, key);
        var b = await (await app.NewApiClientAsync(ApiScope.Register)).PostJsonAsync(Manifestations, body, key);

        Assert.NotEqual((await a.JsonAsync()).GetProperty("nup").GetString(), (await b.JsonAsync()).GetProperty("nup").GetString());
    }

    [Fact]
    public async Task InvalidIdempotencyKey_400()
    {
        var client = await app.NewApiClientAsync(ApiScope.Register);

        var response = await client.PostJsonAsync(Manifestations, PhoneComplaint(await app.ThemeIdAsync(Registrations.ThemeWithoutPersonalData)), new string('x', 101));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task StoredResponse_IsEncryptedAtRest()
    {
        var client = await app.NewApiClientAsync(ApiScope.Register);
        var key = Guid.NewGuid().ToString();
        var created = await client.PostJsonAsync(Manifestations, PhoneComplaint(await app.ThemeIdAsync(Registrations.ThemeWithoutPersonalData), Unique("Lixo acumulado")), key);
        var password = (await created.JsonAsync()).GetProperty("senha").GetString()!;

        await using var db = app.CreateDbContext();
        var record = await db.IdempotencyRecords.AsNoTracking().SingleAsync(r => r.Key == key);
        Assert.DoesNotContain(password, record.ProtectedResponse!, StringComparison.Ordinal);
        Assert.DoesNotContain("senha", record.ProtectedResponse!, StringComparison.Ordinal);
        var clear = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(IdempotencyStore.Purpose).Unprotect(record.ProtectedResponse!);
        Assert.Contains(password, clear, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaleReservation_IsTakenOverOnce_AndTheOldHolderCannotCompleteIt()
    {
        var token = await app.CreateApiKeyAsync();
        ApiKey.TryParse(token, out var prefix, out _);
        Guid apiKeyId;
        await using (var db = app.CreateDbContext())
        {
            apiKeyId = await db.ApiKeys.Where(k => k.Prefix == prefix).Select(k => k.Id).SingleAsync();
        }

        var store = app.Services.GetRequiredService<IdempotencyStore>();
        var first = Assert.IsType<IdempotencyStart.Reserved>(await store.StartAsync(apiKeyId, "chave-1", "fp"));
        Assert.IsType<IdempotencyStart.InProgress>(await store.StartAsync(apiKeyId, "chave-1", "fp"));
        Assert.IsType<IdempotencyStart.Mismatch>(await store.StartAsync(apiKeyId, "chave-1", "outra"));

        app.Clock.Advance(IdempotencyStore.StaleAfter + TimeSpan.FromSeconds(1));
        var second = Assert.IsType<IdempotencyStart.Reserved>(await store.StartAsync(apiKeyId, "chave-1", "fp"));

        Assert.Equal(first.RecordId, second.RecordId);
        Assert.IsType<IdempotencyStart.InProgress>(await store.StartAsync(apiKeyId, "chave-1", "fp"));
        await using (var db = app.CreateDbContext())
        {
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => store.CompleteAsync(db, first, 201, "{}"));
        }

        await using (var db = app.CreateDbContext())
        {
            await store.CompleteAsync(db, second, 201, "{\"location\":null,\"body\":{}}");
            await db.SaveChangesAsync();
        }

        Assert.IsType<IdempotencyStart.Replay>(await store.StartAsync(apiKeyId, "chave-1", "fp"));
    }

    [Fact]
    public async Task Complement_SameKeyTwice_ReplaysTheFirstAnswerInsteadOfRefusingTheSecond()
    {
        var client = await app.NewApiClientAsync(ApiScope.Register, ApiScope.Complement);
        var created = await (await client.PostJsonAsync(Manifestations, PhoneComplaint(await app.ThemeIdAsync(Registrations.ThemeWithoutPersonalData)))).JsonAsync();
        var nup = created.GetProperty("nup").GetString()!;
        var password = created.GetProperty("senha").GetString()!;
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var id = await app.ManifestationIdAsync(nup);

        await app.WorkflowOkAsync(w => w.StartTriageAsync(id, ombudsman));
        await app.WorkflowOkAsync(w => w.RequestComplementAsync(id, "Qual o endereço exato?", ombudsman));
        var key = Guid.NewGuid().ToString();
        var path = $"{Manifestations}/{Nup.DigitsOf(nup)}/complementos";

        var first = await client.PostJsonAsync(path, new { texto = "Rua Sete, 70." }, key, password);
        var retry = await client.PostJsonAsync(path, new { texto = "Rua Sete, 70." }, key, password);
        var withoutKey = await client.PostJsonAsync(path, new { texto = "Rua Sete, 70." }, password: password);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, retry.StatusCode));
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(HttpStatusCode.BadRequest, withoutKey.StatusCode);
        await using var after = app.CreateDbContext();
        Assert.Equal(1, (await after.Manifestations.SingleAsync(m => m.Id == id)).ComplementText!.Split("Rua Sete, 70.").Length - 1);
    }
}

public sealed class ApiIdempotencyTestsSqlite(SqliteDemoApp app) : ApiIdempotencyTests(app), IClassFixture<SqliteDemoApp>;

public sealed class ApiIdempotencyTestsPostgres(PostgresDemoApp app) : ApiIdempotencyTests(app), IClassFixture<PostgresDemoApp>;
