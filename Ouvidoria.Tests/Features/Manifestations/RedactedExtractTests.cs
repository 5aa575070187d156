using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Domain.Privacy;
using Ouvidoria.Tests.Support.Integration;

namespace Ouvidoria.Tests.Features.Manifestations;

/// <summary>
/// The versão tarjada through the real use cases and database: the ombudsman saves the redacted
/// original as the extract, the history records it, and the unit's collaborator reads only tarjas.
/// </summary>
public abstract class RedactedExtractTests(OuvidoriaAppFactory app)
{
    private const string Description = "Sou Maria das Dores Sigilosa, CPF 529.982.247-25, celular (31) 98765-4321, e o médico do posto do bairro Esperança me destratou.";

    [Fact]
    public async Task WriteRedactedExtractAsync_AcceptedSuggestions_StoresTarjasAndHistoryAndCollaboratorSeesOnlyThem()
    {
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var collaborator = await app.ActorAsync(DemoStaff.HealthCollaborator);
        var themeId = await app.ThemeIdAsync(Registrations.ThemeRequiringEmail);
        var receipt = await app.RegisterOkAsync(Registrations.Identified(themeId, ManifestationType.Complaint, Description));
        await app.WorkflowOkAsync(w => w.StartTriageAsync(receipt.Id, ombudsman));

        // What RedactionAssistant does on the server: detect on the original with the requester's name.
        var opened = await app.OpenOkAsync(receipt.Id, ombudsman, recordAccess: false);
        var elements = IdentifyingElementDetector.Detect(opened.OriginalDescription!, [opened.RequesterName!]);
        Assert.Equal(
            [IdentifyingElementKind.Name, IdentifyingElementKind.Cpf, IdentifyingElementKind.Phone],
            elements.Select(e => e.Kind));
        var redacted = Redactor.Apply(opened.OriginalDescription!, elements);

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await app.WorkflowOkAsync(w => w.WriteRedactedExtractAsync(receipt.Id, redacted, elements.Count, editedAfterwards: false, ombudsman));
        await app.WorkflowOkAsync(w => w.ForwardAsync(receipt.Id, collaborator.UnitId!.Value, AssignmentRole.Responsible, null, "Apurar.", ombudsman));

        await using (var db = app.CreateDbContext())
        {
            var stored = await db.Manifestations.AsNoTracking().SingleAsync(m => m.Id == receipt.Id);
            Assert.Equal("Sou [NOME], CPF [CPF], celular [TELEFONE], e o médico do posto do bairro Esperança me destratou.", stored.Extract);
            Assert.Equal(Description, stored.Description);
            var entry = await db.History.AsNoTracking().SingleAsync(h => h.ManifestationId == receipt.Id && h.Action == HistoryAction.ExtractWritten);
            Assert.Equal("Versão tarjada (3 elementos)", entry.Details);
            Assert.Equal(ombudsman.Name, entry.ActorName);
            Assert.Equal(app.Clock.GetUtcNow(), entry.At);
        }

        var seen = await app.OpenOkAsync(receipt.Id, collaborator);
        Assert.Equal("Sou [NOME], CPF [CPF], celular [TELEFONE], e o médico do posto do bairro Esperança me destratou.", seen.Extract);
        Assert.Null(seen.OriginalDescription);
        Assert.Equal(Requester.Pseudonymized, seen.RequesterName);
        Assert.DoesNotContain("529.982.247-25", Everything(seen), StringComparison.Ordinal);
        Assert.DoesNotContain("98765-4321", Everything(seen), StringComparison.Ordinal);
        Assert.DoesNotContain("Sigilosa", Everything(seen), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteRedactedExtractAsync_ByCollaborator_IsRefusedAndNothingChanges()
    {
        var prepared = await app.PrepareForwardedAsync(await app.UnitIdAsync(DemoStaff.HealthUnit));
        var collaborator = await app.ActorAsync(DemoStaff.HealthCollaborator);

        var result = await app.WorkflowAsync(w => w.WriteRedactedExtractAsync(prepared.Id, "Sou [NOME].", 1, false, collaborator));

        Assert.False(result.IsSuccess);
        Assert.Equal(ErrorKind.Validation, result.Error!.Kind);
        await using var db = app.CreateDbContext();
        Assert.Equal(prepared.Extract, (await db.Manifestations.AsNoTracking().SingleAsync(m => m.Id == prepared.Id)).Extract);
    }

    /// <summary>Every text the collaborator's page receives.</summary>
    private static string Everything(Ouvidoria.Web.Features.Manifestations.ManifestationDetails d) => string.Join(
        "\n",
        new[] { d.Subject, d.Extract, d.OriginalDescription, d.RequesterName, d.RequesterEmail, d.RequesterPhone, d.InternalNote, d.ComplementText }
            .Concat(d.History.Select(h => h.Details))
            .Concat(d.Messages.Select(m => m.Text))
            .Where(t => t is not null));
}

public sealed class RedactedExtractTestsSqlite(SqliteDemoApp app) : RedactedExtractTests(app), IClassFixture<SqliteDemoApp>;

public sealed class RedactedExtractTestsPostgres(PostgresDemoApp app) : RedactedExtractTests(app), IClassFixture<PostgresDemoApp>;
