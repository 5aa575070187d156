using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Domain.Templates;
using Ouvidoria.Tests.Support.Integration;
using Ouvidoria.Web.Features.Administration;
using Ouvidoria.Web.Features.Manifestations;

namespace Ouvidoria.Tests.Features.Administration;

/// <summary>
/// "Textos padrão" through the real use cases and database: administrators only, optimistic
/// concurrency between two administrators, restore default, one audit row per change; and the
/// answer models as collaborators and the ombudsman receive them ("Usar modelo").
/// Each test works on its own template key: the class shares one database.
/// </summary>
public abstract class TextTemplatesFeatureTests(OuvidoriaAppFactory app)
{
    /// <summary>A second administrator (the use case trusts the signed-in actor it is given).</summary>
    private static readonly Actor OtherAdmin = new("admin-beatriz", "Beatriz Administradora", ActorKind.Administrator);

    private Task<T> AdminAsync<T>(Func<TextTemplateAdministration, Task<T>> action) => app.WithAsync(action);

    private async Task<TemplateEditorView> OpenOkAsync(TextTemplateKey key, Actor admin)
    {
        var view = await AdminAsync(a => a.GetAsync(key, admin));
        Assert.True(view.IsSuccess, view.Error?.Message);
        return view.Value;
    }

    private async Task<(string Title, string Body, int Version, int Changes)> StoredAsync(TextTemplateKey key)
    {
        await using var db = app.CreateDbContext();
        var t = await db.TextTemplates.AsNoTracking().SingleAsync(x => x.Key == key);
        var changes = await db.AdministrativeChanges.CountAsync(c => c.EntityType == TextTemplate.EntityType && c.EntityKey == key.ToString());
        return (t.Title, t.Body, t.Version, changes);
    }

    [Fact]
    public async Task ListAsync_Administrator_SeesEveryTemplateGroupedWithTheDefaults()
    {
        var admin = await app.ActorAsync(DemoStaff.Administrator);

        var list = await AdminAsync(a => a.ListAsync(admin));

        Assert.True(list.IsSuccess, list.Error?.Message);
        Assert.Equal(Enum.GetValues<TextTemplateKey>().Order(), list.Value.Select(i => i.Key).Order());
        Assert.Equal(
            [TextTemplateGroup.Answers, TextTemplateGroup.Treatment, TextTemplateGroup.Identity, TextTemplateGroup.Emails],
            list.Value.Select(i => i.Group).Distinct());
        // Every text is read by some screen (answer models, sem competência, identity texts).
        Assert.All(list.Value, i => Assert.True(i.InUse, $"{i.Key} is not used by any screen."));
    }

    [Theory]
    [InlineData(DemoStaff.Ombudsman)]
    [InlineData(DemoStaff.HealthCollaborator)]
    [InlineData(DemoStaff.Manager)]
    public async Task TextTemplateAdministration_NonAdministrator_IsForbiddenAndChangesNothing(string email)
    {
        var actor = await app.ActorAsync(email);
        var admin = await app.ActorAsync(DemoStaff.Administrator);
        var before = await StoredAsync(TextTemplateKey.AnswerComplaint);

        var list = await AdminAsync(a => a.ListAsync(actor));
        var get = await AdminAsync(a => a.GetAsync(TextTemplateKey.AnswerComplaint, actor));
        var save = await AdminAsync(a => a.SaveAsync(TextTemplateKey.AnswerComplaint, "Título", "Texto de quem não pode.", before.Version, actor));
        var restore = await AdminAsync(a => a.RestoreDefaultAsync(TextTemplateKey.AnswerComplaint, before.Version, actor));

        Assert.All([list.Error, get.Error, save.Error, restore.Error], e => Assert.Equal(ErrorKind.Forbidden, e?.Kind));
        Assert.Equal("Somente administradores gerenciam os textos padrão.", save.Error!.Message);
        Assert.Equal(before, await StoredAsync(TextTemplateKey.AnswerComplaint));
        Assert.True((await AdminAsync(a => a.ListAsync(admin))).IsSuccess);
    }

