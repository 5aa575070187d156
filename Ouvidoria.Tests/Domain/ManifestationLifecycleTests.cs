using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Tests.Support;

namespace Ouvidoria.Tests.Domain;

/// <summary>
/// The case lifecycle (DOMAIN.md): one test per legal transition, a matrix of every transition
/// attempted from a status that forbids it, the role rules, the anonymity rules and who may read.
/// </summary>
public sealed class ManifestationLifecycleTests
{
    private static readonly Actor Ombudsman = Actors.Ombudsman;
    private static readonly Actor CollaboratorA = Actors.CollaboratorOf(Actors.UnitA);
    private static readonly Actor CollaboratorB = Actors.CollaboratorOf(Actors.UnitB);
    private static readonly Guid ThemeId = Guid.Parse("7e5e0000-0000-0000-0000-000000000001");

    private readonly FakeTimeProvider _clock = new();

    /// <summary>Every call the matrices try.</summary>
    public enum Operation
    {
        StartTriage,
        Classify,
        WriteInternalNote,
        WriteExtract,
        RequestComplement,
        ReceiveComplement,
        Forward,
        PostMessage,
        FinalizeTreatment,
        ReopenTreatment,
        ExtendDeadline,
        ExtendUnitDeadline,
        IntermediateAnswer,
        ConclusiveAnswer,
        Conclude,
        RecordResolution,
        Archive,
        AddAttachment,
    }

    private DateTimeOffset Now => _clock.GetUtcNow();

    private ManifestationBuilder NewManifestation => new ManifestationBuilder().WithClock(_clock);

    // ---------------------------------------------------------------- registration

    [Fact]
    public void Register_IdentifiedComplaintWithConsent_IsRegisteredWithDeadlineAndHistory()
    {
        var nup = ManifestationBuilder.NextNup();
        var requester = new Requester("  Maria da Silva ", "maria@exemplo.com.br", null);

        var m = Manifestation.Register(
            nup, ManifestationType.Complaint, Channel.WhatsApp, ThemeId, "  Posto fechado ", "  O posto está fechado.  ",
            requester, consentToShare: true, ProtocolPassword.Hash("Senha2345a"), Now, terms: DeadlineTerms.Legal);

        Assert.Equal(ManifestationStatus.Registered, m.Status);
        Assert.NotEqual(Guid.Empty, m.Id);
        Assert.Equal(nup, m.Nup);
        Assert.Equal(ManifestationType.Complaint, m.Type);
        Assert.Equal(Channel.WhatsApp, m.Channel);
        Assert.Equal(ThemeId, m.ThemeId);
        Assert.Equal("Posto fechado", m.Subject);
        Assert.Equal("O posto está fechado.", m.Description);
        Assert.Equal("Maria da Silva", m.Requester!.Name);
        Assert.False(m.IsAnonymous);
        Assert.True(m.ConsentToShare);
        Assert.Equal(Now, m.RegisteredAt);
        Assert.Equal(Now, m.LastChangedAt);
        Assert.Equal(Now.AddDays(30), m.CitizenDeadline.DueAt);
        Assert.True(m.VerifyPassword("Senha2345a"));
        Assert.Null(m.Extract);
        Assert.Empty(m.Assignments);
        var entry = Assert.Single(m.History);
        Assert.Equal(HistoryAction.Registered, entry.Action);
        Assert.Null(entry.ActorId);
        Assert.Equal(Actor.Citizen.Name, entry.ActorName);
        Assert.Equal("Canal: WhatsApp", entry.Details);
        Assert.Equal(Now, entry.At);
    }

