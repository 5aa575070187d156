using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Tests.Support;

namespace Ouvidoria.Tests.Domain;

/// <summary>The citizen's satisfaction survey: after the conclusive answer only, once, scores 1–5, no personal data.</summary>
public sealed class SatisfactionSurveyTests
{
    private readonly FakeTimeProvider _clock = new();

    private DateTimeOffset Now => _clock.GetUtcNow();

    private ManifestationBuilder NewManifestation => new ManifestationBuilder().WithClock(_clock);

    [Theory]
    [InlineData(ManifestationStatus.Answered)]
    [InlineData(ManifestationStatus.Concluded)]
    public void AnswerSurvey_AfterTheConclusiveAnswer_CreatesTheSurveyAndRecordsItWithoutTouchingTheCase(ManifestationStatus status)
    {
        var m = NewManifestation.InStatus(status).Build();
        var lastChanged = m.LastChangedAt;
        _clock.Advance(TimeSpan.FromDays(2));

        var survey = m.AnswerSurvey(alreadyAnswered: false, SurveyAttendance.Partially, clarity: 4, satisfaction: 2, "  Resposta demorou.  ", Now);

        Assert.Equal((m.Id, SurveyAttendance.Partially, 4, 2, "Resposta demorou.", Now), (survey.ManifestationId, survey.Attended, survey.Clarity, survey.Satisfaction, survey.Comment, survey.AnsweredAt));
        Assert.NotEqual(Guid.Empty, survey.Id);
        Assert.Equal(HistoryAction.SurveyAnswered, m.History[^1].Action);
        Assert.Equal((Actor.Citizen.Name, (string?)null, Now), (m.History[^1].ActorName, m.History[^1].ActorId, m.History[^1].At));
        Assert.Equal(lastChanged, m.LastChangedAt);
        Assert.Equal(status, m.Status);
    }

    [Fact]
    public void AnswerSurvey_EmptyComment_IsStoredAsNoComment()
    {
        var survey = NewManifestation.Concluded().Build().AnswerSurvey(false, SurveyAttendance.Yes, 5, 5, "   ", Now);

        Assert.Null(survey.Comment);
    }

    [Theory]
    [InlineData(ManifestationStatus.Registered)]
    [InlineData(ManifestationStatus.InTriage)]
    [InlineData(ManifestationStatus.AwaitingComplement)]
    [InlineData(ManifestationStatus.InTreatment)]
    [InlineData(ManifestationStatus.Archived)]
    public void AnswerSurvey_BeforeAConclusiveAnswer_ThrowsAndKeepsState(ManifestationStatus status)
    {
        var m = NewManifestation.InStatus(status).Build();

        var exception = DomainAssert.ThrowsAndKeepsState(m, () => m.AnswerSurvey(false, SurveyAttendance.Yes, 5, 5, null, Now));

        Assert.Equal("A pesquisa de satisfação fica disponível depois da resposta conclusiva.", exception.Message);
        Assert.False(m.CanReceiveSurvey);
    }

    [Fact]
    public void AnswerSurvey_AfterOnlyAnIntermediateAnswer_IsRefused()
    {
        var m = NewManifestation.InTreatment().Build();
        m.Answer("Estamos apurando o caso.", conclusive: false, Actors.Ombudsman, Now);

        DomainAssert.ThrowsAndKeepsState(m, () => m.AnswerSurvey(false, SurveyAttendance.No, 1, 1, null, Now));
        Assert.False(m.CanReceiveSurvey);
    }

    [Fact]
    public void AnswerSurvey_AlreadyAnswered_ThrowsTheOncePerNupMessage()
    {
        var m = NewManifestation.Concluded().Build();

        var exception = DomainAssert.ThrowsAndKeepsState(m, () => m.AnswerSurvey(alreadyAnswered: true, SurveyAttendance.Yes, 5, 5, null, Now));

        Assert.Equal("A pesquisa desta manifestação já foi respondida.", exception.Message);
        Assert.Equal(SatisfactionSurvey.AlreadyAnsweredMessage, exception.Message);
    }

    [Theory]
    [InlineData(0, 3, "Dê uma nota de 1 a 5 à clareza da resposta.")]
    [InlineData(6, 3, "Dê uma nota de 1 a 5 à clareza da resposta.")]
    [InlineData(-1, 3, "Dê uma nota de 1 a 5 à clareza da resposta.")]
    [InlineData(3, 0, "Dê uma nota de 1 a 5 à sua satisfação com o atendimento.")]
    [InlineData(3, 6, "Dê uma nota de 1 a 5 à sua satisfação com o atendimento.")]
    public void AnswerSurvey_ScoreOutOf1To5_ThrowsAndKeepsState(int clarity, int satisfaction, string message)
    {
        var m = NewManifestation.Concluded().Build();

        var exception = DomainAssert.ThrowsAndKeepsState(m, () => m.AnswerSurvey(false, SurveyAttendance.Yes, clarity, satisfaction, null, Now));

        Assert.Equal(message, exception.Message);
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(5, 1)]
    public void AnswerSurvey_ScoresAtTheLimits_AreAccepted(int clarity, int satisfaction)
    {
        var survey = NewManifestation.Concluded().Build().AnswerSurvey(false, SurveyAttendance.No, clarity, satisfaction, null, Now);

        Assert.Equal((clarity, satisfaction), (survey.Clarity, survey.Satisfaction));
    }

    [Fact]
    public void AnswerSurvey_UndefinedAttendance_IsRefused()
    {
        var m = NewManifestation.Concluded().Build();

        var exception = DomainAssert.ThrowsAndKeepsState(m, () => m.AnswerSurvey(false, (SurveyAttendance)7, 3, 3, null, Now));

        Assert.Equal("Responda se a sua demanda foi atendida: sim, não ou parcialmente.", exception.Message);
    }

    [Fact]
    public void AnswerSurvey_CommentOver2000Characters_IsRefusedAnd2000Accepted()
    {
        var m = NewManifestation.Concluded().Build();

        var exception = DomainAssert.ThrowsAndKeepsState(m, () => m.AnswerSurvey(false, SurveyAttendance.Yes, 4, 4, new string('a', 2001), Now));
        var survey = m.AnswerSurvey(false, SurveyAttendance.Yes, 4, 4, new string('a', 2000), Now);

        Assert.Equal("O comentário deve ter no máximo 2000 caracteres.", exception.Message);
        Assert.Equal(2000, survey.Comment!.Length);
    }

    [Fact]
    public void SatisfactionSurvey_HoldsNoPersonalData_OnlyTheCaseIdTheAnswersAndWhen()
    {
        var properties = typeof(SatisfactionSurvey).GetProperties().Select(p => p.Name).Order().ToArray();

        Assert.Equal(["AnsweredAt", "Attended", "Clarity", "Comment", "Id", "ManifestationId", "Satisfaction"], properties);
    }

    /// <summary>Manual 2.4: elogio is answered by the Ouvidoria-Geral; units only know of it (observers).</summary>
    [Fact]
    public void Answer_ComplimentByTheObservingUnitsCollaborator_IsRefused()
    {
        var m = NewManifestation.OfType(ManifestationType.Compliment).InTreatment(Actors.UnitA).Build();
        Assert.Equal(AssignmentRole.Observer, m.Assignments.Single().Role);

        var exception = DomainAssert.ThrowsAndKeepsState(m, () => m.Answer("Agradecemos o elogio.", conclusive: true, Actors.CollaboratorOf(Actors.UnitA), Now));

        Assert.Equal("Somente a Ouvidoria pode responder ao manifestante.", exception.Message);
    }
}
