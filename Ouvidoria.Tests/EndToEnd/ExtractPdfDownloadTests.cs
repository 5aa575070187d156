using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Persistence;
using Ouvidoria.Infrastructure.Seeding;
using Ouvidoria.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Ouvidoria.Tests.EndToEnd;

/// <summary>A unit's collaborator downloads the extract as a PDF from the manifestation page, in Chromium.</summary>
public sealed class ExtractPdfDownloadTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private const string Collaborator = "saude@demo.gov.br";

    /// <summary>A demo manifestation the health unit is treating, with its extract.</summary>
    private async Task<(Guid Id, string Nup, string Extract)> CaseOfTheHealthUnitAsync()
    {
        await using var scope = portal.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<OuvidoriaDbContext>>().CreateDbContextAsync();
        var unit = await db.Units.Where(u => u.Name == "Secretaria de Saúde").Select(u => u.Id).SingleAsync();
        var m = await db.Manifestations.AsNoTracking()
            .Where(m => m.Status == ManifestationStatus.InTreatment && m.Extract != null
                && m.Assignments.Any(a => a.UnitId == unit && a.CollaboratorId == null && a.Status == TreatmentStatus.Open))
            .OrderBy(m => m.RegisteredAt).FirstAsync();
        return (m.Id, m.Nup.ToString(), m.Extract!);
    }

    [Fact]
    public async Task BaixarExtrato_CollaboratorOfTheUnit_DownloadsAPdfWithTheExtractAndTheirName()
    {
        var (id, nup, extract) = await CaseOfTheHealthUnitAsync();
        var page = await portal.NewPageAsync();
        await page.SignInAsync(Collaborator, DemoSeeder.DemoPassword);
        await page.OpenAsync($"manifestacoes/{id}");
        await Expect(page.GetByTestId("nup")).ToHaveTextAsync(nup);
        await page.ShotAsync("20-colaborador-baixar-extrato");

        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Baixar extrato (PDF)" }).ClickAsync());

        Assert.Equal($"extrato-{Nup.Parse(nup).Digits}.pdf", download.SuggestedFilename);
        var pdf = await File.ReadAllBytesAsync(await download.PathAsync());
        var text = PdfText.Flat(pdf);
        Assert.Contains(PdfText.FlatText(extract), text, StringComparison.Ordinal);
        Assert.Contains($"Documento gerado para {DemoSeeder.Accounts.Single(a => a.Email == Collaborator).Name} em ", text, StringComparison.Ordinal);

        // The generation is in the history the page shows.
        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();
        await page.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = "Histórico de ações" }).ClickAsync();
        // An access (like opening the page): listed in the complete history.
        await page.Locator("label[for='historyComplete']").ClickAsync();
        await Expect(page.GetByTestId("history")).ToContainTextAsync("PDF do extrato gerado");
    }
}
