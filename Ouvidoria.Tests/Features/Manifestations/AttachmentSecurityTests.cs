using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Tests.Support;
using Ouvidoria.Tests.Support.Integration;
using Ouvidoria.Web.Features.Citizen;
using Ouvidoria.Web.Features.Shared;

namespace Ouvidoria.Tests.Features.Manifestations;

/// <summary>
/// Attachment attacks through the real use cases and HTTP endpoints (issue 4): renamed executables,
/// an 11th file, 31 MB, ZIP bombs and a path-traversal name are refused or neutralised; files are
/// encrypted on disk, streamed back, and "Baixar todos" gives exactly what each actor may download,
/// every file in the access log.
/// </summary>
public abstract partial class AttachmentSecurityTests(OuvidoriaAppFactory app)
{
    private static UploadedFile Upload(string name, string contentType, byte[] content) =>
        new(name, contentType, content.Length, () => new MemoryStream(content));

    /// <summary>Every stored attachment file (the mail pickup folder aside).</summary>
    private IReadOnlyList<string> StoredFiles() =>
        Directory.Exists(app.StorageRoot)
            ? Directory.EnumerateFiles(app.StorageRoot, "*", SearchOption.AllDirectories)
                .Where(f => !f.StartsWith(Path.Combine(app.StorageRoot, "mail"), StringComparison.Ordinal)).ToList()
            : [];

    private async Task<RegistrationRequest> RequestWithAsync(string description, params UploadedFile[] files) =>
        Registrations.Identified(await app.ThemeIdAsync(Registrations.ThemeWithoutPersonalData), description: description) with { Attachments = files };

    private async Task<bool> ExistsAsync(string description)
    {
        await using var db = app.CreateDbContext();
        return await db.Manifestations.AnyAsync(m => m.Description == description);
    }

    /// <summary>Registers with files, then the ombudsman triages and forwards to the health unit.</summary>
    private async Task<(Guid Id, string Nup)> ForwardedWithFilesAsync(params UploadedFile[] files)
    {
        var receipt = await app.RegisterOkAsync(await RequestWithAsync($"Relato com anexos {Guid.NewGuid():N}.", files));
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var health = await app.UnitIdAsync(DemoStaff.HealthUnit);
        await app.WorkflowOkAsync(w => w.StartTriageAsync(receipt.Id, ombudsman));
        await app.WorkflowOkAsync(w => w.WriteExtractAsync(receipt.Id, Cases.Extract, ombudsman));
        await app.WorkflowOkAsync(w => w.ForwardAsync(receipt.Id, health, AssignmentRole.Responsible, null, "Favor apurar.", ombudsman));
        return (receipt.Id, receipt.Nup);
    }

    private async Task<int> DownloadsLoggedAsync(Guid id)
    {
        await using var db = app.CreateDbContext();
        return await db.History.CountAsync(h => h.ManifestationId == id && h.Action == HistoryAction.AttachmentDownloaded);
    }

    [Fact]
    public async Task RegisterManifestation_RenamedExecutable_IsRefusedNamingItAndNothingIsStored()
    {
        var before = StoredFiles().Count;
        var description = $"Relato com executável disfarçado {Guid.NewGuid():N}.";

        var result = await app.RegisterAsync(await RequestWithAsync(description,
            Upload("foto.png", "image/png", SampleFiles.Png), Upload("relatorio.pdf", "application/pdf", SampleFiles.Executable)));

        Assert.False(result.IsSuccess);
        Assert.Equal(ErrorKind.Validation, result.Error!.Kind);
        Assert.Equal("O arquivo \"relatorio.pdf\" é um programa do Windows (executável) e não é aceito, qualquer que seja o nome.", result.Error.Message);
        Assert.False(await ExistsAsync(description));
        Assert.Equal(before, StoredFiles().Count);
    }

    [Fact]
    public async Task PostMessage_RenamedExecutable_IsRefusedAndTheThreadIsUnchanged()
    {
        var (id, _) = await ForwardedWithFilesAsync();
        var carlos = await app.ActorAsync(DemoStaff.HealthCollaborator);
        var before = StoredFiles().Count;

        var result = await app.WorkflowAsync(w => w.PostMessageAsync(id, "Segue o relatório da vistoria.", MessageVisibility.Team, carlos,
            [Upload("relatorio.pdf", "application/pdf", SampleFiles.Executable)]));

        Assert.False(result.IsSuccess);
        Assert.Contains("\"relatorio.pdf\" é um programa do Windows (executável)", result.Error!.Message);
        await using var db = app.CreateDbContext();
        Assert.False(await db.Set<TreatmentMessage>().AnyAsync(m => m.ManifestationId == id && m.Text == "Segue o relatório da vistoria."));
        Assert.Equal(before, StoredFiles().Count);
    }

