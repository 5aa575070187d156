using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Domain.Organization;
using Ouvidoria.Infrastructure.Seeding;
using Ouvidoria.Web.Features.Citizen;
using Ouvidoria.Web.Features.Shared;
using static Microsoft.Playwright.Assertions;

namespace Ouvidoria.Tests.EndToEnd;

/// <summary>
/// The versão tarjada in Chromium: the ombudsman accepts the "Sugestões de tarja", adds a person
/// involved, uses the redacted version as the extract and forwards; the unit's collaborator then
/// reads tarjas, never the CPF, the phone or the names.
/// </summary>
public sealed class RedactionTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private const string Cpf = "529.982.247-25";
    private const string Phone = "(31) 98765-4321";

    private const string Description =
        "Sou Rosana Figueiredo, CPF " + Cpf + ", telefone " + Phone + ". O atendente Carlos Pimenta, do posto de saúde do bairro Horto, " +
        "se recusou a me atender e rasgou o meu pedido de exame.";

    [Fact]
    public async Task RedactionAssistant_OmbudsmanUsesTheRedactedVersion_CollaboratorSeesTarjasOnly()
    {
        var id = await RegisterAsync();
        var page = await portal.NewPageAsync();
        var caseUrl = $"manifestacoes/{id}";

        // The ombudsman opens the case and starts the triage: the assistant suggests the requester's name, the CPF and the phone.
        await page.SignInAsync("ouvidoria@demo.gov.br", DemoSeeder.DemoPassword);
        await page.OpenAsync(caseUrl);
        await page.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = "Triagem e encaminhamento" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Iniciar triagem" }).ClickAsync();
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("Em triagem");
        var suggestions = page.GetByTestId("redaction-suggestion");
        await Expect(suggestions).ToHaveCountAsync(3);
        await Expect(suggestions.Filter(new() { HasTextString = "CPF" })).ToContainTextAsync(Cpf);
        await Expect(suggestions.Filter(new() { HasTextString = "Telefone" })).ToContainTextAsync(Phone);
        await Expect(suggestions.Filter(new() { HasTextString = "Nome" })).ToContainTextAsync("Rosana Figueiredo");
        await Expect(page.GetByTestId("redaction-preview")).ToContainTextAsync("Sou [NOME], CPF [CPF], telefone [TELEFONE].");
        await Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = $"Tarjar CPF: {Cpf}" })).ToBeCheckedAsync(); // suggestions come checked
        var phoneBox = page.GetByRole(AriaRole.Checkbox, new() { Name = $"Tarjar Telefone: {Phone}" });
        await phoneBox.UncheckAsync();
        await Expect(page.GetByTestId("redaction-preview")).ToContainTextAsync($"telefone {Phone}.");
        await phoneBox.CheckAsync();
        await Expect(page.GetByTestId("redaction-preview")).ToContainTextAsync("telefone [TELEFONE].");

        // A person involved, added by the ombudsman, becomes one more suggestion.
        await page.GetByLabel("Pessoas envolvidas").FillAsync("Carlos Pimenta");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Adicionar" }).ClickAsync();
        await Expect(page.GetByTestId("involved")).ToContainTextAsync("Carlos Pimenta");
        await Expect(suggestions).ToHaveCountAsync(4);
        await Expect(page.GetByTestId("redaction-preview")).ToContainTextAsync("O atendente [NOME], do posto");
        await page.GetByTestId("redaction-assistant").ScreenshotAsync(new() { Path = Path.Combine(PortalFixture.ScreenshotDirectory, "08-ouvidoria-sugestoes-de-tarja.png") });

        // "Usar versão tarjada como extrato" fills the editor; the existing save stores it.
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Usar versão tarjada como extrato" }).ClickAsync();
        await Expect(page.GetByLabel("Extrato")).ToHaveValueAsync(
            "Sou [NOME], CPF [CPF], telefone [TELEFONE]. O atendente [NOME], do posto de saúde do bairro Horto, se recusou a me atender e rasgou o meu pedido de exame.");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Salvar extrato" }).ClickAsync();
        await Expect(page.GetByTestId("extract")).ToContainTextAsync("Sou [NOME], CPF [CPF], telefone [TELEFONE].");
        await page.ChooseAsync("Unidade de destino", "Secretaria de Saúde");
        await page.GetByLabel("Instruções").FillAsync("Apurar a conduta do atendente.");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Encaminhar" }).ClickAsync();
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("Em tratamento");
        await page.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = "Histórico de ações" }).ClickAsync();
        await Expect(page.GetByTestId("history")).ToContainTextAsync("Versão tarjada (4 elementos)");
        await page.SignOutAsync();

        // The unit's collaborator reads the redacted extract, and nothing on the page carries the identifying data.
        await page.SignInAsync("saude@demo.gov.br", DemoSeeder.DemoPassword);
        await page.OpenAsync(caseUrl);
        await Expect(page.GetByTestId("extract")).ToContainTextAsync("Sou [NOME], CPF [CPF], telefone [TELEFONE]. O atendente [NOME]");
        await Expect(page.GetByTestId("original")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("redaction-assistant")).ToHaveCountAsync(0);
        var body = page.Locator("body");
        await Expect(body).Not.ToContainTextAsync(Cpf);
        await Expect(body).Not.ToContainTextAsync("98765-4321");
        await Expect(body).Not.ToContainTextAsync("Rosana");
        await Expect(body).Not.ToContainTextAsync("Pimenta");
        await page.ShotAsync("09-colaborador-extrato-tarjado");
    }

    /// <summary>A web registration through the use case (the form itself is covered by CaseLifecycleTests).</summary>
    private async Task<Guid> RegisterAsync()
    {
        using var scope = portal.Services.CreateScope();
        var themes = await scope.ServiceProvider.GetRequiredService<Lookups>().ActiveThemesAsync();
        var result = await scope.ServiceProvider.GetRequiredService<RegisterManifestation>().ExecuteAsync(new()
        {
            Type = ManifestationType.Complaint,
            ThemeId = themes.First(t => t.PersonalData == PersonalDataRequirement.Name).Id,
            Anonymous = false,
            Name = "Rosana Figueiredo Lima",
            ConsentToShare = true,
            Description = Description,
        });
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value.Id;
    }
}
