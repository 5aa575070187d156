using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Ouvidoria.Infrastructure.Seeding;
using static Microsoft.Playwright.Assertions;

namespace Ouvidoria.Tests.EndToEnd;

/// <summary>The whole lifecycle as people do it, in Chromium: citizen → ombudsman → unit → ombudsman → citizen.</summary>
public sealed class CaseLifecycleTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    /// <summary>A 1×1 PNG.</summary>
    private static readonly byte[] TinyPng = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private const string Description = "A farmácia da UBS do bairro Vila Nova está sem insulina há duas semanas e nenhum funcionário informa quando chega.";

    [Fact]
    public async Task CitizenToConclusiveAnswer_WholeLifecycle_CitizenReadsTheAnswerWithNupAndPassword()
    {
        var page = await portal.NewPageAsync();

        // 1. The citizen registers on the web and gets NUP + password.
        await page.OpenAsync("cidadao/registrar");
        await page.GetByText("Reclamação — ", new PageGetByTextOptions { Exact = false }).ClickAsync();
        await page.ChooseAsync("Temática", "Saúde");
        await page.GetByLabel("Nome completo").FillAsync("Joana Pereira da Silva");
        await page.GetByLabel("E-mail").FillAsync("joana.pereira@exemplo.com.br");
        await page.Locator("label[for='consent']").ClickAsync();
        await page.GetByLabel("Descrição").FillAsync(Description);
        await page.GetByLabel("Anexos").SetInputFilesAsync(new FilePayload { Name = "prateleira-vazia.png", MimeType = "image/png", Buffer = TinyPng });
        await Expect(page.GetByTestId("picked-files")).ToContainTextAsync("prateleira-vazia.png");
        await page.ShotAsync("01-cidadao-registro");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Registrar manifestação" }).ClickAsync();
        await Expect(page.GetByTestId("receipt")).ToBeVisibleAsync();
        var nup = (await page.GetByTestId("receipt-nup").InnerTextAsync()).Trim();
        var password = (await page.GetByTestId("receipt-password").InnerTextAsync()).Trim();
        Assert.Matches(@"^\d{5}\.\d{6}/\d{4}-\d{2}$", nup);
        await page.ShotAsync("02-cidadao-protocolo");

        // 2. The ombudsman finds it in the queue, triages, pseudonymizes and forwards to a unit.
        await page.SignInAsync("ouvidoria@demo.gov.br", DemoSeeder.DemoPassword);
        await page.OpenAsync("tratar");
        await Expect(page.Locator(".queue-grid .nup-link").First).ToBeVisibleAsync();
        await Expect(page.Locator(".queue-grid")).ToContainTextAsync("Conteúdo restrito");
        await page.ShotAsync("03-ouvidoria-fila");
        await page.GetByLabel("Buscar por NUP").FillAsync(nup.Replace(".", "").Replace("/", "").Replace("-", ""));
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Buscar" }).ClickAsync();
        await Expect(page.Locator(".queue-grid")).ToContainTextAsync("(1 manifestações)");
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = nup }).ClickAsync();
        await page.WaitForURLAsync("**/manifestacoes/**");
        await Expect(page.GetByTestId("nup")).ToHaveTextAsync(nup);
        await Expect(page.GetByTestId("original")).ToContainTextAsync("sem insulina");
        await Expect(page.GetByTestId("requester")).ToContainTextAsync("Joana Pereira da Silva");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("attachment-link").ClickAsync());
        Assert.Equal("prateleira-vazia.png", download.SuggestedFilename);
        Assert.Equal(TinyPng, await File.ReadAllBytesAsync(await download.PathAsync()));
        var caseUrl = page.Url;

        await page.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = "Triagem e encaminhamento" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Iniciar triagem" }).ClickAsync();
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("Em triagem");
        await page.GetByLabel("Extrato").FillAsync("Manifestante relata falta de insulina na farmácia de uma UBS há duas semanas, sem previsão informada.");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Salvar extrato" }).ClickAsync();
        await Expect(page.GetByTestId("extract")).ToContainTextAsync("falta de insulina");
        await page.ChooseAsync("Unidade de destino", "Secretaria de Saúde");
        await page.GetByLabel("Instruções").FillAsync("Verificar o estoque e informar a previsão de reposição.");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Encaminhar" }).ClickAsync();
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("Em tratamento");
        await Expect(page.GetByTestId("assignment")).ToContainTextAsync("Secretaria de Saúde");
        await page.ShotAsync("04-ouvidoria-manifestacao");
        await page.SignOutAsync();

        // 3. The unit's collaborator reads the extract (never the original), answers in the thread and finalizes.
        await page.SignInAsync("saude@demo.gov.br", DemoSeeder.DemoPassword);
        await page.OpenAsync(caseUrl);
        await Expect(page.GetByTestId("extract")).ToContainTextAsync("falta de insulina");
        await Expect(page.GetByTestId("original")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("requester")).Not.ToContainTextAsync("Joana");
        await Expect(page.GetByTestId("attachment-link")).ToHaveCountAsync(0); // the citizen's photo may identify them
        await page.GetByLabel("Mensagem do tratamento").FillAsync("Mensagem enviada por engano.");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Enviar mensagem" }).ClickAsync();
        await Expect(page.GetByTestId("message").Last).ToContainTextAsync("enviada por engano");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Excluir mensagem" }).ClickAsync();
        await Expect(page.GetByTestId("message").Last).ToContainTextAsync("Mensagem apagada pelo autor.");
        await Expect(page.GetByTestId("thread")).Not.ToContainTextAsync("enviada por engano");
        await page.GetByLabel("Mensagem do tratamento").FillAsync("O lote de insulina chegou hoje e a farmácia da UBS já foi abastecida.");
        await page.GetByLabel("Anexar arquivos ao tratamento").SetInputFilesAsync(new FilePayload { Name = "nota-de-entrega.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4 nota"u8.ToArray() });
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Enviar mensagem" }).ClickAsync();
        await Expect(page.GetByTestId("message").Last).ToContainTextAsync("já foi abastecida");
        await Expect(page.GetByTestId("message").Last).ToContainTextAsync("nota-de-entrega.pdf");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Finalizar tratamento" }).ClickAsync();
        await Expect(page.GetByTestId("assignment")).ToContainTextAsync("Finalizado");
        await page.ShotAsync("05-colaborador-tratamento");
        await page.SignOutAsync();

        // A collaborator of another unit cannot open it by URL.
        await page.SignInAsync("educacao@demo.gov.br", DemoSeeder.DemoPassword);
        await page.OpenAsync(caseUrl);
        await Expect(page.GetByTestId("page-error")).ToContainTextAsync("Você não tem acesso a esta manifestação");
        await Expect(page.GetByTestId("extract")).ToHaveCountAsync(0);
        await page.SignOutAsync();

        // 4. The ombudsman sends the conclusive answer.
        await page.SignInAsync("ouvidoria@demo.gov.br", DemoSeeder.DemoPassword);
        await page.OpenAsync(caseUrl);
        await page.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = "Resposta e conclusão" }).ClickAsync();
        await page.GetByLabel("Resposta ao manifestante").FillAsync("A insulina foi reposta na farmácia da UBS em 22/11. Agradecemos o seu contato.");
        await page.GetByLabel("Resposta ao manifestante").BlurAsync();
        await Expect(page.GetByTestId("answer-hints")).ToContainTextAsync("\"UBS\""); // a hint, never a block
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Enviar resposta conclusiva" }).ClickAsync();
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("Respondida");
        await page.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = "Histórico de ações" }).ClickAsync();
        await page.Locator("label[for='historyComplete']").ClickAsync();
        await Expect(page.GetByTestId("history")).ToContainTextAsync("Download de anexo");
        await Expect(page.GetByTestId("history")).ToContainTextAsync("Carlos Menezes");
        // One visit, one entry in the access log (not one per render).
        await Expect(page.GetByTestId("history").Locator("tr", new() { HasTextString = "Acesso à manifestação" }).Filter(new() { HasTextString = "Carlos Menezes" })).ToHaveCountAsync(1);
        await page.ShotAsync("06-ouvidoria-resposta");
        await page.SignOutAsync();

        // 5. The citizen reads it with NUP + password.
        await page.OpenAsync("cidadao/consultar");
        await page.GetByLabel("NUP").FillAsync(nup);
        await page.GetByLabel("Senha").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Consultar" }).ClickAsync();
        await Expect(page.GetByTestId("consult-status")).ToHaveTextAsync("Respondida");
        await Expect(page.GetByTestId("consult-answer")).ToContainTextAsync("A insulina foi reposta");
        await page.ShotAsync("07-cidadao-consulta");
    }

    [Fact]
    public async Task Consult_ExistingNupWithWrongPassword_ShowsOneGenericMessage()
    {
        var nup = await RegisterAsync();
        var page = await portal.NewPageAsync(390, 844);
        await page.OpenAsync("cidadao/consultar");
        await page.GetByLabel("NUP").FillAsync(nup);
        await page.GetByLabel("Senha").FillAsync("SenhaErrada1");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Consultar" }).ClickAsync();
        await Expect(page.GetByTestId("consult-error")).ToContainTextAsync(Ouvidoria.Web.Features.Citizen.ConsultManifestation.GenericFailure);
        await Expect(page.GetByTestId("consult-result")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Forward_ThemesDefaultUnitIsPreselected_AndTheCollaboratorsContributionGetsPlainLanguageHints()
    {
        var (id, themeName) = await InTriageWithThemeDefaultingToHealthAsync();
        var page = await portal.NewPageAsync();

        // The ombudsman finds the theme's "unidade padrão" already chosen, and forwards.
        await page.SignInAsync("ouvidoria@demo.gov.br", DemoSeeder.DemoPassword);
        await page.OpenAsync($"manifestacoes/{id}");
        await Expect(page.GetByTestId("forward-suggestion")).ToContainTextAsync($"Unidade padrão da temática “{themeName}”: Secretaria de Saúde");
        await Expect(page.GetByRole(AriaRole.Combobox, new PageGetByRoleOptions { Name = "Unidade de destino", Exact = true })).ToContainTextAsync("Secretaria de Saúde");
        await Expect(page.GetByTestId("forward-use-suggestion")).ToHaveCountAsync(0);
        await page.ShotAsync("08-ouvidoria-unidade-padrao");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Encaminhar", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("assignment")).ToContainTextAsync("Secretaria de Saúde");
        await Expect(page.GetByTestId("forward-suggestion")).ToHaveCountAsync(0);
        await page.SignOutAsync();

        // The collaborator writes the contribution the ombudsman will forward: hints, never a block.
        await page.SignInAsync("saude@demo.gov.br", DemoSeeder.DemoPassword);
        await page.OpenAsync($"manifestacoes/{id}");
        var composer = page.GetByLabel("Mensagem do tratamento");
        await composer.FillAsync("A VISA vistoriou a lanchonete e enviou o feedback ao dono.");
        await composer.BlurAsync();
        await Expect(page.GetByTestId("contribution-hints")).ToContainTextAsync("\"VISA\"");
        await Expect(page.GetByTestId("contribution-hints")).ToContainTextAsync("\"feedback\"");
        await page.ShotAsync("09-colaborador-sugestoes-de-linguagem");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Enviar mensagem" }).ClickAsync();
        await Expect(page.GetByTestId("message").Last).ToContainTextAsync("vistoriou a lanchonete");
        await Expect(page.GetByTestId("contribution-hints")).ToHaveCountAsync(0);
    }

    /// <summary>A theme whose default unit is the health unit, and a complaint of it in triage with its extract.</summary>
    private async Task<(Guid Id, string ThemeName)> InTriageWithThemeDefaultingToHealthAsync()
    {
        using var scope = portal.Services.CreateScope();
        var services = scope.ServiceProvider;
        var admin = await portal.ActorAsync(Ouvidoria.Tests.Support.Integration.DemoStaff.Administrator);
        var ombudsman = await portal.ActorAsync(Ouvidoria.Tests.Support.Integration.DemoStaff.Ombudsman);
        var health = (await services.GetRequiredService<Ouvidoria.Web.Features.Shared.Lookups>().ActiveUnitsAsync()).Single(u => u.Name == "Secretaria de Saúde").Id;
        const string themeName = "Vigilância sanitária";
        var theme = await services.GetRequiredService<Ouvidoria.Web.Features.Administration.Themes.ThemeAdministration>()
            .CreateAsync(new(themeName, Ouvidoria.Domain.Organization.PersonalDataRequirement.Name, health), admin);
        Assert.True(theme.IsSuccess, theme.Error?.Message);
        var registered = await services.GetRequiredService<Ouvidoria.Web.Features.Citizen.RegisterManifestation>().ExecuteAsync(new()
        {
            Type = Ouvidoria.Domain.Manifestations.ManifestationType.Complaint,
            ThemeId = theme.Value,
            Anonymous = false,
            Name = "Pedro Lima",
            ConsentToShare = true,
            Description = "A lanchonete da rodoviária vende salgados vencidos.",
        });
        Assert.True(registered.IsSuccess, registered.Error?.Message);
        var workflow = services.GetRequiredService<Ouvidoria.Web.Features.Manifestations.ManifestationWorkflow>();
        Assert.True((await workflow.StartTriageAsync(registered.Value.Id, ombudsman)).IsSuccess);
        Assert.True((await workflow.WriteExtractAsync(registered.Value.Id, "Relato de venda de alimentos vencidos em estabelecimento.", ombudsman)).IsSuccess);
        return (registered.Value.Id, themeName);
    }

    /// <summary>A registration through the use case (the UI path is covered by the lifecycle test).</summary>
    private async Task<string> RegisterAsync()
    {
        using var scope = portal.Services.CreateScope();
        var themes = await scope.ServiceProvider.GetRequiredService<Ouvidoria.Web.Features.Shared.Lookups>().ActiveThemesAsync();
        var result = await scope.ServiceProvider.GetRequiredService<Ouvidoria.Web.Features.Citizen.RegisterManifestation>().ExecuteAsync(new()
        {
            Type = Ouvidoria.Domain.Manifestations.ManifestationType.Complaint,
            ThemeId = themes.First(t => t.PersonalData == Ouvidoria.Domain.Organization.PersonalDataRequirement.Name).Id,
            Anonymous = false,
            Name = "Pedro Lima",
            ConsentToShare = true,
            Description = "A iluminação da praça está apagada há um mês.",
        });
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value.Nup;
    }
}
