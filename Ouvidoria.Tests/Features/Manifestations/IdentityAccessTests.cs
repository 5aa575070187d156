using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Identity;
using Ouvidoria.Tests.Support.Integration;
using Ouvidoria.Web.Features.Manifestations;

namespace Ouvidoria.Tests.Features.Manifestations;

/// <summary>
/// Identity protection through the real use cases and database: the justified view of an enabled
/// collaborator (manual 2.6), units' requests to the ombudsman, the reported resolution and the
/// eventual collaborators' automatic (de)activation.
/// </summary>
public abstract class IdentityAccessTests(OuvidoriaAppFactory app)
{
    [Fact]
    public async Task ViewIdentity_EnabledCollaborator_SeesDataOnlyAfterJustifying_AndEachViewIsLogged()
    {
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var carlos = await app.ActorAsync(DemoStaff.HealthCollaborator);
        var helena = await app.ActorAsync(DemoStaff.SecondHealthCollaborator);
        var prepared = await app.PrepareForwardedAsync(carlos.UnitId!.Value);

        var before = await app.OpenOkAsync(prepared.Id, carlos, recordAccess: false);
        Assert.False(before.Can.ViewIdentity);
        Assert.Equal(Requester.Pseudonymized, before.RequesterName);
        var refused = await app.WithAsync<ManifestationWorkflow, Ouvidoria.Domain.Common.Result<RequesterView>>(w => w.ViewIdentityAsync(prepared.Id, Manifestation.IdentityViewJustificationText, carlos));
        Assert.False(refused.IsSuccess);

        await app.WorkflowOkAsync(w => w.EnableIdentityViewAsync(prepared.Id, carlos.UserId!, ombudsman));

        var enabled = await app.OpenOkAsync(prepared.Id, carlos, recordAccess: false);
        Assert.True(enabled.Can.ViewIdentity);
        Assert.Equal(Requester.Pseudonymized, enabled.RequesterName);
        Assert.False((await app.OpenOkAsync(prepared.Id, helena, recordAccess: false)).Can.ViewIdentity);
        Assert.Single((await app.OpenOkAsync(prepared.Id, ombudsman, recordAccess: false)).IdentityGrants);

        var shortJustification = await app.WithAsync<ManifestationWorkflow, Ouvidoria.Domain.Common.Result<RequesterView>>(w => w.ViewIdentityAsync(prepared.Id, "Preciso ver.", carlos));
        Assert.False(shortJustification.IsSuccess);
        var view = await app.WithAsync<ManifestationWorkflow, Ouvidoria.Domain.Common.Result<RequesterView>>(w => w.ViewIdentityAsync(prepared.Id, Manifestation.IdentityViewJustificationText, carlos));
        Assert.True(view.IsSuccess, view.Error?.Message);
        Assert.Equal(prepared.RequesterName, view.Value.Name);
        var byHelena = await app.WithAsync<ManifestationWorkflow, Ouvidoria.Domain.Common.Result<RequesterView>>(w => w.ViewIdentityAsync(prepared.Id, Manifestation.IdentityViewJustificationText, helena));
        Assert.False(byHelena.IsSuccess);

        await using var db = app.CreateDbContext();
        var views = await db.History.AsNoTracking().Where(h => h.ManifestationId == prepared.Id && h.Action == HistoryAction.IdentityViewed).ToListAsync();
        var logged = Assert.Single(views);
        Assert.Equal((carlos.UserId, Manifestation.IdentityViewJustificationText), (logged.ActorId, logged.Details));
    }