    [Fact]
    public async Task SaveAsync_Administrator_StoresTheTextAndOneAuditRowWithBeforeAndAfter()
    {
        var admin = await app.ActorAsync(DemoStaff.Administrator);
        var opened = await OpenOkAsync(TextTemplateKey.AnswerRequest, admin);
        app.Clock.Advance(TimeSpan.FromMinutes(3));
        const string body = "Prezado(a) manifestante,\n\nSobre a solicitação {NUP}: [providência adotada].\n\n{UNIDADE}";

        var saved = await AdminAsync(a => a.SaveAsync(TextTemplateKey.AnswerRequest, "Resposta a solicitação (revisada)", body, opened.Version, admin));

        Assert.True(saved.IsSuccess, saved.Error?.Message);
        Assert.Equal(("Resposta a solicitação (revisada)", body, opened.Version + 1, false), (saved.Value.Title, saved.Value.Body, saved.Value.Version, saved.Value.IsDefault));
        Assert.Equal((admin.Name, app.Clock.GetUtcNow()), (saved.Value.UpdatedByName, saved.Value.UpdatedAt));
        var change = saved.Value.Changes[0];
        Assert.Equal(("Texto alterado", admin.Name, app.Clock.GetUtcNow()), (change.Summary, change.UserName, change.At));
        Assert.Contains(opened.Body.Split('\n')[0], change.Before, StringComparison.Ordinal);
        Assert.Contains("Sobre a solicitação {NUP}", change.After, StringComparison.Ordinal);
        await using var db = app.CreateDbContext();
        var row = await db.AdministrativeChanges.AsNoTracking().Where(c => c.EntityKey == nameof(TextTemplateKey.AnswerRequest)).SingleAsync();
        Assert.Equal((TextTemplate.EntityType, admin.UserId), (row.EntityType, row.UserId));
    }

    [Fact]
    public async Task SaveAsync_UnknownMarker_IsAValidationErrorAndNothingIsStored()
    {
        var admin = await app.ActorAsync(DemoStaff.Administrator);
        var opened = await OpenOkAsync(TextTemplateKey.AnswerDenunciation, admin);
        var before = await StoredAsync(TextTemplateKey.AnswerDenunciation);

        var saved = await AdminAsync(a => a.SaveAsync(TextTemplateKey.AnswerDenunciation, opened.Title, "Sobre o processo {PROCESSO}.", opened.Version, admin));

        Assert.Equal(ErrorKind.Validation, saved.Error?.Kind);
        Assert.StartsWith("O marcador {PROCESSO} não existe neste texto.", saved.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(before, await StoredAsync(TextTemplateKey.AnswerDenunciation));
    }

    [Fact]
    public async Task SaveAsync_TwoAdministratorsEditingTheSameVersion_SecondGetsAConflictNamingTheFirstAndNothingIsOverwritten()
    {
        var admin = await app.ActorAsync(DemoStaff.Administrator);
        var first = await OpenOkAsync(TextTemplateKey.AnswerSuggestion, admin);
        var second = await OpenOkAsync(TextTemplateKey.AnswerSuggestion, OtherAdmin);
        const string firstBody = "Texto da primeira administradora sobre {NUP}.";

        var firstSave = await AdminAsync(a => a.SaveAsync(TextTemplateKey.AnswerSuggestion, first.Title, firstBody, first.Version, admin));
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var secondSave = await AdminAsync(a => a.SaveAsync(TextTemplateKey.AnswerSuggestion, second.Title, "Texto da segunda administradora.", second.Version, OtherAdmin));

        Assert.True(firstSave.IsSuccess, firstSave.Error?.Message);
        Assert.Equal(ErrorKind.Conflict, secondSave.Error?.Kind);
        Assert.Equal(TextTemplateAdministration.ConflictMessage(admin.Name, firstSave.Value.UpdatedAt), secondSave.Error!.Message);
        Assert.Contains(admin.Name, secondSave.Error.Message, StringComparison.Ordinal);
        var stored = await StoredAsync(TextTemplateKey.AnswerSuggestion);
        Assert.Equal((firstBody, first.Version + 1, 1), (stored.Body, stored.Version, stored.Changes));

        // Having seen the saved version, the second administrator may knowingly save over it.
        var retry = await AdminAsync(a => a.SaveAsync(TextTemplateKey.AnswerSuggestion, second.Title, "Texto da segunda administradora.", firstSave.Value.Version, OtherAdmin));
        Assert.True(retry.IsSuccess, retry.Error?.Message);
        Assert.Equal(("Texto da segunda administradora.", 2), ((await StoredAsync(TextTemplateKey.AnswerSuggestion)).Body, (await StoredAsync(TextTemplateKey.AnswerSuggestion)).Changes));
    }

    [Fact]
    public async Task SaveChanges_StaleTemplate_IsRejectedByTheVersionToken()
    {
        var admin = await app.ActorAsync(DemoStaff.Administrator);
        await using var stale = app.CreateDbContext();
        var staleCopy = await stale.TextTemplates.SingleAsync(t => t.Key == TextTemplateKey.IdentityViewJustification);

        var saved = await AdminAsync(a => a.SaveAsync(TextTemplateKey.IdentityViewJustification, staleCopy.Title, "Justificativa salva primeiro sobre o protocolo {NUP}.", staleCopy.Version, admin));
        staleCopy.Edit(staleCopy.Title, "Justificativa que não deve ser gravada.", OtherAdmin, app.Clock.GetUtcNow());

        Assert.True(saved.IsSuccess, saved.Error?.Message);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => stale.SaveChangesAsync());
        Assert.Equal("Justificativa salva primeiro sobre o protocolo {NUP}.", (await StoredAsync(TextTemplateKey.IdentityViewJustification)).Body);
    }

