using Ouvidoria.Domain.Common;

namespace Ouvidoria.Domain.Manifestations;

/// <summary>"A sua demanda foi atendida?"</summary>
public enum SurveyAttendance
{
    Yes,
    No,
    Partially,
}

public static class SurveyAttendanceLabels
{
    public static string Label(this SurveyAttendance attendance) => attendance switch
    {
        SurveyAttendance.Yes => "Sim",
        SurveyAttendance.No => "Não",
        SurveyAttendance.Partially => "Parcialmente",
    };
}

/// <summary>
/// The citizen's optional satisfaction survey, once per NUP, after the conclusive answer. Holds no
/// personal data: the manifestation it rates, three answers, an optional comment and when.
/// Created only by <see cref="Manifestation.AnswerSurvey"/>.
/// </summary>
public sealed class SatisfactionSurvey
{
    public const int MinScore = 1;
    public const int MaxScore = 5;
    public const int MaxCommentLength = 2000;
    public const string AlreadyAnsweredMessage = "A pesquisa desta manifestação já foi respondida.";

    private SatisfactionSurvey()
    {
    }

    internal SatisfactionSurvey(Guid manifestationId, SurveyAttendance attended, int clarity, int satisfaction, string? comment, DateTimeOffset now)
    {
        if (!Enum.IsDefined(attended))
        {
            throw new DomainException("Responda se a sua demanda foi atendida: sim, não ou parcialmente.");
        }

        RequireScore(clarity, "à clareza da resposta");
        RequireScore(satisfaction, "à sua satisfação com o atendimento");
        TextLimits.Check(comment, MaxCommentLength, "O comentário");
        Id = Guid.NewGuid();
        ManifestationId = manifestationId;
        Attended = attended;
        Clarity = clarity;
        Satisfaction = satisfaction;
        Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        AnsweredAt = now;
    }

    public Guid Id { get; private set; }

    public Guid ManifestationId { get; private set; }

    public SurveyAttendance Attended { get; private set; }

    /// <summary>Clareza da resposta, 1 (nada clara) to 5 (muito clara).</summary>
    public int Clarity { get; private set; }

    /// <summary>Satisfação com o atendimento, 1 (muito insatisfeito) to 5 (muito satisfeito).</summary>
    public int Satisfaction { get; private set; }

    public string? Comment { get; private set; }

    public DateTimeOffset AnsweredAt { get; private set; }

    private static void RequireScore(int score, string what)
    {
        if (score is < MinScore or > MaxScore)
        {
            throw new DomainException($"Dê uma nota de {MinScore} a {MaxScore} {what}.");
        }
    }
}
