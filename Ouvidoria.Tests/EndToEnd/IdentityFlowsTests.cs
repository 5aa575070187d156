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

    [Fact]
    public async Task DenunciaFlow_UnitRequisitionsIdentity_OmbudsmanGrants_UnitGetsThePdfAndFinalizesAfterTheProcessNumber()
    {
        var (id, nup) = await portal.PrepareForwardedAsync(
            ManifestationType.Denunciation,
            "O chefe do almoxarifado da UPA Norte vende medicamentos; sou técnico de enfermagem lá e vi as notas.",
            "Relato de possível venda irregular de medicamentos por servidor de uma UPA.",
            DemoStaff.HealthUnit);
        var page = await portal.NewPageAsync();

        // The investigating unit requisitions identity and original content (standard text, art. 7).
        await page.SignInAsync(DemoStaff.HealthCollaborator, DemoSeeder.DemoPassword);
        await page.OpenAsync($"manifestacoes/{id}");
        await Expect(page.GetByTestId("requester")).Not.ToContainTextAsync("Maria das Dores");
        await page.GetByTestId("identity-request-start").ClickAsync();
        await Expect(page.GetByLabel("Texto da requisição")).ToHaveValueAsync(Manifestation.IdentityRequestText);
        await page.GetByTestId("identity-request-send").ClickAsync();
        await Expect(page.GetByTestId("identity-request")).ToContainTextAsync("Aguardando a Ouvidoria");
        await Expect(page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Finalizar tratamento" })).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("finalize-blocked")).ToContainTextAsync("requisição de identidade aguardando a decisão da Ouvidoria");
        await page.ShotAsync("22-unidade-requisita-identidade");
        await page.SignOutAsync();

        // The ombudsman grants: the PDF goes to the thread, restricted to that unit.
        await page.SignInAsync(DemoStaff.Ombudsman, DemoSeeder.DemoPassword);
        await page.OpenAsync($"manifestacoes/{id}");
        await page.GetByTestId("identity-grant").ClickAsync();
        await Expect(page.GetByTestId("identity-request")).ToContainTextAsync("Deferida");
        await page.ShotAsync("23-ouvidoria-defere-requisicao");
        await page.SignOutAsync();

        // The unit downloads the PDF (identity + original, marked with the collaborator's name).
        await page.SignInAsync(DemoStaff.HealthCollaborator, DemoSeeder.DemoPassword);
        await page.OpenAsync($"manifestacoes/{id}");
        await Expect(page.GetByTestId("restricted-badge")).ToBeVisibleAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("thread").GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = $"identidade-{nup.Replace(".", "").Replace("/", "").Replace("-", "")}.pdf" }).ClickAsync());
        var pdf = await File.ReadAllBytesAsync(await download.PathAsync());
        var text = Ouvidoria.Tests.Support.PdfText.Flat(pdf);
        Assert.Contains("Maria das Dores Sigilosa", text, StringComparison.Ordinal);
        Assert.Contains("vende medicamentos", text, StringComparison.Ordinal);
        Assert.Contains(DemoSeeder.Accounts.Single(a => a.Email == DemoStaff.HealthCollaborator).Name, text, StringComparison.Ordinal);

        // Finalized only after the process number.
        await Expect(page.GetByTestId("finalize-blocked")).ToContainTextAsync("número do processo apuratório");
        await page.GetByLabel("Número do processo apuratório").FillAsync("23000.012345/2026-77");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Informar" }).ClickAsync();
        await Expect(page.GetByTestId("process-number-form")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Finalizar tratamento" }).ClickAsync();
        await Expect(page.GetByTestId("assignment")).ToContainTextAsync("Finalizado");
        await page.ShotAsync("24-unidade-finaliza-com-processo");
    }
}