    [Fact]
    public async Task RestoreDefaultAsync_AfterAnEdit_BringsBackTheManualsTextAndRecordsIt()
    {
        var admin = await app.ActorAsync(DemoStaff.Administrator);
        var opened = await OpenOkAsync(TextTemplateKey.AnswerSimplification, admin);
        var edited = await AdminAsync(a => a.SaveAsync(TextTemplateKey.AnswerSimplification, "Simplificação (local)", "Texto local sobre {NUP}.", opened.Version, admin));
        Assert.True(edited.IsSuccess, edited.Error?.Message);
        app.Clock.Advance(TimeSpan.FromSeconds(1)); // the app's clock is frozen: "newest first" needs two instants

        var stale = await AdminAsync(a => a.RestoreDefaultAsync(TextTemplateKey.AnswerSimplification, opened.Version, admin));
        var restored = await AdminAsync(a => a.RestoreDefaultAsync(TextTemplateKey.AnswerSimplification, edited.Value.Version, admin));

        Assert.Equal(ErrorKind.Conflict, stale.Error?.Kind);
        Assert.True(restored.IsSuccess, restored.Error?.Message);
        var definition = TextTemplateCatalog.Get(TextTemplateKey.AnswerSimplification);
        Assert.Equal((definition.DefaultTitle, definition.DefaultBody, true), (restored.Value.Title, restored.Value.Body, restored.Value.IsDefault));
        Assert.Equal(["Texto padrão restaurado", "Texto alterado"], restored.Value.Changes.Select(c => c.Summary));
        Assert.Contains("Texto local sobre {NUP}.", restored.Value.Changes[0].Before, StringComparison.Ordinal);
    }

    // ---------------------------------------------------------------- the page's policy

    [Theory]
    [InlineData(DemoStaff.Ombudsman)]
    [InlineData(DemoStaff.HealthCollaborator)]
    [InlineData(DemoStaff.Manager)]
    public async Task GetTemplatesPage_OtherStaff_RedirectsToAccessDenied(string email)
    {
        using var client = await SignedInClientAsync(email);

        var response = await client.GetAsync("/administracao/modelos");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/conta/acesso-negado", new Uri(client.BaseAddress!, response.Headers.Location!).AbsolutePath);
    }

