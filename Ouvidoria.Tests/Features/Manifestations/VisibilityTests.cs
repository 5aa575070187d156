using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Tests.Support.Integration;

namespace Ouvidoria.Tests.Features.Manifestations;

/// <summary>
/// Who may open a manifestation and what each role sees (ManifestationDetailsQuery), and the access
/// log Decreto 10.153/2019 art. 6 §3 requires: every successful open writes who and when.
/// </summary>
public abstract class VisibilityTests(OuvidoriaAppFactory app)
{
    [Fact]
    public async Task ManifestationDetailsQuery_CollaboratorOfAnotherUnit_IsForbiddenAndNotLogged()
    {
        var unitB = await app.UnitIdAsync(DemoStaff.EducationUnit);
        var forwardedToB = await app.PrepareForwardedAsync(unitB);
        var collaboratorA = await app.ActorAsync(DemoStaff.HealthCollaborator);

        var result = await app.OpenAsync(forwardedToB.Id, collaboratorA);

        Assert.False(result.IsSuccess);
        Assert.Equal(ErrorKind.Forbidden, result.Error!.Kind);
        Assert.Equal("Você não tem acesso a esta manifestação.", result.Error.Message);
        Assert.Empty(await app.AccessLogAsync(forwardedToB.Id));
    }

    [Fact]
    public async Task ManifestationDetailsQuery_CollaboratorOfForwardedUnit_SeesExtractButNeitherOriginalNorIdentity()
    {
        var unitA = await app.UnitIdAsync(DemoStaff.HealthUnit);
        var forwardedToA = await app.PrepareForwardedAsync(unitA);
        var collaboratorA = await app.ActorAsync(DemoStaff.HealthCollaborator);

        var details = await app.OpenOkAsync(forwardedToA.Id, collaboratorA);

        Assert.Equal(forwardedToA.Nup, details.Nup);
        Assert.Equal(Cases.Extract, details.Extract);
        Assert.Null(details.OriginalDescription);
        Assert.Null(details.InternalNote);
        Assert.False(details.IdentityVisible);
        Assert.Equal(Requester.Pseudonymized, details.RequesterName);
        Assert.Null(details.RequesterEmail);
        Assert.Null(details.RequesterPhone);
        Assert.DoesNotContain(details.History, h => (h.Details ?? string.Empty).Contains("Sigilosa", StringComparison.Ordinal));
        var mine = Assert.Single(details.Team);
        Assert.True(mine.IsMine);
        Assert.Equal(DemoStaff.HealthUnit, mine.UnitName);
    }