    [Fact]
    public async Task RegisterManifestation_EleventhFile_IsRefused()
    {
        var description = $"Relato com onze arquivos {Guid.NewGuid():N}.";
        var files = Enumerable.Range(1, 11).Select(i => Upload($"foto-{i}.png", "image/png", SampleFiles.Png)).ToArray();

        var result = await app.RegisterAsync(await RequestWithAsync(description, files));

        Assert.Equal("Envie no máximo 10 anexos.", result.Error?.Message);
        Assert.False(await ExistsAsync(description));
    }

    [Fact]
    public async Task RegisterManifestation_31MbInTotal_IsRefused()
    {
        var description = $"Relato com 31 MB {Guid.NewGuid():N}.";
        var half = new byte[(31 * 1024 * 1024) / 2];
        SampleFiles.Pdf.CopyTo(half, 0);

        var result = await app.RegisterAsync(await RequestWithAsync(description,
            Upload("parte-1.pdf", "application/pdf", half), Upload("parte-2.pdf", "application/pdf", half)));

        Assert.Equal("Os anexos somam no máximo 30 MB.", result.Error?.Message);
        Assert.False(await ExistsAsync(description));
    }

    [Fact]
    public async Task RegisterManifestation_31MbFileDeclaringAFewBytes_IsRefusedWhileStreamingAndNothingIsKept()
    {
        var before = StoredFiles().Count;
        var description = $"Relato com tamanho falso {Guid.NewGuid():N}.";
        var big = new byte[31 * 1024 * 1024];
        SampleFiles.Pdf.CopyTo(big, 0);

        var result = await app.RegisterAsync(await RequestWithAsync(description, new UploadedFile("grande.pdf", "application/pdf", 1024, () => new MemoryStream(big))));

        Assert.Equal("O arquivo \"grande.pdf\" passa do limite de 30 MB.", result.Error?.Message);
        Assert.False(await ExistsAsync(description));
        Assert.Equal(before, StoredFiles().Count);
    }

    [Theory]
    [InlineData("entries")]
    [InlineData("expanded")]
    public async Task RegisterManifestation_ZipBomb_IsRefusedAndTheStagedCopyIsDeleted(string kind)
    {
        var before = StoredFiles().Count;
        var description = $"Relato com ZIP {kind} {Guid.NewGuid():N}.";
        var zip = kind == "entries" ? SampleFiles.ZipWith101Entries : SampleFiles.ZipExpandingPast100Mb;

        var result = await app.RegisterAsync(await RequestWithAsync(description,
            Upload("foto.png", "image/png", SampleFiles.Png), Upload("provas.zip", "application/zip", zip)));

        Assert.False(result.IsSuccess);
        Assert.StartsWith("O arquivo \"provas.zip\"", result.Error!.Message);
        Assert.Contains(kind == "entries" ? "o limite é 100" : "mais de 100 MB", result.Error.Message);
        Assert.False(await ExistsAsync(description));
        Assert.Equal(before, StoredFiles().Count);
    }

    [Fact]
    public async Task RegisterManifestation_PathTraversalName_IsStoredUnderAGeneratedKeyAndShownSanitized()
    {
        var (id, _) = await ForwardedWithFilesAsync(Upload("../../etc/passwd.pdf", "application/pdf", SampleFiles.Pdf));

        await using var db = app.CreateDbContext();
        var attachment = await db.Attachments.SingleAsync(a => a.ManifestationId == id);
        Assert.Equal("passwd.pdf", attachment.FileName);
        Assert.Matches(StorageKeyPattern(), attachment.StorageKey);
        Assert.True(File.Exists(Path.Combine(app.StorageRoot, attachment.StorageKey)));
        Assert.DoesNotContain(StoredFiles(), f => f.Contains("passwd", StringComparison.Ordinal));
        var details = await app.OpenOkAsync(id, await app.ActorAsync(DemoStaff.Ombudsman), recordAccess: false);
        Assert.Equal("passwd.pdf", Assert.Single(details.Attachments).FileName);
    }

