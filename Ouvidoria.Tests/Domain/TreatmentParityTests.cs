using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Tests.Support;

namespace Ouvidoria.Tests.Domain;

/// <summary>Collaborator manual 2.3: "no competence" with the standard texts, and deleting one's own message.</summary>
public sealed class TreatmentParityTests
{
    private readonly FakeTimeProvider _clock = new();

    private DateTimeOffset Now => _clock.GetUtcNow();

    private static Actor CollaboratorA => Actors.CollaboratorOf(Actors.UnitA);

    private Manifestation InTreatmentWithUnitA() =>
        new ManifestationBuilder().WithClock(_clock).InTreatment(unitId: Actors.UnitA, role: AssignmentRole.Responsible).Build();

    [Fact]
    public void DeclareNoCompetence_KnowingTheRightArea_PostsTheStandardTextNamingItAndFinalizes()
    {
        var m = InTreatmentWithUnitA();
        var assignment = m.Assignments.Single();

        m.DeclareNoCompetence(assignment.Id, "Secretaria de Obras", CollaboratorA, Now);

        Assert.Equal(TreatmentStatus.Finalized, assignment.Status);
        Assert.Equal(
            "Em leitura preliminar, identificamos que não temos competência sobre o assunto da manifestação. Encerramos nosso atendimento e indicamos o envio para a área Secretaria de Obras.",
            m.Messages[^1].Text);
        Assert.Equal(MessageVisibility.Team, m.Messages[^1].Visibility);
        Assert.Equal(HistoryAction.NoCompetenceDeclared, m.History[^1].Action);
    }

    [Fact]
    public void DeclareNoCompetence_NotKnowingTheRightArea_PostsTheOtherStandardText()
    {
        var m = InTreatmentWithUnitA();

        m.DeclareNoCompetence(m.Assignments.Single().Id, "  ", CollaboratorA, Now);

        Assert.EndsWith("Encerramos nosso atendimento, porém, desconhecemos a área responsável.", m.Messages[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void DeclareNoCompetence_ByAnotherUnit_ThrowsAndKeepsState()
    {
        var m = InTreatmentWithUnitA();

        DomainAssert.ThrowsAndKeepsState(m, () => m.DeclareNoCompetence(m.Assignments.Single().Id, null, Actors.CollaboratorOf(Actors.UnitB), Now));
    }

    [Fact]
    public void DeclareNoCompetence_TreatmentAlreadyFinalized_ThrowsAndKeepsState()
    {
        var m = InTreatmentWithUnitA();
        var assignment = m.Assignments.Single();
        m.FinalizeTreatment(assignment.Id, CollaboratorA, Now);

        DomainAssert.ThrowsAndKeepsState(m, () => m.DeclareNoCompetence(assignment.Id, null, CollaboratorA, Now));
    }

    [Fact]
    public void DeleteMessage_OwnMessageWhileTreatmentOpen_ErasesTheTextKeepsTheRecordAndReturnsItsFiles()
    {
        var m = InTreatmentWithUnitA();
        var message = m.PostMessage("Mensagem enviada por engano.", MessageVisibility.Team, CollaboratorA, Now);
        m.AddAttachment("rascunho.pdf", "application/pdf", 10, "2026/11/abc", AttachmentOrigin.Treatment, CollaboratorA, Now, AttachmentLimits.Legal, message.Id);
        _clock.Advance(TimeSpan.FromMinutes(2));

        var removedFiles = m.DeleteMessage(message.Id, CollaboratorA, Now);

        Assert.True(message.IsDeleted);
        Assert.Equal(string.Empty, message.Text);
        Assert.Equal(Now, message.DeletedAt);
        Assert.Equal(["2026/11/abc"], removedFiles);
        Assert.DoesNotContain(m.Attachments, a => a.MessageId == message.Id);
        Assert.Equal(HistoryAction.MessageDeleted, m.History[^1].Action);
    }

    [Fact]
    public void DeleteMessage_SomeoneElsesMessage_ThrowsAndKeepsState()
    {
        var m = InTreatmentWithUnitA();
        var message = m.PostMessage("Orientação da Ouvidoria.", MessageVisibility.Team, Actors.Ombudsman, Now);

        DomainAssert.ThrowsAndKeepsState(m, () => m.DeleteMessage(message.Id, CollaboratorA, Now));
    }

    [Fact]
    public void DeleteMessage_AfterTheCollaboratorFinalized_ThrowsAndKeepsState()
    {
        var m = InTreatmentWithUnitA();
        var message = m.PostMessage("Resposta da unidade.", MessageVisibility.Team, CollaboratorA, Now);
        m.FinalizeTreatment(m.Assignments.Single().Id, CollaboratorA, Now);

        DomainAssert.ThrowsAndKeepsState(m, () => m.DeleteMessage(message.Id, CollaboratorA, Now));
    }
}
