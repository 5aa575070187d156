using Ouvidoria.Domain.Common;

namespace Ouvidoria.Domain.Manifestations;

/// <summary>
/// "Demanda resolvida?" (collaborator manual 2.4 passo 7): demands concluded as not resolved
/// (pending investigation or implementation) are reported resolved by the unit, with the
/// conclusion date, a synthesis and proof; the ombudsman then records the resolution.
/// </summary>
public sealed partial class Manifestation
{
    /// <summary>The conclusion date the unit reported; null until it reports.</summary>
    public DateOnly? ResolutionReportedOn { get; private set; }

    public DateTimeOffset? ResolutionReportedAt { get; private set; }

    public string? ResolutionReportSynthesis { get; private set; }

    public bool AwaitsResolutionRecord => Status == ManifestationStatus.Concluded && Resolved == false && ResolutionReportedAt is not null;

    /// <summary>
    /// The responsible unit reopens its treatment and informs the conclusion date and the synthesis
    /// of what was done; the returned message carries the proof files (at least one, attached by
    /// the caller in the same transaction). The treatment stays open until the ombudsman records
    /// the resolution.
    /// </summary>
    public TreatmentMessage ReportResolution(Guid assignmentId, DateOnly concludedOn, string synthesis, int proofFiles, Actor actor, DateTimeOffset now, DeadlineTerms terms)
    {
        var assignment = FindAssignment(assignmentId);
        if (!actor.IsCollaborator || !assignment.Includes(actor) || assignment.Role != AssignmentRole.Responsible)
        {
            throw new DomainException("Somente a unidade responsável pelo tratamento informa a resolução da demanda.");
        }

        if (Status != ManifestationStatus.Concluded || Resolved != false)
        {
            throw new DomainException("Só se informa a resolução de demandas concluídas como não resolvidas.");
        }

        if (concludedOn > DateOnly.FromDateTime(now.UtcDateTime.AddHours(-3)))
        {
            throw new DomainException("A data de conclusão não pode ser futura.");
        }

        if (concludedOn < DateOnly.FromDateTime(RegisteredAt.UtcDateTime.AddHours(-3)))
        {
            throw new DomainException("A data de conclusão não pode ser anterior ao registro da manifestação.");
        }

        if (string.IsNullOrWhiteSpace(synthesis))
        {
            throw new DomainException("Informe a síntese dos procedimentos executados.");
        }

        TextLimits.Check(synthesis, TextLimits.Justification, "A síntese");
        if (proofFiles < 1)
        {
            throw new DomainException("Anexe ao menos um documento que comprove a conclusão (certidão, decisão, relatório...).");
        }

        if (!assignment.IsOpen)
        {
            assignment.Reopen(assignment.CollaboratorId, assignment.CollaboratorName, now, terms.EnsureValid().UnitAnswerDays);
            Record(HistoryAction.TreatmentReopened, actor, "Para informar a resolução da demanda", now);
        }

        ResolutionReportedOn = concludedOn;
        ResolutionReportedAt = now;
        ResolutionReportSynthesis = synthesis.Trim();
        var message = new TreatmentMessage(Id, actor.UserId, actor.Name, actor.UnitId,
            $"Demanda resolvida em {concludedOn:dd/MM/yyyy}. Síntese dos procedimentos executados: {synthesis.Trim()}", MessageVisibility.Team, now);
        _messages.Add(message);
        Record(HistoryAction.ResolutionReported, actor, $"Concluída em {concludedOn:dd/MM/yyyy}", now);
        return message;
    }
}
