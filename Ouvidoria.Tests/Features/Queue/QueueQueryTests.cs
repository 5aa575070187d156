using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Tests.Support.Integration;
using Ouvidoria.Web.Features.Queue;

namespace Ouvidoria.Tests.Features.Queue;

/// <summary>
/// The treatment queue on the demo data set: who sees which rows, hidden previews, NUP search and
/// every filter, each checked row by row and against a count computed straight from the database.
/// </summary>
public abstract class QueueQueryTests(OuvidoriaAppFactory app)
{
    private static readonly ManifestationStatus[] OverdueStatuses =
        [ManifestationStatus.Registered, ManifestationStatus.InTriage, ManifestationStatus.InTreatment];

    private Task<Result<QueuePage>> QueryAsync(QueueFilter filter, Actor actor, int skip = 0, int take = 100) =>
        app.WithAsync<QueueQuery, Result<QueuePage>>(q => q.ExecuteAsync(filter, actor, skip, take));

    /// <summary>Every row of the filter, page by page; checks the pages add up to the total.</summary>
    private async Task<(List<QueueRow> Rows, int Total)> AllRowsAsync(QueueFilter filter, Actor actor, int pageSize = 100)
    {
        var rows = new List<QueueRow>();
        int total;
        do
        {
            var result = await QueryAsync(filter, actor, rows.Count, pageSize);
            Assert.True(result.IsSuccess, result.Error?.Message);
            total = result.Value.Total;
            if (result.Value.Items.Count == 0)
            {
                break;
            }

            rows.AddRange(result.Value.Items);
        }
        while (rows.Count < total);

        Assert.Equal(total, rows.Count);
        Assert.Equal(rows.Count, rows.Select(r => r.Id).Distinct().Count());
        return (rows, total);
    }

    private async Task<HashSet<Guid>> IdsWithAssignmentToAsync(Guid unitId)
    {
        await using var db = app.CreateDbContext();
        return (await db.Assignments.Where(a => a.UnitId == unitId).Select(a => a.ManifestationId).Distinct().ToListAsync()).ToHashSet();
    }

