using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Domain.Templates;
using Ouvidoria.Tests.Support;

namespace Ouvidoria.Tests.Domain;

/// <summary>
/// Decreto 10.153/2019 art. 6-7 and the collaborator manual 2.6-2.7: the justified identity view
/// of an enabled collaborator, and the investigating unit's requisition in denúncias.
/// </summary>
public sealed class IdentityProtectionTests
{
    private const string Justification = Manifestation.IdentityViewJustificationText;

    private static readonly Actor Ombudsman = Actors.Ombudsman;
    private static readonly Actor CollaboratorA = Actors.CollaboratorOf(Actors.UnitA, "colab-a", "Carla (Saúde)");
    private static readonly Actor OtherOfUnitA = Actors.CollaboratorOf(Actors.UnitA, "colab-a2", "Caio (Saúde)");
    private static readonly Actor CollaboratorB = Actors.CollaboratorOf(Actors.UnitB, "colab-b", "Bruno (Educação)");

    private readonly FakeTimeProvider _clock = new();

    private DateTimeOffset Now => _clock.GetUtcNow();

    [Fact]
    public void ViewIdentity_WithoutGrant_IsRefusedAndNothingIsRecorded()
    {
        var m = Complaint();

        Assert.False(m.MayViewIdentity(CollaboratorA));
        DomainAssert.ThrowsAndKeepsState(m, () => m.ViewIdentity(Justification, CollaboratorA, Now));
    }

    [Fact]
    public void ViewIdentity_EnabledCollaboratorWithJustification_ReturnsDataAndRecordsTheView()
    {
        var m = Complaint();
        m.EnableIdentityView("colab-a", "Carla (Saúde)", Actors.UnitA, Ombudsman, Now);
        DomainAssert.LastHistory(m, HistoryAction.IdentityViewEnabled, Ombudsman, Now);
        _clock.Advance(TimeSpan.FromMinutes(5));

        var requester = m.ViewIdentity("  " + Justification + "  ", CollaboratorA, Now);

        Assert.Equal("Maria da Silva", requester.Name);
        var entry = DomainAssert.LastHistory(m, HistoryAction.IdentityViewed, CollaboratorA, Now);
        Assert.Equal(Justification, entry.Details);
    }

