using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Web.Features.Shared;

namespace Ouvidoria.Tests.Support.Integration;

/// <summary>A manifestation with something to download: the citizen's file and an extract (PDF).</summary>
public sealed record DownloadCase(Guid Id, Guid CitizenFileId)
{
    public string ExtractPdf => $"/manifestacoes/{Id}/extrato.pdf";

    public string CitizenFile => $"/anexos/{Id}/{CitizenFileId}";

    public string AllFiles => $"/anexos/{Id}/todos.zip";
}

public static class DownloadCases
{
    /// <summary>Registered with a PDF, triaged, extract written and forwarded to the health unit (as responsible) by the ombudsman.</summary>
    public static async Task<DownloadCase> PrepareDownloadCaseAsync(this OuvidoriaAppFactory app)
    {
        var pdf = SampleFiles.Pdf;
        var request = Registrations.Identified(await app.ThemeIdAsync(Registrations.ThemeWithoutPersonalData), description: $"Relato com documento {Guid.NewGuid():N}.")
            with { Attachments = [new UploadedFile("documento.pdf", "application/pdf", pdf.Length, () => new MemoryStream(pdf))] };
        var id = (await app.RegisterOkAsync(request)).Id;
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var health = await app.UnitIdAsync(DemoStaff.HealthUnit);
        await app.WorkflowOkAsync(w => w.StartTriageAsync(id, ombudsman));
        await app.WorkflowOkAsync(w => w.WriteExtractAsync(id, Cases.Extract, ombudsman));
        await app.WorkflowOkAsync(w => w.ForwardAsync(id, health, AssignmentRole.Responsible, null, "Favor apurar.", ombudsman));
        await using var db = app.CreateDbContext();
        return new DownloadCase(id, await db.Attachments.Where(a => a.ManifestationId == id).Select(a => a.Id).SingleAsync());
    }
}
