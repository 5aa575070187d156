using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Ouvidoria.Infrastructure.Persistence;
using Ouvidoria.Infrastructure.Seeding;
using static Microsoft.Playwright.Assertions;

namespace Ouvidoria.Tests.EndToEnd;

/// <summary>
/// The access log's integrity as people see it: the administrator checks it ("Íntegra"); after
/// someone edits a history row in the database, the check lists that NUP and the manifestation's
/// "Histórico de ações" shows the chain as violated; the history's simplified view hides accesses.
/// </summary>
public sealed class HistoryIntegrityPageTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task IntegrityPage_BeforeAndAfterARowIsEditedInTheDatabase_ShowsIntactThenTheBrokenNup()
    {
        var page = await portal.NewPageAsync();

        // 1. The administrator checks the demo database: intact.
        await page.SignInAsync("admin@demo.gov.br", DemoSeeder.DemoPassword);
        await page.GetByText("Integridade do histórico").ClickAsync();
        await page.WaitForURLAsync("**/auditoria/integridade");
        await page.WaitForInteractiveAsync();
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Verificar agora" }).ClickAsync();
        await Expect(page.GetByTestId("integrity-result")).ToContainTextAsync("Íntegra.");
        await page.ShotAsync("auditoria-integridade");
        await page.SignOutAsync();

        // 2. Someone with database access rewrites who registered one manifestation's first entry.
        var (id, nup) = await TamperWithOneManifestationAsync();

        // 3. The ombudsman checks again: that NUP, first bad entry nº 1.
        await page.SignInAsync("ouvidoria@demo.gov.br", DemoSeeder.DemoPassword);
        await page.OpenAsync("auditoria/integridade");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Verificar agora" }).ClickAsync();
        await Expect(page.GetByTestId("integrity-result")).ToContainTextAsync("Violada. 1 de");
        var row = page.GetByTestId("broken-chains").Locator("tr", new() { HasTextString = nup });
        await Expect(row).ToContainTextAsync("nº 1 — Manifestação cadastrada");
        await Expect(row).ToContainTextAsync("Conteúdo alterado");
        await page.ShotAsync("auditoria-violada");

        // 4. The manifestation's history says so too.
        await row.GetByRole(AriaRole.Link, new() { Name = nup }).ClickAsync();
        await page.WaitForURLAsync($"**/manifestacoes/{id}");
        await page.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = "Histórico de ações" }).ClickAsync();
        await Expect(page.GetByTestId("history-chain")).ToHaveTextAsync("Cadeia violada");
        await Expect(page.GetByTestId("history-chain-problem")).ToContainTextAsync("registro nº 1");
    }

    [Fact]
    public async Task HistoryTab_IntactManifestation_ShowsIntactChainAndAccessesOnlyInTheCompleteView()
    {
        var page = await portal.NewPageAsync();
        Guid id;
        await using (var db = portal.Services.GetRequiredService<IDbContextFactory<OuvidoriaDbContext>>().CreateDbContext())
        {
            id = await db.Manifestations.OrderByDescending(m => m.RegisteredAt).Select(m => m.Id).FirstAsync();
        }

        await page.SignInAsync("ouvidoria@demo.gov.br", DemoSeeder.DemoPassword);
        await page.OpenAsync($"manifestacoes/{id}");
        await page.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = "Histórico de ações" }).ClickAsync();

        await Expect(page.GetByTestId("history-chain")).ToHaveTextAsync("Cadeia íntegra");
        await Expect(page.GetByTestId("history")).ToContainTextAsync("Manifestação cadastrada");
        await Expect(page.GetByTestId("history")).Not.ToContainTextAsync("Acesso à manifestação");
        await page.Locator("label[for='historyComplete']").ClickAsync();
        await Expect(page.GetByTestId("history").Locator("tr", new() { HasTextString = "Acesso à manifestação" }).Filter(new() { HasTextString = "Ana Ribeiro" })).ToHaveCountAsync(1);
        await page.ShotAsync("historico-completo");
    }

    private async Task<(Guid Id, string Nup)> TamperWithOneManifestationAsync()
    {
        await using var db = portal.Services.GetRequiredService<IDbContextFactory<OuvidoriaDbContext>>().CreateDbContext();
        var target = await db.Manifestations.OrderBy(m => m.RegisteredAt).Select(m => new { m.Id, m.Nup }).FirstAsync();
        var changed = await db.Database.ExecuteSqlAsync($"UPDATE \"History\" SET \"ActorName\" = {"Outra pessoa"} WHERE \"ManifestationId\" = {target.Id} AND \"Sequence\" = {1}");
        Assert.Equal(1, changed);
        return (target.Id, target.Nup.ToString());
    }
}