    [Fact]
    public void ViewIdentity_EveryViewIsRecorded()
    {
        var m = Complaint();
        m.EnableIdentityView("colab-a", "Carla (Saúde)", Actors.UnitA, Ombudsman, Now);

        m.ViewIdentity(Justification, CollaboratorA, Now);
        m.ViewIdentity("Preciso contatar a manifestante para agendar a consulta.", CollaboratorA, Now);

        Assert.Equal(2, m.History.Count(h => h.Action == HistoryAction.IdentityViewed));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Preciso ver.")]
    public void ViewIdentity_MissingOrShortJustification_IsRefused(string justification)
    {
        var m = Complaint();
        m.EnableIdentityView("colab-a", "Carla (Saúde)", Actors.UnitA, Ombudsman, Now);

        DomainAssert.ThrowsAndKeepsState(m, () => m.ViewIdentity(justification, CollaboratorA, Now));
    }

    [Fact]
    public void ViewIdentity_GrantIsPersonal_AnotherCollaboratorOfTheSameUnitIsRefused()
    {
        var m = Complaint();
        m.EnableIdentityView("colab-a", "Carla (Saúde)", Actors.UnitA, Ombudsman, Now);

        Assert.False(m.MayViewIdentity(OtherOfUnitA));
        DomainAssert.Throws(() => m.ViewIdentity(Justification, OtherOfUnitA, Now));
    }

    [Fact]
    public void ViewIdentity_AfterRevocation_IsRefused()
    {
        var m = Complaint();
        var grant = m.EnableIdentityView("colab-a", "Carla (Saúde)", Actors.UnitA, Ombudsman, Now);

        m.RevokeIdentityView(grant.Id, Ombudsman, Now);

        DomainAssert.LastHistory(m, HistoryAction.IdentityViewRevoked, Ombudsman, Now);
        DomainAssert.Throws(() => m.ViewIdentity(Justification, CollaboratorA, Now));
        DomainAssert.Throws(() => m.RevokeIdentityView(grant.Id, Ombudsman, Now));
    }

    [Fact]
    public void ViewIdentity_AfterTheTreatmentIsFinalized_IsRefused()
    {
        var m = Complaint();
        m.EnableIdentityView("colab-a", "Carla (Saúde)", Actors.UnitA, Ombudsman, Now);
        m.FinalizeTreatment(m.Assignments[0].Id, CollaboratorA, Now);

        DomainAssert.Throws(() => m.ViewIdentity(Justification, CollaboratorA, Now));
    }

    [Fact]
    public void EnableIdentityView_OnlyTheOmbudsman()
    {
        var m = Complaint();

        DomainAssert.ThrowsAndKeepsState(m, () => m.EnableIdentityView("colab-a", "Carla", Actors.UnitA, CollaboratorA, Now));
        DomainAssert.ThrowsAndKeepsState(m, () => m.EnableIdentityView("colab-a", "Carla", Actors.UnitA, Actors.Manager, Now));
    }

    [Fact]
    public void EnableIdentityView_CollaboratorOfAUnitWithoutTreatment_IsRefused()
    {
        var m = Complaint();

        DomainAssert.ThrowsAndKeepsState(m, () => m.EnableIdentityView("colab-b", "Bruno", Actors.UnitB, Ombudsman, Now));
    }

    [Fact]
    public void EnableIdentityView_Twice_IsRefused()
    {
        var m = Complaint();
        m.EnableIdentityView("colab-a", "Carla", Actors.UnitA, Ombudsman, Now);

        DomainAssert.ThrowsAndKeepsState(m, () => m.EnableIdentityView("colab-a", "Carla", Actors.UnitA, Ombudsman, Now));
    }

    [Fact]
    public void EnableIdentityView_Denuncia_IsRefused_TheArt7RequisitionApplies()
    {
        var m = new ManifestationBuilder().OfType(ManifestationType.Denunciation).WithClock(_clock).InTreatment().Build();

        var e = DomainAssert.ThrowsAndKeepsState(m, () => m.EnableIdentityView("colab-a", "Carla", Actors.UnitA, Ombudsman, Now));
        Assert.Contains("art. 7º", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnableIdentityView_Anonymous_IsRefused()
    {
        var m = new ManifestationBuilder().Anonymous().WithClock(_clock).InTreatment().Build();

        DomainAssert.ThrowsAndKeepsState(m, () => m.EnableIdentityView("colab-a", "Carla", Actors.UnitA, Ombudsman, Now));
    }

    [Fact]
    public void ShowsIdentityTo_StaysOmbudsmanOnly_EvenForAnEnabledCollaborator()
    {
        var m = Complaint();
        m.EnableIdentityView("colab-a", "Carla", Actors.UnitA, Ombudsman, Now);

        Assert.True(m.ShowsIdentityTo(Ombudsman));
        Assert.False(m.ShowsIdentityTo(CollaboratorA));
        Assert.False(m.ShowsIdentityTo(Actors.Manager));
    }

    [Fact]
    public void RequestIdentity_Denuncia_PostsTheTextAndBlocksFinalizationUntilDecided()
    {
        var m = Denuncia();
        var assignment = m.Assignments[0];

        var request = m.RequestIdentity(assignment.Id, Manifestation.IdentityRequestText, CollaboratorA, Now);

        Assert.True(request.IsPending);
        Assert.Equal(Manifestation.IdentityRequestText, m.Messages[^1].Text);
        DomainAssert.LastHistory(m, HistoryAction.IdentityRequested, CollaboratorA, Now);
        var e = DomainAssert.ThrowsAndKeepsState(m, () => m.FinalizeTreatment(assignment.Id, CollaboratorA, Now));
        Assert.Contains("requisição de identidade", e.Message, StringComparison.Ordinal);
        DomainAssert.ThrowsAndKeepsState(m, () => m.DeclareNoCompetence(assignment.Id, null, CollaboratorA, Now));
        DomainAssert.ThrowsAndKeepsState(m, () => m.RequestIdentity(assignment.Id, Manifestation.IdentityRequestText, CollaboratorA, Now));
    }

    [Fact]
    public void DecideIdentityRequest_Granted_RestrictedMessageAndFinalizationOnlyAfterProcessNumber()
    {
        var m = Denuncia();
        var assignment = m.Assignments[0];
        m.Forward(Actors.UnitB, AssignmentRole.Observer, null, null, null, Ombudsman, Now, terms: DeadlineTerms.Legal);
        var request = m.RequestIdentity(assignment.Id, Manifestation.IdentityRequestText, CollaboratorA, Now);

        var message = m.DecideIdentityRequest(request.Id, grant: true, null, Ombudsman, Now);

        Assert.Equal(RequestStatus.Granted, request.Status);
        Assert.Equal(assignment.Id, message.RestrictedToAssignmentId);
        Assert.True(m.CanSee(message, CollaboratorA));
        Assert.True(m.CanSee(message, Ombudsman));
        Assert.False(m.CanSee(message, CollaboratorB));
        Assert.False(m.CanSee(message, Actors.Manager));
        DomainAssert.LastHistory(m, HistoryAction.IdentityRequestGranted, Ombudsman, Now);

        var e = DomainAssert.ThrowsAndKeepsState(m, () => m.FinalizeTreatment(assignment.Id, CollaboratorA, Now));
        Assert.Contains("número do processo", e.Message, StringComparison.Ordinal);

        m.InformProcessNumber(assignment.Id, " 23000.012345/2026-11 ", CollaboratorA, Now);
        Assert.Equal("23000.012345/2026-11", assignment.ProcessNumber);
        m.FinalizeTreatment(assignment.Id, CollaboratorA, Now);
        Assert.False(assignment.IsOpen);
    }

    [Fact]
    public void CanDownload_FileOnARestrictedMessage_OnlyTheRequestingTeamAndTheOmbudsman()
    {
        var m = Denuncia();
        var assignment = m.Assignments[0];
        m.Forward(Actors.UnitB, AssignmentRole.Observer, null, null, null, Ombudsman, Now, terms: DeadlineTerms.Legal);
        var request = m.RequestIdentity(assignment.Id, Manifestation.IdentityRequestText, CollaboratorA, Now);
        var message = m.DecideIdentityRequest(request.Id, grant: true, null, Ombudsman, Now);

        var pdf = m.AddAttachment("identidade.pdf", "application/pdf", 1000, "key-1", AttachmentOrigin.Treatment, Ombudsman, Now, AttachmentLimits.Legal, message.Id);

        Assert.True(m.CanDownload(pdf, CollaboratorA));
        Assert.True(m.CanDownload(pdf, Ombudsman));
        Assert.False(m.CanDownload(pdf, CollaboratorB));
        Assert.False(m.CanDownload(pdf, Actors.Manager));
    }

    [Fact]
    public void DecideIdentityRequest_Refused_NeedsAReasonAndStillRequiresTheProcessNumberToFinalize()
    {
        var m = Denuncia();
        var assignment = m.Assignments[0];
        var request = m.RequestIdentity(assignment.Id, Manifestation.IdentityRequestText, CollaboratorA, Now);

        DomainAssert.ThrowsAndKeepsState(m, () => m.DecideIdentityRequest(request.Id, grant: false, "  ", Ombudsman, Now));
        var message = m.DecideIdentityRequest(request.Id, grant: false, "Os fatos podem ser apurados sem a identificação.", Ombudsman, Now);

        Assert.Equal(RequestStatus.Refused, request.Status);
        Assert.Null(message.RestrictedToAssignmentId);
        Assert.Contains("indeferida", message.Text, StringComparison.Ordinal);
        // Manual 2.7, item 3: after the requisition, finalized only after the process number (apt denúncias).
        var e = DomainAssert.ThrowsAndKeepsState(m, () => m.FinalizeTreatment(assignment.Id, CollaboratorA, Now));
        Assert.Contains("número do processo apuratório", e.Message, StringComparison.Ordinal);
        Assert.NotNull(m.TreatmentEndBlocker(assignment.Id));
        DomainAssert.ThrowsAndKeepsState(m, () => m.DeclareNoCompetence(assignment.Id, null, CollaboratorA, Now));

        m.InformProcessNumber(assignment.Id, "23000.012345/2026-11", CollaboratorA, Now);
        m.FinalizeTreatment(assignment.Id, CollaboratorA, Now);
        Assert.False(assignment.IsOpen);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void DeclareNotApt_AfterADecidedRequisition_LetsTheUnitFinalizeWithoutAProcessNumber(bool granted)
    {
        var m = Denuncia();
        var assignment = m.Assignments[0];
        var request = m.RequestIdentity(assignment.Id, Manifestation.IdentityRequestText, CollaboratorA, Now);
        m.DecideIdentityRequest(request.Id, granted, granted ? null : "Os fatos podem ser apurados sem a identificação.", Ombudsman, Now);
        _clock.Advance(TimeSpan.FromDays(3));

        m.DeclareNotApt(assignment.Id, "  Fatos genéricos, sem indícios mínimos de autoria ou materialidade.  ", CollaboratorA, Now);

        Assert.Equal("Fatos genéricos, sem indícios mínimos de autoria ou materialidade.", assignment.NotAptReason);
        var entry = DomainAssert.LastHistory(m, HistoryAction.DenunciationNotApt, CollaboratorA, Now);
        Assert.Equal(assignment.NotAptReason, entry.Details);
        Assert.False(entry.Action.IsAccess());
        Assert.Null(m.TreatmentEndBlocker(assignment.Id));
        DomainAssert.ThrowsAndKeepsState(m, () => m.InformProcessNumber(assignment.Id, "23000.012345/2026-11", CollaboratorA, Now));
        DomainAssert.ThrowsAndKeepsState(m, () => m.DeclareNotApt(assignment.Id, "Registro repetido da mesma conclusão.", CollaboratorA, Now));
        m.FinalizeTreatment(assignment.Id, CollaboratorA, Now);
        Assert.False(assignment.IsOpen);
    }

    [Fact]
    public void DeclareNotApt_WithoutRequisition_AfterAProcessNumber_ShortReasonOrOtherUnit_IsRefused()
    {
        var m = Denuncia();
        var assignment = m.Assignments[0];

        DomainAssert.ThrowsAndKeepsState(m, () => m.DeclareNotApt(assignment.Id, "Fatos genéricos, sem indícios mínimos.", CollaboratorA, Now));
        m.RequestIdentity(assignment.Id, Manifestation.IdentityRequestText, CollaboratorA, Now);
        DomainAssert.ThrowsAndKeepsState(m, () => m.DeclareNotApt(assignment.Id, "Não apta.", CollaboratorA, Now));
        DomainAssert.ThrowsAndKeepsState(m, () => m.DeclareNotApt(assignment.Id, "Fatos genéricos, sem indícios mínimos.", CollaboratorB, Now));
        m.InformProcessNumber(assignment.Id, "23000.012345/2026-11", CollaboratorA, Now);
        DomainAssert.ThrowsAndKeepsState(m, () => m.DeclareNotApt(assignment.Id, "Fatos genéricos, sem indícios mínimos.", CollaboratorA, Now));
    }

    [Fact]
    public void FinalizeTreatment_DenunciaWithoutRequisition_NeedsNoProcessNumber()
    {
        var m = Denuncia();

        m.FinalizeTreatment(m.Assignments[0].Id, CollaboratorA, Now);

        Assert.False(m.Assignments[0].IsOpen);
    }

    [Fact]
    public void CanDownload_CitizenFiles_AfterAGrant_OnlyTheRequestingCollaboratorAndTheOmbudsman()
    {
        var m = Denuncia();
        var assignment = m.Assignments[0];
        m.Forward(Actors.UnitB, AssignmentRole.Observer, null, null, null, Ombudsman, Now, terms: DeadlineTerms.Legal);
        var original = m.AddAttachment("foto-das-notas.jpg", "image/jpeg", 2048, "key-original", AttachmentOrigin.Original, Actors.Citizen, Now, limits: AttachmentLimits.Legal);
        var complement = m.AddAttachment("recibo.pdf", "application/pdf", 4096, "key-complement", AttachmentOrigin.Complement, Actors.Citizen, Now, limits: AttachmentLimits.Legal);
        var request = m.RequestIdentity(assignment.Id, Manifestation.IdentityRequestText, CollaboratorA, Now);
        Assert.False(m.CanDownload(original, CollaboratorA));
        Assert.Empty(m.CitizenFilesDeliveredBy(request));

        m.DecideIdentityRequest(request.Id, grant: true, null, Ombudsman, Now);

        Assert.Equal([original, complement], m.CitizenFilesDeliveredBy(request));
        foreach (var file in new[] { original, complement })
        {
            Assert.True(m.CanDownload(file, CollaboratorA));
            Assert.True(m.CanDownload(file, Ombudsman));
            Assert.False(m.CanDownload(file, OtherOfUnitA));
            Assert.False(m.CanDownload(file, CollaboratorB));
            Assert.False(m.CanDownload(file, Actors.Manager));
        }

        _clock.Advance(TimeSpan.FromMinutes(1));
        var downloaded = m.RecordDownload(original.Id, CollaboratorA, Now);
        Assert.Same(original, downloaded);
        var entry = DomainAssert.LastHistory(m, HistoryAction.AttachmentDownloaded, CollaboratorA, Now);
        Assert.Equal($"Anexo do manifestante ({original.Id:N})", entry.Details);
        DomainAssert.ThrowsAndKeepsState(m, () => m.RecordDownload(original.Id, OtherOfUnitA, Now));
    }

    [Fact]
    public void CanDownload_CitizenFiles_RefusedRequisition_DeliversNothing()
    {
        var m = Denuncia();
        var original = m.AddAttachment("foto-das-notas.jpg", "image/jpeg", 2048, "key-original", AttachmentOrigin.Original, Actors.Citizen, Now, limits: AttachmentLimits.Legal);
        var request = m.RequestIdentity(m.Assignments[0].Id, Manifestation.IdentityRequestText, CollaboratorA, Now);

        m.DecideIdentityRequest(request.Id, grant: false, "Os fatos podem ser apurados sem a identificação.", Ombudsman, Now);

        Assert.Empty(m.CitizenFilesDeliveredBy(request));
        Assert.False(m.CanDownload(original, CollaboratorA));
        DomainAssert.ThrowsAndKeepsState(m, () => m.RecordDownload(original.Id, CollaboratorA, Now));
    }

    [Fact]
    public void CanDownload_IdentityPdf_UnitWideAssignment_OnlyTheCollaboratorItWasGrantedTo()
    {
        var m = Denuncia();
        var assignment = m.Assignments[0];
        Assert.Null(assignment.CollaboratorId);
        var request = m.RequestIdentity(assignment.Id, Manifestation.IdentityRequestText, CollaboratorA, Now);
        var message = m.DecideIdentityRequest(request.Id, grant: true, null, Ombudsman, Now);
        var pdf = m.AddAttachment("identidade.pdf", "application/pdf", 1000, "key-1", AttachmentOrigin.Treatment, Ombudsman, Now, AttachmentLimits.Legal, message.Id);
        var teamFile = m.AddAttachment("oficio.pdf", "application/pdf", 1000, "key-2", AttachmentOrigin.Treatment, OtherOfUnitA, Now,
            AttachmentLimits.Legal, m.PostMessage("Segue o ofício.", MessageVisibility.Team, OtherOfUnitA, Now).Id);

        Assert.Contains(CollaboratorA.Name, message.Text, StringComparison.Ordinal);
        Assert.True(m.CanSee(message, OtherOfUnitA));
        Assert.False(m.CanDownload(pdf, OtherOfUnitA));
        Assert.True(m.CanDownload(pdf, CollaboratorA));
        Assert.True(m.CanDownload(pdf, Ombudsman));
        Assert.True(m.CanDownload(teamFile, CollaboratorA));
        Assert.True(m.CanDownload(teamFile, OtherOfUnitA));
        DomainAssert.ThrowsAndKeepsState(m, () => m.RecordDownload(pdf.Id, OtherOfUnitA, Now));
    }

    [Fact]
    public void CitizenFilesDeliveredBy_FilesReceivedAfterTheGrant_AreNotDelivered()
    {
        var m = Denuncia();
        var before = m.AddAttachment("foto.jpg", "image/jpeg", 2048, "key-before", AttachmentOrigin.Original, Actors.Citizen, Now, limits: AttachmentLimits.Legal);
        var request = m.RequestIdentity(m.Assignments[0].Id, Manifestation.IdentityRequestText, CollaboratorA, Now);
        m.DecideIdentityRequest(request.Id, grant: true, null, Ombudsman, Now);
        _clock.Advance(TimeSpan.FromHours(1));

        var after = m.AddAttachment("outra-foto.jpg", "image/jpeg", 2048, "key-after", AttachmentOrigin.Original, Actors.Citizen, Now, limits: AttachmentLimits.Legal);

        Assert.Equal([before], m.CitizenFilesDeliveredBy(request));
        Assert.True(m.CanDownload(before, CollaboratorA));
        Assert.False(m.CanDownload(after, CollaboratorA));
    }

    [Fact]
    public void DecideIdentityRequest_OnlyTheOmbudsman_AndOnlyOnce()
    {
        var m = Denuncia();
        var request = m.RequestIdentity(m.Assignments[0].Id, Manifestation.IdentityRequestText, CollaboratorA, Now);

        DomainAssert.ThrowsAndKeepsState(m, () => m.DecideIdentityRequest(request.Id, true, null, CollaboratorA, Now));
        m.DecideIdentityRequest(request.Id, true, null, Ombudsman, Now);
        DomainAssert.ThrowsAndKeepsState(m, () => m.DecideIdentityRequest(request.Id, false, "Mudança de ideia.", Ombudsman, Now));
        DomainAssert.ThrowsAndKeepsState(m, () => m.RequestIdentity(m.Assignments[0].Id, Manifestation.IdentityRequestText, CollaboratorA, Now));
    }

    [Fact]
    public void DecideIdentityRequest_AnonymousComunicacao_SaysTheIdentityCannotBeVerified()
    {
        var m = new ManifestationBuilder().Anonymous().WithClock(_clock).InTreatment().Build();
        var request = m.RequestIdentity(m.Assignments[0].Id, Manifestation.IdentityRequestText, CollaboratorA, Now);

        var message = m.DecideIdentityRequest(request.Id, true, null, Ombudsman, Now);

        Assert.StartsWith(Manifestation.IdentityNotVerifiableText, message.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ManifestationType.Complaint)]
    [InlineData(ManifestationType.Request)]
    [InlineData(ManifestationType.Suggestion)]
    [InlineData(ManifestationType.Simplification)]
    public void RequestIdentity_OtherTypes_AreRefused(ManifestationType type)
    {
        var m = new ManifestationBuilder().OfType(type).WithClock(_clock).InTreatment().Build();

        DomainAssert.ThrowsAndKeepsState(m, () => m.RequestIdentity(m.Assignments[0].Id, Manifestation.IdentityRequestText, CollaboratorA, Now));
    }

    [Fact]
    public void RequestIdentity_ObserverOrOtherUnit_IsRefused()
    {
        var m = Denuncia();
        var observer = m.Forward(Actors.UnitB, AssignmentRole.Observer, null, null, null, Ombudsman, Now, terms: DeadlineTerms.Legal);

        DomainAssert.ThrowsAndKeepsState(m, () => m.RequestIdentity(observer.Id, Manifestation.IdentityRequestText, CollaboratorB, Now));
        DomainAssert.ThrowsAndKeepsState(m, () => m.RequestIdentity(m.Assignments[0].Id, Manifestation.IdentityRequestText, CollaboratorB, Now));
        DomainAssert.ThrowsAndKeepsState(m, () => m.RequestIdentity(m.Assignments[0].Id, Manifestation.IdentityRequestText, Ombudsman, Now));
    }

    [Fact]
    public void InformProcessNumber_Empty_IsRefused()
    {
        var m = Denuncia();

        DomainAssert.ThrowsAndKeepsState(m, () => m.InformProcessNumber(m.Assignments[0].Id, " ", CollaboratorA, Now));
        DomainAssert.ThrowsAndKeepsState(m, () => m.InformProcessNumber(m.Assignments[0].Id, "123", CollaboratorB, Now));
    }

    [Fact]
    public void StandardTexts_DomainDefaults_AreTheEditableCatalogsDefaults()
    {
        Assert.Equal(Manifestation.IdentityRequestText, TextTemplateCatalog.Get(TextTemplateKey.IdentityRequest).DefaultBody);
        Assert.Equal(Manifestation.IdentityViewJustificationText, TextTemplateCatalog.Get(TextTemplateKey.IdentityViewJustification).DefaultBody);
        Assert.Equal(TextTemplateCatalog.Get(TextTemplateKey.NoCompetenceUnknownArea).DefaultBody, Manifestation.NoCompetenceText(null));
        Assert.Equal(TextTemplateCatalog.Get(TextTemplateKey.NoCompetenceKnownArea).DefaultBody.Replace("{AREA}", "Secretaria de Obras", StringComparison.Ordinal), Manifestation.NoCompetenceText("Secretaria de Obras"));
    }

    [Theory]
    [InlineData("52998224725", "529.982.247-25")]
    [InlineData(" 529.982.247-25 ", "529.982.247-25")]
    public void Requester_ValidCpf_IsStoredFormatted(string typed, string stored) =>
        Assert.Equal(stored, new Requester("Maria", null, null, typed).Cpf);

    [Theory]
    [InlineData("529.982.247-24")]
    [InlineData("111.111.111-11")]
    [InlineData("1234")]
    public void Requester_InvalidCpf_IsRefusedInPortuguese(string cpf) =>
        DomainAssert.Throws(() => _ = new Requester("Maria", null, null, cpf));

    [Fact]
    public void Requester_AddressTooLong_IsRefused() =>
        DomainAssert.Throws(() => _ = new Requester("Maria", null, null, null, new string('x', TextLimits.Address + 1)));

    private Manifestation Complaint() =>
        new ManifestationBuilder().WithClock(_clock).InTreatment(Actors.UnitA).Build();

    private Manifestation Denuncia() =>
        new ManifestationBuilder().OfType(ManifestationType.Denunciation).WithClock(_clock).InTreatment(Actors.UnitA).Build();
}
