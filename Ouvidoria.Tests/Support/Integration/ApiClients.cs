using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Ouvidoria.Domain.Integration;
using Ouvidoria.Web.Features.Administration.ApiKeys;

namespace Ouvidoria.Tests.Support.Integration;

/// <summary>Integration API callers: keys created by the administrator through the real use case.</summary>
public static class ApiClients
{
    public static async Task<string> CreateApiKeyAsync(this OuvidoriaAppFactory app, int requestsPerMinute = 1000, params string[] scopes)
    {
        var admin = await app.ActorAsync(DemoStaff.Administrator);
        var issued = await app.WithAsync<ApiKeyAdministration, Ouvidoria.Domain.Common.Result<IssuedApiKey>>(a =>
            a.CreateAsync(new ApiKeyInput($"Sistema de teste {Guid.NewGuid():N}"[..30], scopes.Length == 0 ? ApiScope.All.ToList() : scopes, requestsPerMinute), admin));
        Assert.True(issued.IsSuccess, issued.Error?.Message);
        return issued.Value.Token;
    }

    /// <summary>An HTTP client sending <paramref name="token"/> as X-Api-Key (none when null); redirects are not followed.</summary>
    public static HttpClient ApiClient(this OuvidoriaAppFactory app, string? token)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (token is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", token);
        }

        return client;
    }

    public static async Task<HttpClient> NewApiClientAsync(this OuvidoriaAppFactory app, params string[] scopes) =>
        app.ApiClient(await app.CreateApiKeyAsync(1000, scopes));

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Json(object body) => Json(JsonSerializer.Serialize(body));

    public static async Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object body, string? idempotencyKey = null, string? password = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is string raw ? Json(raw) : Json(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        if (password is not null)
        {
            request.Headers.Add("X-Senha-Manifestacao", password);
        }

        return await client.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> GetWithPasswordAsync(this HttpClient client, string path, string? password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (password is not null)
        {
            request.Headers.Add("X-Senha-Manifestacao", password);
        }

        return await client.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> PostFileAsync(this HttpClient client, string path, string password, string fileName, byte[] content, string contentType = "application/octet-stream", string field = "arquivo", string? idempotencyKey = null)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        form.Add(file, field, fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = form };
        request.Headers.Add("X-Senha-Manifestacao", password);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The id of the manifestation with this NUP (as the staff pages find it).</summary>
    public static async Task<Guid> ManifestationIdAsync(this OuvidoriaAppFactory app, string nup)
    {
        await using var db = app.CreateDbContext();
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Manifestations.Where(m => m.Nup == Ouvidoria.Domain.Manifestations.Nup.Parse(nup)).Select(m => m.Id));
    }

    /// <summary>A valid phone registration ("reduzida a termo") of an identified complaint.</summary>
    public static object PhoneComplaint(Guid themeId, string description = "Ligação à central: a iluminação da Rua das Flores está apagada há duas semanas.") => new
    {
        tipo = "reclamacao",
        tematicaId = themeId,
        anonima = false,
        manifestante = new { nome = "José da Silva Telefone", email = "jose.telefone@exemplo.com.br", telefone = "(31) 98888-1111" },
        consentimentoCompartilhamento = true,
        descricao = description,
        canal = "telefone",
    };
}