    [Fact]
    public void Register_WithoutSubject_UsesTheTypeAndNeverTheCitizensText()
    {
        var m = NewManifestation.OfType(ManifestationType.Request).WithDescription("Maria da Silva, CPF 123.456.789-09, pede poda de árvore.").Build();

        Assert.Equal("Solicitação de providências", m.Subject);
        Assert.DoesNotContain("Maria", m.Subject);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Register_AnonymousCommunication_IsRegisteredWithoutIdentityNorConsent(bool consentAsked)
    {
        var m = Manifestation.Register(
            ManifestationBuilder.NextNup(), ManifestationType.Communication, Channel.Web, null, null,
            "Servidor recebe propina no balcão.", null, consentAsked, ProtocolPassword.Hash("Senha2345a"), Now, terms: DeadlineTerms.Legal);

        Assert.Equal(ManifestationStatus.Registered, m.Status);
        Assert.True(m.IsAnonymous);
        Assert.Null(m.Requester);
        Assert.False(m.ConsentToShare);
    }

    [Theory]
    [InlineData(ManifestationType.Complaint)]
    [InlineData(ManifestationType.Denunciation)]
    [InlineData(ManifestationType.Compliment)]
    [InlineData(ManifestationType.Suggestion)]
    [InlineData(ManifestationType.Request)]
    [InlineData(ManifestationType.Simplification)]
    public void Register_AnonymousOtherThanCommunication_ThrowsDomainException(ManifestationType type)
    {
        DomainAssert.Throws(() => Manifestation.Register(
            ManifestationBuilder.NextNup(), type, Channel.Web, null, null, "Texto.", null, false, "hash", Now, terms: DeadlineTerms.Legal));
    }

    [Fact]
    public void Register_IdentifiedCommunication_ThrowsDomainException()
    {
        var exception = DomainAssert.Throws(() => Manifestation.Register(
            ManifestationBuilder.NextNup(), ManifestationType.Communication, Channel.Web, null, null, "Texto.",
            ManifestationBuilder.DefaultRequester(), true, "hash", Now, terms: DeadlineTerms.Legal));

        Assert.Contains("anônima", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ManifestationType.Complaint)]
    [InlineData(ManifestationType.Denunciation)]
    [InlineData(ManifestationType.Compliment)]
    [InlineData(ManifestationType.Suggestion)]
    [InlineData(ManifestationType.Request)]
    [InlineData(ManifestationType.Simplification)]
    public void Register_IdentifiedWithoutConsent_ThrowsDomainException(ManifestationType type)
    {
        var exception = DomainAssert.Throws(() => Manifestation.Register(
            ManifestationBuilder.NextNup(), type, Channel.Web, null, null, "Texto.",
            ManifestationBuilder.DefaultRequester(), consentToShare: false, "hash", Now, terms: DeadlineTerms.Legal));

        Assert.Contains("LGPD", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n ")]
    public void Register_EmptyDescription_ThrowsDomainException(string description)
    {
        DomainAssert.Throws(() => NewManifestation.WithDescription(description).Build());
    }

    [Fact]
    public void Register_DescriptionOverTheLimit_ThrowsDomainException()
    {
        var atLimit = NewManifestation.WithDescription(new string('a', Manifestation.MaxDescriptionLength)).Build();

        DomainAssert.Throws(() => NewManifestation.WithDescription(new string('a', Manifestation.MaxDescriptionLength + 1)).Build());
        Assert.Equal(ManifestationStatus.Registered, atLimit.Status);
    }

    // ---------------------------------------------------------------- triage

    [Fact]
    public void StartTriage_Registered_GoesToInTriage()
    {
        var m = Build(NewManifestation.Registered());

        m.StartTriage(Ombudsman, Now);

        Assert.Equal(ManifestationStatus.InTriage, m.Status);
        Assert.Equal(Now, m.LastChangedAt);
        DomainAssert.LastHistory(m, HistoryAction.TriageStarted, Ombudsman, Now);
    }

    [Theory]
    [InlineData(ManifestationStatus.InTriage)]
    [InlineData(ManifestationStatus.InTreatment)]
    public void Classify_AllowedStatus_ChangesTypeThemeAndSubject(ManifestationStatus status)
    {
        var m = Build(NewManifestation.InStatus(status));

        m.Classify(ManifestationType.Denunciation, ThemeId, "  Atendimento na UBS  ", Ombudsman, Now);

        Assert.Equal(status, m.Status);
        Assert.Equal(ManifestationType.Denunciation, m.Type);
        Assert.Equal(ThemeId, m.ThemeId);
        Assert.Equal("Atendimento na UBS", m.Subject);
        var entry = DomainAssert.LastHistory(m, HistoryAction.Classified, Ombudsman, Now);
        Assert.Equal("Tipo: Reclamação → Denúncia", entry.Details);
    }

    [Fact]
    public void Classify_SameType_RecordsWithoutTypeChangeDetails()
    {
        var m = Build(NewManifestation.InTriage());

        m.Classify(ManifestationType.Complaint, null, "Outro assunto", Ombudsman, Now);

        Assert.Equal("Outro assunto", m.Subject);
        Assert.Null(DomainAssert.LastHistory(m, HistoryAction.Classified, Ombudsman, Now).Details);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Classify_EmptySubject_ThrowsAndKeepsState(string subject)
    {
        var m = Build(NewManifestation.InTriage());

        DomainAssert.ThrowsAndKeepsState(m, () => m.Classify(ManifestationType.Request, null, subject, Ombudsman, Now));
    }

    [Fact]
    public void Classify_IdentifiedAsCommunication_ThrowsAndKeepsState()
    {
        var m = Build(NewManifestation.Identified().InTriage());

        DomainAssert.ThrowsAndKeepsState(m, () => m.Classify(ManifestationType.Communication, null, "Assunto", Ombudsman, Now));
    }

    [Theory]
    [InlineData(ManifestationType.Denunciation)]
    [InlineData(ManifestationType.Complaint)]
    [InlineData(ManifestationType.Suggestion)]
    public void Classify_AnonymousAsIdentifiedType_ThrowsAndKeepsState(ManifestationType type)
    {
        var m = Build(NewManifestation.Anonymous().InTriage());

        DomainAssert.ThrowsAndKeepsState(m, () => m.Classify(type, null, "Assunto", Ombudsman, Now));
    }

    [Fact]
    public void Classify_AsComplimentWithResponsibleUnit_ThrowsAndKeepsState()
    {
        var m = Build(NewManifestation.InTreatment(role: AssignmentRole.Responsible));

        DomainAssert.ThrowsAndKeepsState(m, () => m.Classify(ManifestationType.Compliment, null, "Elogio ao atendimento", Ombudsman, Now));
    }

    [Fact]
    public void Classify_AsComplimentWithoutUnits_IsAllowed()
    {
        var m = Build(NewManifestation.InTriage());

        m.Classify(ManifestationType.Compliment, null, "Elogio ao atendimento", Ombudsman, Now);

        Assert.Equal(ManifestationType.Compliment, m.Type);
    }

    [Theory]
    [InlineData(ManifestationStatus.Registered)]
    [InlineData(ManifestationStatus.InTriage)]
    [InlineData(ManifestationStatus.AwaitingComplement)]
    [InlineData(ManifestationStatus.InTreatment)]
    [InlineData(ManifestationStatus.Answered)]
    public void WriteInternalNote_NotClosed_StoresTrimmedNote(ManifestationStatus status)
    {
        var m = Build(NewManifestation.InStatus(status));

        m.WriteInternalNote("  Reincidente: ver NUP anterior.  ", Ombudsman, Now);

        Assert.Equal(status, m.Status);
        Assert.Equal("Reincidente: ver NUP anterior.", m.InternalNote);
        DomainAssert.LastHistory(m, HistoryAction.InternalNoteWritten, Ombudsman, Now);
    }

    [Fact]
    public void WriteInternalNote_Blank_ClearsTheNote()
    {
        var m = Build(NewManifestation.InTriage());
        m.WriteInternalNote("Nota", Ombudsman, Now);

        m.WriteInternalNote("  ", Ombudsman, Now);

        Assert.Null(m.InternalNote);
    }

    [Theory]
    [InlineData(ManifestationStatus.InTriage)]
    [InlineData(ManifestationStatus.AwaitingComplement)]
    [InlineData(ManifestationStatus.InTreatment)]
    public void WriteExtract_AllowedStatus_StoresTrimmedExtract(ManifestationStatus status)
    {
        var m = Build(NewManifestation.InStatus(status));

        m.WriteExtract("  Relato sobre posto de saúde fechado.  ", Ombudsman, Now);

        Assert.Equal(status, m.Status);
        Assert.Equal("Relato sobre posto de saúde fechado.", m.Extract);
        DomainAssert.LastHistory(m, HistoryAction.ExtractWritten, Ombudsman, Now);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \t ")]
    public void WriteExtract_Empty_ThrowsAndKeepsState(string extract)
    {
        var m = Build(NewManifestation.InTriage());

        DomainAssert.ThrowsAndKeepsState(m, () => m.WriteExtract(extract, Ombudsman, Now));
        Assert.Null(m.Extract);
    }

    // ---------------------------------------------------------------- complement

    [Fact]
    public void RequestComplement_InTriage_GoesToAwaitingComplementAndPausesClock()
    {
        var m = Build(NewManifestation.InTriage());

        m.RequestComplement("  Informe o endereço.  ", Ombudsman, Now, terms: DeadlineTerms.Legal);

        Assert.Equal(ManifestationStatus.AwaitingComplement, m.Status);
        Assert.Equal("Informe o endereço.", m.ComplementRequest);
        Assert.Equal(Now.AddDays(20), m.ComplementDueAt);
        Assert.Equal(Now, m.ClockPausedAt);
        Assert.True(m.ClockPauseUsed);
        var entry = DomainAssert.LastHistory(m, HistoryAction.ComplementRequested, Ombudsman, Now);
        Assert.Equal("Informe o endereço.", entry.Details);
    }

    [Fact]
    public void RequestComplement_Anonymous_ThrowsAndKeepsState()
    {
        var m = Build(NewManifestation.Anonymous().InTriage());

        var exception = DomainAssert.ThrowsAndKeepsState(m, () => m.RequestComplement("Informe o endereço.", Ombudsman, Now, terms: DeadlineTerms.Legal));

        Assert.Contains("anônimas", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void RequestComplement_EmptyRequest_ThrowsAndKeepsState(string request)
    {
        var m = Build(NewManifestation.InTriage());

        DomainAssert.ThrowsAndKeepsState(m, () => m.RequestComplement(request, Ombudsman, Now, terms: DeadlineTerms.Legal));
    }

    [Fact]
    public void ReceiveComplement_AwaitingComplement_ReturnsToTriageWithTheText()
    {
        var m = Build(NewManifestation.AwaitingComplement());

        m.ReceiveComplement("  Rua das Flores, 100.  ", Now);

        Assert.Equal(ManifestationStatus.InTriage, m.Status);
        Assert.NotNull(m.ComplementText);
        Assert.Equal("Rua das Flores, 100.", m.ComplementText);
        Assert.Null(m.ComplementDueAt);
        Assert.Null(m.ClockPausedAt);
        DomainAssert.LastHistory(m, HistoryAction.ComplementReceived, Actor.Citizen, Now);
    }

    [Fact]
    public void ReceiveComplement_SecondComplement_IsAppendedAfterTheFirst()
    {
        var m = Build(NewManifestation.AwaitingComplement());
        m.ReceiveComplement("Primeiro complemento.", Now);
        m.RequestComplement("Envie uma foto.", Ombudsman, Now, terms: DeadlineTerms.Legal);

        m.ReceiveComplement("Segundo complemento.", Now);

        var parts = m.ComplementText!.Split("\n\n———\n\n");
        Assert.Equal(["Primeiro complemento.", "Segundo complemento."], parts);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void ReceiveComplement_EmptyText_ThrowsAndKeepsState(string text)
    {
        var m = Build(NewManifestation.AwaitingComplement());

        DomainAssert.ThrowsAndKeepsState(m, () => m.ReceiveComplement(text, Now));
    }

    // ---------------------------------------------------------------- forwarding and treatment

    [Fact]
    public void Forward_InTriageWithExtract_GoesToInTreatmentWithAnOpenAssignment()
    {
        var m = Build(NewManifestation.WithExtract().InTriage());

        var assignment = m.Forward(Actors.UnitA, AssignmentRole.Responsible, "joao", "João", "  Responder em 20 dias.  ", Ombudsman, Now, terms: DeadlineTerms.Legal);

        Assert.Equal(ManifestationStatus.InTreatment, m.Status);
        Assert.Same(assignment, Assert.Single(m.Assignments));
        Assert.Equal(m.Id, assignment.ManifestationId);
        Assert.Equal(Actors.UnitA, assignment.UnitId);
        Assert.Equal(AssignmentRole.Responsible, assignment.Role);
        Assert.Equal("joao", assignment.CollaboratorId);
        Assert.Equal("João", assignment.CollaboratorName);
        Assert.Equal("Responder em 20 dias.", assignment.Instructions);
        Assert.Equal(Now, assignment.AssignedAt);
        Assert.True(assignment.IsOpen);
        Assert.Equal(TreatmentStatus.Open, assignment.Status);
        Assert.Null(assignment.FinalizedAt);
        Assert.Equal(Now.AddDays(20), assignment.Deadline.DueAt);
        Assert.True(m.HasOpenResponsibleTreatment);
        var entry = DomainAssert.LastHistory(m, HistoryAction.Forwarded, Ombudsman, Now);
        Assert.Equal("Responsável (João)", entry.Details);
    }

    [Fact]
    public void Forward_InTreatmentToAnotherUnitAsObserver_AddsASecondAssignment()
    {
        var m = Build(NewManifestation.InTreatment());

        var observer = m.Forward(Actors.UnitB, AssignmentRole.Observer, null, null, null, Ombudsman, Now, terms: DeadlineTerms.Legal);

        Assert.Equal(ManifestationStatus.InTreatment, m.Status);
        Assert.Equal(2, m.Assignments.Count);
        Assert.Equal(AssignmentRole.Observer, observer.Role);
        Assert.Null(observer.Instructions);
        Assert.Equal("Observador", DomainAssert.LastHistory(m, HistoryAction.Forwarded, Ombudsman, Now).Details);
    }

    [Fact]
    public void Forward_WithoutExtract_ThrowsAndKeepsState()
    {
        var m = Build(NewManifestation.InTriage());
        Assert.Null(m.Extract);

        var exception = DomainAssert.ThrowsAndKeepsState(m, () => m.Forward(Actors.UnitA, AssignmentRole.Responsible, null, null, null, Ombudsman, Now, terms: DeadlineTerms.Legal));

        Assert.Contains("extrato", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Forward_ComplimentAsResponsible_ThrowsAndKeepsState()
    {
        var m = Build(NewManifestation.OfType(ManifestationType.Compliment).WithExtract().InTriage());

        var exception = DomainAssert.ThrowsAndKeepsState(m, () => m.Forward(Actors.UnitA, AssignmentRole.Responsible, null, null, null, Ombudsman, Now, terms: DeadlineTerms.Legal));

        Assert.Contains("Elogios", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Forward_ComplimentAsObserver_IsAllowed()
    {
        var m = Build(NewManifestation.OfType(ManifestationType.Compliment).WithExtract().InTriage());

        m.Forward(Actors.UnitA, AssignmentRole.Observer, null, null, null, Ombudsman, Now, terms: DeadlineTerms.Legal);

        Assert.Equal(ManifestationStatus.InTreatment, m.Status);
        Assert.False(m.HasOpenResponsibleTreatment);
    }

    [Fact]
    public void Forward_SameUnitWithOpenTreatment_ThrowsAndKeepsState()
    {
        var m = Build(NewManifestation.InTreatment(Actors.UnitA));

        DomainAssert.ThrowsAndKeepsState(m, () => m.Forward(Actors.UnitA, AssignmentRole.Responsible, null, null, null, Ombudsman, Now, terms: DeadlineTerms.Legal));
    }

    [Fact]
    public void Forward_SameUnitAfterItFinalized_OpensANewAssignment()
    {
        var m = Build(NewManifestation.InTreatment(Actors.UnitA));
        m.FinalizeTreatment(m.Assignments[0].Id, CollaboratorA, Now);

        m.Forward(Actors.UnitA, AssignmentRole.Responsible, null, null, null, Ombudsman, Now, terms: DeadlineTerms.Legal);

        Assert.Equal(2, m.Assignments.Count);
        Assert.True(m.Assignments[1].IsOpen);
    }

    [Theory]
    [InlineData(MessageVisibility.Team)]
    [InlineData(MessageVisibility.OmbudsmanOnly)]
    public void PostMessage_OmbudsmanInTriage_AddsMessage(MessageVisibility visibility)
    {
        var m = Build(NewManifestation.InTriage());

        var message = m.PostMessage("  Aguardando extrato.  ", visibility, Ombudsman, Now);

        Assert.Same(message, Assert.Single(m.Messages));
        Assert.Equal("Aguardando extrato.", message.Text);
        Assert.Equal(visibility, message.Visibility);
        Assert.Equal(Ombudsman.UserId, message.AuthorId);
        Assert.Equal(Ombudsman.Name, message.AuthorName);
        Assert.Null(message.AuthorUnitId);
        Assert.Equal(Now, message.PostedAt);
        Assert.Equal(ManifestationStatus.InTriage, m.Status);
        DomainAssert.LastHistory(m, HistoryAction.MessagePosted, Ombudsman, Now);
    }

    [Theory]
    [InlineData(AssignmentRole.Responsible)]
    [InlineData(AssignmentRole.Observer)]
    public void PostMessage_CollaboratorWithOpenTreatment_AddsTeamMessage(AssignmentRole role)
    {
        var m = Build(NewManifestation.InTreatment(Actors.UnitA, role));

        var message = m.PostMessage("A unidade verificou o local.", MessageVisibility.Team, CollaboratorA, Now);

        Assert.Equal(Actors.UnitA, message.AuthorUnitId);
        Assert.Equal(CollaboratorA.UserId, message.AuthorId);
        Assert.Single(m.Messages);
        DomainAssert.LastHistory(m, HistoryAction.MessagePosted, CollaboratorA, Now);
    }

    [Fact]
    public void PostMessage_CollaboratorInternalMessage_ThrowsAndKeepsState()
    {
        var m = Build(NewManifestation.InTreatment(Actors.UnitA));

        DomainAssert.ThrowsAndKeepsState(m, () => m.PostMessage("Nota interna", MessageVisibility.OmbudsmanOnly, CollaboratorA, Now));
    }

    [Fact]
    public void PostMessage_CollaboratorOfAnotherUnit_ThrowsAndKeepsState()
    {
        var m = Build(NewManifestation.InTreatment(Actors.UnitA));

        DomainAssert.ThrowsAndKeepsState(m, () => m.PostMessage("Oi", MessageVisibility.Team, CollaboratorB, Now));
    }

    [Fact]
    public void PostMessage_CollaboratorWhoseTreatmentIsFinalized_ThrowsAndKeepsState()
    {
        var m = Build(NewManifestation.InTreatment(Actors.UnitA));
        m.FinalizeTreatment(m.Assignments[0].Id, CollaboratorA, Now);

        DomainAssert.ThrowsAndKeepsState(m, () => m.PostMessage("Mais uma coisa", MessageVisibility.Team, CollaboratorA, Now));
    }

    [Theory]
    [MemberData(nameof(NonTeamActors))]
    public void PostMessage_NeitherOmbudsmanNorCollaborator_ThrowsAndKeepsState(string actorName)
    {
        var m = Build(NewManifestation.InTreatment(Actors.UnitA));

        DomainAssert.ThrowsAndKeepsState(m, () => m.PostMessage("Oi", MessageVisibility.Team, ActorNamed(actorName), Now));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void PostMessage_EmptyText_ThrowsAndKeepsState(string text)
    {
        var m = Build(NewManifestation.InTreatment(Actors.UnitA));

        DomainAssert.ThrowsAndKeepsState(m, () => m.PostMessage(text, MessageVisibility.Team, Ombudsman, Now));
    }

    [Theory]
    [MemberData(nameof(TeamMembersOfUnitA))]
    public void FinalizeTreatment_TeamMember_ClosesTheAssignment(string actorName)
    {
        var actor = ActorNamed(actorName);
        var m = Build(NewManifestation.InTreatment(Actors.UnitA));
        var assignment = m.Assignments[0];

        m.FinalizeTreatment(assignment.Id, actor, Now);

        Assert.Equal(TreatmentStatus.Finalized, assignment.Status);
        Assert.False(assignment.IsOpen);
        Assert.Equal(Now, assignment.FinalizedAt);
        Assert.False(m.HasOpenResponsibleTreatment);
        Assert.Equal(ManifestationStatus.InTreatment, m.Status);
        DomainAssert.LastHistory(m, HistoryAction.TreatmentFinalized, actor, Now);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void FinalizeTreatment_AfterReopenInAnsweredOrConcluded_ClosesItAgain(bool concluded)
    {
        var m = Build(concluded ? NewManifestation.Concluded(resolved: false) : NewManifestation.Answered());
        var assignment = m.Assignments[0];
        m.ReopenTreatment(assignment.Id, null, null, CollaboratorA, Now, terms: DeadlineTerms.Legal);
        _clock.Advance(TimeSpan.FromDays(3));

        m.FinalizeTreatment(assignment.Id, CollaboratorA, Now);

        Assert.Equal(TreatmentStatus.Finalized, assignment.Status);
        Assert.Equal(Now, assignment.FinalizedAt);
        Assert.Equal(concluded ? ManifestationStatus.Concluded : ManifestationStatus.Answered, m.Status);
    }

    [Fact]
    public void FinalizeTreatment_CollaboratorOfAnotherUnit_ThrowsAndKeepsState()
    {
        var m = Build(NewManifestation.InTreatment(Actors.UnitA));

        var exception = DomainAssert.ThrowsAndKeepsState(m, () => m.FinalizeTreatment(m.Assignments[0].Id, CollaboratorB, Now));

        Assert.Contains("unidade designada", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TeamMembersOfUnitA))]
    public void FinalizeTreatment_ObserverAssignment_ThrowsAndKeepsState(string actorName)
    {
        var m = Build(NewManifestation.InTreatment(Actors.UnitA, AssignmentRole.Observer));

        var exception = DomainAssert.ThrowsAndKeepsState(m, () => m.FinalizeTreatment(m.Assignments[0].Id, ActorNamed(actorName), Now));

        Assert.Contains("Observadores", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FinalizeTreatment_AlreadyFinalized_ThrowsAndKeepsState()
    {
        var m = Build(NewManifestation.InTreatment(Actors.UnitA));
        m.FinalizeTreatment(m.Assignments[0].Id, CollaboratorA, Now);
        _clock.Advance(TimeSpan.FromHours(1));

        DomainAssert.ThrowsAndKeepsState(m, () => m.FinalizeTreatment(m.Assignments[0].Id, CollaboratorA, Now));
    }

    [Fact]
    public void FinalizeTreatment_UnknownAssignment_ThrowsAndKeepsState()
    {
        var m = Build(NewManifestation.InTreatment(Actors.UnitA));

        DomainAssert.ThrowsAndKeepsState(m, () => m.FinalizeTreatment(Guid.NewGuid(), Ombudsman, Now));
    }

    [Fact]
    public void ReopenTreatment_ChosenCollaborator_ReopensForThatCollaborator()
    {
        var m = Build(NewManifestation.InTreatment(Actors.UnitA, collaboratorId: "carla", collaboratorName: "Carla"));
        var assignment = m.Assignments[0];
        m.FinalizeTreatment(assignment.Id, CollaboratorA, Now);
        _clock.Advance(TimeSpan.FromDays(2));

        m.ReopenTreatment(assignment.Id, "joao", "João", Ombudsman, Now, terms: DeadlineTerms.Legal);

        Assert.True(assignment.IsOpen);
        Assert.Null(assignment.FinalizedAt);
        Assert.Equal("joao", assignment.CollaboratorId);
        Assert.Equal("João", assignment.CollaboratorName);
        Assert.True(m.HasOpenResponsibleTreatment);
        var entry = DomainAssert.LastHistory(m, HistoryAction.TreatmentReopened, Ombudsman, Now);
        Assert.Equal("Responsável: João", entry.Details);
    }

    [Fact]
    public void ReopenTreatment_WithoutCollaborator_ReopensForTheWholeUnit()
    {
        var m = Build(NewManifestation.InTreatment(Actors.UnitA, collaboratorId: "carla", collaboratorName: "Carla"));
        var assignment = m.Assignments[0];
        m.FinalizeTreatment(assignment.Id, CollaboratorA, Now);

        m.ReopenTreatment(assignment.Id, null, null, CollaboratorA, Now, terms: DeadlineTerms.Legal);

        Assert.True(assignment.IsOpen);
        Assert.Null(assignment.CollaboratorId);
        Assert.Null(assignment.CollaboratorName);
        Assert.Null(DomainAssert.LastHistory(m, HistoryAction.TreatmentReopened, CollaboratorA, Now).Details);
    }

    [Theory]
    [InlineData(ManifestationStatus.Answered)]
    [InlineData(ManifestationStatus.Concluded)]
    public void ReopenTreatment_AfterTheAnswer_ReopensWithoutChangingTheStatus(ManifestationStatus status)
    {
        var m = Build(status == ManifestationStatus.Concluded ? NewManifestation.Concluded(resolved: false) : NewManifestation.Answered());
        var assignment = m.Assignments[0];

        m.ReopenTreatment(assignment.Id, null, null, CollaboratorA, Now, terms: DeadlineTerms.Legal);

        Assert.True(assignment.IsOpen);
        Assert.Equal(status, m.Status);
        DomainAssert.LastHistory(m, HistoryAction.TreatmentReopened, CollaboratorA, Now);
    }

    [Fact]
    public void ReopenTreatment_CollaboratorOfAnotherUnit_ThrowsAndKeepsState()
    {
        var m = Build(NewManifestation.InTreatment(Actors.UnitA));
        m.FinalizeTreatment(m.Assignments[0].Id, CollaboratorA, Now);
        _clock.Advance(TimeSpan.FromHours(1));

        DomainAssert.ThrowsAndKeepsState(m, () => m.ReopenTreatment(m.Assignments[0].Id, CollaboratorB.UserId, CollaboratorB.Name, CollaboratorB, Now, terms: DeadlineTerms.Legal));
    }

    [Fact]
    public void ReopenTreatment_StillOpen_ThrowsAndKeepsState()
    {
        var m = Build(NewManifestation.InTreatment(Actors.UnitA));

        DomainAssert.ThrowsAndKeepsState(m, () => m.ReopenTreatment(m.Assignments[0].Id, "joao", "João", Ombudsman, Now, terms: DeadlineTerms.Legal));
    }

    // ---------------------------------------------------------------- deadlines (statuses; the numbers are in DeadlineTests)

    [Theory]
    [InlineData(ManifestationStatus.Registered)]
    [InlineData(ManifestationStatus.InTriage)]
    [InlineData(ManifestationStatus.AwaitingComplement)]
    [InlineData(ManifestationStatus.InTreatment)]
    public void ExtendDeadline_OpenStatus_ExtendsAndRecordsJustification(ManifestationStatus status)
    {
        var m = Build(NewManifestation.InStatus(status));
        var due = m.CitizenDeadline.DueAt;

        m.ExtendDeadline("  Aguardando vistoria técnica.  ", Ombudsman, Now, terms: DeadlineTerms.Legal);

        Assert.Equal(status, m.Status);
        Assert.Equal(due.AddDays(30), m.CitizenDeadline.DueAt);
        Assert.Equal("Aguardando vistoria técnica.", DomainAssert.LastHistory(m, HistoryAction.DeadlineExtended, Ombudsman, Now).Details);
    }

    // ---------------------------------------------------------------- answers, conclusion, resolution

    [Theory]
    [InlineData(ManifestationStatus.InTriage)]
    [InlineData(ManifestationStatus.AwaitingComplement)]
    [InlineData(ManifestationStatus.InTreatment)]
    public void Answer_Intermediate_AddsAnswerWithoutChangingStatus(ManifestationStatus status)
    {
        var m = Build(NewManifestation.InStatus(status));

        m.Answer("  Sua manifestação está em análise.  ", conclusive: false, Ombudsman, Now);

        Assert.Equal(status, m.Status);
        Assert.Null(m.AnsweredAt);
        var answer = Assert.Single(m.Answers);
        Assert.False(answer.IsConclusive);
        Assert.Equal("Sua manifestação está em análise.", answer.Text);
        Assert.Equal(Ombudsman.Name, answer.AuthorName);
        Assert.Equal(Now, answer.SentAt);
        DomainAssert.LastHistory(m, HistoryAction.IntermediateAnswerSent, Ombudsman, Now);
    }

    [Fact]
    public void Answer_ConclusiveInTriage_GoesToAnswered()
    {
        var m = Build(NewManifestation.OfType(ManifestationType.Compliment).InTriage());

        m.Answer("Agradecemos o elogio, que foi repassado à equipe.", conclusive: true, Ombudsman, Now);

        Assert.Equal(ManifestationStatus.Answered, m.Status);
        Assert.Equal(Now, m.AnsweredAt);
        var answer = Assert.Single(m.Answers);
        Assert.True(answer.IsConclusive);
        Assert.Equal(m.Id, answer.ManifestationId);
        DomainAssert.LastHistory(m, HistoryAction.ConclusiveAnswerSent, Ombudsman, Now);
    }

    [Fact]
    public void Answer_ConclusiveInTreatmentAfterUnitsFinalized_GoesToAnswered()
    {
        var m = Build(NewManifestation.InTreatment(Actors.UnitA));
        m.FinalizeTreatment(m.Assignments[0].Id, CollaboratorA, Now);
        _clock.Advance(TimeSpan.FromDays(1));

        m.Answer("O posto foi reaberto.", conclusive: true, Ombudsman, Now);

        Assert.Equal(ManifestationStatus.Answered, m.Status);
        Assert.Equal(Now, m.AnsweredAt);
        DomainAssert.LastHistory(m, HistoryAction.ConclusiveAnswerSent, Ombudsman, Now);
    }

    [Fact]
    public void Answer_ConclusiveWhileResponsibleTreatmentOpen_ThrowsAndKeepsState()
    {
        var m = Build(NewManifestation.InTreatment(Actors.UnitA, AssignmentRole.Responsible));

        var exception = DomainAssert.ThrowsAndKeepsState(m, () => m.Answer("Resposta final.", conclusive: true, Ombudsman, Now));

        Assert.Contains("tratamento em aberto", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Answer_ConclusiveWhileAReopenedTreatmentIsOpen_ThrowsAndKeepsState()
    {
        var m = Build(NewManifestation.InTreatment(Actors.UnitA));
        var assignment = m.Assignments[0];
        m.FinalizeTreatment(assignment.Id, CollaboratorA, Now);
        m.ReopenTreatment(assignment.Id, null, null, Ombudsman, Now, terms: DeadlineTerms.Legal);
        _clock.Advance(TimeSpan.FromHours(1));

        DomainAssert.ThrowsAndKeepsState(m, () => m.Answer("Resposta final.", conclusive: true, Ombudsman, Now));
    }

    [Fact]
    public void Answer_ConclusiveWithOnlyAnObserverOpen_GoesToAnswered()
    {
        var m = Build(NewManifestation.InTreatment(Actors.UnitA, AssignmentRole.Observer));
        Assert.True(m.Assignments[0].IsOpen);

        m.Answer("Resposta final.", conclusive: true, Ombudsman, Now);

        Assert.Equal(ManifestationStatus.Answered, m.Status);
    }

    [Theory]
    [InlineData(true, "")]
    [InlineData(false, "   ")]
    public void Answer_EmptyText_ThrowsAndKeepsState(bool conclusive, string text)
    {
        var m = Build(NewManifestation.InTriage());

        DomainAssert.ThrowsAndKeepsState(m, () => m.Answer(text, conclusive, Ombudsman, Now));
    }

    [Theory]
    [InlineData(true, "Demanda resolvida: sim")]
    [InlineData(false, "Demanda resolvida: não")]
    public void Conclude_Answered_GoesToConcludedRecordingResolution(bool resolved, string details)
    {
        var m = Build(NewManifestation.Answered());

        m.Conclude(resolved, Ombudsman, Now);

        Assert.Equal(ManifestationStatus.Concluded, m.Status);
        Assert.Equal(resolved, m.Resolved);
        Assert.Equal(Now, m.ConcludedAt);
        Assert.Equal(details, DomainAssert.LastHistory(m, HistoryAction.Concluded, Ombudsman, Now).Details);
    }

    [Fact]
    public void RecordResolution_ConcludedUnresolved_MarksResolved()
    {
        var m = Build(NewManifestation.Concluded(resolved: false));

        m.RecordResolution("  Obra concluída em 10/04, fotos anexas.  ", Ombudsman, Now);

        Assert.Equal(ManifestationStatus.Concluded, m.Status);
        Assert.True(m.Resolved);
        Assert.Equal("Obra concluída em 10/04, fotos anexas.", m.ResolutionNote);
        Assert.Equal(m.ResolutionNote, DomainAssert.LastHistory(m, HistoryAction.ResolutionRecorded, Ombudsman, Now).Details);
    }

    [Fact]
    public void RecordResolution_AlreadyResolved_ThrowsAndKeepsState()
    {
        var m = Build(NewManifestation.Concluded(resolved: true));

        DomainAssert.ThrowsAndKeepsState(m, () => m.RecordResolution("Outra síntese.", Ombudsman, Now));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void RecordResolution_EmptySynthesis_ThrowsAndKeepsState(string synthesis)
    {
        var m = Build(NewManifestation.Concluded(resolved: false));

        DomainAssert.ThrowsAndKeepsState(m, () => m.RecordResolution(synthesis, Ombudsman, Now));
    }

    // ---------------------------------------------------------------- archiving

    [Theory]
    [InlineData(ManifestationStatus.Registered, ArchiveReason.Duplicate)]
    [InlineData(ManifestationStatus.InTriage, ArchiveReason.NoMateriality)]
    [InlineData(ManifestationStatus.InTreatment, ArchiveReason.LossOfObject)]
    [InlineData(ManifestationStatus.InTriage, ArchiveReason.LackOfUrbanity)]
    [InlineData(ManifestationStatus.InTriage, ArchiveReason.SentToSeveralBodies)]
    public void Archive_OpenStatusByOmbudsman_GoesToArchivedWithReason(ManifestationStatus status, ArchiveReason reason)
    {
        var m = Build(NewManifestation.InStatus(status));

        m.Archive(reason, "  Ver NUP 23037.001462/2021-65.  ", Ombudsman, Now);

        Assert.Equal(ManifestationStatus.Archived, m.Status);
        Assert.Equal(reason, m.ArchiveReason);
        Assert.Equal("Ver NUP 23037.001462/2021-65.", m.ArchiveJustification);
        Assert.Equal(Now, m.ArchivedAt);
        Assert.Null(m.ClockPausedAt);
        Assert.Equal(reason.Label(), DomainAssert.LastHistory(m, HistoryAction.Archived, Ombudsman, Now).Details);
    }

    [Fact]
    public void Archive_BlankJustification_StoresNoJustification()
    {
        var m = Build(NewManifestation.InTriage());

        m.Archive(ArchiveReason.Duplicate, "  ", Ombudsman, Now);

        Assert.Null(m.ArchiveJustification);
    }

    [Fact]
    public void Archive_SystemForUnansweredComplement_GoesToArchived()
    {
        var m = Build(NewManifestation.AwaitingComplement());
        _clock.Advance(TimeSpan.FromDays(20));

        m.Archive(ArchiveReason.ComplementNotAnswered, null, Actor.System, Now);

        Assert.Equal(ManifestationStatus.Archived, m.Status);
        Assert.Equal(ArchiveReason.ComplementNotAnswered, m.ArchiveReason);
        Assert.Null(m.ClockPausedAt);
        DomainAssert.LastHistory(m, HistoryAction.Archived, Actor.System, Now);
    }

    [Theory]
    [InlineData(ArchiveReason.Duplicate)]
    [InlineData(ArchiveReason.NoMateriality)]
    [InlineData(ArchiveReason.LossOfObject)]
    public void Archive_SystemForAnotherReason_ThrowsAndKeepsState(ArchiveReason reason)
    {
        var m = Build(NewManifestation.AwaitingComplement());

        DomainAssert.ThrowsAndKeepsState(m, () => m.Archive(reason, null, Actor.System, Now));
    }

    [Theory]
    [InlineData(ManifestationStatus.Registered)]
    [InlineData(ManifestationStatus.InTriage)]
    [InlineData(ManifestationStatus.InTreatment)]
    public void Archive_ComplementNotAnsweredWhenNoComplementAwaited_ThrowsAndKeepsState(ManifestationStatus status)
    {
        var m = Build(NewManifestation.InStatus(status));

        DomainAssert.ThrowsAndKeepsState(m, () => m.Archive(ArchiveReason.ComplementNotAnswered, null, Ombudsman, Now));
        DomainAssert.ThrowsAndKeepsState(m, () => m.Archive(ArchiveReason.ComplementNotAnswered, null, Actor.System, Now));
    }

    // ---------------------------------------------------------------- access

    [Fact]
    public void RecordAccess_Ombudsman_LogsWhoAndWhenWithoutTouchingLastChange()
    {
        var m = Build(NewManifestation.OfType(ManifestationType.Denunciation).InTriage());
        var lastChanged = m.LastChangedAt;

        m.RecordAccess(Ombudsman, Now);

        var entry = m.History[^1];
        Assert.Equal(HistoryAction.Viewed, entry.Action);
        Assert.Equal(Ombudsman.UserId, entry.ActorId);
        Assert.Equal(Ombudsman.Name, entry.ActorName);
        Assert.Equal(Now, entry.At);
        Assert.Equal(lastChanged, m.LastChangedAt);
        Assert.Equal(ManifestationStatus.InTriage, m.Status);
    }

    [Fact]
    public void RecordAccess_ActorWhoCannotRead_ThrowsAndKeepsState()
    {
        var m = Build(NewManifestation.InTreatment(Actors.UnitA));

        DomainAssert.ThrowsAndKeepsState(m, () => m.RecordAccess(CollaboratorB, Now));
        DomainAssert.ThrowsAndKeepsState(m, () => m.RecordAccess(Actors.Admin, Now));
    }

    [Fact]
    public void RecordCitizenConsultation_Any_LogsTheCitizenConsultation()
    {
        var m = Build(NewManifestation.InTriage());

        m.RecordCitizenConsultation(Now);

        var entry = m.History[^1];
        Assert.Equal(HistoryAction.ConsultedByCitizen, entry.Action);
        Assert.Null(entry.ActorId);
        Assert.Equal(Now, entry.At);
    }

    [Fact]
    public void VerifyPassword_RightAndWrong_OnlyTheRightOneMatches()
    {
        var m = Build(NewManifestation.WithPassword("Abc2345xyz").Registered());

        Assert.True(m.VerifyPassword("Abc2345xyz"));
        Assert.False(m.VerifyPassword("abc2345xyz"));
        Assert.False(m.VerifyPassword(ManifestationBuilder.DefaultPassword));
    }

    [Theory]
    [InlineData("Ombudsman", true)]
    [InlineData("Manager", true)]
    [InlineData("Admin", false)]
    [InlineData("Citizen", false)]
    [InlineData("System", false)]
    [InlineData("CollaboratorA", true)]
    [InlineData("CollaboratorB", false)]
    public void CanBeReadBy_EachActorKind_OnlyOmbudsmanManagerAndAssignedUnit(string actorName, bool expected)
    {
        var m = Build(NewManifestation.InTreatment(Actors.UnitA));

        Assert.Equal(expected, m.CanBeReadBy(ActorNamed(actorName)));
    }

    [Fact]
    public void CanBeReadBy_CollaboratorBeforeForwarding_IsFalse()
    {
        var m = Build(NewManifestation.WithExtract().InTriage());

        Assert.False(m.CanBeReadBy(CollaboratorA));
    }

    [Fact]
    public void CanBeReadBy_UnitAddedLater_ReadsFromThenOn()
    {
        var m = Build(NewManifestation.InTreatment(Actors.UnitA));
        Assert.False(m.CanBeReadBy(CollaboratorB));

        m.Forward(Actors.UnitB, AssignmentRole.Observer, null, null, null, Ombudsman, Now, terms: DeadlineTerms.Legal);

        Assert.True(m.CanBeReadBy(CollaboratorB));
        Assert.True(m.CanBeReadBy(CollaboratorA));
    }

    [Fact]
    public void CanBeReadBy_NamedCollaborator_ReadsAsMemberOfTheAssignment()
    {
        var m = Build(NewManifestation.InTreatment(Actors.UnitA, collaboratorId: "carla", collaboratorName: "Carla"));

        Assert.True(m.CanBeReadBy(Actors.CollaboratorOf(Actors.UnitA, "carla", "Carla")));
        Assert.False(m.CanBeReadBy(Actors.CollaboratorOf(Actors.UnitB, "bruno", "Bruno")));
    }

    [Fact]
    public void CanBeReadBy_CollaboratorAfterFinalizing_StillReadsItsCase()
    {
        var m = Build(NewManifestation.InTreatment(Actors.UnitA));
        m.FinalizeTreatment(m.Assignments[0].Id, CollaboratorA, Now);

        Assert.True(m.CanBeReadBy(CollaboratorA));
        Assert.False(m.CanBeReadBy(CollaboratorB));
    }

    [Theory]
    [InlineData("Ombudsman", true)]
    [InlineData("Manager", false)]
    [InlineData("Admin", false)]
    [InlineData("CollaboratorA", false)]
    [InlineData("Citizen", false)]
    public void ShowsIdentityTo_EachActorKind_OnlyTheOmbudsman(string actorName, bool expected)
    {
        var m = Build(NewManifestation.OfType(ManifestationType.Denunciation).InTreatment(Actors.UnitA));

        Assert.Equal(expected, m.ShowsIdentityTo(ActorNamed(actorName)));
    }

    // ---------------------------------------------------------------- matrices

    public static TheoryData<Operation, ManifestationStatus> IllegalTransitions()
    {
        var data = new TheoryData<Operation, ManifestationStatus>();
        foreach (var operation in Enum.GetValues<Operation>().Where(o => o != Operation.ExtendUnitDeadline))
        {
            foreach (var status in Enum.GetValues<ManifestationStatus>().Except(AllowedStatuses(operation)))
            {
                data.Add(operation, status);
            }
        }

        return data;
    }

    /// <summary>Every transition tried, by the ombudsman, from a status that does not allow it.</summary>
    [Theory]
    [MemberData(nameof(IllegalTransitions))]
    public void Transition_FromStatusThatForbidsIt_ThrowsAndKeepsState(Operation operation, ManifestationStatus status)
    {
        var m = BuildForIllegalTransition(status, operation);
        Assert.Equal(status, m.Status);
        _clock.Advance(TimeSpan.FromHours(1));

        var exception = DomainAssert.ThrowsAndKeepsState(m, () => Apply(operation, m, Ombudsman));

        if (operation is Operation.FinalizeTreatment or Operation.ReopenTreatment && m.Assignments.Count == 0)
        {
            Assert.Contains("não encontrado", exception.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains(status.Label(), exception.Message, StringComparison.OrdinalIgnoreCase);
        }
    }

    public static TheoryData<Operation, ManifestationStatus> LegalTransitions()
    {
        var data = new TheoryData<Operation, ManifestationStatus>();
        foreach (var operation in Enum.GetValues<Operation>())
        {
            foreach (var status in AllowedStatuses(operation))
            {
                data.Add(operation, status);
            }
        }

        return data;
    }

    /// <summary>
    /// Whatever a legal transition changes, each treatment's copies for the units' queue
    /// (<see cref="Assignment.ManifestationOpen"/>, <see cref="Assignment.InQueue"/>) still agree with
    /// the aggregate (AssignmentQueueFlagTests has the step-by-step cases).
    /// </summary>
    [Theory]
    [MemberData(nameof(LegalTransitions))]
    public void Transition_Legal_KeepsEachTreatmentsQueueCopiesInStep(Operation operation, ManifestationStatus status)
    {
        var m = BuildForIllegalTransition(status, operation);
        _clock.Advance(TimeSpan.FromHours(1));

        try
        {
            Apply(operation, m, Ombudsman);
        }
        catch (DomainException)
        {
            // A rule other than the status refused it (e.g. nothing to reopen): the state is unchanged.
        }

        Assert.All(m.Assignments, a =>
        {
            Assert.Equal(m.Status.IsOpen(), a.ManifestationOpen);
            Assert.Equal(m.Status.IsOpen() || (a.IsOpen && a.Role == AssignmentRole.Responsible), a.InQueue);
            Assert.Equal(m.RegisteredAt, a.ManifestationRegisteredAt);
        });
    }

    public static TheoryData<Operation, string> OmbudsmanOnlyOperationsByOthers()
    {
        Operation[] ombudsmanOnly =
        [
            Operation.StartTriage, Operation.Classify, Operation.WriteInternalNote, Operation.WriteExtract,
            Operation.RequestComplement, Operation.Forward, Operation.ExtendDeadline, Operation.ExtendUnitDeadline,
            Operation.IntermediateAnswer, Operation.ConclusiveAnswer, Operation.Conclude, Operation.RecordResolution,
            Operation.Archive,
        ];
        var data = new TheoryData<Operation, string>();
        foreach (var operation in ombudsmanOnly)
        {
            foreach (var actor in new[] { "CollaboratorA", "CollaboratorB", "Manager", "Admin", "Citizen", "System" })
            {
                data.Add(operation, actor);
            }
        }

        return data;
    }

    /// <summary>
    /// Triage, classification, extract, complement, forwarding, deadlines, answers, conclusion and
    /// archiving belong to the ombudsman: anyone else is refused, in a state where the ombudsman succeeds.
    /// </summary>
    [Theory]
    [MemberData(nameof(OmbudsmanOnlyOperationsByOthers))]
    public void OmbudsmanOnlyOperation_ByAnyoneElse_ThrowsAndKeepsState(Operation operation, string actorName)
    {
        var m = BuildWhereOmbudsmanMay(operation);
        _clock.Advance(TimeSpan.FromHours(1));

        var exception = DomainAssert.ThrowsAndKeepsState(m, () => Apply(operation, m, ActorNamed(actorName)));

        Assert.Contains("Somente a Ouvidoria", exception.Message, StringComparison.Ordinal);
        Apply(operation, m, Ombudsman);
        Assert.Equal(Now, m.LastChangedAt);
    }

    public static TheoryData<string> NonTeamActors() => new(["Manager", "Admin", "Citizen", "System"]);

    public static TheoryData<string> TeamMembersOfUnitA() => new(["Ombudsman", "CollaboratorA"]);

    private static ManifestationStatus[] AllowedStatuses(Operation operation) => operation switch
    {
        Operation.StartTriage => [ManifestationStatus.Registered],
        Operation.Classify => [ManifestationStatus.InTriage, ManifestationStatus.InTreatment],
        Operation.WriteInternalNote => [ManifestationStatus.Registered, ManifestationStatus.InTriage, ManifestationStatus.AwaitingComplement, ManifestationStatus.InTreatment, ManifestationStatus.Answered],
        Operation.WriteExtract => [ManifestationStatus.InTriage, ManifestationStatus.AwaitingComplement, ManifestationStatus.InTreatment],
        Operation.RequestComplement => [ManifestationStatus.InTriage],
        Operation.ReceiveComplement => [ManifestationStatus.AwaitingComplement],
        Operation.Forward => [ManifestationStatus.InTriage, ManifestationStatus.InTreatment],
        Operation.PostMessage => [ManifestationStatus.InTriage, ManifestationStatus.AwaitingComplement, ManifestationStatus.InTreatment, ManifestationStatus.Answered, ManifestationStatus.Concluded],
        Operation.FinalizeTreatment or Operation.ReopenTreatment => [ManifestationStatus.InTreatment, ManifestationStatus.Answered, ManifestationStatus.Concluded],
        Operation.ExtendDeadline => [ManifestationStatus.Registered, ManifestationStatus.InTriage, ManifestationStatus.AwaitingComplement, ManifestationStatus.InTreatment],
        Operation.ExtendUnitDeadline => Enum.GetValues<ManifestationStatus>(),
        Operation.IntermediateAnswer => [ManifestationStatus.InTriage, ManifestationStatus.AwaitingComplement, ManifestationStatus.InTreatment],
        Operation.ConclusiveAnswer => [ManifestationStatus.InTriage, ManifestationStatus.InTreatment],
        Operation.Conclude => [ManifestationStatus.Answered],
        Operation.RecordResolution => [ManifestationStatus.Concluded],
        Operation.Archive => [ManifestationStatus.Registered, ManifestationStatus.InTriage, ManifestationStatus.AwaitingComplement, ManifestationStatus.InTreatment],
        Operation.AddAttachment => Enum.GetValues<ManifestationStatus>().Except([ManifestationStatus.Archived]).ToArray(),
    };

    /// <summary>
    /// A manifestation in <paramref name="status"/> where everything but the status would let
    /// <paramref name="operation"/> through: identified, with an extract, unresolved when concluded, and
    /// when archived, archived in treatment with the assignment open (to finalize) or finalized (to reopen).
    /// </summary>
    private Manifestation BuildForIllegalTransition(ManifestationStatus status, Operation operation)
    {
        var builder = NewManifestation.Identified().WithExtract();
        switch (status)
        {
            case ManifestationStatus.Archived:
                var m = builder.InTreatment(Actors.UnitA).Build();
                if (operation != Operation.FinalizeTreatment)
                {
                    m.FinalizeTreatment(m.Assignments[0].Id, Ombudsman, Now);
                }

                m.Archive(ArchiveReason.Duplicate, null, Ombudsman, Now);
                return m;
            case ManifestationStatus.Concluded:
                return builder.Concluded(resolved: false).Build();
            default:
                return builder.InStatus(status).Build();
        }
    }

    private Manifestation BuildWhereOmbudsmanMay(Operation operation) => operation switch
    {
        Operation.StartTriage => NewManifestation.Registered().Build(),
        Operation.RequestComplement or Operation.ConclusiveAnswer => NewManifestation.WithExtract().InTriage().Build(),
        Operation.Conclude => NewManifestation.Answered().Build(),
        Operation.RecordResolution => NewManifestation.Concluded(resolved: false).Build(),
        _ => NewManifestation.InTreatment(Actors.UnitA).Build(),
    };

    private void Apply(Operation operation, Manifestation m, Actor actor)
    {
        switch (operation)
        {
            case Operation.StartTriage:
                m.StartTriage(actor, Now);
                break;
            case Operation.Classify:
                m.Classify(ManifestationType.Request, ThemeId, "Posto de saúde fechado", actor, Now);
                break;
            case Operation.WriteInternalNote:
                m.WriteInternalNote("Caso recorrente no bairro.", actor, Now);
                break;
            case Operation.WriteExtract:
                m.WriteExtract("Extrato revisado, sem dados pessoais.", actor, Now);
                break;
            case Operation.RequestComplement:
                m.RequestComplement("Informe o horário do ocorrido.", actor, Now, terms: DeadlineTerms.Legal);
                break;
            case Operation.ReceiveComplement:
                m.ReceiveComplement("Foi às 14h.", Now);
                break;
            case Operation.Forward:
                m.Forward(Actors.UnitB, AssignmentRole.Responsible, null, null, "Apurar.", actor, Now, terms: DeadlineTerms.Legal);
                break;
            case Operation.PostMessage:
                m.PostMessage("Alguma novidade?", MessageVisibility.Team, actor, Now);
                break;
            case Operation.FinalizeTreatment:
                m.FinalizeTreatment(AssignmentId(m, a => a.IsOpen && a.Role == AssignmentRole.Responsible), actor, Now);
                break;
            case Operation.ReopenTreatment:
                m.ReopenTreatment(AssignmentId(m, a => !a.IsOpen), "joao", "João", actor, Now, terms: DeadlineTerms.Legal);
                break;
            case Operation.ExtendDeadline:
                m.ExtendDeadline("Aguardando vistoria.", actor, Now, terms: DeadlineTerms.Legal);
                break;
            case Operation.ExtendUnitDeadline:
                m.ExtendUnitDeadline(AssignmentId(m, a => a.IsOpen), "Unidade aguarda laudo.", actor, Now, terms: DeadlineTerms.Legal);
                break;
            case Operation.IntermediateAnswer:
                m.Answer("Estamos apurando.", conclusive: false, actor, Now);
                break;
            case Operation.ConclusiveAnswer:
                m.Answer("Resposta final.", conclusive: true, actor, Now);
                break;
            case Operation.Conclude:
                m.Conclude(true, actor, Now);
                break;
            case Operation.RecordResolution:
                m.RecordResolution("Obra concluída.", actor, Now);
                break;
            case Operation.Archive:
                m.Archive(ArchiveReason.Duplicate, "Duplicada.", actor, Now);
                break;
            case Operation.AddAttachment:
                m.AddAttachment("foto.jpg", "image/jpeg", 1_000, "chave/foto.jpg", AttachmentOrigin.Original, actor, Now, limits: AttachmentLimits.Legal);
                break;
        }
    }

    private static Guid AssignmentId(Manifestation m, Func<Assignment, bool> preferred) =>
        m.Assignments.FirstOrDefault(preferred)?.Id ?? m.Assignments.FirstOrDefault()?.Id ?? Guid.NewGuid();

    private static Actor ActorNamed(string name) => name switch
    {
        "Ombudsman" => Actors.Ombudsman,
        "Manager" => Actors.Manager,
        "Admin" => Actors.Admin,
        "Citizen" => Actors.Citizen,
        "System" => Actors.System,
        "CollaboratorA" => CollaboratorA,
        "CollaboratorB" => CollaboratorB,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    /// <summary>Builds, then moves the clock on, so that any later change shows in LastChangedAt and history times.</summary>
    private Manifestation Build(ManifestationBuilder builder)
    {
        var m = builder.Build();
        _clock.Advance(TimeSpan.FromHours(1));
        return m;
    }

    [Fact]
    public void Archive_ComplementNotAnsweredBeforeItsDueDate_ThrowsAndKeepsState()
    {
        var m = Build(NewManifestation.AwaitingComplement());
        _clock.Advance(TimeSpan.FromDays(19));

        DomainAssert.ThrowsAndKeepsState(m, () => m.Archive(ArchiveReason.ComplementNotAnswered, null, Ombudsman, Now));
    }

    [Fact]
    public void Archive_WithOpenTreatments_ClosesEveryTreatment()
    {
        var m = Build(NewManifestation.InTreatment(unitId: Actors.UnitA, role: AssignmentRole.Responsible));
        m.Forward(Actors.UnitB, AssignmentRole.Observer, null, null, null, Ombudsman, Now, terms: DeadlineTerms.Legal);

        m.Archive(ArchiveReason.LossOfObject, null, Ombudsman, Now);

        Assert.All(m.Assignments, a => Assert.Equal(TreatmentStatus.Finalized, a.Status));
        Assert.False(m.HasOpenResponsibleTreatment);
    }

    [Fact]
    public void ReopenTreatment_MonthsLater_GivesAFreshUnitDeadline()
    {
        var m = Build(NewManifestation.InTreatment(unitId: Actors.UnitA, role: AssignmentRole.Responsible));
        var assignment = m.Assignments.Single();
        m.FinalizeTreatment(assignment.Id, CollaboratorA, Now);
        _clock.Advance(TimeSpan.FromDays(90));

        m.ReopenTreatment(assignment.Id, null, null, CollaboratorA, Now, terms: DeadlineTerms.Legal);

        Assert.Equal(Now.AddDays(DeadlinePolicy.UnitAnswerDays), assignment.Deadline.DueAt);
        Assert.False(assignment.Deadline.Extended);
    }

    [Fact]
    public void ExtendUnitDeadline_CaseNoLongerInTreatment_ThrowsAndKeepsState()
    {
        var m = Build(NewManifestation.InTreatment(unitId: Actors.UnitA, role: AssignmentRole.Observer));
        var assignment = m.Assignments.Single();
        m.Answer("Resposta.", conclusive: true, Ombudsman, Now);

        DomainAssert.ThrowsAndKeepsState(m, () => m.ExtendUnitDeadline(assignment.Id, "Justificativa.", Ombudsman, Now, terms: DeadlineTerms.Legal));
    }
}
