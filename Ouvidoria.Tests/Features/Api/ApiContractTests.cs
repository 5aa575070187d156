using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ouvidoria.Domain.Integration;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Tests.Support;
using Ouvidoria.Tests.Support.Integration;
using static Ouvidoria.Tests.Support.Integration.ApiClients;

namespace Ouvidoria.Tests.Features.Api;

/// <summary>
/// The integration API against its own OpenAPI document (GET /openapi/v1.json, what integrators
/// generate clients from): every API route is documented with its security and errors, and real
/// responses — successes and failures — have a documented status and satisfy the documented schema.
/// </summary>
public sealed class ApiContractTests(SqliteDemoApp app) : IClassFixture<SqliteDemoApp>
{
    private async Task<OpenApiContract> ContractAsync()
    {
        var response = await app.CreateClient().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new OpenApiContract(await response.JsonAsync());
    }

    [Fact]
    public async Task Document_IsPublicOpenApi31_WithTheApiKeySchemeAndOnlyTheApi()
    {
        var contract = await ContractAsync();
        var doc = contract.Document;

        Assert.StartsWith("3.1", doc.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var scheme = doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal(("apiKey", "header", "X-Api-Key"), (scheme.GetProperty("type").GetString(), scheme.GetProperty("in").GetString(), scheme.GetProperty("name").GetString()));
        Assert.All(contract.Operations(), o => Assert.StartsWith("/api/v1/", o.Path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryApiRoute_IsDocumented_WithOperationIdSecurityAnd401And403And429()
    {
        var contract = await ContractAsync();
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1/", StringComparison.Ordinal) == true && !e.RoutePattern.RawText.Contains("**", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => (Path: e.RoutePattern.RawText!, Method: m.ToLowerInvariant())))
            .ToHashSet();
        var documented = contract.Operations().Select(o => (o.Path, o.Method)).ToHashSet();

        Assert.Equal(6, routes.Count);
        Assert.Equal(routes.OrderBy(r => r.Path + r.Method), documented.OrderBy(r => r.Path + r.Method));
        foreach (var (path, method, operation) in contract.Operations())
        {
            Assert.True(operation.TryGetProperty("operationId", out _), $"{method} {path}: operationId");
            Assert.Equal("ApiKey", operation.GetProperty("security")[0].EnumerateObject().Single().Name);
            foreach (var status in new[] { "401", "403", "429" })
            {
                Assert.True(operation.GetProperty("responses").TryGetProperty(status, out _), $"{method} {path}: {status}");
            }

            Assert.Contains("Permissão necessária", operation.GetProperty("description").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Document_RequestSchemas_DescribeWhatTheApiEnforces()
    {
        var doc = (await ContractAsync()).Document;
        var schemas = doc.GetProperty("components").GetProperty("schemas");
        var register = schemas.GetProperty("RegistrarManifestacaoRequisicao");
        var tipo = schemas.GetProperty("TipoManifestacao").GetProperty("enum").EnumerateArray().Select(e => e.GetString()).ToList();
        var attach = doc.GetProperty("paths").GetProperty("/api/v1/manifestacoes/{nup}/anexos").GetProperty("post");
        var consult = doc.GetProperty("paths").GetProperty("/api/v1/manifestacoes/{nup}").GetProperty("get");

        Assert.Equal(["tipo", "tematicaId", "descricao"], register.GetProperty("required").EnumerateArray().Select(r => r.GetString()).ToList());
        Assert.False(register.GetProperty("additionalProperties").GetBoolean());
        Assert.Equal(["denuncia", "reclamacao", "solicitacao", "sugestao", "elogio", "simplificacao", "comunicacao"], tipo);
        Assert.Equal("string", register.GetProperty("properties").GetProperty("descricao").GetProperty("type").GetString());
        Assert.Equal("arquivo", attach.GetProperty("requestBody").GetProperty("content").GetProperty("multipart/form-data").GetProperty("schema").GetProperty("required")[0].GetString());
        Assert.Contains(attach.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "Idempotency-Key");
        var password = consult.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "X-Senha-Manifestacao");
        Assert.True(password.GetProperty("required").GetBoolean());
        Assert.Equal("header", password.GetProperty("in").GetString());
    }

    [Fact]
    public async Task RealResponses_HaveADocumentedStatus_AndMatchTheDocumentedSchema()
    {
        var contract = await ContractAsync();
        var client = await app.NewApiClientAsync();
        var theme = await app.ThemeIdAsync(Registrations.ThemeWithoutPersonalData);
        var responses = new List<(string OperationId, HttpResponseMessage Response)>();

        responses.Add(("listarTematicas", await client.GetAsync("/api/v1/tematicas")));
        var created = await client.PostJsonAsync("/api/v1/manifestacoes", PhoneComplaint(theme), Guid.NewGuid().ToString());
        responses.Add(("registrarManifestacao", created));
        var receipt = await created.JsonAsync();
        var nup = Nup.DigitsOf(receipt.GetProperty("nup").GetString());
        var password = receipt.GetProperty("senha").GetString()!;
        responses.Add(("registrarManifestacao", await client.PostJsonAsync("/api/v1/manifestacoes", "{\"tipo\":\"x\"}")));
        responses.Add(("registrarManifestacao", await client.PostAsync("/api/v1/manifestacoes", new StringContent("tipo=x"))));
        responses.Add(("consultarManifestacao", await client.GetWithPasswordAsync($"/api/v1/manifestacoes/{nup}", password)));
        responses.Add(("consultarManifestacao", await client.GetWithPasswordAsync($"/api/v1/manifestacoes/{nup}", "errada00")));
        responses.Add(("consultarManifestacao", await client.GetWithPasswordAsync($"/api/v1/manifestacoes/{nup}", null)));
        responses.Add(("anexarArquivo", await client.PostFileAsync($"/api/v1/manifestacoes/{nup}/anexos", password, "relato.pdf", SampleFiles.Pdf, "application/pdf")));
        responses.Add(("anexarArquivo", await client.PostFileAsync($"/api/v1/manifestacoes/{nup}/anexos", password, "relato.pdf", SampleFiles.Executable, "application/pdf")));
        responses.Add(("enviarComplementacao", await client.PostJsonAsync($"/api/v1/manifestacoes/{nup}/complementos", new { texto = "Sem pedido ainda." }, password: password)));

        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var id = await app.ManifestationIdAsync(nup);

        await app.WorkflowOkAsync(w => w.StartTriageAsync(id, ombudsman));
        await app.WorkflowOkAsync(w => w.RequestComplementAsync(id, "Qual o horário?", ombudsman));
        responses.Add(("enviarComplementacao", await client.PostJsonAsync($"/api/v1/manifestacoes/{nup}/complementos", new { texto = "Por volta das 19 h." }, password: password)));
        responses.Add(("listarAlteracoes", await client.GetAsync("/api/v1/manifestacoes/alteracoes?desde=2020-01-01T00:00:00Z&limite=50")));
        responses.Add(("listarAlteracoes", await client.GetAsync("/api/v1/manifestacoes/alteracoes")));
        responses.Add(("listarTematicas", await app.ApiClient(null).GetAsync("/api/v1/tematicas")));
        responses.Add(("registrarManifestacao", await (await app.NewApiClientAsync(ApiScope.Consult)).PostJsonAsync("/api/v1/manifestacoes", PhoneComplaint(theme))));
        var limited = app.ApiClient(await app.CreateApiKeyAsync(1));
        await limited.GetAsync("/api/v1/tematicas");
        responses.Add(("listarTematicas", await limited.GetAsync("/api/v1/tematicas")));

        var statuses = responses.Select(r => (int)r.Response.StatusCode).ToHashSet();
        Assert.Superset(new HashSet<int> { 200, 201, 400, 401, 403, 404, 415, 429 }, statuses);
        var violations = new List<string>();
        foreach (var (operationId, response) in responses)
        {
            violations.AddRange(await contract.ViolationsAsync(operationId, response));
        }

        Assert.Empty(violations);
    }
}
