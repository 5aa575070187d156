using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Tests.Support;

namespace Ouvidoria.Tests.Domain;

/// <summary>
/// What units ask of the ombudsman inside the system: the one 20-day extension of their deadline
/// (manual 2.1) and another collaborator (manual 2.4 passo 2); and the "Demanda resolvida?" report.
/// </summary>
public sealed class UnitRequestsTests
{
    private static readonly Actor Ombudsman = Actors.Ombudsman;
    private static readonly Actor CollaboratorA = Actors.CollaboratorOf(Actors.UnitA);
    private static readonly Actor CollaboratorB = Actors.CollaboratorOf(Actors.UnitB);

    private readonly FakeTimeProvider _clock = new();

    private DateTimeOffset Now => _clock.GetUtcNow();

    [Fact]
    public void RequestUnitDeadlineExtension_Granted_MovesTheUnitDeadline20DaysOnce()
    {
        var m = InTreatment();
        var assignment = m.Assignments[0];
        var due = assignment.Deadline.DueAt;

        m.RequestUnitDeadlineExtension(assignment.Id, "Aguardamos o laudo da vigilância sanitária.", CollaboratorA, Now);
        Assert.True(assignment.HasPendingExtensionRequest);
        Assert.Equal(due, assignment.Deadline.DueAt);
        DomainAssert.LastHistory(m, HistoryAction.UnitDeadlineExtensionRequested, CollaboratorA, Now);

        m.DecideUnitDeadlineExtension(assignment.Id, grant: true, null, Ombudsman, Now, terms: DeadlineTerms.Legal);

        Assert.Equal(due.AddDays(DeadlinePolicy.UnitExtensionDays), assignment.Deadline.DueAt);
        Assert.True(assignment.Deadline.Extended);
        Assert.Equal("Aguardamos o laudo da vigilância sanitária.", assignment.Deadline.ExtensionJustification);
        Assert.False(assignment.HasPendingExtensionRequest);
        DomainAssert.LastHistory(m, HistoryAction.UnitDeadlineExtended, Ombudsman, Now);
        DomainAssert.ThrowsAndKeepsState(m, () => m.RequestUnitDeadlineExtension(assignment.Id, "De novo, por favor.", CollaboratorA, Now));
    }

    [Fact]
    public void DecideUnitDeadlineExtension_Refused_NeedsReasonKeepsDeadlineAndAllowsANewRequest()
    {
        var m = InTreatment();
        var assignment = m.Assignments[0];
        var due = assignment.Deadline.DueAt;
        m.RequestUnitDeadlineExtension(assignment.Id, "Aguardamos o laudo.", CollaboratorA, Now);

        DomainAssert.ThrowsAndKeepsState(m, () => m.DecideUnitDeadlineExtension(assignment.Id, false, null, Ombudsman, Now, terms: DeadlineTerms.Legal));
        m.DecideUnitDeadlineExtension(assignment.Id, false, "O laudo não é necessário para responder.", Ombudsman, Now, terms: DeadlineTerms.Legal);

        Assert.Equal(due, assignment.Deadline.DueAt);
        Assert.False(assignment.HasPendingExtensionRequest);
        Assert.Contains("indeferido", m.Messages[^1].Text, StringComparison.Ordinal);
        m.RequestUnitDeadlineExtension(assignment.Id, "Agora com o pedido da perícia em anexo.", CollaboratorA, Now);
    }

    [Fact]
    public void RequestUnitDeadlineExtension_WrongActorsAndStates_AreRefused()
    {
        var m = InTreatment();
        var assignment = m.Assignments[0];

        DomainAssert.ThrowsAndKeepsState(m, () => m.RequestUnitDeadlineExtension(assignment.Id, "Justificativa.", CollaboratorB, Now));
        DomainAssert.ThrowsAndKeepsState(m, () => m.RequestUnitDeadlineExtension(assignment.Id, "Justificativa.", Ombudsman, Now));
        DomainAssert.ThrowsAndKeepsState(m, () => m.RequestUnitDeadlineExtension(assignment.Id, " ", CollaboratorA, Now));
        DomainAssert.ThrowsAndKeepsState(m, () => m.DecideUnitDeadlineExtension(assignment.Id, true, null, Ombudsman, Now, terms: DeadlineTerms.Legal));
        m.RequestUnitDeadlineExtension(assignment.Id, "Justificativa.", CollaboratorA, Now);
        DomainAssert.ThrowsAndKeepsState(m, () => m.RequestUnitDeadlineExtension(assignment.Id, "Outra.", CollaboratorA, Now));
        DomainAssert.ThrowsAndKeepsState(m, () => m.DecideUnitDeadlineExtension(assignment.Id, true, null, CollaboratorA, Now, terms: DeadlineTerms.Legal));
    }

