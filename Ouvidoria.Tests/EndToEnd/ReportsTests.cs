using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Persistence;
using Ouvidoria.Infrastructure.Seeding;
using Ouvidoria.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Ouvidoria.Tests.EndToEnd;

/// <summary>
/// A manager opens the reports, filters them, drills down from a number or a chart bar to the list
/// behind it and exports lists and reports as CSV and PDF, in Chromium.
/// </summary>
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

    /// <summary>How many manifestations of each type came through <paramref name="channel"/>, from the database.</summary>
    private async Task<Dictionary<ManifestationType, int>> CountsByTypeAsync(Channel channel)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<OuvidoriaDbContext>>().CreateDbContextAsync();
        var types = await db.Manifestations.AsNoTracking().Where(m => m.Channel == channel).Select(m => m.Type).ToListAsync();
        return types.GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
    }

    /// <summary>The text with every run of white space (line breaks of wrapped cells included) as one space.</summary>
    private static string OneLine(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");

    private static async Task<byte[]> DownloadExportAsync(IPage page, string button)
    {
        await page.GetByTestId(button).ClickAsync();
        var link = page.GetByTestId("export-download");
        await Expect(link).ToBeVisibleAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        Assert.EndsWith(".pdf", download.SuggestedFilename, StringComparison.Ordinal);
        return await File.ReadAllBytesAsync(await download.PathAsync());
    }

    [Fact]
    public async Task Relatorios_ManagerFiltersByChannelAndClicksATypeBar_ListsThatTypeAndExportsBothPdfs()
    {
        var byType = await CountsByTypeAsync(Channel.WhatsApp);
        Assert.NotEmpty(byType);
        var page = await portal.NewPageAsync();
        await page.SignInAsync(Manager, DemoSeeder.DemoPassword);
        await page.OpenAsync("relatorios");

        await Expect(page.GetByTestId("figure-All").Locator(".value")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+$"));
        await page.ChooseAsync("Canal", "WhatsApp");
        await Expect(page.GetByRole(AriaRole.Combobox, new PageGetByRoleOptions { Name = "Canal", Exact = true })).ToContainTextAsync("WhatsApp");
        await page.GetByTestId("apply-filters").ClickAsync();
        await Expect(page.GetByTestId("figure-All").Locator(".value")).ToHaveTextAsync(byType.Values.Sum().ToString());

        // The first bar of "Por tipo": the chart resolves the click position to its bar, like a mouse would.
        var bar = page.GetByTestId("chart-type").Locator(".rz-bar-series path").First;
        await Expect(bar).ToBeVisibleAsync();
        await bar.ClickAsync();

        var title = page.GetByTestId("drill-title");
        await Expect(title).ToContainTextAsync("Manifestações: Tipo: ");
        var label = (await title.TextContentAsync())!.Split("Tipo: ")[1].Trim();
        var type = Enum.GetValues<ManifestationType>().Single(t => t.Label() == label);
        var expected = byType.GetValueOrDefault(type);
        Assert.True(expected > 0, $"a barra de {label} não deveria existir sem manifestações");
        var grid = page.GetByTestId("drill-grid");
        await Expect(grid).ToContainTextAsync($"({expected} manifestações)");
        var shown = Math.Min(20, expected);
        await Expect(grid.Locator("a.nup-link")).ToHaveCountAsync(shown);
        var nups = await grid.Locator("a.nup-link").AllTextContentsAsync();
        var rows = await grid.Locator("tbody tr").AllInnerTextsAsync();
        Assert.All(rows, row => Assert.Contains(label, row, StringComparison.Ordinal));
        Assert.All(rows, row => Assert.Contains("WhatsApp", row, StringComparison.Ordinal));

        var list = OneLine(PdfText.Extract(await DownloadExportAsync(page, "export-list-pdf")));
        Assert.Contains($"Manifestações — Tipo: {label}", list, StringComparison.Ordinal);
        Assert.Contains("Canal: WhatsApp", list, StringComparison.Ordinal);
        // A NUP may wrap inside its narrow column: compare without white space.
        var compact = list.Replace(" ", string.Empty, StringComparison.Ordinal);
        Assert.All(nups, nup => Assert.Contains(nup, compact, StringComparison.Ordinal));

        var report = await DownloadExportAsync(page, "export-report-pdf");
        var text = OneLine(PdfText.Extract(report));
        Assert.Contains("Relatório gerencial", text, StringComparison.Ordinal);
        Assert.Contains("Canal: WhatsApp", text, StringComparison.Ordinal);
        Assert.Contains("Paulo Nogueira", PdfText.Extract(report, withDiagonal: true), StringComparison.Ordinal);
    }
}
