using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Persistence;
using static Microsoft.Playwright.Assertions;

namespace Ouvidoria.Tests.EndToEnd;

/// <summary>"Fale com a Bel" in Chromium on a phone-sized screen: register end to end, then consult.</summary>
public sealed partial class WebChatTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task WebChat_RegistrationThenConsultation_GivesNupAndPasswordAndShowsTheStatus()
    {
        var page = await portal.NewPageAsync(390, 844);
        await page.OpenAsync("fale-com-a-bel");

        await ChooseAsync(page, "Registrar manifestação");
        await ChooseAsync(page, "Reclamação");
        await ChooseAsync(page, "Saúde");
        await ChooseAsync(page, "Identificar-me");
        await SayAsync(page, "Marcos Antônio Ribeiro");
        await SayAsync(page, "email-invalido");
        await Expect(LastBelMessage(page)).ToContainTextAsync("e-mail");
        await SayAsync(page, "marcos.ribeiro@exemplo.com.br");
        await ChooseAsync(page, "Autorizo");
        await SayAsync(page, "O posto de saúde do bairro Industrial está sem vacina contra a gripe há dez dias.");
        await ChooseAsync(page, "Concluir descrição");
        await page.GetByLabel("Enviar arquivo").SetInputFilesAsync(new FilePayload { Name = "cartaz.png", MimeType = "image/png", Buffer = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==") });
        await Expect(page.GetByTestId("my-message").Last).ToContainTextAsync("cartaz.png");
        await ChooseAsync(page, "Continuar");
        await Expect(LastBelMessage(page)).ToContainTextAsync("Está tudo certo?");
        await page.ShotAsync("10-bel-resumo");
        await ChooseAsync(page, "Confirmar");

        await Expect(LastBelMessage(page)).ToContainTextAsync("Protocolo (NUP):");
        var receipt = await LastBelMessage(page).InnerTextAsync();
        var nup = NupPattern().Match(receipt).Value;
        var password = PasswordPattern().Match(receipt).Groups[1].Value;
        Assert.True(Nup.TryParse(nup, out _), receipt);
        await page.ShotAsync("11-bel-protocolo");

        // The manifestation is in the database (channel web chat), with the file, ready for triage.
        using (var scope = portal.Services.CreateScope())
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<OuvidoriaDbContext>>().CreateDbContextAsync();
            var saved = await db.Manifestations.Include(m => m.Attachments).SingleAsync(m => m.Nup == Nup.Parse(nup));
            Assert.Equal(ManifestationType.Complaint, saved.Type);
            Assert.Equal(ManifestationStatus.Registered, saved.Status);
            Assert.Equal("marcos.ribeiro@exemplo.com.br", saved.Requester?.Email);
            Assert.Equal("cartaz.png", Assert.Single(saved.Attachments).FileName);
        }

        // Consult in the same channel, the NUP typed without separators.
        await SayAsync(page, "oi");
        await ChooseAsync(page, "Consultar manifestação");
        await SayAsync(page, Nup.DigitsOf(nup));
        await SayAsync(page, password);
        await Expect(page.GetByTestId("bel-message").Filter(new() { HasTextString = "Situação:" })).ToContainTextAsync("Recebida");
        await page.ShotAsync("12-bel-consulta");
    }

    [Fact]
    public async Task WebChat_RenamedExecutable_IsRefusedNamingItAndTheFileAlreadySentIsKept()
    {
        var page = await portal.NewPageAsync(390, 844);
        await page.OpenAsync("fale-com-a-bel");
        await ChooseAsync(page, "Registrar manifestação");
        await ChooseAsync(page, "Reclamação");
        await ChooseAsync(page, "Saúde");
        await ChooseAsync(page, "Identificar-me");
        await SayAsync(page, "Lúcia Helena Prado");
        await SayAsync(page, "lucia.prado@exemplo.com.br");
        await ChooseAsync(page, "Autorizo");
        await SayAsync(page, "A sala de espera da UPA do bairro Centro não tem bebedouro há dois meses.");
        await ChooseAsync(page, "Concluir descrição");
        await page.GetByLabel("Enviar arquivo").SetInputFilesAsync(new FilePayload { Name = "sala-de-espera.png", MimeType = "image/png", Buffer = Support.SampleFiles.Png });
        await Expect(page.GetByTestId("my-message").Last).ToContainTextAsync("sala-de-espera.png");

        await page.GetByLabel("Enviar arquivo").SetInputFilesAsync(new FilePayload { Name = "relatorio.pdf", MimeType = "application/pdf", Buffer = Support.SampleFiles.Executable });

        await Expect(LastBelMessage(page)).ToContainTextAsync("Não consegui receber esse arquivo: O arquivo \"relatorio.pdf\" é um programa do Windows (executável)");
        await page.ShotAsync("13-bel-executavel-recusado");
        await ChooseAsync(page, "Continuar");
        await ChooseAsync(page, "Confirmar");
        await Expect(LastBelMessage(page)).ToContainTextAsync("Protocolo (NUP):");
        var nup = NupPattern().Match(await LastBelMessage(page).InnerTextAsync()).Value;
        using var scope = portal.Services.CreateScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<OuvidoriaDbContext>>().CreateDbContextAsync();
        var saved = await db.Manifestations.Include(m => m.Attachments).SingleAsync(m => m.Nup == Nup.Parse(nup));
        var kept = Assert.Single(saved.Attachments);
        Assert.Equal(("sala-de-espera.png", "image/png"), (kept.FileName, kept.ContentType));
    }

    private static ILocator LastBelMessage(IPage page) => page.GetByTestId("bel-message").Last;

    private static async Task ChooseAsync(IPage page, string title) =>
        await page.Locator("button.choice:enabled span").GetByText(title, new() { Exact = true }).First.ClickAsync();

    private static async Task SayAsync(IPage page, string text)
    {
        var before = await page.GetByTestId("bel-message").CountAsync();
        await page.GetByLabel("Mensagem para a Bel").FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Enviar", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("bel-message")).Not.ToHaveCountAsync(before);
    }

    [GeneratedRegex(@"\d{5}\.\d{6}/\d{4}-\d{2}")]
    private static partial Regex NupPattern();

    [GeneratedRegex(@"Senha: (\S+)")]
    private static partial Regex PasswordPattern();
}