    [Fact]
    public void ExtendUnitDeadline_ByTheOmbudsman_ClearsAPendingRequest()
    {
        var m = InTreatment();
        var assignment = m.Assignments[0];
        m.RequestUnitDeadlineExtension(assignment.Id, "Aguardamos o laudo.", CollaboratorA, Now);

        m.ExtendUnitDeadline(assignment.Id, "Prorrogado de ofício.", Ombudsman, Now, terms: DeadlineTerms.Legal);

        Assert.False(assignment.HasPendingExtensionRequest);
        Assert.True(assignment.Deadline.Extended);
    }

    [Fact]
    public void RequestCollaborator_Accepted_ForwardsToTheChosenUserWithTheReason()
    {
        var m = InTreatment();

        var request = m.RequestCollaborator(m.Assignments[0].Id, "Prof. João Pereira", Actors.UnitB, AssignmentRole.Observer, "Coordena o laboratório citado no relato.", CollaboratorA, Now);
        DomainAssert.LastHistory(m, HistoryAction.CollaboratorRequested, CollaboratorA, Now);
        var assignment = m.DecideCollaboratorRequest(request.Id, true, "joao", "João Pereira", null, Ombudsman, Now, terms: DeadlineTerms.Legal);

        Assert.NotNull(assignment);
        Assert.Equal(Actors.UnitB, assignment.UnitId);
        Assert.Equal(AssignmentRole.Observer, assignment.Role);
        Assert.Equal("joao", assignment.CollaboratorId);
        Assert.Contains("Coordena o laboratório", assignment.Instructions, StringComparison.Ordinal);
        Assert.Equal(RequestStatus.Granted, request.Status);
        Assert.Equal(assignment.Id, request.CreatedAssignmentId);
        DomainAssert.LastHistory(m, HistoryAction.CollaboratorRequestAccepted, Ombudsman, Now);
        DomainAssert.ThrowsAndKeepsState(m, () => m.DecideCollaboratorRequest(request.Id, false, null, null, "Tarde demais.", Ombudsman, Now, terms: DeadlineTerms.Legal));
    }

    [Fact]
    public void RequestCollaborator_Refused_NeedsAReason()
    {
        var m = InTreatment();
        var request = m.RequestCollaborator(m.Assignments[0].Id, "Prof. João", Actors.UnitB, AssignmentRole.Observer, "Ajuda na apuração.", CollaboratorA, Now);

        DomainAssert.ThrowsAndKeepsState(m, () => m.DecideCollaboratorRequest(request.Id, false, null, null, " ", Ombudsman, Now, terms: DeadlineTerms.Legal));
        Assert.Null(m.DecideCollaboratorRequest(request.Id, false, null, null, "A unidade já tem acesso aos dados necessários.", Ombudsman, Now, terms: DeadlineTerms.Legal));

        Assert.Equal(RequestStatus.Refused, request.Status);
        Assert.Single(m.Assignments);
    }

    [Fact]
    public void RequestCollaborator_InvalidInput_IsRefused()
    {
        var m = InTreatment();
        var id = m.Assignments[0].Id;

        DomainAssert.ThrowsAndKeepsState(m, () => m.RequestCollaborator(id, " ", Actors.UnitB, AssignmentRole.Observer, "Motivo.", CollaboratorA, Now));
        DomainAssert.ThrowsAndKeepsState(m, () => m.RequestCollaborator(id, "João", Guid.Empty, AssignmentRole.Observer, "Motivo.", CollaboratorA, Now));
        DomainAssert.ThrowsAndKeepsState(m, () => m.RequestCollaborator(id, "João", Actors.UnitB, AssignmentRole.Observer, " ", CollaboratorA, Now));
        DomainAssert.ThrowsAndKeepsState(m, () => m.RequestCollaborator(id, "João", Actors.UnitB, AssignmentRole.Observer, "Motivo.", CollaboratorB, Now));
        DomainAssert.ThrowsAndKeepsState(m, () => m.RequestCollaborator(id, "João", Actors.UnitB, AssignmentRole.Observer, "Motivo.", Ombudsman, Now));
        var request = m.RequestCollaborator(id, "João", Actors.UnitB, AssignmentRole.Observer, "Motivo.", CollaboratorA, Now);
        DomainAssert.ThrowsAndKeepsState(m, () => m.DecideCollaboratorRequest(request.Id, true, null, null, null, Ombudsman, Now, terms: DeadlineTerms.Legal));
        DomainAssert.ThrowsAndKeepsState(m, () => m.DecideCollaboratorRequest(request.Id, true, "joao", "João", null, CollaboratorA, Now, terms: DeadlineTerms.Legal));
    }