    [Fact]
    public async Task UnitDeadlineExtension_RequestedByTheUnit_GrantedByTheOmbudsman()
    {
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var carlos = await app.ActorAsync(DemoStaff.HealthCollaborator);
        var prepared = await app.PrepareForwardedAsync(carlos.UnitId!.Value);
        var mine = (await app.OpenOkAsync(prepared.Id, carlos, recordAccess: false)).Team.Single(t => t.IsMine);
        Assert.Contains(mine.Id, (await app.OpenOkAsync(prepared.Id, carlos, recordAccess: false)).Can.RequestExtension);

        await app.WorkflowOkAsync(w => w.RequestUnitDeadlineExtensionAsync(prepared.Id, mine.Id, "Aguardamos o relatório da vigilância sanitária.", carlos));
        var pending = await app.OpenOkAsync(prepared.Id, ombudsman, recordAccess: false);
        Assert.Equal("Aguardamos o relatório da vigilância sanitária.", pending.Team.Single().ExtensionRequestJustification);
        Assert.Empty((await app.OpenOkAsync(prepared.Id, carlos, recordAccess: false)).Can.RequestExtension);
        var byCollaborator = await app.WorkflowAsync(w => w.DecideUnitDeadlineExtensionAsync(prepared.Id, mine.Id, true, null, carlos));
        Assert.False(byCollaborator.IsSuccess);

        await app.WorkflowOkAsync(w => w.DecideUnitDeadlineExtensionAsync(prepared.Id, mine.Id, true, null, ombudsman));

        var after = (await app.OpenOkAsync(prepared.Id, carlos, recordAccess: false)).Team.Single();
        Assert.True(after.Deadline.Extended);
        Assert.Equal(mine.Deadline.DueAt.AddDays(DeadlinePolicy.UnitExtensionDays), after.Deadline.DueAt);
        Assert.Null(after.ExtensionRequestJustification);
    }

    [Fact]
    public async Task ResolutionReport_UnresolvedDemand_UnitReportsWithProofAndOmbudsmanRecords()
    {
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var carlos = await app.ActorAsync(DemoStaff.HealthCollaborator);
        var prepared = await app.PrepareForwardedAsync(carlos.UnitId!.Value);
        var mine = (await app.OpenOkAsync(prepared.Id, carlos, recordAccess: false)).Team.Single(t => t.IsMine);
        await app.WorkflowOkAsync(w => w.PostMessageAsync(prepared.Id, "Abrimos sindicância; a conclusão levará meses.", MessageVisibility.Team, carlos));
        await app.WorkflowOkAsync(w => w.FinalizeTreatmentAsync(prepared.Id, mine.Id, carlos));
        await app.WorkflowOkAsync(w => w.AnswerAsync(prepared.Id, "Foi aberta sindicância para apurar o atendimento.", conclusive: true, ombudsman));
        await app.WorkflowOkAsync(w => w.ConcludeAsync(prepared.Id, resolved: false, ombudsman));

        var concluded = await app.OpenOkAsync(prepared.Id, carlos, recordAccess: false);
        Assert.Equal([mine.Id], concluded.Can.ReportResolution);
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddHours(-3));
        var withoutProof = await app.WorkflowAsync(w => w.ReportResolutionAsync(prepared.Id, mine.Id, today, "Sindicância concluída com advertência.", [], carlos));
        Assert.False(withoutProof.IsSuccess);

        var proof = "%PDF-1.4 relatório final"u8.ToArray();
        var upload = new Ouvidoria.Web.Features.Shared.UploadedFile("relatorio-final.pdf", "application/pdf", proof.Length, () => new MemoryStream(proof));
        await app.WorkflowOkAsync(w => w.ReportResolutionAsync(prepared.Id, mine.Id, today, "Sindicância concluída com advertência.", [upload], carlos));

        var reported = await app.OpenOkAsync(prepared.Id, ombudsman, recordAccess: false);
        Assert.Equal(today, reported.ResolutionReportedOn);
        Assert.Contains(reported.Attachments, a => a.FileName == "relatorio-final.pdf");
        Assert.True(reported.Can.RecordResolution);
        Assert.Empty((await app.OpenOkAsync(prepared.Id, carlos, recordAccess: false)).Can.ReportResolution);

