using System.Net;
using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Pdf;
using Ouvidoria.Tests.Support;
using Ouvidoria.Tests.Support.Integration;
using Ouvidoria.Web.Components.Shared;
using Ouvidoria.Web.Features.Manifestations;

namespace Ouvidoria.Tests.Features.Manifestations;

/// <summary>
/// "Baixar extrato (PDF)": only who may read the manifestation gets it, the PDF carries the extract
/// and never identifying data, it is marked with the person's name and the Brasília time, and every
/// generation is in the history (access log).
/// </summary>
public abstract class ExtractPdfDocumentTests(OuvidoriaAppFactory app)
{
    private Task<Result<GeneratedPdf>> GenerateAsync(Guid id, Actor actor) =>
        app.WithAsync<ExtractPdfDocument, Result<GeneratedPdf>>(use => use.ExecuteAsync(id, actor));

    private async Task<List<HistoryEntry>> PdfHistoryAsync(Guid id)
    {
        await using var db = app.CreateDbContext();
        return await db.History.AsNoTracking().Where(h => h.ManifestationId == id && h.Action == HistoryAction.ExtractPdfGenerated).ToListAsync();
    }

    private static void AssertNoIdentifyingData(string text)
    {
        Assert.DoesNotContain("Maria das Dores Sigilosa", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Sigilosa", text, StringComparison.Ordinal);
        Assert.DoesNotContain("maria.sigilosa@exemplo.com.br", text, StringComparison.Ordinal);
        Assert.DoesNotContain("99999-0000", text, StringComparison.Ordinal);
        Assert.DoesNotContain("123.456.789-09", text, StringComparison.Ordinal);
        Assert.DoesNotContain("me destratou", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Cases.InternalNote, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_CollaboratorOfTheForwardedUnit_GetsTheExtractWithTheCaseFactsAndTheUnitDeadline()
    {
        var prepared = await app.PrepareForwardedAsync(await app.UnitIdAsync(DemoStaff.HealthUnit));
        var collaborator = await app.ActorAsync(DemoStaff.HealthCollaborator);

        var result = await GenerateAsync(prepared.Id, collaborator);

        Assert.True(result.IsSuccess, result.Error?.Message);
        var text = PdfText.Flat(result.Value.Content, layout: true);
        Assert.Contains($"NUP {prepared.Nup}", text, StringComparison.Ordinal);
        Assert.Contains("Tipo Reclamação", text, StringComparison.Ordinal);
        Assert.Contains($"Temática {Registrations.ThemeRequiringEmail}", text, StringComparison.Ordinal);
        Assert.Contains("Assunto Atendimento em posto de saúde", text, StringComparison.Ordinal);
        Assert.Contains(Cases.Extract, text, StringComparison.Ordinal);
        var now = app.Clock.GetUtcNow();
        Assert.Contains($"Prazo de resposta ao cidadão {Formats.Date(now.AddDays(DeadlinePolicy.CitizenAnswerDays))}", text, StringComparison.Ordinal);
        Assert.Contains($"Prazo da sua unidade {Formats.Date(now.AddDays(DeadlinePolicy.UnitAnswerDays))}", text, StringComparison.Ordinal);
        Assert.Equal($"extrato-{Nup.Parse(prepared.Nup).Digits}.pdf", result.Value.FileName);
    }

    [Fact]
    public async Task ExecuteAsync_AnyViewer_GetsNoIdentifyingDataNorTheOriginalText()
    {
        var prepared = await app.PrepareForwardedAsync(await app.UnitIdAsync(DemoStaff.HealthUnit));

        foreach (var email in new[] { DemoStaff.HealthCollaborator, DemoStaff.Ombudsman, DemoStaff.Manager })
        {
            var result = await GenerateAsync(prepared.Id, await app.ActorAsync(email));

            Assert.True(result.IsSuccess, result.Error?.Message);
            var text = PdfText.Flat(result.Value.Content);
            Assert.Contains(Cases.Extract, text, StringComparison.Ordinal);
            AssertNoIdentifyingData(text);
            AssertNoIdentifyingData(PdfText.Extract(result.Value.Content, withDiagonal: true));
        }
    }

    [Fact]
    public async Task ExecuteAsync_Always_MarksEveryPageWithTheViewerAndTheBrasiliaTime()
    {
        var prepared = await app.PrepareForwardedAsync(await app.UnitIdAsync(DemoStaff.HealthUnit));
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var longExtract = string.Join("\n\n", Enumerable.Range(1, 40).Select(i => $"Item {i}: " + string.Concat(Enumerable.Repeat("fato relatado sem elementos de identificação. ", 10))));
        await app.WorkflowOkAsync(w => w.WriteExtractAsync(prepared.Id, longExtract, ombudsman));
        var collaborator = await app.ActorAsync(DemoStaff.HealthCollaborator);

        var result = await GenerateAsync(prepared.Id, collaborator);

        Assert.True(result.IsSuccess, result.Error?.Message);
        var brasilia = app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(-3)).ToString("dd/MM/yyyy HH:mm");
        var recipient = new PdfRecipient(DemoStaff.NameOf(DemoStaff.HealthCollaborator), brasilia);
        Assert.True(PdfText.AssertEveryPageMarked(result.Value.Content, recipient) >= 2);
    }

    [Fact]
    public async Task ExecuteAsync_Generated_IsRecordedInTheHistoryWithWhoAndWhen()
    {
        var prepared = await app.PrepareForwardedAsync(await app.UnitIdAsync(DemoStaff.HealthUnit));
        var collaborator = await app.ActorAsync(DemoStaff.HealthCollaborator);

        Assert.True((await GenerateAsync(prepared.Id, collaborator)).IsSuccess);

        var entry = Assert.Single(await PdfHistoryAsync(prepared.Id));
        Assert.Equal(collaborator.UserId, entry.ActorId);
        Assert.Equal(collaborator.Name, entry.ActorName);
        Assert.Equal(app.Clock.GetUtcNow(), entry.At);
        var history = (await app.OpenOkAsync(prepared.Id, await app.ActorAsync(DemoStaff.Ombudsman), recordAccess: false)).History;
        Assert.Contains(history, h => h.Action == HistoryAction.ExtractPdfGenerated && h.ActorName == collaborator.Name);
    }

    [Fact]
    public async Task ExecuteAsync_CollaboratorOfAnotherUnit_IsForbiddenAndNotLogged()
    {
        var forwardedToB = await app.PrepareForwardedAsync(await app.UnitIdAsync(DemoStaff.EducationUnit));

        var result = await GenerateAsync(forwardedToB.Id, await app.ActorAsync(DemoStaff.HealthCollaborator));

        Assert.Equal(ErrorKind.Forbidden, result.Error?.Kind);
        Assert.Empty(await PdfHistoryAsync(forwardedToB.Id));
    }

    [Fact]
    public async Task ExecuteAsync_BeforeTheExtractIsWritten_IsNotFoundAndNotLogged()
    {
        var id = await app.CreateInStatusAsync(ManifestationStatus.InTriage);

        var result = await GenerateAsync(id, await app.ActorAsync(DemoStaff.Ombudsman));

        Assert.Equal(ErrorKind.NotFound, result.Error?.Kind);
        Assert.Equal("Esta manifestação ainda não tem extrato.", result.Error!.Message);
        Assert.Empty(await PdfHistoryAsync(id));
    }

    [Fact]
    public async Task GetExtractPdf_CollaboratorWithAccess_StreamsAnUncachedPdfAttachment()
    {
        var prepared = await app.PrepareForwardedAsync(await app.UnitIdAsync(DemoStaff.HealthUnit));
        using var client = await app.SignedInClientAsync(DemoStaff.HealthCollaborator);

        var response = await client.GetAsync($"/manifestacoes/{prepared.Id}/extrato.pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"extrato-{Nup.Parse(prepared.Nup).Digits}.pdf", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        Assert.True(response.Headers.CacheControl?.NoStore, "the PDF must not be cached");
        var pdf = await response.Content.ReadAsByteArrayAsync();
        var text = PdfText.Flat(pdf);
        Assert.Contains(Cases.Extract, text, StringComparison.Ordinal);
        Assert.Contains($"Documento gerado para {DemoStaff.NameOf(DemoStaff.HealthCollaborator)} em ", text, StringComparison.Ordinal);
        AssertNoIdentifyingData(text);
        Assert.Single(await PdfHistoryAsync(prepared.Id));
    }

    [Fact]
    public async Task GetExtractPdf_CollaboratorOfAnotherUnit_Returns403ProblemAndLogsNothing()
    {
        var forwardedToB = await app.PrepareForwardedAsync(await app.UnitIdAsync(DemoStaff.EducationUnit));
        using var client = await app.SignedInClientAsync(DemoStaff.HealthCollaborator);

        var response = await client.GetAsync($"/manifestacoes/{forwardedToB.Id}/extrato.pdf");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Você não tem acesso a esta manifestação.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await PdfHistoryAsync(forwardedToB.Id));
    }

    [Fact]
    public async Task GetExtractPdf_UnknownManifestation_Returns404Problem()
    {
        using var client = await app.SignedInClientAsync(DemoStaff.Ombudsman);

        var response = await client.GetAsync($"/manifestacoes/{Guid.NewGuid()}/extrato.pdf");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Manifestação não encontrada.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetExtractPdf_Anonymous_RedirectsToSignIn()
    {
        var prepared = await app.PrepareForwardedAsync(await app.UnitIdAsync(DemoStaff.HealthUnit));
        using var client = app.AnonymousClient();

        var response = await client.GetAsync($"/manifestacoes/{prepared.Id}/extrato.pdf");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/conta/entrar", new Uri(client.BaseAddress!, response.Headers.Location!).AbsolutePath);
        Assert.Empty(await PdfHistoryAsync(prepared.Id));
    }
}

public sealed class ExtractPdfDocumentTestsSqlite(SqliteDemoApp app) : ExtractPdfDocumentTests(app), IClassFixture<SqliteDemoApp>;

public sealed class ExtractPdfDocumentTestsPostgres(PostgresDemoApp app) : ExtractPdfDocumentTests(app), IClassFixture<PostgresDemoApp>;
