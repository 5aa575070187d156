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
    ExtractPdfGenerated,
    IdentityViewEnabled,
    IdentityViewRevoked,
    IdentityViewed,
    IdentityRequested,
    IdentityRequestGranted,
    IdentityRequestRefused,
    ProcessNumberInformed,
    UnitDeadlineExtensionRequested,
    UnitDeadlineExtensionRefused,
    CollaboratorRequested,
    CollaboratorRequestAccepted,
    CollaboratorRequestRefused,
    ResolutionReported,
    FilesPurged,
    SurveyAnswered,
    DenunciationNotApt,
}

/// <summary>
/// One line of the "Histórico de ações": who, when, what. Also the access log that Decreto
/// 10.153/2019 art. 6 §3 requires (every <see cref="HistoryAction.Viewed"/>). Append-only and
/// tamper-evident: when saved, persistence numbers it within its manifestation and chains it to the
/// previous entry by a keyed hash (docs/decisions/0011-tamper-evident-history.md).
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

    /// <summary>1, 2, 3… within the manifestation; assigned when the entry is saved.</summary>
    public int Sequence { get; private set; }

    /// <summary>The <see cref="Hash"/> of entry <see cref="Sequence"/> − 1 (null for the first); assigned when saved.</summary>
    public string? PreviousHash { get; private set; }

    /// <summary>Keyed hash over this entry's fields and <see cref="PreviousHash"/>; assigned when saved.</summary>
    public string? Hash { get; private set; }
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
        HistoryAction.ExtractPdfGenerated => "PDF do extrato gerado",
        HistoryAction.IdentityViewEnabled => "Visualização dos dados do manifestante habilitada",
        HistoryAction.IdentityViewRevoked => "Visualização dos dados do manifestante revogada",
        HistoryAction.IdentityViewed => "Dados do manifestante visualizados",
        HistoryAction.IdentityRequested => "Identidade requisitada (art. 7º do Decreto nº 10.153/2019)",
        HistoryAction.IdentityRequestGranted => "Requisição de identidade deferida",
        HistoryAction.IdentityRequestRefused => "Requisição de identidade indeferida",
        HistoryAction.ProcessNumberInformed => "Número do processo apuratório informado",
        HistoryAction.UnitDeadlineExtensionRequested => "Prorrogação do prazo da unidade solicitada",
        HistoryAction.UnitDeadlineExtensionRefused => "Prorrogação do prazo da unidade indeferida",
        HistoryAction.CollaboratorRequested => "Inclusão de colaborador solicitada",
        HistoryAction.CollaboratorRequestAccepted => "Inclusão de colaborador aceita",
        HistoryAction.CollaboratorRequestRefused => "Inclusão de colaborador recusada",
        HistoryAction.ResolutionReported => "Resolução da demanda informada pela unidade",
        HistoryAction.FilesPurged => "Anexos eliminados (política de retenção)",
        HistoryAction.SurveyAnswered => "Pesquisa de satisfação respondida",
        HistoryAction.DenunciationNotApt => "Denúncia não considerada apta pela unidade de apuração",
    };

    /// <summary>
    /// Accesses (openings, consultations, downloads, identity views) as opposed to workflow actions:
    /// the "Histórico de ações" shows them only in its complete form.
    /// </summary>
    public static bool IsAccess(this HistoryAction action) => action switch
    {
        HistoryAction.Viewed or HistoryAction.ConsultedByCitizen or HistoryAction.AttachmentDownloaded or HistoryAction.ExtractPdfGenerated
            or HistoryAction.IdentityViewed => true,
        HistoryAction.Registered or HistoryAction.TriageStarted or HistoryAction.Classified or HistoryAction.InternalNoteWritten
            or HistoryAction.ExtractWritten or HistoryAction.ComplementRequested or HistoryAction.ComplementReceived
            or HistoryAction.Forwarded or HistoryAction.MessagePosted or HistoryAction.TreatmentFinalized
            or HistoryAction.TreatmentReopened or HistoryAction.DeadlineExtended or HistoryAction.UnitDeadlineExtended
            or HistoryAction.IntermediateAnswerSent or HistoryAction.ConclusiveAnswerSent or HistoryAction.Concluded
            or HistoryAction.ResolutionRecorded or HistoryAction.Archived or HistoryAction.AttachmentAdded
            or HistoryAction.MessageDeleted or HistoryAction.NoCompetenceDeclared
            or HistoryAction.IdentityViewEnabled or HistoryAction.IdentityViewRevoked or HistoryAction.IdentityRequested
            or HistoryAction.IdentityRequestGranted or HistoryAction.IdentityRequestRefused or HistoryAction.ProcessNumberInformed
            or HistoryAction.UnitDeadlineExtensionRequested or HistoryAction.UnitDeadlineExtensionRefused
            or HistoryAction.CollaboratorRequested or HistoryAction.CollaboratorRequestAccepted or HistoryAction.CollaboratorRequestRefused
            or HistoryAction.ResolutionReported or HistoryAction.FilesPurged or HistoryAction.SurveyAnswered
            or HistoryAction.DenunciationNotApt => false,
    };
}