    [Fact]
    public async Task ManifestationDetailsQuery_CollaboratorWhenSubjectWasNotRewritten_DoesNotSeeTheOriginalText()
    {
        // Regression: the subject once defaulted to the first line of the citizen's text, and
        // forwarding does not require a new one, so a unit received identifying data through it.
        var unitA = await app.UnitIdAsync(DemoStaff.HealthUnit);
        var forwardedToA = await app.PrepareForwardedWithoutClassifyingAsync(unitA);
        var collaboratorA = await app.ActorAsync(DemoStaff.HealthCollaborator);

        var details = await app.OpenOkAsync(forwardedToA.Id, collaboratorA);

        Assert.Null(details.OriginalDescription);
        Assert.DoesNotContain("Sigilosa", details.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("123.456.789-09", details.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManifestationDetailsQuery_Ombudsman_SeesOriginalInternalNoteAndIdentity()
    {
        var unitA = await app.UnitIdAsync(DemoStaff.HealthUnit);
        var prepared = await app.PrepareForwardedAsync(unitA);
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);

        var details = await app.OpenOkAsync(prepared.Id, ombudsman);

        Assert.Equal(Cases.Description, details.OriginalDescription);
        Assert.Equal(Cases.InternalNote, details.InternalNote);
        Assert.Equal(Cases.Extract, details.Extract);
        Assert.True(details.IdentityVisible);
        Assert.Equal(prepared.RequesterName, details.RequesterName);
        Assert.Equal("maria.sigilosa@exemplo.com.br", details.RequesterEmail);
        Assert.Equal("(31) 99999-0000", details.RequesterPhone);
    }

    [Fact]
    public async Task ManifestationDetailsQuery_Manager_ReadsButSeesPseudonymizedData()
    {
        var unitA = await app.UnitIdAsync(DemoStaff.HealthUnit);
        var prepared = await app.PrepareForwardedAsync(unitA);
        var manager = await app.ActorAsync(DemoStaff.Manager);

        var details = await app.OpenOkAsync(prepared.Id, manager);

        Assert.Null(details.OriginalDescription);
        Assert.Null(details.InternalNote);
        Assert.Equal(Requester.Pseudonymized, details.RequesterName);
        Assert.Null(details.RequesterEmail);
    }

    [Fact]
    public async Task ManifestationDetailsQuery_Administrator_IsForbiddenAndNotLogged()
    {
        var unitA = await app.UnitIdAsync(DemoStaff.HealthUnit);
        var prepared = await app.PrepareForwardedAsync(unitA);
        var administrator = await app.ActorAsync(DemoStaff.Administrator);

        var result = await app.OpenAsync(prepared.Id, administrator);

        Assert.Equal(ErrorKind.Forbidden, result.Error?.Kind);
        Assert.Empty(await app.AccessLogAsync(prepared.Id));
    }

    [Fact]
    public async Task ManifestationDetailsQuery_EverySuccessfulOpen_AddsAViewedEntryWithTheUsersName()
    {
        var unitA = await app.UnitIdAsync(DemoStaff.HealthUnit);
        var unitB = await app.UnitIdAsync(DemoStaff.EducationUnit);
        var prepared = await app.PrepareForwardedAsync(unitA);
        var collaboratorA = await app.ActorAsync(DemoStaff.HealthCollaborator);
        var collaboratorB = await app.ActorAsync(DemoStaff.EducationCollaborator);
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var manager = await app.ActorAsync(DemoStaff.Manager);
        var openers = new[] { collaboratorA, ombudsman, collaboratorA, manager };

        var expectedTimes = new List<DateTimeOffset>();
        foreach (var actor in openers)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(7));
            expectedTimes.Add(app.Clock.GetUtcNow());
            var details = await app.OpenOkAsync(prepared.Id, actor);
            var newest = details.History[0];
            Assert.Equal((HistoryAction.Viewed, actor.Name, app.Clock.GetUtcNow()), (newest.Action, newest.ActorName, newest.At));
        }

        var forbidden = await app.OpenAsync(prepared.Id, collaboratorB);
        Assert.Equal(ErrorKind.Forbidden, forbidden.Error?.Kind);

        var log = await app.AccessLogAsync(prepared.Id);
        Assert.Equal(openers.Select(a => a.Name), log.Select(h => h.ActorName));
        Assert.Equal(openers.Select(a => a.UserId), log.Select(h => h.ActorId));
        Assert.Equal(expectedTimes, log.Select(h => h.At));
        Assert.Equal(
            [DemoStaff.NameOf(DemoStaff.HealthCollaborator), DemoStaff.NameOf(DemoStaff.Ombudsman), DemoStaff.NameOf(DemoStaff.HealthCollaborator), DemoStaff.NameOf(DemoStaff.Manager)],
            log.Select(h => h.ActorName));
    }

    [Fact]
    public async Task ManifestationDetailsQuery_RefreshWithoutRecordAccess_AddsNoViewedEntry()
    {
        var unitA = await app.UnitIdAsync(DemoStaff.HealthUnit);
        var prepared = await app.PrepareForwardedAsync(unitA);
        var collaboratorA = await app.ActorAsync(DemoStaff.HealthCollaborator);

        await app.OpenOkAsync(prepared.Id, collaboratorA, recordAccess: false);

        Assert.Empty(await app.AccessLogAsync(prepared.Id));
    }

    [Fact]
    public async Task ManifestationDetailsQuery_UnknownId_ReturnsNotFound()
    {
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);

        var result = await app.OpenAsync(Guid.NewGuid(), ombudsman);

        Assert.Equal(ErrorKind.NotFound, result.Error?.Kind);
    }

    [Fact]
    public async Task ManifestationDetailsQuery_Collaborator_DoesNotSeeOmbudsmanOnlyMessages()
    {
        var unitA = await app.UnitIdAsync(DemoStaff.HealthUnit);
        var prepared = await app.PrepareForwardedAsync(unitA);
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var collaboratorA = await app.ActorAsync(DemoStaff.HealthCollaborator);
        await app.WorkflowOkAsync(w => w.PostMessageAsync(prepared.Id, "Nota interna: o servidor já foi advertido antes.", MessageVisibility.OmbudsmanOnly, ombudsman));
        await app.WorkflowOkAsync(w => w.PostMessageAsync(prepared.Id, "Equipe, por favor verifiquem a escala de plantão.", MessageVisibility.Team, ombudsman));

        var asCollaborator = await app.OpenOkAsync(prepared.Id, collaboratorA);
        var asOmbudsman = await app.OpenOkAsync(prepared.Id, ombudsman);

        var seen = Assert.Single(asCollaborator.Messages);
        Assert.Equal("Equipe, por favor verifiquem a escala de plantão.", seen.Text);
        Assert.Equal(2, asOmbudsman.Messages.Count);
    }
}

public sealed class VisibilityTestsSqlite(SqliteDemoApp app) : VisibilityTests(app), IClassFixture<SqliteDemoApp>;

public sealed class VisibilityTestsPostgres(PostgresDemoApp app) : VisibilityTests(app), IClassFixture<PostgresDemoApp>;