        await app.WorkflowOkAsync(w => w.RecordResolutionAsync(prepared.Id, reported.ResolutionReportSynthesis!, ombudsman));
        var resolved = await app.OpenOkAsync(prepared.Id, ombudsman, recordAccess: false);
        Assert.True(resolved.Resolved);
        Assert.All(resolved.Team, t => Assert.Equal(TreatmentStatus.Finalized, t.Status));
    }

    [Fact]
    public async Task CollaboratorRequest_AcceptedWithAnEventualCollaborator_ActivatesThenDeactivatesThem()
    {
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var carlos = await app.ActorAsync(DemoStaff.HealthCollaborator);
        var education = await app.UnitIdAsync(DemoStaff.EducationUnit);
        var eventual = await UserAsync(DemoStaff.EventualEducationCollaborator);
        Assert.True(eventual.IsEventual);
        var prepared = await app.PrepareForwardedAsync(carlos.UnitId!.Value);
        var mine = (await app.OpenOkAsync(prepared.Id, carlos, recordAccess: false)).Team.Single(t => t.IsMine);

        await app.WorkflowOkAsync(w => w.RequestCollaboratorAsync(prepared.Id, mine.Id, "Prof. Rafael Souza", education, AssignmentRole.Responsible, "Coordena o programa citado no relato.", carlos));
        var request = (await app.OpenOkAsync(prepared.Id, ombudsman, recordAccess: false)).CollaboratorRequests.Single();
        Assert.Equal((RequestStatus.Pending, "Prof. Rafael Souza"), (request.Status, request.CandidateName));

        var asResponsible = await app.WorkflowAsync(w => w.DecideCollaboratorRequestAsync(prepared.Id, request.Id, true, eventual.Id, null, ombudsman));
        Assert.False(asResponsible.IsSuccess);
        Assert.Contains("eventual", asResponsible.Error!.Message, StringComparison.Ordinal);
        Assert.False((await UserAsync(DemoStaff.EventualEducationCollaborator)).IsActive);

        await app.WorkflowOkAsync(w => w.ForwardAsync(prepared.Id, education, AssignmentRole.Observer, eventual.Id, "Contribua com a apuração.", ombudsman));
        Assert.True((await UserAsync(DemoStaff.EventualEducationCollaborator)).IsActive);
        await app.WorkflowOkAsync(w => w.DecideCollaboratorRequestAsync(prepared.Id, request.Id, false, null, "Já incluído como observador.", ombudsman));

        await app.WorkflowOkAsync(w => w.FinalizeTreatmentAsync(prepared.Id, mine.Id, carlos));
        Assert.False((await UserAsync(DemoStaff.EventualEducationCollaborator)).IsActive);

        await app.WorkflowOkAsync(w => w.ReopenTreatmentAsync(prepared.Id, mine.Id, null, ombudsman));
        Assert.True((await UserAsync(DemoStaff.EventualEducationCollaborator)).IsActive);
        await app.WorkflowOkAsync(w => w.FinalizeTreatmentAsync(prepared.Id, mine.Id, carlos));
        Assert.False((await UserAsync(DemoStaff.EventualEducationCollaborator)).IsActive);
    }

    [Fact]
    public async Task DenunciaFlow_RequisitionGranted_PdfOnlyForTheRequestingTeam_FinalizedAfterProcessNumber()
    {
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var carlos = await app.ActorAsync(DemoStaff.HealthCollaborator);
        var beatriz = await app.ActorAsync(DemoStaff.EducationCollaborator);
        var theme = await app.ThemeIdAsync(Registrations.ThemeRequiringEmail);
        const string original = "O diretor do hospital regional desvia insulina para a clínica particular dele; eu trabalho na farmácia e vi as notas.";
        var receipt = await app.RegisterOkAsync(Registrations.Identified(theme, ManifestationType.Denunciation, original));
        var id = receipt.Id;
        await app.WorkflowOkAsync(w => w.StartTriageAsync(id, ombudsman));
        await app.WorkflowOkAsync(w => w.WriteExtractAsync(id, "Relato de possível desvio de insulina em hospital regional.", ombudsman));
        await app.WorkflowOkAsync(w => w.ForwardAsync(id, carlos.UnitId!.Value, AssignmentRole.Responsible, null, "Apurar.", ombudsman));
        await app.WorkflowOkAsync(w => w.ForwardAsync(id, beatriz.UnitId!.Value, AssignmentRole.Observer, null, "Para ciência.", ombudsman));
        var mine = (await app.OpenOkAsync(id, carlos, recordAccess: false)).Team.Single(t => t.IsMine);
        Assert.Equal([mine.Id], (await app.OpenOkAsync(id, carlos, recordAccess: false)).Can.RequestIdentity);
        Assert.Empty((await app.OpenOkAsync(id, beatriz, recordAccess: false)).Can.RequestIdentity);

        await app.WorkflowOkAsync(w => w.RequestIdentityAsync(id, mine.Id, Manifestation.IdentityRequestText, carlos));
        var blocked = await app.WorkflowAsync(w => w.FinalizeTreatmentAsync(id, mine.Id, carlos));
        Assert.False(blocked.IsSuccess);
        var request = (await app.OpenOkAsync(id, ombudsman, recordAccess: false)).IdentityRequests.Single();
        Assert.Equal(RequestStatus.Pending, request.Status);

        await app.WorkflowOkAsync(w => w.DecideIdentityRequestAsync(id, request.Id, true, null, ombudsman));

        var forCarlos = await app.OpenOkAsync(id, carlos, recordAccess: false);
        var pdfView = Assert.Single(forCarlos.Attachments, a => a.FileName.StartsWith("identidade-", StringComparison.Ordinal));
        Assert.Contains(forCarlos.Messages, m => m.Text.Contains("Requisição deferida", StringComparison.Ordinal));
        var forBeatriz = await app.OpenOkAsync(id, beatriz, recordAccess: false);
        Assert.DoesNotContain(forBeatriz.Attachments, a => a.Id == pdfView.Id);
        Assert.DoesNotContain(forBeatriz.Messages, m => m.Text.Contains("Requisição deferida", StringComparison.Ordinal));
        var byBeatriz = await app.WithAsync<ManifestationWorkflow, Ouvidoria.Domain.Common.Result<(Attachment, Stream)>>(w => w.DownloadAsync(id, pdfView.Id, beatriz));
        Assert.False(byBeatriz.IsSuccess);
        var manager = await app.ActorAsync(DemoStaff.Manager);
        Assert.DoesNotContain((await app.OpenOkAsync(id, manager, recordAccess: false)).Attachments, a => a.Id == pdfView.Id);

        var download = await app.WithAsync<ManifestationWorkflow, Ouvidoria.Domain.Common.Result<(Attachment, Stream)>>(w => w.DownloadAsync(id, pdfView.Id, carlos));
        Assert.True(download.IsSuccess, download.Error?.Message);
        byte[] pdf;
        await using (var content = download.Value.Item2)
        using (var buffer = new MemoryStream())
        {
            await content.CopyToAsync(buffer);
            pdf = buffer.ToArray();
        }

        var text = Ouvidoria.Tests.Support.PdfText.Flat(pdf);
        Assert.Contains("Maria das Dores Sigilosa", text, StringComparison.Ordinal);
        Assert.Contains("desvia insulina", text, StringComparison.Ordinal);
        Assert.Contains(receipt.Nup, text, StringComparison.Ordinal);
        Assert.Contains(DemoStaff.NameOf(DemoStaff.HealthCollaborator), Ouvidoria.Tests.Support.PdfText.Extract(pdf, 1), StringComparison.Ordinal);

        Assert.False((await app.WorkflowAsync(w => w.FinalizeTreatmentAsync(id, mine.Id, carlos))).IsSuccess);
        Assert.Equal([mine.Id], (await app.OpenOkAsync(id, carlos, recordAccess: false)).Can.InformProcessNumber);
        await app.WorkflowOkAsync(w => w.InformProcessNumberAsync(id, mine.Id, "23000.004321/2026-10", carlos));
        await app.WorkflowOkAsync(w => w.FinalizeTreatmentAsync(id, mine.Id, carlos));
        var done = await app.OpenOkAsync(id, ombudsman, recordAccess: false);
        Assert.Equal(("23000.004321/2026-10", TreatmentStatus.Finalized), (done.Team.Single(t => t.Id == mine.Id).ProcessNumber, done.Team.Single(t => t.Id == mine.Id).Status));

        await using var db = app.CreateDbContext();
        var decided = await db.EmailOutbox.AsNoTracking().Where(n => n.ManifestationId == id && n.Kind == Ouvidoria.Infrastructure.Notifications.EmailTemplates.IdentityDecided).ToListAsync();
        Assert.Equal(DemoStaff.HealthCollaborator, Assert.Single(decided).Recipient);
        Assert.DoesNotContain("Maria", decided[0].TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StandardTexts_EditedByTheAdministrator_AreWhatTheTreatmentPostsAndPrefills()
    {
        var admin = await app.ActorAsync(DemoStaff.Administrator);
        var carlos = await app.ActorAsync(DemoStaff.HealthCollaborator);
        var templates = await app.WithAsync<Ouvidoria.Web.Features.Administration.TextTemplateAdministration, Ouvidoria.Domain.Common.Result<Ouvidoria.Web.Features.Administration.TemplateEditorView>>(
            a => a.GetAsync(Ouvidoria.Domain.Templates.TextTemplateKey.NoCompetenceUnknownArea, admin));
        const string edited = "A {UNIDADE} não trata deste assunto (NUP {NUP}). Encerramos nosso atendimento; desconhecemos a área responsável.";
        var saved = await app.WithAsync<Ouvidoria.Web.Features.Administration.TextTemplateAdministration, Ouvidoria.Domain.Common.Result<Ouvidoria.Web.Features.Administration.TemplateEditorView>>(
            a => a.SaveAsync(Ouvidoria.Domain.Templates.TextTemplateKey.NoCompetenceUnknownArea, templates.Value.Title, edited, templates.Value.Version, admin));
        Assert.True(saved.IsSuccess, saved.Error?.Message);
        var prepared = await app.PrepareForwardedAsync(carlos.UnitId!.Value);
        var mine = (await app.OpenOkAsync(prepared.Id, carlos, recordAccess: false)).Team.Single(t => t.IsMine);

        await app.WorkflowOkAsync(w => w.DeclareNoCompetenceAsync(prepared.Id, mine.Id, null, carlos));

        var posted = (await app.OpenOkAsync(prepared.Id, carlos, recordAccess: false)).Messages.Last().Text;
        Assert.Equal($"A {DemoStaff.HealthUnit} não trata deste assunto (NUP {prepared.Nup}). Encerramos nosso atendimento; desconhecemos a área responsável.", posted);
        var justification = await app.WithAsync<StandardTexts, string>(t => t.GetAsync(Ouvidoria.Domain.Templates.TextTemplateKey.IdentityViewJustification, prepared.Id));
        Assert.Equal(Manifestation.IdentityViewJustificationText, justification);
    }

    private async Task<ApplicationUser> UserAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return await users.FindByEmailAsync(email) ?? throw new InvalidOperationException(email);
    }
}

public sealed class IdentityAccessTestsSqlite(SqliteDemoApp app) : IdentityAccessTests(app), IClassFixture<SqliteDemoApp>;

public sealed class IdentityAccessTestsPostgres(PostgresDemoApp app) : IdentityAccessTests(app), IClassFixture<PostgresDemoApp>;