    [Fact]
    public async Task GetTemplatesPage_Administrator_ListsTheTextsByGroup()
    {
        using var client = await SignedInClientAsync(DemoStaff.Administrator);

        var response = await client.GetAsync("/administracao/modelos");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = HtmlForms.Text(await response.Content.ReadAsStringAsync());
        Assert.Contains("Textos padrão e modelos de resposta", text, StringComparison.Ordinal);
        Assert.Contains("Respostas", text, StringComparison.Ordinal);
        Assert.Contains("Sem competência — área responsável conhecida", text, StringComparison.Ordinal);
        Assert.Contains("Requisição da identidade do denunciante", text, StringComparison.Ordinal);
    }

    /// <summary>Signs in through the real form (antiforgery included), keeping the cookie.</summary>
    private async Task<HttpClient> SignedInClientAsync(string email)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var fields = HtmlForms.Inputs(await (await client.GetAsync("/conta/entrar")).Content.ReadAsStringAsync());
        fields["Input.Email"] = email;
        fields["Input.Password"] = DemoStaff.Password;
        var signedIn = await client.PostAsync("/conta/entrar", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return client;
    }

    // ---------------------------------------------------------------- "Usar modelo"

    [Fact]
    public async Task AnswerModelQuery_CollaboratorOfTheResponsibleUnit_GetsTheModelFilledWithThisCase()
    {
        var unitA = await app.UnitIdAsync(DemoStaff.HealthUnit);
        var prepared = await app.PrepareForwardedAsync(unitA);
        var collaboratorA = await app.ActorAsync(DemoStaff.HealthCollaborator);

        var model = await app.WithAsync<AnswerModelQuery, Result<AnswerModel>>(q => q.ExecuteAsync(prepared.Id, collaboratorA));

        Assert.True(model.IsSuccess, model.Error?.Message);
        Assert.Equal(TextTemplateCatalog.Get(TextTemplateKey.AnswerComplaint).DefaultTitle, model.Value.Title);
        Assert.Contains($"registrada sob o NUP {prepared.Nup} com o assunto “Atendimento em posto de saúde”", model.Value.Text, StringComparison.Ordinal);
        Assert.EndsWith("Atenciosamente,\n" + DemoStaff.HealthUnit, model.Value.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("{", model.Value.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerModelQuery_AfterAnAdministratorEdit_GivesTheEditedTextToTheOmbudsman()
    {
        var admin = await app.ActorAsync(DemoStaff.Administrator);
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var unitA = await app.UnitIdAsync(DemoStaff.HealthUnit);
        var unitB = await app.UnitIdAsync(DemoStaff.EducationUnit);
        var prepared = await app.PrepareForwardedAsync(unitA, unitB);
        await app.WorkflowOkAsync(w => w.ClassifyAsync(prepared.Id, ManifestationType.Denunciation, null, "Conduta de servidor", ombudsman));
        var denunciation = await OpenOkAsync(TextTemplateKey.AnswerDenunciation, admin);
        var edited = await AdminAsync(a => a.SaveAsync(TextTemplateKey.AnswerDenunciation, denunciation.Title,
            "Sobre a sua {TIPO} {NUP} ({ASSUNTO}), registrada em {DATA_REGISTRO}: [situação].\n{UNIDADE}", denunciation.Version, admin));
        Assert.True(edited.IsSuccess, edited.Error?.Message);

        var model = await app.WithAsync<AnswerModelQuery, Result<AnswerModel>>(q => q.ExecuteAsync(prepared.Id, ombudsman));

        Assert.True(model.IsSuccess, model.Error?.Message);
        var registeredOn = Ouvidoria.Web.Components.Shared.Formats.Date((await app.OpenOkAsync(prepared.Id, ombudsman, recordAccess: false)).RegisteredAt);
        Assert.Equal(
            $"Sobre a sua denúncia {prepared.Nup} (Conduta de servidor), registrada em {registeredOn}: [situação].\n{DemoStaff.EducationUnit} e {DemoStaff.HealthUnit}",
            model.Value.Text);
    }

    [Fact]
    public async Task AnswerModelQuery_CollaboratorOfAnotherUnitOrManager_IsForbidden()
    {
        var unitA = await app.UnitIdAsync(DemoStaff.HealthUnit);
        var prepared = await app.PrepareForwardedAsync(unitA);

        var otherUnit = await app.WithAsync<AnswerModelQuery, Result<AnswerModel>>(async q => await q.ExecuteAsync(prepared.Id, await app.ActorAsync(DemoStaff.EducationCollaborator)));
        var manager = await app.WithAsync<AnswerModelQuery, Result<AnswerModel>>(async q => await q.ExecuteAsync(prepared.Id, await app.ActorAsync(DemoStaff.Manager)));

        Assert.Equal(ErrorKind.Forbidden, otherUnit.Error?.Kind);
        Assert.Equal(ErrorKind.Forbidden, manager.Error?.Kind);
    }

    [Fact]
    public async Task AnswerModelQuery_CollaboratorAfterFinalizingTheTreatment_IsForbidden()
    {
        var unitA = await app.UnitIdAsync(DemoStaff.HealthUnit);
        var prepared = await app.PrepareForwardedAsync(unitA);
        var collaboratorA = await app.ActorAsync(DemoStaff.HealthCollaborator);
        var assignment = (await app.OpenOkAsync(prepared.Id, collaboratorA, recordAccess: false)).Team.Single();
        await app.WorkflowOkAsync(w => w.FinalizeTreatmentAsync(prepared.Id, assignment.Id, collaboratorA));

        var model = await app.WithAsync<AnswerModelQuery, Result<AnswerModel>>(q => q.ExecuteAsync(prepared.Id, collaboratorA));

        Assert.Equal(ErrorKind.Forbidden, model.Error?.Kind);
    }

    [Fact]
    public async Task AnswerModelQuery_Compliment_OffersNoModelToTheObservingUnitNorToTheOmbudsman()
    {
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var collaboratorA = await app.ActorAsync(DemoStaff.HealthCollaborator);
        var themeId = await app.ThemeIdAsync(Registrations.ThemeWithoutPersonalData);
        var id = (await app.RegisterOkAsync(Registrations.Identified(themeId, ManifestationType.Compliment, "Quero elogiar o atendimento da enfermeira do posto."))).Id;
        await app.WorkflowOkAsync(w => w.StartTriageAsync(id, ombudsman));
        await app.WorkflowOkAsync(w => w.WriteExtractAsync(id, "Elogio ao atendimento de enfermagem de um posto.", ombudsman));
        await app.WorkflowOkAsync(w => w.ForwardAsync(id, collaboratorA.UnitId!.Value, AssignmentRole.Observer, null, "Para ciência.", ombudsman));

        var forCollaborator = await app.WithAsync<AnswerModelQuery, Result<AnswerModel>>(q => q.ExecuteAsync(id, collaboratorA));
        var forOmbudsman = await app.WithAsync<AnswerModelQuery, Result<AnswerModel>>(q => q.ExecuteAsync(id, ombudsman));

        Assert.Equal(ErrorKind.Validation, forCollaborator.Error?.Kind);
        Assert.Equal("Elogios são respondidos pela própria Ouvidoria: não há modelo de resposta para este tipo.", forOmbudsman.Error?.Message);
        var details = await app.OpenOkAsync(id, collaboratorA, recordAccess: false);
        Assert.False(AnswerModelQuery.IsOffered(details.Type, collaboratorA, details.Team.Select(a => (a.Role, a.Status == TreatmentStatus.Open, a.IsMine))));
        Assert.False(details.Can.Answer);
    }
}

public sealed class TextTemplatesFeatureTestsSqlite(SqliteDemoApp app) : TextTemplatesFeatureTests(app), IClassFixture<SqliteDemoApp>;

public sealed class TextTemplatesFeatureTestsPostgres(PostgresDemoApp app) : TextTemplatesFeatureTests(app), IClassFixture<PostgresDemoApp>;
