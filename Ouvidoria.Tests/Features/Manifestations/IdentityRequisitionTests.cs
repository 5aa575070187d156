using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Tests.Support;
using Ouvidoria.Tests.Support.Integration;
using Ouvidoria.Web.Components.Shared;
using Ouvidoria.Web.Features.Manifestations;
using Ouvidoria.Web.Features.Shared;

namespace Ouvidoria.Tests.Features.Manifestations;

/// <summary>
/// The art. 7 requisition of a denúncia through the real use cases and database (manual 2.7): a
/// grant delivers the original content "incluindo eventuais anexos", personally to the collaborator
/// who requisitioned it; and after any requisition the treatment ends only with the process number
/// or the record that the denúncia was not considered apt.
/// </summary>
public abstract class IdentityRequisitionTests(OuvidoriaAppFactory app)
{
    private static readonly byte[] Photo = SampleFiles.Jpeg;
    private static readonly byte[] Receipt = SampleFiles.Pdf;

    [Fact]
    public async Task Grant_RequesterDownloadsTheCitizensFiles_ColleaguesObserversAndManagersDoNot_EveryDownloadLogged()
    {
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var carlos = await app.ActorAsync(DemoStaff.HealthCollaborator);
        var helena = await app.ActorAsync(DemoStaff.SecondHealthCollaborator);
        var beatriz = await app.ActorAsync(DemoStaff.EducationCollaborator);
        var manager = await app.ActorAsync(DemoStaff.Manager);
        var (id, nup) = await DenunciaForwardedAsync(
            carlos.UnitId!.Value, beatriz.UnitId!.Value,
            Upload("foto-das-notas.jpg", "image/jpeg", Photo), Upload("recibo.pdf", "application/pdf", Receipt));
        var assignment = (await app.OpenOkAsync(id, carlos, recordAccess: false)).Team.Single(t => t.IsMine);
        var citizenFiles = (await app.OpenOkAsync(id, ombudsman, recordAccess: false)).Attachments.Where(a => a.Origin != AttachmentOrigin.Treatment).ToList();
        Assert.Equal(2, citizenFiles.Count);

        await app.WorkflowOkAsync(w => w.RequestIdentityAsync(id, assignment.Id, Manifestation.IdentityRequestText, carlos));
        Assert.DoesNotContain((await app.OpenOkAsync(id, carlos, recordAccess: false)).Attachments, a => a.Origin != AttachmentOrigin.Treatment);
        Assert.False((await DownloadAsync(id, citizenFiles[0].Id, carlos)).IsSuccess);
        var request = (await app.OpenOkAsync(id, ombudsman, recordAccess: false)).IdentityRequests.Single();

        await app.WorkflowOkAsync(w => w.DecideIdentityRequestAsync(id, request.Id, true, null, ombudsman));

        // Carlos, who requisitioned: the identity PDF and both of the citizen's files.
        var forCarlos = await app.OpenOkAsync(id, carlos, recordAccess: false);
        Assert.Equal(citizenFiles.Select(f => f.Id).Order(), forCarlos.Attachments.Where(a => a.Origin != AttachmentOrigin.Treatment).Select(a => a.Id).Order());
        var pdfView = Assert.Single(forCarlos.Attachments, a => a.FileName == $"identidade-{nup}.pdf");
        foreach (var (file, bytes) in new[] { (citizenFiles.Single(f => f.FileName == "foto-das-notas.jpg"), Photo), (citizenFiles.Single(f => f.FileName == "recibo.pdf"), Receipt) })
        {
            var download = await DownloadAsync(id, file.Id, carlos);
            Assert.True(download.IsSuccess, download.Error?.Message);
            Assert.Equal(bytes, await ReadAsync(download.Value.Content));
        }

        await using (var db = app.CreateDbContext())
        {
            var logged = await db.History.AsNoTracking()
                .Where(h => h.ManifestationId == id && h.Action == HistoryAction.AttachmentDownloaded && h.ActorId == carlos.UserId).ToListAsync();
            Assert.Equal(citizenFiles.Select(f => $"Anexo do manifestante ({f.Id:N})").Order(), logged.Select(h => h.Details).Order());
        }

        // The PDF lists what it delivers (names and sizes) and is personal too.
        var pdf = await ReadAsync((await DownloadAsync(id, pdfView.Id, carlos)).Value.Content);
        var text = PdfText.Flat(pdf, layout: true);
        Assert.Contains("foto-das-notas.jpg", text, StringComparison.Ordinal);
        Assert.Contains("recibo.pdf", text, StringComparison.Ordinal);
        Assert.Contains(Formats.Size(Photo.Length), text, StringComparison.Ordinal);
        Assert.Contains(Formats.Size(Receipt.Length), text, StringComparison.Ordinal);

        // Helena, of the same unit-wide assignment: sees the grant, downloads none of it.
        var forHelena = await app.OpenOkAsync(id, helena, recordAccess: false);
        var grantMessage = Assert.Single(forHelena.Messages, m => m.Text.Contains("Requisição deferida", StringComparison.Ordinal));
        Assert.Contains(carlos.Name, grantMessage.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(forHelena.Attachments, a => a.Id == pdfView.Id || a.Origin != AttachmentOrigin.Treatment);
        foreach (var other in new[] { helena, beatriz, manager })
        {
            Assert.False((await DownloadAsync(id, pdfView.Id, other)).IsSuccess);
            foreach (var file in citizenFiles)
            {
                Assert.False((await DownloadAsync(id, file.Id, other)).IsSuccess);
            }

            Assert.DoesNotContain((await app.OpenOkAsync(id, other, recordAccess: false)).Attachments, a => a.Origin != AttachmentOrigin.Treatment);
        }

        var forHelenaAll = await app.WithAsync<ManifestationWorkflow, Result<AttachmentBundle>>(w => w.DownloadAllAsync(id, helena));
        Assert.False(forHelenaAll.IsSuccess);

        // "Baixar todos" for Carlos: the same three files, each logged again.
        var bundle = await app.WithAsync<ManifestationWorkflow, Result<AttachmentBundle>>(w => w.DownloadAllAsync(id, carlos));
        Assert.True(bundle.IsSuccess, bundle.Error?.Message);
        Assert.Equal(citizenFiles.Select(f => f.Id).Append(pdfView.Id).Order(), bundle.Value.Attachments.Select(a => a.Id).Order());
    }

    [Fact]
    public async Task RefusedRequisition_TreatmentStillNeedsTheProcessNumber_OrTheNotAptRecord()
    {
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var carlos = await app.ActorAsync(DemoStaff.HealthCollaborator);
        var beatriz = await app.ActorAsync(DemoStaff.EducationCollaborator);
        var (id, _) = await DenunciaForwardedAsync(carlos.UnitId!.Value, beatriz.UnitId!.Value);
        var assignment = (await app.OpenOkAsync(id, carlos, recordAccess: false)).Team.Single(t => t.IsMine);
        await app.WorkflowOkAsync(w => w.RequestIdentityAsync(id, assignment.Id, Manifestation.IdentityRequestText, carlos));
        var request = (await app.OpenOkAsync(id, ombudsman, recordAccess: false)).IdentityRequests.Single();

        await app.WorkflowOkAsync(w => w.DecideIdentityRequestAsync(id, request.Id, false, "Os fatos podem ser apurados com o extrato.", ombudsman));

        var refused = await app.WorkflowAsync(w => w.FinalizeTreatmentAsync(id, assignment.Id, carlos));
        Assert.False(refused.IsSuccess);
        Assert.Contains("número do processo apuratório", refused.Error!.Message, StringComparison.Ordinal);
        var page = await app.OpenOkAsync(id, carlos, recordAccess: false);
        Assert.Equal([assignment.Id], page.Can.InformProcessNumber);
        Assert.Empty(page.Can.Finalize);
        Assert.Contains("número do processo apuratório", page.Can.FinalizeBlockers[assignment.Id], StringComparison.Ordinal);
        Assert.False((await app.WorkflowAsync(w => w.DeclareNoCompetenceAsync(id, assignment.Id, null, carlos))).IsSuccess);
        Assert.False((await app.WorkflowAsync(w => w.DeclareNotAptAsync(id, assignment.Id, "Fatos genéricos, sem indícios mínimos.", beatriz))).IsSuccess);

        await app.WorkflowOkAsync(w => w.DeclareNotAptAsync(id, assignment.Id, "Fatos genéricos, sem indícios mínimos de autoria.", carlos));

        var notApt = await app.OpenOkAsync(id, carlos, recordAccess: false);
        Assert.Equal("Fatos genéricos, sem indícios mínimos de autoria.", notApt.Team.Single(t => t.Id == assignment.Id).NotAptReason);
        Assert.Empty(notApt.Can.InformProcessNumber);
        Assert.Equal([assignment.Id], notApt.Can.Finalize);
        Assert.Null((await app.OpenOkAsync(id, beatriz, recordAccess: false)).Team.Single(t => t.Id == assignment.Id).NotAptReason);
        Assert.False((await app.WorkflowAsync(w => w.InformProcessNumberAsync(id, assignment.Id, "23000.004321/2026-10", carlos))).IsSuccess);
        await app.WorkflowOkAsync(w => w.FinalizeTreatmentAsync(id, assignment.Id, carlos));
        Assert.Contains(
            (await app.OpenOkAsync(id, ombudsman, recordAccess: false)).History,
            h => h.Action == HistoryAction.DenunciationNotApt && h.Details == "Fatos genéricos, sem indícios mínimos de autoria.");
    }

    private static UploadedFile Upload(string name, string contentType, byte[] content) =>
        new(name, contentType, content.Length, () => new MemoryStream(content));

    /// <summary>A denúncia with the citizen's files, forwarded (unit-wide) to the investigating unit and to an observer unit.</summary>
    private async Task<(Guid Id, string NupDigits)> DenunciaForwardedAsync(Guid investigatingUnit, Guid observerUnit, params UploadedFile[] files)
    {
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var theme = await app.ThemeIdAsync(Registrations.ThemeRequiringEmail);
        var receipt = await app.RegisterOkAsync(Registrations.Identified(theme, ManifestationType.Denunciation,
            $"O almoxarife do hospital regional vende insulina; sou da farmácia e fotografei as notas ({Guid.NewGuid():N}).") with { Attachments = files });
        var id = receipt.Id;
        await app.WorkflowOkAsync(w => w.StartTriageAsync(id, ombudsman));
        await app.WorkflowOkAsync(w => w.WriteExtractAsync(id, "Relato de possível venda irregular de insulina em hospital regional.", ombudsman));
        await app.WorkflowOkAsync(w => w.ForwardAsync(id, investigatingUnit, AssignmentRole.Responsible, null, "Apurar.", ombudsman));
        await app.WorkflowOkAsync(w => w.ForwardAsync(id, observerUnit, AssignmentRole.Observer, null, "Para ciência.", ombudsman));
        return (id, new string(receipt.Nup.Where(char.IsDigit).ToArray()));
    }

    private Task<Result<(Attachment Attachment, Stream Content)>> DownloadAsync(Guid id, Guid attachmentId, Actor actor) =>
        app.WithAsync<ManifestationWorkflow, Result<(Attachment Attachment, Stream Content)>>(w => w.DownloadAsync(id, attachmentId, actor));

    private static async Task<byte[]> ReadAsync(Stream content)
    {
        await using (content)
        {
            using var buffer = new MemoryStream();
            await content.CopyToAsync(buffer);
            return buffer.ToArray();
        }
    }
}

public sealed class IdentityRequisitionTestsSqlite(SqliteDemoApp app) : IdentityRequisitionTests(app), IClassFixture<SqliteDemoApp>;

public sealed class IdentityRequisitionTestsPostgres(PostgresDemoApp app) : IdentityRequisitionTests(app), IClassFixture<PostgresDemoApp>;