    [Fact]
    public async Task QueueQuery_Collaborator_ListsOnlyManifestationsAssignedToTheirUnit()
    {
        var collaboratorA = await app.ActorAsync(DemoStaff.HealthCollaborator);
        var assignedToA = await IdsWithAssignmentToAsync(collaboratorA.UnitId!.Value);

        var (rows, total) = await AllRowsAsync(new QueueFilter(), collaboratorA);

        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Contains(r.Id, assignedToA));
        Assert.Equal(assignedToA.Count, total);
        await using var db = app.CreateDbContext();
        Assert.True(await db.Manifestations.CountAsync() > total, "the collaborator must see fewer manifestations than exist");
    }

    [Fact]
    public async Task QueueQuery_Collaborator_ShowsTheirUnitsDeadlineAndTheExtractAsPreview()
    {
        var collaboratorA = await app.ActorAsync(DemoStaff.HealthCollaborator);
        await using var db = app.CreateDbContext();
        var manifestations = await db.Manifestations.AsNoTracking().Include(m => m.Assignments).ToDictionaryAsync(m => m.Id);

        var (rows, _) = await AllRowsAsync(new QueueFilter(), collaboratorA);

        // The deadline that matters to a collaborator is the domain's (Manifestation.DeadlineFor):
        // their unit's open treatment. Checked here where every treatment of the unit is open.
        var open = rows.Where(r => manifestations[r.Id].Assignments.Where(a => a.Includes(collaboratorA)).All(a => a.IsOpen)).ToList();
        Assert.NotEmpty(open);
        Assert.All(open, r => Assert.Equal(manifestations[r.Id].DeadlineFor(collaboratorA).DueAt, r.DueAt));
        Assert.All(rows, r =>
        {
            if (r.Preview is not null)
            {
                var m = manifestations[r.Id];
                Assert.NotNull(m.Extract);
                Assert.StartsWith(r.Preview.TrimEnd('…'), m.Extract, StringComparison.Ordinal);
                Assert.False(m.Description.StartsWith(r.Preview.TrimEnd('…'), StringComparison.Ordinal), "a collaborator's preview must not come from the original text");
            }
        });
        Assert.Contains(rows, r => r.Preview is not null);
    }

    [Theory]
    [InlineData(DemoStaff.Ombudsman)]
    [InlineData(DemoStaff.Manager)]
    [InlineData(DemoStaff.HealthCollaborator)]
    [InlineData(DemoStaff.EducationCollaborator)]
    public async Task QueueQuery_DenunciationAndCommunication_NeverShowAPreview(string email)
    {
        var actor = await app.ActorAsync(email);

        var (rows, _) = await AllRowsAsync(new QueueFilter(), actor);

        var protectedRows = rows.Where(r => r.Type is ManifestationType.Denunciation or ManifestationType.Communication).ToList();
        Assert.NotEmpty(protectedRows);
        Assert.All(protectedRows, r => Assert.Null(r.Preview));
        Assert.Contains(rows, r => r.Type == ManifestationType.Complaint && r.Preview is not null);
    }

    [Fact]
    public async Task QueueQuery_Ombudsman_PreviewIsTheStartOfTheOriginalText()
    {
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        await using var db = app.CreateDbContext();
        var descriptions = await db.Manifestations.AsNoTracking().ToDictionaryAsync(m => m.Id, m => m.Description);

        var (rows, _) = await AllRowsAsync(new QueueFilter(), ombudsman);

        var previewed = rows.Where(r => r.Type is not (ManifestationType.Denunciation or ManifestationType.Communication)).ToList();
        Assert.NotEmpty(previewed);
        Assert.All(previewed, r =>
        {
            Assert.NotNull(r.Preview);
            var text = r.Preview.TrimEnd('…');
            Assert.True(text.Length <= QueueQuery.PreviewLength);
            Assert.StartsWith(text, descriptions[r.Id], StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData(QueueQuery.PreviewLength - 1)]
    [InlineData(QueueQuery.PreviewLength)]
    [InlineData(QueueQuery.PreviewLength + 1)]
    public async Task QueueQuery_Preview_EndsWithEllipsisOnlyWhenTheTextWasCut(int length)
    {
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var themeId = await app.ThemeIdAsync(Registrations.ThemeWithoutPersonalData);
        var description = string.Concat(Enumerable.Repeat("Buraco na calçada da rua Sete. ", 10))[..length];
        Assert.Equal(description.Trim(), description);
        var receipt = await app.RegisterOkAsync(Registrations.Identified(themeId, ManifestationType.Complaint, description));

        var result = await QueryAsync(new QueueFilter { Nup = receipt.Nup }, ombudsman);

        var preview = Assert.Single(result.Value.Items).Preview;
        var expected = length <= QueueQuery.PreviewLength ? description : description[..QueueQuery.PreviewLength] + "…";
        Assert.Equal(expected, preview);
    }

    [Fact]
    public async Task QueueQuery_NupWithOrWithoutSeparators_FindsExactlyThatManifestation()
    {
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        await using var db = app.CreateDbContext();
        var target = await db.Manifestations.AsNoTracking().OrderBy(m => m.Nup).Skip(17).Select(m => new { m.Id, m.Nup }).FirstAsync();

        foreach (var written in new[] { target.Nup.ToString(), target.Nup.Digits, " " + target.Nup.ToString().Replace('.', ' ') + " " })
        {
            var result = await QueryAsync(new QueueFilter { Nup = written }, ombudsman);

            Assert.True(result.IsSuccess, result.Error?.Message);
            Assert.Equal(1, result.Value.Total);
            var row = Assert.Single(result.Value.Items);
            Assert.Equal(target.Id, row.Id);
            Assert.Equal(target.Nup.ToString(), row.Nup);
        }
    }

    [Fact]
    public async Task QueueQuery_CollaboratorSearchingANupOfAnotherUnit_FindsNothing()
    {
        var collaboratorA = await app.ActorAsync(DemoStaff.HealthCollaborator);
        var assignedToA = await IdsWithAssignmentToAsync(collaboratorA.UnitId!.Value);
        await using var db = app.CreateDbContext();
        var elsewhere = (await db.Manifestations.AsNoTracking().Select(m => new { m.Id, m.Nup }).ToListAsync()).First(m => !assignedToA.Contains(m.Id));

        var result = await QueryAsync(new QueueFilter { Nup = elsewhere.Nup.Digits }, collaboratorA);

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(0, result.Value.Total);
        Assert.Empty(result.Value.Items);
    }

    [Theory]
    [InlineData("12345.0001/2026", "NUP inválido: use o formato 00000.000000/0000-00 (17 dígitos).")]
    [InlineData("abc", "NUP inválido: use o formato 00000.000000/0000-00 (17 dígitos).")]
    [InlineData("23037.001462/2021-66", "NUP inválido: os dígitos verificadores não conferem.")]
    public async Task QueueQuery_InvalidNup_ReturnsValidationError(string nup, string message)
    {
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);

        var result = await QueryAsync(new QueueFilter { Nup = nup }, ombudsman);

        Assert.False(result.IsSuccess);
        Assert.Equal(ErrorKind.Validation, result.Error!.Kind);
        Assert.Equal(message, result.Error.Message);
    }

    [Theory]
    [InlineData(ManifestationType.Complaint)]
    [InlineData(ManifestationType.Denunciation)]
    [InlineData(ManifestationType.Communication)]
    [InlineData(ManifestationType.Compliment)]
    [InlineData(ManifestationType.Suggestion)]
    [InlineData(ManifestationType.Request)]
    [InlineData(ManifestationType.Simplification)]
    public async Task QueueQuery_TypeFilter_ReturnsEveryManifestationOfThatTypeAndNoOther(ManifestationType type)
    {
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        await using var db = app.CreateDbContext();
        var expected = await db.Manifestations.CountAsync(m => m.Type == type);

        var (rows, total) = await AllRowsAsync(new QueueFilter { Type = type }, ombudsman);

        Assert.True(expected > 0);
        Assert.All(rows, r => Assert.Equal(type, r.Type));
        Assert.Equal(expected, total);
    }

    [Theory]
    [InlineData(ManifestationStatus.Registered)]
    [InlineData(ManifestationStatus.InTriage)]
    [InlineData(ManifestationStatus.AwaitingComplement)]
    [InlineData(ManifestationStatus.InTreatment)]
    [InlineData(ManifestationStatus.Answered)]
    [InlineData(ManifestationStatus.Concluded)]
    [InlineData(ManifestationStatus.Archived)]
    public async Task QueueQuery_StatusFilter_ReturnsEveryManifestationInThatStatusAndNoOther(ManifestationStatus status)
    {
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var created = await app.CreateInStatusAsync(status);
        await using var db = app.CreateDbContext();
        var expected = await db.Manifestations.CountAsync(m => m.Status == status);

        var (rows, total) = await AllRowsAsync(new QueueFilter { Status = status, OpenOnly = true }, ombudsman);

        Assert.Contains(rows, r => r.Id == created);
        Assert.All(rows, r => Assert.Equal(status, r.Status));
        Assert.Equal(expected, total);
    }

    [Fact]
    public async Task QueueQuery_OpenOnly_ReturnsEveryManifestationStillOwedAnAnswer()
    {
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        await using var db = app.CreateDbContext();
        var statuses = await db.Manifestations.Select(m => m.Status).ToListAsync();

        var (rows, total) = await AllRowsAsync(new QueueFilter { OpenOnly = true }, ombudsman);

        Assert.All(rows, r => Assert.True(r.Status.IsOpen(), r.Status.ToString()));
        Assert.Equal(statuses.Count(s => s.IsOpen()), total);
        Assert.True(total < statuses.Count);
    }

    [Theory]
    [InlineData(DemoStaff.HealthUnit)]
    [InlineData(DemoStaff.EducationUnit)]
    public async Task QueueQuery_UnitFilter_ReturnsEveryManifestationForwardedToThatUnit(string unitName)
    {
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var unitId = await app.UnitIdAsync(unitName);
        var expected = await IdsWithAssignmentToAsync(unitId);

        var (rows, total) = await AllRowsAsync(new QueueFilter { UnitId = unitId }, ombudsman);

        Assert.NotEmpty(expected);
        Assert.All(rows, r => Assert.Contains(r.Id, expected));
        Assert.Equal(expected.Count, total);
    }

    [Fact]
    public async Task QueueQuery_OverdueOnly_ReturnsEveryOpenManifestationPastTheCitizenDeadline()
    {
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var now = app.Clock.GetUtcNow();
        await using var db = app.CreateDbContext();
        var expected = await db.Manifestations.CountAsync(m => OverdueStatuses.Contains(m.Status) && m.CitizenDeadline.DueAt < now);
        var openNotOverdue = await db.Manifestations.CountAsync(m => OverdueStatuses.Contains(m.Status) && m.CitizenDeadline.DueAt >= now);

        var (rows, total) = await AllRowsAsync(new QueueFilter { OverdueOnly = true }, ombudsman);

        Assert.True(expected > 0 && openNotOverdue > 0, "the demo data must have open manifestations on both sides of the deadline");
        Assert.All(rows, r =>
        {
            Assert.Contains(r.Status, OverdueStatuses);
            Assert.True(r.DueAt < now);
            Assert.Equal(Priority.Overdue, r.Priority);
            Assert.True(r.DaysLeft < 0);
        });
        Assert.Equal(expected, total);
    }

    [Fact]
    public async Task QueueQuery_OverdueOnlyForCollaborator_CountsOnlyTheUnitsOpenTreatmentsPastTheirDeadline()
    {
        var collaboratorA = await app.ActorAsync(DemoStaff.HealthCollaborator);
        var unitA = collaboratorA.UnitId!.Value;
        var now = app.Clock.GetUtcNow();
        await using var db = app.CreateDbContext();
        var assigned = await db.Manifestations.AsNoTracking().Include(m => m.Assignments)
            .Where(m => m.Assignments.Any(a => a.UnitId == unitA)).ToListAsync();
        // A unit that finalized its treatment is not late, whatever the citizen deadline says.
        var expected = assigned.Count(m => OverdueStatuses.Contains(m.Status)
            && m.Assignments.Any(a => a.UnitId == unitA && a.IsOpen && a.Role == AssignmentRole.Responsible && a.Deadline.DueAt < now));

        var (rows, total) = await AllRowsAsync(new QueueFilter { OverdueOnly = true }, collaboratorA);

        Assert.True(expected > 0);
        Assert.All(rows, r =>
        {
            Assert.True(r.DueAt < now);
            Assert.Contains(r.Status, OverdueStatuses);
        });
        Assert.Equal(expected, total);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task QueueQuery_ResolvedFilter_ReturnsEveryConcludedManifestationWithThatAnswer(bool resolved)
    {
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        await using var db = app.CreateDbContext();
        var expected = await db.Manifestations.Where(m => m.Resolved == resolved).Select(m => m.Id).ToListAsync();

        var (rows, total) = await AllRowsAsync(new QueueFilter { Resolved = resolved }, ombudsman);

        Assert.NotEmpty(expected);
        Assert.All(rows, r => Assert.Equal(ManifestationStatus.Concluded, r.Status));
        Assert.Equal(expected.Order(), rows.Select(r => r.Id).Order());
        Assert.Equal(expected.Count, total);
    }

    [Fact]
    public async Task QueueQuery_CombinedFilters_NarrowTogether()
    {
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var unitId = await app.UnitIdAsync(DemoStaff.HealthUnit);
        var withUnit = await IdsWithAssignmentToAsync(unitId);
        await using var db = app.CreateDbContext();
        var expected = (await db.Manifestations.Where(m => m.Type == ManifestationType.Complaint && m.Status == ManifestationStatus.InTreatment)
            .Select(m => m.Id).ToListAsync()).Count(withUnit.Contains);

        var (rows, total) = await AllRowsAsync(new QueueFilter { Type = ManifestationType.Complaint, Status = ManifestationStatus.InTreatment, UnitId = unitId }, ombudsman);

        Assert.All(rows, r => Assert.True(r.Type == ManifestationType.Complaint && r.Status == ManifestationStatus.InTreatment && withUnit.Contains(r.Id)));
        Assert.Equal(expected, total);
    }

    [Theory]
    [InlineData(QueueSort.Oldest)]
    [InlineData(QueueSort.Newest)]
    [InlineData(QueueSort.Deadline)]
    public async Task QueueQuery_Sort_OrdersAcrossPages(QueueSort sort)
    {
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);

        var (rows, _) = await AllRowsAsync(new QueueFilter { Sort = sort }, ombudsman);

        var keys = sort switch
        {
            QueueSort.Oldest => rows.Select(r => r.RegisteredAt).ToList(),
            QueueSort.Newest => rows.Select(r => r.RegisteredAt).Reverse().ToList(),
            QueueSort.Deadline => rows.Select(r => r.DueAt).ToList(),
        };
        Assert.Equal(keys.Order(), keys);
    }

    [Fact]
    public async Task QueueQuery_AdministratorOrCitizen_IsForbidden()
    {
        var actor = await app.ActorAsync(DemoStaff.Administrator);

        var staff = await QueryAsync(new QueueFilter(), actor);
        var citizen = await QueryAsync(new QueueFilter(), Actor.Citizen);

        Assert.Equal(ErrorKind.Forbidden, staff.Error?.Kind);
        Assert.Equal(ErrorKind.Forbidden, citizen.Error?.Kind);
    }

    [Fact]
    public async Task QueueQuery_Manager_PreviewIsTheExtractNeverTheCitizensText()
    {
        var unitA = await app.UnitIdAsync(DemoStaff.HealthUnit);
        var prepared = await app.PrepareForwardedAsync(unitA);
        var manager = await app.ActorAsync(DemoStaff.Manager);

        var (rows, _) = await AllRowsAsync(new QueueFilter { Nup = prepared.Nup }, manager);

        var row = Assert.Single(rows);
        Assert.Equal(Cases.Extract, row.Preview);
        Assert.All(await AllRowsAsync(new QueueFilter { OpenOnly = true }, manager) is var all ? all.Rows : [],
            r => Assert.DoesNotContain("Sigilosa", r.Preview ?? string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public async Task QueueQuery_CollaboratorWithTreatmentReopenedAfterTheAnswer_StillSeesItInTheDefaultQueue()
    {
        var unitA = await app.UnitIdAsync(DemoStaff.HealthUnit);
        var prepared = await app.PrepareForwardedAsync(unitA);
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var collaboratorA = await app.ActorAsync(DemoStaff.HealthCollaborator);
        var assignmentId = (await app.OpenOkAsync(prepared.Id, ombudsman, recordAccess: false)).Team.Single().Id;
        await app.WorkflowOkAsync(w => w.FinalizeTreatmentAsync(prepared.Id, assignmentId, collaboratorA));
        await app.WorkflowOkAsync(w => w.AnswerAsync(prepared.Id, "Resposta conclusiva.", true, ombudsman));
        await app.WorkflowOkAsync(w => w.ConcludeAsync(prepared.Id, false, ombudsman));
        await app.WorkflowOkAsync(w => w.ReopenTreatmentAsync(prepared.Id, assignmentId, null, collaboratorA));

        var (rows, _) = await AllRowsAsync(new QueueFilter { OpenOnly = true }, collaboratorA);

        var row = Assert.Single(rows, r => r.Id == prepared.Id);
        Assert.Equal(ManifestationStatus.Concluded, row.Status);
    }

    [Fact]
    public async Task QueueQuery_CollaboratorDefaultQueue_ManifestationWithTwoTreatmentsOfTheUnitAppearsOnce()
    {
        var unitA = await app.UnitIdAsync(DemoStaff.HealthUnit);
        var prepared = await app.PrepareForwardedAsync(unitA);
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var collaboratorA = await app.ActorAsync(DemoStaff.HealthCollaborator);
        await app.WorkflowOkAsync(w => w.ForwardAsync(prepared.Id, unitA, AssignmentRole.Responsible, collaboratorA.UserId, "Com você.", ombudsman));

        var (rows, total) = await AllRowsAsync(new QueueFilter { OpenOnly = true }, collaboratorA);
        var byNup = await QueryAsync(new QueueFilter { OpenOnly = true, Nup = prepared.Nup }, collaboratorA);

        Assert.Single(rows, r => r.Id == prepared.Id);
        Assert.Equal(rows.Count, total);
        Assert.Equal(1, byNup.Value.Total);
        Assert.Equal(prepared.Id, Assert.Single(byNup.Value.Items).Id);
    }

    [Theory]
    [InlineData(QueueSort.Oldest)]
    [InlineData(QueueSort.Newest)]
    [InlineData(QueueSort.Deadline)]
    public async Task QueueQuery_CollaboratorDefaultQueue_IsOpenManifestationsOfTheUnitPlusItsPendingTreatmentsAcrossPages(QueueSort sort)
    {
        var unitA = await app.UnitIdAsync(DemoStaff.HealthUnit);
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var collaboratorA = await app.ActorAsync(DemoStaff.HealthCollaborator);
        // One of each side: open with a finalized treatment of the unit, answered with a reopened one.
        var finalized = await app.PrepareForwardedAsync(unitA);
        var finalizedAssignment = (await app.OpenOkAsync(finalized.Id, ombudsman, recordAccess: false)).Team.Single().Id;
        await app.WorkflowOkAsync(w => w.FinalizeTreatmentAsync(finalized.Id, finalizedAssignment, collaboratorA));
        var reopened = await app.PrepareForwardedAsync(unitA);
        var reopenedAssignment = (await app.OpenOkAsync(reopened.Id, ombudsman, recordAccess: false)).Team.Single().Id;
        await app.WorkflowOkAsync(w => w.FinalizeTreatmentAsync(reopened.Id, reopenedAssignment, collaboratorA));
        await app.WorkflowOkAsync(w => w.AnswerAsync(reopened.Id, "Resposta conclusiva.", true, ombudsman));
        await app.WorkflowOkAsync(w => w.ReopenTreatmentAsync(reopened.Id, reopenedAssignment, null, collaboratorA));
        await using var db = app.CreateDbContext();
        var expected = (await db.Manifestations.AsNoTracking().Include(m => m.Assignments).ToListAsync())
            .Where(m => m.Assignments.Any(a => a.Includes(collaboratorA))
                && (m.Status.IsOpen() || m.Assignments.Any(a => a.Includes(collaboratorA) && a.IsOpen && a.Role == AssignmentRole.Responsible)))
            .Select(m => m.Id)
            .ToHashSet();

        var (rows, total) = await AllRowsAsync(new QueueFilter { OpenOnly = true, Sort = sort }, collaboratorA, pageSize: 7);

        Assert.Contains(finalized.Id, expected);
        Assert.Contains(reopened.Id, expected);
        Assert.Equal(expected.Count, total);
        Assert.Equal(expected.Order(), rows.Select(r => r.Id).Order());
        var keys = sort switch
        {
            QueueSort.Oldest => rows.Select(r => r.RegisteredAt).ToList(),
            QueueSort.Newest => rows.Select(r => r.RegisteredAt).Reverse().ToList(),
            QueueSort.Deadline => rows.Select(r => r.DueAt).ToList(),
        };
        Assert.Equal(keys.Order(), keys);
    }

    [Fact]
    public async Task QueueQuery_BothDeadlines_CollaboratorSeesTheCitizensSecondAndTheOfficeTheUnitsSecond()
    {
        var unitA = await app.UnitIdAsync(DemoStaff.HealthUnit);
        var prepared = await app.PrepareForwardedAsync(unitA);
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var collaboratorA = await app.ActorAsync(DemoStaff.HealthCollaborator);
        var page = await app.OpenOkAsync(prepared.Id, ombudsman, recordAccess: false);
        var unitDue = page.Team.Single().Deadline.DueAt;

        var forCollaborator = Assert.Single((await AllRowsAsync(new QueueFilter { Nup = prepared.Nup }, collaboratorA)).Rows);
        var forOffice = Assert.Single((await AllRowsAsync(new QueueFilter { Nup = prepared.Nup }, ombudsman)).Rows);

        Assert.Equal((unitDue, page.CitizenDeadline.DueAt, "cidadão"), (forCollaborator.DueAt, forCollaborator.OtherDueAt, forCollaborator.OtherDueLabel));
        Assert.Equal((page.CitizenDeadline.DueAt, unitDue, "unidade"), (forOffice.DueAt, forOffice.OtherDueAt, forOffice.OtherDueLabel));
    }
}

public sealed class QueueQueryTestsSqlite(SqliteDemoApp app) : QueueQueryTests(app), IClassFixture<SqliteDemoApp>;

public sealed class QueueQueryTestsPostgres(PostgresDemoApp app) : QueueQueryTests(app), IClassFixture<PostgresDemoApp>;