    [Fact]
    public async Task Download_Ombudsman_StreamsTheDecryptedFileWithEncodedNameAndNosniff()
    {
        var pdf = SampleFiles.Pdf;
        var (id, _) = await ForwardedWithFilesAsync(Upload("relatório ação.pdf", "application/pdf", pdf));
        await using (var db = app.CreateDbContext())
        {
            var stored = await db.Attachments.SingleAsync(a => a.ManifestationId == id);
            Assert.NotEqual(pdf, await File.ReadAllBytesAsync(Path.Combine(app.StorageRoot, stored.StorageKey)));
        }

        var client = await app.SignedInClientAsync(DemoStaff.Ombudsman);
        var attachmentId = (await app.OpenOkAsync(id, await app.ActorAsync(DemoStaff.Ombudsman), recordAccess: false)).Attachments.Single().Id;

        var response = await client.GetAsync($"/anexos/{id}/{attachmentId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(pdf, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("relatório ação.pdf", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal(1, await DownloadsLoggedAsync(id));
    }

    [Fact]
    public async Task DownloadAll_Ombudsman_ZipHoldsEveryFileWithUniqueNamesAndEachDownloadIsLogged()
    {
        var photo = SampleFiles.Png;
        var otherPhoto = SampleFiles.Png.Concat(new byte[] { 0 }).ToArray();
        var (id, nup) = await ForwardedWithFilesAsync(
            Upload("foto.png", "image/png", photo), Upload("foto.png", "image/png", otherPhoto), Upload("relato.pdf", "application/pdf", SampleFiles.Pdf));
        var client = await app.SignedInClientAsync(DemoStaff.Ombudsman);

        var response = await client.GetAsync($"/anexos/{id}/todos.zip");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"anexos-{Nup.DigitsOf(nup)}.zip", response.Content.Headers.ContentDisposition?.FileNameStar);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        var entries = zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var content = new MemoryStream();
            using (var stream = e.Open())
            {
                stream.CopyTo(content);
            }

            return content.ToArray();
        });
        Assert.Equal(["foto (2).png", "foto.png", "relato.pdf"], entries.Keys.Order(StringComparer.Ordinal));
        // Same name, same instant: which one gets " (2)" is arbitrary, but both are there, intact.
        Assert.Equal(
            new[] { photo, otherPhoto }.OrderBy(b => b.Length),
            new[] { entries["foto.png"], entries["foto (2).png"] }.OrderBy(b => b.Length));
        Assert.Equal(SampleFiles.Pdf, entries["relato.pdf"]);
        Assert.Equal(3, await DownloadsLoggedAsync(id));
    }

    [Fact]
    public async Task DownloadAll_CollaboratorOfTheUnit_GetsOnlyTheTeamsFiles()
    {
        var (id, _) = await ForwardedWithFilesAsync(Upload("rg-do-manifestante.png", "image/png", SampleFiles.Png));
        var carlos = await app.ActorAsync(DemoStaff.HealthCollaborator);
        await app.WorkflowOkAsync(w => w.PostMessageAsync(id, "Vistoria feita.", MessageVisibility.Team, carlos, [Upload("vistoria.docx", "", SampleFiles.Docx)]));
        var client = await app.SignedInClientAsync(DemoStaff.HealthCollaborator);

        var response = await client.GetAsync($"/anexos/{id}/todos.zip");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        Assert.Equal("vistoria.docx", Assert.Single(zip.Entries).FullName);
        Assert.Equal(1, await DownloadsLoggedAsync(id));
    }

    [Fact]
    public async Task DownloadAll_CollaboratorOfAnotherUnit_IsForbiddenAndNothingIsLogged()
    {
        var (id, _) = await ForwardedWithFilesAsync(Upload("foto.png", "image/png", SampleFiles.Png));
        var attachmentId = (await app.OpenOkAsync(id, await app.ActorAsync(DemoStaff.Ombudsman), recordAccess: false)).Attachments.Single().Id;
        var client = await app.SignedInClientAsync(DemoStaff.EducationCollaborator);

        var all = await client.GetAsync($"/anexos/{id}/todos.zip");
        var single = await client.GetAsync($"/anexos/{id}/{attachmentId}");

        Assert.Equal(HttpStatusCode.Forbidden, all.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, single.StatusCode);
        Assert.Equal("application/problem+json", all.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await DownloadsLoggedAsync(id));
    }

    [Fact]
    public async Task Download_TamperedFileOnDisk_Returns500ProblemInsteadOfTheBytes()
    {
        var (id, _) = await ForwardedWithFilesAsync(Upload("relato.pdf", "application/pdf", SampleFiles.Pdf));
        string path;
        await using (var db = app.CreateDbContext())
        {
            path = Path.Combine(app.StorageRoot, (await db.Attachments.SingleAsync(a => a.ManifestationId == id)).StorageKey);
        }

        var bytes = await File.ReadAllBytesAsync(path);
        bytes[^1] ^= 0x01;
        await File.WriteAllBytesAsync(path, bytes);
        var attachmentId = (await app.OpenOkAsync(id, await app.ActorAsync(DemoStaff.Ombudsman), recordAccess: false)).Attachments.Single().Id;
        var client = await app.SignedInClientAsync(DemoStaff.Ombudsman);

        var response = await client.GetAsync($"/anexos/{id}/{attachmentId}");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("corrompido ou foi alterado", await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex(@"^\d{4}/\d{2}/[0-9a-f]{32}$")]
    private static partial Regex StorageKeyPattern();
}

public sealed class AttachmentSecurityTestsSqlite(SqliteDemoApp app) : AttachmentSecurityTests(app), IClassFixture<SqliteDemoApp>;

public sealed class AttachmentSecurityTestsPostgres(PostgresDemoApp app) : AttachmentSecurityTests(app), IClassFixture<PostgresDemoApp>;
