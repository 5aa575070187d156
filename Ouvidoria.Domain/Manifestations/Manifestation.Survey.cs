using Ouvidoria.Domain.Common;

namespace Ouvidoria.Domain.Manifestations;

/// <summary>The citizen's satisfaction survey: once per NUP, after the conclusive answer.</summary>
public sealed partial class Manifestation
{
    /// <summary>Whether the citizen may rate the answer: a conclusive answer was sent (answered or concluded).</summary>
    public bool CanReceiveSurvey =>
        Status is ManifestationStatus.Answered or ManifestationStatus.Concluded && _answers.Any(a => a.IsConclusive);

    /// <summary>
    /// The citizen answers the survey (after NUP + password). <paramref name="alreadyAnswered"/> is
    /// what the store knows; a unique index on the survey's manifestation guards concurrent submits.
    /// Recorded in the history without touching the case itself (no new "last change").
    /// </summary>
    public SatisfactionSurvey AnswerSurvey(bool alreadyAnswered, SurveyAttendance attended, int clarity, int satisfaction, string? comment, DateTimeOffset now)
    {
        if (alreadyAnswered)
        {
            throw new DomainException(SatisfactionSurvey.AlreadyAnsweredMessage);
        }

        if (!CanReceiveSurvey)
        {
            throw new DomainException("A pesquisa de satisfação fica disponível depois da resposta conclusiva.");
        }

        var survey = new SatisfactionSurvey(Id, attended, clarity, satisfaction, comment, now);
        _history.Add(new HistoryEntry(Id, HistoryAction.SurveyAnswered, null, Actor.Citizen.Name, null, now));
        return survey;
    }
}
