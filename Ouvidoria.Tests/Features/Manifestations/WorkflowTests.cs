using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Tests.Support.Integration;
using Ouvidoria.Web.Features.Citizen;
using Ouvidoria.Web.Features.Manifestations;
using Ouvidoria.Web.Features.Queue;

namespace Ouvidoria.Tests.Features.Manifestations;

/// <summary>
/// The case lifecycle through the real use cases and database: each step persisted, illegal
/// actions refused in pt-BR without side effects, concurrent edits detected.
/// </summary>
public abstract class WorkflowTests(OuvidoriaAppFactory app)
{
    private const string ConflictMessage = "A manifestação foi alterada por outra pessoa enquanto você trabalhava. Recarregue a página e tente novamente.";

    private sealed record Snapshot(int Version, ManifestationStatus Status, DateTimeOffset LastChangedAt, int History, int Answers, int Messages, string? InternalNote, string? Extract);

    private async Task<Snapshot> SnapshotAsync(Guid id)
    {
        await using var db = app.CreateDbContext();
        var m = await db.Manifestations.AsNoTracking().SingleAsync(x => x.Id == id);
        return new Snapshot(
            m.Version,
            m.Status,
            m.LastChangedAt,
            await db.History.CountAsync(h => h.ManifestationId == id),
            await db.CitizenAnswers.CountAsync(a => a.ManifestationId == id),
            await db.TreatmentMessages.CountAsync(x => x.ManifestationId == id),
            m.InternalNote,
            m.Extract);
    }

