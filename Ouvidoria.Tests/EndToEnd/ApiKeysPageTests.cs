using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Ouvidoria.Infrastructure.Seeding;
using static Microsoft.Playwright.Assertions;

namespace Ouvidoria.Tests.EndToEnd;

/// <summary>
/// The administrator gives another system its key in Chromium: creates it with one permission,
/// copies the key shown once, the system registers a manifestation with it over HTTP; the
/// administrator revokes it on the page and the next call is refused.
/// </summary>
public sealed class ApiKeysPageTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task Administrator_CreatesAKeyThatRegisters_ThenRevokesIt()
    {
        var page = await portal.NewPageAsync();
        await page.SignInAsync("admin@demo.gov.br", DemoSeeder.DemoPassword);
        await page.OpenAsync("administracao/chaves-api");

        await page.GetByLabel("Nova chave: sistema que vai usá-la").FillAsync("Central 162 — atendimento telefônico");
        await page.GetByLabel("Limite (requisições por minuto)").FillAsync("30");
        await page.GetByRole(AriaRole.Checkbox, new PageGetByRoleOptions { Name = "Registrar manifestações" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Criar chave" }).ClickAsync();
        await Expect(page.GetByTestId("api-key-issued")).ToContainTextAsync("não será mostrada de novo");
        var token = (await page.GetByTestId("api-key-token").TextContentAsync())!.Trim();
        var row = page.GetByTestId("api-key-row").Filter(new LocatorFilterOptions { HasText = "Central 162" });
        await Expect(row).ToContainTextAsync("manifestacoes.registrar");
        await Expect(row).ToContainTextAsync("30/min");
        await page.ShotAsync("40-admin-chave-api");

        using var api = new HttpClient { BaseAddress = portal.BaseAddress };
        api.DefaultRequestHeaders.Add("X-Api-Key", token);
        var themes = JsonDocument.Parse(await api.GetStringAsync("api/v1/tematicas")).RootElement;
        var body = JsonSerializer.Serialize(new
        {
            tipo = "sugestao",
            tematicaId = themes.EnumerateArray().First(t => t.GetProperty("dadosPessoaisExigidos").GetString() != "nome_e_email").GetProperty("id").GetGuid(),
            anonima = false,
            manifestante = new { nome = "Rita de Cássia Ouvinte", telefone = "(31) 97777-2222" },
            consentimentoCompartilhamento = true,
            descricao = "Sugestão recebida por telefone: ampliar o horário da biblioteca municipal.",
            canal = "telefone",
        });
        var created = await api.PostAsync("api/v1/manifestacoes", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var consult = await api.GetAsync("api/v1/manifestacoes/alteracoes?desde=2020-01-01T00:00:00Z");
        Assert.Equal(HttpStatusCode.Forbidden, consult.StatusCode);

        await row.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Revogar" }).ClickAsync();
        await row.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Confirmar revogação" }).ClickAsync();
        await Expect(page.GetByTestId("api-keys-message")).ToContainTextAsync("Chave revogada");
        await Expect(row).ToContainTextAsync("Revogada em");

        var refused = await api.GetAsync("api/v1/tematicas");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}