    [Fact]
    public void ReportResolution_UnresolvedDemand_ReopensRecordsAndTheOmbudsmanRecordsTheResolution()
    {
        var m = new ManifestationBuilder().WithClock(_clock).Concluded(resolved: false).Build();
        var assignment = m.Assignments.Single(a => a.Role == AssignmentRole.Responsible);
        Assert.False(assignment.IsOpen);
        _clock.Advance(TimeSpan.FromDays(40));
        var concludedOn = DateOnly.FromDateTime(Now.UtcDateTime.AddDays(-2));

        var message = m.ReportResolution(assignment.Id, concludedOn, "Equipe recomposta e posto reaberto.", 1, CollaboratorA, Now, terms: DeadlineTerms.Legal);

        Assert.True(assignment.IsOpen);
        Assert.True(m.AwaitsResolutionRecord);
        Assert.Equal(concludedOn, m.ResolutionReportedOn);
        Assert.Contains($"{concludedOn:dd/MM/yyyy}", message.Text, StringComparison.Ordinal);
        DomainAssert.LastHistory(m, HistoryAction.ResolutionReported, CollaboratorA, Now);

        m.RecordResolution(m.ResolutionReportSynthesis!, Ombudsman, Now);

        Assert.True(m.Resolved);
        Assert.False(m.AwaitsResolutionRecord);
        Assert.All(m.Assignments, a => Assert.False(a.IsOpen));
    }

    [Fact]
    public void ReportResolution_InvalidCases_AreRefused()
    {
        var resolved = new ManifestationBuilder().WithClock(_clock).Concluded(resolved: true).Build();
        var m = new ManifestationBuilder().WithClock(_clock).Concluded(resolved: false).Build();
        var id = m.Assignments.Single(a => a.Role == AssignmentRole.Responsible).Id;
        var today = DateOnly.FromDateTime(Now.UtcDateTime.AddHours(-3));

        DomainAssert.ThrowsAndKeepsState(resolved, () => resolved.ReportResolution(resolved.Assignments[0].Id, today, "Síntese.", 1, CollaboratorA, Now, terms: DeadlineTerms.Legal));
        DomainAssert.ThrowsAndKeepsState(m, () => m.ReportResolution(id, today, "Síntese.", 0, CollaboratorA, Now, terms: DeadlineTerms.Legal));
        DomainAssert.ThrowsAndKeepsState(m, () => m.ReportResolution(id, today, " ", 1, CollaboratorA, Now, terms: DeadlineTerms.Legal));
        DomainAssert.ThrowsAndKeepsState(m, () => m.ReportResolution(id, today.AddDays(2), "Síntese.", 1, CollaboratorA, Now, terms: DeadlineTerms.Legal));
        DomainAssert.ThrowsAndKeepsState(m, () => m.ReportResolution(id, today.AddYears(-3), "Síntese.", 1, CollaboratorA, Now, terms: DeadlineTerms.Legal));
        DomainAssert.ThrowsAndKeepsState(m, () => m.ReportResolution(id, today, "Síntese.", 1, CollaboratorB, Now, terms: DeadlineTerms.Legal));
        DomainAssert.ThrowsAndKeepsState(m, () => m.ReportResolution(id, today, "Síntese.", 1, Ombudsman, Now, terms: DeadlineTerms.Legal));
    }

    private Manifestation InTreatment() =>
        new ManifestationBuilder().WithClock(_clock).InTreatment(Actors.UnitA).Build();
}
