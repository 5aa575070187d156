using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Tests.Support.Integration;
using Ouvidoria.Web.Features.Shared;

namespace Ouvidoria.Tests.Features.Http;

/// <summary>The one mapping of a use case's <see cref="Error"/> to a pt-BR problem response.</summary>
public sealed class ProblemsTests
{
    [Theory]
    [InlineData(ErrorKind.NotFound, StatusCodes.Status404NotFound, "Não encontrado")]
    [InlineData(ErrorKind.Forbidden, StatusCodes.Status403Forbidden, "Acesso negado")]
    [InlineData(ErrorKind.Validation, StatusCodes.Status400BadRequest, "Requisição inválida")]
    [InlineData(ErrorKind.Conflict, StatusCodes.Status409Conflict, "Conflito")]
    public void For_EachErrorKind_HasItsStatusAndAPtBrTitleWithTheMessageAsDetail(ErrorKind kind, int status, string title)
    {
        var problem = Problems.For(new Error(kind, "Mensagem do caso de uso."));

        Assert.Equal(status, problem.StatusCode);
        Assert.Equal((status, title, "Mensagem do caso de uso."), (problem.ProblemDetails.Status, problem.ProblemDetails.Title, problem.ProblemDetails.Detail));
    }
}

/// <summary>
/// Problem responses of the download endpoints (/anexos/*, /manifestacoes/{id}/extrato.pdf) over
/// HTTP: pt-BR title and detail, the status that says what happened, nothing logged.
/// </summary>
public abstract class ProblemResponsesTests(OuvidoriaAppFactory app)
{
    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string title, string detail)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);
        Assert.Equal((int)status, json.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(title, json.RootElement.GetProperty("title").GetString());
        Assert.Equal(detail, json.RootElement.GetProperty("detail").GetString());
        // Readable as sent, accents included.
        Assert.Contains(title, body, StringComparison.Ordinal);
    }

    private async Task<int> DownloadsLoggedAsync(Guid id)
    {
        await using var db = app.CreateDbContext();
        return await db.History.CountAsync(h => h.ManifestationId == id && h.Action == HistoryAction.AttachmentDownloaded);
    }

    [Fact]
    public async Task GetAttachment_UnknownAttachment_Returns404()
    {
        var downloads = await app.PrepareDownloadCaseAsync();
        using var client = await app.SignedInClientAsync(DemoStaff.Ombudsman);

        var response = await client.GetAsync($"/anexos/{downloads.Id}/{Guid.NewGuid()}");

        await AssertProblemAsync(response, HttpStatusCode.NotFound, "Não encontrado", "Anexo não encontrado.");
    }

    [Fact]
    public async Task GetAttachment_UnknownManifestation_Returns404()
    {
        using var client = await app.SignedInClientAsync(DemoStaff.Ombudsman);

        var response = await client.GetAsync($"/anexos/{Guid.NewGuid()}/{Guid.NewGuid()}");

        await AssertProblemAsync(response, HttpStatusCode.NotFound, "Não encontrado", "Manifestação não encontrada.");
    }

    [Fact]
    public async Task GetAttachment_CollaboratorOfTheUnitAsksForTheCitizensFile_Returns403AndLogsNothing()
    {
        var downloads = await app.PrepareDownloadCaseAsync();
        using var client = await app.SignedInClientAsync(DemoStaff.HealthCollaborator);

        var response = await client.GetAsync(downloads.CitizenFile);

        await AssertProblemAsync(response, HttpStatusCode.Forbidden, "Acesso negado", "Você não tem acesso a este anexo.");
        Assert.Equal(0, await DownloadsLoggedAsync(downloads.Id));
    }

    [Fact]
    public async Task GetAttachment_CollaboratorOfAnotherUnit_Returns403AndLogsNothing()
    {
        var downloads = await app.PrepareDownloadCaseAsync();
        using var client = await app.SignedInClientAsync(DemoStaff.EducationCollaborator);

        var single = await client.GetAsync(downloads.CitizenFile);
        var all = await client.GetAsync(downloads.AllFiles);

        await AssertProblemAsync(single, HttpStatusCode.Forbidden, "Acesso negado", "Você não tem acesso a esta manifestação.");
        await AssertProblemAsync(all, HttpStatusCode.Forbidden, "Acesso negado", "Você não tem acesso a esta manifestação.");
        Assert.Equal(0, await DownloadsLoggedAsync(downloads.Id));
    }

    [Fact]
    public async Task GetAllAttachments_NothingTheCollaboratorMayDownload_Returns404()
    {
        var downloads = await app.PrepareDownloadCaseAsync();
        using var client = await app.SignedInClientAsync(DemoStaff.HealthCollaborator);

        var response = await client.GetAsync(downloads.AllFiles);

        await AssertProblemAsync(response, HttpStatusCode.NotFound, "Não encontrado", "Não há anexos que você possa baixar nesta manifestação.");
    }

    [Fact]
    public async Task GetExtractPdf_UnknownManifestation_Returns404()
    {
        using var client = await app.SignedInClientAsync(DemoStaff.Ombudsman);

        var response = await client.GetAsync($"/manifestacoes/{Guid.NewGuid()}/extrato.pdf");

        await AssertProblemAsync(response, HttpStatusCode.NotFound, "Não encontrado", "Manifestação não encontrada.");
    }

    [Fact]
    public async Task GetExtractPdf_BeforeTheExtractIsWritten_Returns404()
    {
        var id = await app.CreateInStatusAsync(ManifestationStatus.InTriage);
        using var client = await app.SignedInClientAsync(DemoStaff.Ombudsman);

        var response = await client.GetAsync($"/manifestacoes/{id}/extrato.pdf");

        await AssertProblemAsync(response, HttpStatusCode.NotFound, "Não encontrado", "Esta manifestação ainda não tem extrato.");
    }

    [Fact]
    public async Task GetExtractPdf_CollaboratorOfAnotherUnit_Returns403()
    {
        var downloads = await app.PrepareDownloadCaseAsync();
        using var client = await app.SignedInClientAsync(DemoStaff.EducationCollaborator);

        var response = await client.GetAsync(downloads.ExtractPdf);

        await AssertProblemAsync(response, HttpStatusCode.Forbidden, "Acesso negado", "Você não tem acesso a esta manifestação.");
    }
}

public sealed class ProblemResponsesTestsSqlite(SqliteDemoApp app) : ProblemResponsesTests(app), IClassFixture<SqliteDemoApp>;

public sealed class ProblemResponsesTestsPostgres(PostgresDemoApp app) : ProblemResponsesTests(app), IClassFixture<PostgresDemoApp>;
