namespace Ouvidoria.Domain.Manifestations;

/// <summary>What happened to a manifestation (or who looked at it).</summary>
public enum HistoryAction
{
    Registered,
    Viewed,
    ConsultedByCitizen,
    TriageStarted,
    Classified,
    InternalNoteWritten,
    ExtractWritten,
    ComplementRequested,
    ComplementReceived,
    Forwarded,
    MessagePosted,
    TreatmentFinalized,
    TreatmentReopened,
    DeadlineExtended,
    UnitDeadlineExtended,
    IntermediateAnswerSent,
    ConclusiveAnswerSent,
    Concluded,
    ResolutionRecorded,
    Archived,
    AttachmentAdded,
    AttachmentDownloaded,
    MessageDeleted,
    NoCompetenceDeclared,
    SurveyAnswered,
}

/// <summary>
/// One line of the "Histórico de ações": who, when, what. Also the access log that Decreto
/// 10.153/2019 art. 6 §3 requires (every <see cref="HistoryAction.Viewed"/>). Append-only.
/// </summary>
public sealed class HistoryEntry
{
    public const int MaxDetailsLength = 2000;

    private HistoryEntry()
    {
        ActorName = string.Empty;
    }

    internal HistoryEntry(Guid manifestationId, HistoryAction action, string? actorId, string actorName, string? details, DateTimeOffset at)
    {
        Id = Guid.NewGuid();
        ManifestationId = manifestationId;
        Action = action;
        ActorId = actorId;
        ActorName = actorName;
        Details = details;
        At = at;
    }

    public Guid Id { get; private set; }

    public Guid ManifestationId { get; private set; }

    public HistoryAction Action { get; private set; }

    public string? ActorId { get; private set; }

    public string ActorName { get; private set; }

    public string? Details { get; private set; }

    public DateTimeOffset At { get; private set; }
}

public static class HistoryActionLabels
{
    public static string Label(this HistoryAction action) => action switch
    {
        HistoryAction.Registered => "Manifestação cadastrada",
        HistoryAction.Viewed => "Acesso à manifestação",
        HistoryAction.ConsultedByCitizen => "Consulta pelo manifestante",
        HistoryAction.TriageStarted => "Triagem iniciada",
        HistoryAction.Classified => "Classificação alterada",
        HistoryAction.InternalNoteWritten => "Observação do órgão registrada",
        HistoryAction.ExtractWritten => "Extrato (pseudonimização) registrado",
        HistoryAction.ComplementRequested => "Complementação solicitada ao manifestante",
        HistoryAction.ComplementReceived => "Complementação recebida",
        HistoryAction.Forwarded => "Encaminhada",
        HistoryAction.MessagePosted => "Mensagem no tratamento",
        HistoryAction.TreatmentFinalized => "Tratamento finalizado",
        HistoryAction.TreatmentReopened => "Tratamento reaberto",
        HistoryAction.DeadlineExtended => "Prazo de resposta prorrogado",
        HistoryAction.UnitDeadlineExtended => "Prazo da unidade prorrogado",
        HistoryAction.IntermediateAnswerSent => "Resposta intermediária enviada",
        HistoryAction.ConclusiveAnswerSent => "Resposta conclusiva enviada",
        HistoryAction.Concluded => "Manifestação concluída",
        HistoryAction.ResolutionRecorded => "Resolução da demanda registrada",
        HistoryAction.Archived => "Manifestação arquivada",
        HistoryAction.AttachmentAdded => "Anexo incluído",
        HistoryAction.AttachmentDownloaded => "Download de anexo",
        HistoryAction.MessageDeleted => "Mensagem do tratamento excluída",
        HistoryAction.NoCompetenceDeclared => "Unidade sem competência sobre o assunto",
        HistoryAction.SurveyAnswered => "Pesquisa de satisfação respondida",
    };
}
