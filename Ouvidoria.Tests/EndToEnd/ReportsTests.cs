using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Persistence;
using Ouvidoria.Infrastructure.Seeding;
using static Microsoft.Playwright.Assertions;

namespace Ouvidoria.Tests.EndToEnd;

/// <summary>A manager opens the reports, drills down from a number to its list and downloads it as CSV, in Chromium.</summary>
public sealed class ReportsTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private const string Manager = "gestor@demo.gov.br";

    /// <summary>The concluded demo manifestations whose demand was not resolved, from the database.</summary>
    private async Task<List<string>> UnresolvedNupsAsync()
    {
        await using var scope = portal.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<OuvidoriaDbContext>>().CreateDbContextAsync();
        var nups = await db.Manifestations.AsNoTracking()
            .Where(m => m.Status == ManifestationStatus.Concluded && m.Resolved == false)
            .Select(m => m.Nup).ToListAsync();
        return nups.Select(n => n.ToString()).ToList();
    }

    [Fact]
    public async Task Relatorios_ManagerClicksUnresolved_ListsThoseManifestationsAndDownloadsTheCsv()
    {
        var unresolved = await UnresolvedNupsAsync();
        Assert.NotEmpty(unresolved);
        var page = await portal.NewPageAsync();
        await page.SignInAsync(Manager, DemoSeeder.DemoPassword);
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Relatórios" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/relatorios", StringComparison.Ordinal));
        await page.WaitForInteractiveAsync();

        var figure = page.GetByTestId("figure-Unresolved");
        await Expect(figure.Locator(".value")).ToHaveTextAsync(unresolved.Count.ToString());
        await Expect(page.GetByTestId("chart-month").Locator("svg")).ToBeVisibleAsync();
        await page.ShotAsync("30-gestor-relatorios");

        await figure.ClickAsync();

        await Expect(page.GetByTestId("drill-title")).ToHaveTextAsync("Manifestações: Demanda resolvida: não");
        var grid = page.GetByTestId("drill-grid");
        await Expect(grid).ToContainTextAsync($"({unresolved.Count} manifestações)");
        var nupLinks = grid.Locator("a.nup-link");
        await Expect(nupLinks).ToHaveCountAsync(Math.Min(20, unresolved.Count));
        Assert.All(await nupLinks.AllTextContentsAsync(), nup => Assert.Contains(nup, unresolved));
        await page.ShotAsync("31-gestor-relatorios-detalhe");

        await page.GetByTestId("export-list-csv").ClickAsync();
        var link = page.GetByTestId("export-download");
        await Expect(link).ToBeVisibleAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());

        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        var bytes = await File.ReadAllBytesAsync(await download.PathAsync());
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("NUP;Tipo;Situação;Canal;Temática;Cadastro;", lines[0], StringComparison.Ordinal);
        Assert.Equal(unresolved.Order(), lines[1..].Select(l => l.Split(';')[0]).Order());
        Assert.All(lines[1..], l => Assert.Contains(";Concluída;", l, StringComparison.Ordinal));
    }
}
