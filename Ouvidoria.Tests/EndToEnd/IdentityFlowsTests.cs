using Microsoft.Playwright;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Seeding;
using Ouvidoria.Tests.Support.Integration;
using static Microsoft.Playwright.Assertions;

namespace Ouvidoria.Tests.EndToEnd;

/// <summary>Identity protection as people do it in Chromium (collaborator manual 2.6 and 2.7).</summary>
public sealed class IdentityFlowsTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task IdentityView_OmbudsmanEnablesCollaborator_CollaboratorSwitchesToSimWithJustificationAndSeesTheData()
    {
        var (id, _) = await portal.PrepareForwardedAsync(
            ManifestationType.Complaint,
            "Preciso remarcar minha cirurgia e ninguém retorna minhas ligações no hospital regional.",
            "Manifestante relata falta de retorno para remarcação de cirurgia no hospital regional.",
            DemoStaff.HealthUnit);
        var page = await portal.NewPageAsync();

        // The ombudsman enables Carlos (Saúde) to view the requester's data.
        await page.SignInAsync(DemoStaff.Ombudsman, DemoSeeder.DemoPassword);
        await page.OpenAsync($"manifestacoes/{id}");
        await page.ChooseAsync("Colaborador a habilitar", "Carlos Menezes");
        await page.GetByTestId("identity-enable").ClickAsync();
        await Expect(page.GetByTestId("identity-grants")).ToContainTextAsync("Carlos Menezes");
        await page.ShotAsync("20-ouvidoria-habilita-usuario");
        await page.SignOutAsync();

        // Carlos sees the data pseudonymized until he switches NÃO → SIM and records the justification.
        await page.SignInAsync(DemoStaff.HealthCollaborator, DemoSeeder.DemoPassword);
        await page.OpenAsync($"manifestacoes/{id}");
        var card = page.GetByTestId("user-data");
        await Expect(card).ToContainTextAsync(Requester.Pseudonymized);
        await Expect(card).Not.ToContainTextAsync("Maria das Dores Sigilosa");
        await page.GetByTestId("identity-toggle").ClickAsync();
        await Expect(page.GetByTestId("identity-toggle")).ToHaveTextAsync("SIM");
        await Expect(page.GetByLabel("Justificativa para visualizar os dados")).ToHaveValueAsync(Manifestation.IdentityViewJustificationText);
        await page.GetByLabel("Justificativa para visualizar os dados").FillAsync("");
        await page.GetByTestId("identity-save").ClickAsync();
        await Expect(card).ToContainTextAsync("Escreva a justificativa");
        await page.GetByLabel("Justificativa para visualizar os dados").FillAsync(Manifestation.IdentityViewJustificationText);
        await page.GetByTestId("identity-save").ClickAsync();
        await Expect(page.GetByTestId("revealed-identity")).ToContainTextAsync("Maria das Dores Sigilosa");
        await page.ShotAsync("21-colaborador-visualiza-usuario");
        await Expect(page.GetByTestId("user-data")).Not.ToContainTextAsync("Escreva a justificativa");
        await page.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = "Histórico de ações" }).ClickAsync();
        await Expect(page.GetByTestId("history")).Not.ToContainTextAsync("Dados do manifestante visualizados"); // an access: complete view only
        await page.Locator("label[for='historyComplete']").ClickAsync();
        await Expect(page.GetByTestId("history")).ToContainTextAsync("Dados do manifestante visualizados");
        await Expect(page.GetByTestId("history")).ToContainTextAsync(Manifestation.IdentityViewJustificationText);
        await page.SignOutAsync();

        // Helena, of the same unit, is not enabled: no switch, only the pseudonym.
        await page.SignInAsync(DemoStaff.SecondHealthCollaborator, DemoSeeder.DemoPassword);
        await page.OpenAsync($"manifestacoes/{id}");
        await Expect(page.GetByTestId("requester")).Not.ToContainTextAsync("Maria das Dores");
        await Expect(page.GetByTestId("identity-toggle")).ToHaveCountAsync(0);
    }
}
