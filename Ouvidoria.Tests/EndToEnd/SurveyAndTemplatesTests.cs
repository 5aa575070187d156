using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Identity;
using Ouvidoria.Infrastructure.Persistence;
using Ouvidoria.Infrastructure.Seeding;
using Ouvidoria.Web.Features.Citizen;
using Ouvidoria.Web.Features.Manifestations;
using Ouvidoria.Web.Features.Shared;
using static Microsoft.Playwright.Assertions;

namespace Ouvidoria.Tests.EndToEnd;

/// <summary>
/// In Chromium: an administrator edits an answer model that the unit's collaborator and then the
/// ombudsman use ("Usar modelo"); a citizen answers the satisfaction survey of a concluded case once.
/// </summary>
public sealed class SurveyAndTemplatesTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private const string Revised = "Texto revisado pela administração para reclamações.";

    [Fact]
    public async Task AnswerModel_EditedByTheAdministrator_IsUsedByTheCollaboratorAndTheOmbudsman()
    {
        var (caseId, nup) = await ComplaintForwardedToHealthAsync();
        var page = await portal.NewPageAsync();

        // 1. The administrator finds "Textos padrão" in the menu and edits the complaint model.
        await page.SignInAsync("admin@demo.gov.br", DemoSeeder.DemoPassword);
        await page.GetByRole(AriaRole.Link, new() { Name = "Textos padrão" }).ClickAsync();
        await page.WaitForURLAsync("**/administracao/modelos");
        await page.WaitForInteractiveAsync();
        await page.GetByTestId("template-item").Filter(new() { HasTextString = "Resposta a reclamação" }).ClickAsync();
        var body = page.GetByLabel("Texto", new() { Exact = true });
        await body.FillAsync("Sobre o protocolo {PROTOCOLO}.");
        await Expect(page.GetByTestId("template-preview-error")).ToContainTextAsync("O marcador {PROTOCOLO} não existe neste texto.");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Salvar" })).ToBeDisabledAsync();
        await body.FillAsync($"Prezado(a) manifestante,\n\n{Revised} NUP {{NUP}}.\n\n[Resposta ao fato.]\n\nAtenciosamente,\n{{UNIDADE}}");
        await Expect(page.GetByTestId("template-preview")).ToContainTextAsync($"{Revised} NUP 23037.001462/2021-65.");
        await Expect(page.GetByTestId("template-preview")).ToContainTextAsync("Secretaria de Saúde");
        await page.ShotAsync("20-admin-modelo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Salvar" }).ClickAsync();
        await Expect(page.GetByTestId("template-changes")).ToContainTextAsync("Texto alterado — Marina Castro");
        await Expect(page.GetByTestId("template-item").Filter(new() { HasTextString = "Resposta a reclamação" })).ToContainTextAsync("Alterado");
        await page.SignOutAsync();

        // 2. The unit's collaborator fills the empty answer box with the model, sends it and finalizes.
        await page.SignInAsync("saude@demo.gov.br", DemoSeeder.DemoPassword);
        await page.OpenAsync($"manifestacoes/{caseId}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Usar modelo" }).ClickAsync();
        var message = page.GetByLabel("Mensagem do tratamento");
        await Expect(message).ToHaveValueAsync(new System.Text.RegularExpressions.Regex($"{Revised} NUP {System.Text.RegularExpressions.Regex.Escape(nup)}\\.[\\s\\S]*Secretaria de Saúde$"));
        await message.FillAsync((await message.InputValueAsync()).Replace("[Resposta ao fato.]", "A equipe do posto foi orientada e o atendimento foi normalizado."));
        await page.GetByRole(AriaRole.Button, new() { Name = "Enviar mensagem" }).ClickAsync();
        await Expect(page.GetByTestId("message").Last).ToContainTextAsync("o atendimento foi normalizado");
        await page.GetByRole(AriaRole.Button, new() { Name = "Finalizar tratamento" }).ClickAsync();
        await Expect(page.GetByTestId("assignment")).ToContainTextAsync("Finalizado");
        await page.ShotAsync("21-colaborador-usar-modelo");
        await page.SignOutAsync();

        // 3. The ombudsman had started a draft: the model replaces it only after confirmation.
        await page.SignInAsync("ouvidoria@demo.gov.br", DemoSeeder.DemoPassword);
        await page.OpenAsync($"manifestacoes/{caseId}");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Resposta e conclusão" }).ClickAsync();
        var answer = page.GetByLabel("Resposta ao manifestante");
        await answer.FillAsync("Rascunho da Ouvidoria.");
        await page.GetByTestId("answer").GetByRole(AriaRole.Button, new() { Name = "Usar modelo" }).ClickAsync();
        await Expect(page.GetByTestId("use-template-confirmation")).ToContainTextAsync("será substituído pelo modelo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Manter o meu texto" }).ClickAsync();
        await Expect(answer).ToHaveValueAsync("Rascunho da Ouvidoria.");
        await page.GetByTestId("answer").GetByRole(AriaRole.Button, new() { Name = "Usar modelo" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Substituir pelo modelo" }).ClickAsync();
        await Expect(answer).ToHaveValueAsync(new System.Text.RegularExpressions.Regex($"^Prezado\\(a\\) manifestante,[\\s\\S]*{Revised} NUP {System.Text.RegularExpressions.Regex.Escape(nup)}\\."));
        await page.ShotAsync("22-ouvidoria-usar-modelo");
        await answer.FillAsync((await answer.InputValueAsync()).Replace("[Resposta ao fato.]", "A equipe do posto foi orientada e o atendimento foi normalizado."));
        await page.GetByRole(AriaRole.Button, new() { Name = "Enviar resposta conclusiva" }).ClickAsync();
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("Respondida");
    }

    [Fact]
    public async Task SatisfactionSurvey_ConcludedDemoManifestation_CitizenAnswersOnceAndTheOmbudsmanSeesIt()
    {
        var (caseId, nup) = await ConcludedDemoCaseWithoutSurveyAsync();
        var page = await portal.NewPageAsync(390, 844);

        await page.OpenAsync("cidadao/consultar");
        await ConsultAsync(page, nup);
        var survey = page.GetByTestId("survey");
        await Expect(survey).ToBeVisibleAsync();
        await survey.GetByRole(AriaRole.Button, new() { Name = "Enviar pesquisa" }).ClickAsync();
        await Expect(page.GetByTestId("survey-error")).ToContainTextAsync("Responda se a sua demanda foi atendida");

        await survey.GetByRole(AriaRole.Radiogroup, new() { Name = "A sua demanda foi atendida?" }).GetByText("Parcialmente").ClickAsync();
        await RateAsync(page, "Clareza da resposta, de 1 a 5", 4);
        await RateAsync(page, "Satisfação com o atendimento, de 1 a 5", 3);
        await page.GetByLabel("Comentário (opcional)").FillAsync("A resposta veio no prazo, mas o problema voltou.");
        await page.ShotAsync("23-cidadao-pesquisa");
        await survey.GetByRole(AriaRole.Button, new() { Name = "Enviar pesquisa" }).ClickAsync();
        await Expect(page.GetByTestId("survey-done")).ToContainTextAsync("Obrigado por responder à pesquisa de satisfação!");
        await Expect(page.GetByTestId("survey")).ToHaveCountAsync(0);

        // Once per NUP: a new consultation no longer offers the form.
        await page.OpenAsync("cidadao/consultar");
        await ConsultAsync(page, nup);
        await Expect(page.GetByTestId("survey-done")).ToContainTextAsync("Você já respondeu");
        await Expect(page.GetByTestId("survey")).ToHaveCountAsync(0);

        // The ombudsman sees the result on the manifestation page.
        await page.SignInAsync("ouvidoria@demo.gov.br", DemoSeeder.DemoPassword);
        await page.OpenAsync($"manifestacoes/{caseId}");
        var result = page.GetByTestId("survey-result");
        await Expect(result).ToContainTextAsync("Parcialmente");
        await Expect(result).ToContainTextAsync("4 de 5");
        await Expect(result).ToContainTextAsync("3 de 5");
        await Expect(result).ToContainTextAsync("o problema voltou");
    }

    private static async Task ConsultAsync(IPage page, string nup)
    {
        await page.GetByLabel("NUP").FillAsync(nup);
        await page.GetByLabel("Senha").FillAsync(DemoSeeder.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Consultar" }).ClickAsync();
        await Expect(page.GetByTestId("consult-status")).ToHaveTextAsync("Concluída");
    }

    private static Task RateAsync(IPage page, string question, int stars) =>
        page.GetByRole(AriaRole.Radiogroup, new() { Name = question }).GetByRole(AriaRole.Radio).Nth(stars - 1).ClickAsync();

    /// <summary>A complaint the ombudsman triaged and forwarded to the health unit, through the real use cases.</summary>
    private async Task<(Guid Id, string Nup)> ComplaintForwardedToHealthAsync()
    {
        using var scope = portal.Services.CreateScope();
        var services = scope.ServiceProvider;
        var ombudsman = await ActorAsync(services, "ouvidoria@demo.gov.br");
        var themes = await services.GetRequiredService<Lookups>().ActiveThemesAsync();
        var receipt = await services.GetRequiredService<RegisterManifestation>().ExecuteAsync(new()
        {
            Type = ManifestationType.Complaint,
            ThemeId = themes.First(t => t.Name == "Saúde").Id,
            Anonymous = false,
            Name = "Rita de Cássia Nogueira",
            Email = "rita.nogueira@exemplo.com.br",
            ConsentToShare = true,
            Description = "Fui mal atendida na recepção do posto de saúde do bairro Jardim.",
        });
        Assert.True(receipt.IsSuccess, receipt.Error?.Message);
        var id = receipt.Value.Id;
        var workflow = services.GetRequiredService<ManifestationWorkflow>();
        await using (var db = await services.GetRequiredService<IDbContextFactory<OuvidoriaDbContext>>().CreateDbContextAsync())
        {
            var health = await db.Units.Where(u => u.Name == "Secretaria de Saúde").Select(u => u.Id).SingleAsync();
            foreach (var step in new Func<Task<Result<Done>>>[]
            {
                () => workflow.StartTriageAsync(id, ombudsman),
                () => workflow.WriteExtractAsync(id, "Relato de mau atendimento na recepção de um posto de saúde.", ombudsman),
                () => workflow.ForwardAsync(id, health, AssignmentRole.Responsible, null, "Apurar e responder.", ombudsman),
            })
            {
                var done = await step();
                Assert.True(done.IsSuccess, done.Error?.Message);
            }
        }

        return (id, receipt.Value.Nup);
    }

    private async Task<(Guid Id, string Nup)> ConcludedDemoCaseWithoutSurveyAsync()
    {
        using var scope = portal.Services.CreateScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<OuvidoriaDbContext>>().CreateDbContextAsync();
        var m = await db.Manifestations.AsNoTracking()
            .Where(x => x.Status == ManifestationStatus.Concluded && !db.SatisfactionSurveys.Any(s => s.ManifestationId == x.Id))
            .OrderBy(x => x.RegisteredAt)
            .FirstAsync();
        return (m.Id, m.Nup.ToString());
    }

    private static async Task<Actor> ActorAsync(IServiceProvider services, string email)
    {
        var users = services.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException(email);
        return new Actor(user.Id, user.FullName, Roles.ToActorKind(await users.GetRolesAsync(user)), user.UnitId);
    }
}