    [Fact]
    public async Task Workflow_RegisterToConclusiveAnswer_CitizenSeesTheAnswer()
    {
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var collaboratorA = await app.ActorAsync(DemoStaff.HealthCollaborator);
        var unitA = collaboratorA.UnitId!.Value;
        var health = await app.ThemeIdAsync(Registrations.ThemeRequiringEmail);
        var receipt = await app.RegisterOkAsync(Registrations.Identified(health, ManifestationType.Complaint, "Falta de remédios de uso contínuo na farmácia municipal."));
        var id = receipt.Id;

        // One minute between steps, so the history's order is the order of the steps.
        async Task Step(Func<ManifestationWorkflow, Task<Result<Done>>> action)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(1));
            await app.WorkflowOkAsync(action);
        }

        await Step(w => w.StartTriageAsync(id, ombudsman));
        Assert.Equal(ManifestationStatus.InTriage, (await app.OpenOkAsync(id, ombudsman, recordAccess: false)).Status);

        await Step(w => w.ClassifyAsync(id, ManifestationType.Request, health, "Falta de medicamentos na farmácia municipal", ombudsman));
        await Step(w => w.WriteExtractAsync(id, "Relato de falta de medicamentos de uso contínuo na farmácia municipal.", ombudsman));
        await Step(w => w.ForwardAsync(id, unitA, AssignmentRole.Responsible, null, "Verificar o estoque e responder.", ombudsman));

        var forwarded = await app.OpenOkAsync(id, collaboratorA);
        Assert.Equal(ManifestationStatus.InTreatment, forwarded.Status);
        Assert.Equal(ManifestationType.Request, forwarded.Type);
        Assert.Equal("Falta de medicamentos na farmácia municipal", forwarded.Subject);
        var assignment = Assert.Single(forwarded.Team);
        Assert.Equal((unitA, AssignmentRole.Responsible, TreatmentStatus.Open), (assignment.UnitId, assignment.Role, assignment.Status));
        Assert.Equal(app.Clock.GetUtcNow().AddDays(DeadlinePolicy.UnitAnswerDays), assignment.Deadline.DueAt);
        Assert.True(forwarded.Can.PostMessage);
        Assert.Equal([assignment.Id], forwarded.Can.Finalize);
        Assert.False(forwarded.Can.Answer);

        await Step(w => w.PostMessageAsync(id, "O estoque foi reposto em 10/03; a entrega está normalizada.", MessageVisibility.Team, collaboratorA));
        await Step(w => w.FinalizeTreatmentAsync(id, assignment.Id, collaboratorA));

        var beforeAnswer = await app.OpenOkAsync(id, ombudsman);
        Assert.Equal(TreatmentStatus.Finalized, Assert.Single(beforeAnswer.Team).Status);
        Assert.True(beforeAnswer.Can.AnswerConclusively);
        Assert.Equal(DemoStaff.NameOf(DemoStaff.HealthCollaborator), Assert.Single(beforeAnswer.Messages).AuthorName);

        const string answer = "Prezada manifestante, o estoque foi reposto e a entrega de medicamentos está normalizada.";
        await Step(w => w.AnswerAsync(id, answer, conclusive: true, ombudsman));

        var consulted = await app.WithAsync<ConsultManifestation, Result<CitizenView>>(c => c.ExecuteAsync(receipt.Nup, receipt.Password));
        Assert.True(consulted.IsSuccess, consulted.Error?.Message);
        Assert.Equal(ManifestationStatus.Answered, consulted.Value.Status);
        var seen = Assert.Single(consulted.Value.Answers);
        Assert.Equal((answer, true), (seen.Text, seen.IsConclusive));

        await using var db = app.CreateDbContext();
        var actions = (await db.History.AsNoTracking().Where(h => h.ManifestationId == id).ToListAsync())
            .OrderBy(h => h.At)
            .Select(h => h.Action)
            .Where(a => a is not (HistoryAction.Viewed or HistoryAction.ConsultedByCitizen))
            .ToList();
        Assert.Equal(
            [HistoryAction.Registered, HistoryAction.TriageStarted, HistoryAction.Classified, HistoryAction.ExtractWritten, HistoryAction.Forwarded,
             HistoryAction.MessagePosted, HistoryAction.TreatmentFinalized, HistoryAction.ConclusiveAnswerSent],
            actions);
        var stored = await db.Manifestations.AsNoTracking().SingleAsync(m => m.Id == id);
        Assert.Equal(ManifestationStatus.Answered, stored.Status);
        Assert.Equal(app.Clock.GetUtcNow(), stored.AnsweredAt);
    }

    [Fact]
    public async Task ConsultManifestation_ComplementRequested_CitizenAnswersAndTheClockResumes()
    {
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var themeId = await app.ThemeIdAsync(Registrations.ThemeWithoutPersonalData);
        var receipt = await app.RegisterOkAsync(Registrations.Identified(themeId));
        const string request = "Informe o endereço do posto e a data aproximada do atendimento.";
        await app.WorkflowOkAsync(w => w.StartTriageAsync(receipt.Id, ombudsman));
        await app.WorkflowOkAsync(w => w.RequestComplementAsync(receipt.Id, request, ombudsman));
        var requestedAt = app.Clock.GetUtcNow();

        var waiting = await app.WithAsync<ConsultManifestation, Result<CitizenView>>(c => c.ExecuteAsync(receipt.Nup, receipt.Password));
        Assert.Equal(ManifestationStatus.AwaitingComplement, waiting.Value.Status);
        Assert.Equal(request, waiting.Value.ComplementRequest);
        Assert.Equal(requestedAt.AddDays(DeadlinePolicy.ComplementDays), waiting.Value.ComplementDueAt);

        app.Clock.Advance(TimeSpan.FromDays(3));
        var answered = await app.WithAsync<ConsultManifestation, Result<CitizenView>>(c =>
            c.SendComplementAsync(receipt.Nup, receipt.Password, "Posto do bairro Esperança, em 2 de março."));

        Assert.True(answered.IsSuccess, answered.Error?.Message);
        Assert.Equal(ManifestationStatus.InTriage, answered.Value.Status);
        Assert.Null(answered.Value.ComplementRequest);
        Assert.Equal(receipt.DueAt.AddDays(3), answered.Value.DueAt);
        var details = await app.OpenOkAsync(receipt.Id, ombudsman, recordAccess: false);
        Assert.Contains("Posto do bairro Esperança, em 2 de março.", details.ComplementText);
        Assert.Equal(receipt.DueAt.AddDays(3), details.CitizenDeadline.DueAt);
    }

    [Fact]
    public async Task SendComplementAsync_WrongPassword_GivesTheGenericFailureAndChangesNothing()
    {
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var themeId = await app.ThemeIdAsync(Registrations.ThemeWithoutPersonalData);
        var receipt = await app.RegisterOkAsync(Registrations.Identified(themeId));
        await app.WorkflowOkAsync(w => w.StartTriageAsync(receipt.Id, ombudsman));
        await app.WorkflowOkAsync(w => w.RequestComplementAsync(receipt.Id, "Informe a data do fato.", ombudsman));
        var before = await SnapshotAsync(receipt.Id);

        var result = await app.WithAsync<ConsultManifestation, Result<CitizenView>>(c => c.SendComplementAsync(receipt.Nup, "senhaErrada", "Complemento de um estranho."));

        Assert.Equal(ErrorKind.NotFound, result.Error?.Kind);
        Assert.Equal(ConsultManifestation.GenericFailure, result.Error!.Message);
        Assert.Equal(before, await SnapshotAsync(receipt.Id));
    }

    [Fact]
    public async Task AnswerAsync_Collaborator_ReturnsPtBrErrorAndChangesNothing()
    {
        var unitA = await app.UnitIdAsync(DemoStaff.HealthUnit);
        var prepared = await app.PrepareForwardedAsync(unitA);
        var collaboratorA = await app.ActorAsync(DemoStaff.HealthCollaborator);
        var before = await SnapshotAsync(prepared.Id);

        var result = await app.WorkflowAsync(w => w.AnswerAsync(prepared.Id, "Resposta indevida do colaborador.", conclusive: true, collaboratorA));

        Assert.False(result.IsSuccess);
        Assert.Equal(ErrorKind.Validation, result.Error!.Kind);
        Assert.Equal("Somente a Ouvidoria pode responder ao manifestante.", result.Error.Message);
        Assert.Equal(before, await SnapshotAsync(prepared.Id));
    }

    [Fact]
    public async Task AnswerAsync_ConclusiveWhileAUnitTreatmentIsOpen_ReturnsPtBrErrorAndChangesNothing()
    {
        var unitA = await app.UnitIdAsync(DemoStaff.HealthUnit);
        var prepared = await app.PrepareForwardedAsync(unitA);
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var before = await SnapshotAsync(prepared.Id);

        var result = await app.WorkflowAsync(w => w.AnswerAsync(prepared.Id, "Resposta conclusiva antecipada.", conclusive: true, ombudsman));

        Assert.Equal(ErrorKind.Validation, result.Error?.Kind);
        Assert.Equal("Há unidades com tratamento em aberto: aguarde que finalizem (ou finalize-os) antes da resposta conclusiva.", result.Error!.Message);
        Assert.Equal(before, await SnapshotAsync(prepared.Id));
    }

    [Fact]
    public async Task PostMessageAsync_CollaboratorOfAnotherUnit_IsForbiddenAndChangesNothing()
    {
        var unitA = await app.UnitIdAsync(DemoStaff.HealthUnit);
        var prepared = await app.PrepareForwardedAsync(unitA);
        var collaboratorB = await app.ActorAsync(DemoStaff.EducationCollaborator);
        var before = await SnapshotAsync(prepared.Id);

        var result = await app.WorkflowAsync(w => w.PostMessageAsync(prepared.Id, "Mensagem de unidade alheia.", MessageVisibility.Team, collaboratorB));

        Assert.Equal(ErrorKind.Forbidden, result.Error?.Kind);
        Assert.Equal(before, await SnapshotAsync(prepared.Id));
    }

    [Fact]
    public async Task StartTriageAsync_AlreadyInTreatment_ReturnsPtBrStatusError()
    {
        var unitA = await app.UnitIdAsync(DemoStaff.HealthUnit);
        var prepared = await app.PrepareForwardedAsync(unitA);
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var before = await SnapshotAsync(prepared.Id);

        var result = await app.WorkflowAsync(w => w.StartTriageAsync(prepared.Id, ombudsman));

        Assert.Equal(ErrorKind.Validation, result.Error?.Kind);
        Assert.Equal("Não é possível iniciar a triagem: a manifestação está \"Em tratamento\".", result.Error!.Message);
        Assert.Equal(before, await SnapshotAsync(prepared.Id));
    }

    [Fact]
    public async Task Workflow_TwoConcurrentEditsOfTheSameManifestation_SecondGetsConflict()
    {
        var unitA = await app.UnitIdAsync(DemoStaff.HealthUnit);
        var prepared = await app.PrepareForwardedAsync(unitA);
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var before = await SnapshotAsync(prepared.Id);
        const string note = "Nota escrita pela primeira analista.";
        const string extract = "Extrato reescrito pela segunda analista.";

        Result<Done>[] results;
        using (app.Rendezvous.Arm(participants: 2))
        {
            // Both use cases load version N before either saves: a real lost-update race.
            results = await Task.WhenAll(
                Task.Run(() => app.WorkflowAsync(w => w.WriteInternalNoteAsync(prepared.Id, note, ombudsman))),
                Task.Run(() => app.WorkflowAsync(w => w.WriteExtractAsync(prepared.Id, extract, ombudsman))));
        }

        Assert.Single(results, r => r.IsSuccess);
        var loser = Assert.Single(results, r => !r.IsSuccess);
        Assert.Equal(ErrorKind.Conflict, loser.Error!.Kind);
        Assert.Equal(ConflictMessage, loser.Error.Message);
        var after = await SnapshotAsync(prepared.Id);
        Assert.Equal(before.Version + 1, after.Version);
        Assert.Equal(before.History + 1, after.History);
        var noteWon = results[0].IsSuccess;
        Assert.Equal(noteWon ? note : before.InternalNote, after.InternalNote);
        Assert.Equal(noteWon ? before.Extract : extract, after.Extract);
    }

    [Fact]
    public async Task SaveChanges_StaleManifestation_IsRejectedByTheVersionToken()
    {
        var unitA = await app.UnitIdAsync(DemoStaff.HealthUnit);
        var prepared = await app.PrepareForwardedAsync(unitA);
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        await using var stale = app.CreateDbContext();
        var staleCopy = await stale.Manifestations.SingleAsync(m => m.Id == prepared.Id);

        await app.WorkflowOkAsync(w => w.WriteInternalNoteAsync(prepared.Id, "Alteração feita por outra pessoa.", ombudsman));
        staleCopy.Classify(ManifestationType.Suggestion, null, "Assunto que não deve ser gravado", ombudsman, app.Clock.GetUtcNow());

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => stale.SaveChangesAsync());
        var after = await SnapshotAsync(prepared.Id);
        Assert.Equal("Alteração feita por outra pessoa.", after.InternalNote);
    }

    [Fact]
    public async Task QueueQuery_CollaboratorAfterFinalizingTreatment_ShowsTheSameDeadlineAsTheManifestationPage()
    {
        var unitA = await app.UnitIdAsync(DemoStaff.HealthUnit);
        var unitB = await app.UnitIdAsync(DemoStaff.EducationUnit);
        var prepared = await app.PrepareForwardedAsync(unitA, unitB);
        var collaboratorA = await app.ActorAsync(DemoStaff.HealthCollaborator);
        var mine = (await app.OpenOkAsync(prepared.Id, collaboratorA, recordAccess: false)).Team.Single(t => t.IsMine);
        await app.WorkflowOkAsync(w => w.FinalizeTreatmentAsync(prepared.Id, mine.Id, collaboratorA));

        var page = await app.OpenOkAsync(prepared.Id, collaboratorA, recordAccess: false);
        var queue = await app.WithAsync<QueueQuery, Result<QueuePage>>(q => q.ExecuteAsync(new QueueFilter { Nup = prepared.Nup }, collaboratorA, 0, 10));

        var row = Assert.Single(queue.Value.Items);
        Assert.Equal(page.ViewerDeadline.DueAt, row.DueAt);
    }
}

public sealed class WorkflowTestsSqlite(SqliteDemoApp app) : WorkflowTests(app), IClassFixture<SqliteDemoApp>;

public sealed class WorkflowTestsPostgres(PostgresDemoApp app) : WorkflowTests(app), IClassFixture<PostgresDemoApp>;
