using Microsoft.Playwright;
using Ouvidoria.Infrastructure.Seeding;
using static Microsoft.Playwright.Assertions;

namespace Ouvidoria.Tests.EndToEnd;

/// <summary>
/// An administrator tightens a deadline on "Configurações" in Chromium: a value above the law is
/// refused with the legal maximum named and nothing stored; a shorter one is saved and shows up in
/// "Histórico administrativo" with who changed it and the value before and after.
/// </summary>
public sealed class SettingsAndHistoryTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task Administrator_TightensTheCitizenDeadline_RefusedAboveTheLawThenSavedAndShownInTheHistory()
    {
        var page = await portal.NewPageAsync();
        await page.SignInAsync("admin@demo.gov.br", DemoSeeder.DemoPassword);
        await page.OpenAsync("administracao/configuracoes");
        var citizenDays = page.GetByLabel("Prazo de resposta ao cidadão", new PageGetByLabelOptions { Exact = true });
        await Expect(citizenDays).ToHaveValueAsync("30");

        await citizenDays.FillAsync("45");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Salvar configurações" }).ClickAsync();
        var message = page.GetByTestId("settings-message");
        await Expect(message).ToContainTextAsync("o máximo legal é 30 dias");

        await page.OpenAsync("administracao/configuracoes");
        await Expect(citizenDays).ToHaveValueAsync("30");

        await citizenDays.FillAsync("20");
        await page.GetByLabel("Arquivos por manifestação", new PageGetByLabelOptions { Exact = true }).FillAsync("5");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Salvar configurações" }).ClickAsync();
        await Expect(message).ToContainTextAsync("Configurações salvas.");
        await page.ShotAsync("41-admin-configuracoes-prazos");

        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "Histórico administrativo" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/administracao/historico", StringComparison.Ordinal));
        var newest = page.GetByTestId("admin-change").First;
        await Expect(newest).ToContainTextAsync("Configurações");
        await Expect(newest).ToContainTextAsync("Marina Castro");
        var deadline = newest.GetByTestId("field-change").Filter(new LocatorFilterOptions { HasText = "Prazo de resposta ao cidadão" });
        await Expect(deadline.Locator("del")).ToHaveTextAsync("30");
        await Expect(deadline.Locator("ins")).ToHaveTextAsync("20");
        var files = newest.GetByTestId("field-change").Filter(new LocatorFilterOptions { HasText = "Anexos por manifestação" });
        await Expect(files.Locator("ins")).ToHaveTextAsync("5");
        await page.ShotAsync("42-admin-historico");
    }
}
