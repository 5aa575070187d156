using Ouvidoria.Domain.Manifestations;

namespace Ouvidoria.Web.Features.Manifestations;

/// <summary>What the manifestation page shows to ONE viewer (already filtered by what they may see).</summary>
public sealed record ManifestationDetails
{
    public required Guid Id { get; init; }
    public required string Nup { get; init; }
    public required ManifestationType Type { get; init; }
    public required ManifestationStatus Status { get; init; }
    public required Channel Channel { get; init; }
    public required Guid? ThemeId { get; init; }
    public required string? ThemeName { get; init; }
    public required string Subject { get; init; }
    public required DateTimeOffset RegisteredAt { get; init; }
    public required Deadline CitizenDeadline { get; init; }
    public required Deadline ViewerDeadline { get; init; }
    public required bool ClockPaused { get; init; }

    /// <summary>The original text (teor): only for the ombudsman.</summary>
    public required string? OriginalDescription { get; init; }

    public required string? Extract { get; init; }

    /// <summary>"Observação do órgão": only for the ombudsman.</summary>
    public required string? InternalNote { get; init; }

    public required bool IsAnonymous { get; init; }

    /// <summary>True when the viewer sees the requester's real data.</summary>
    public required bool IdentityVisible { get; init; }

    public required string? RequesterName { get; init; }
    public required string? RequesterEmail { get; init; }
    public required string? RequesterPhone { get; init; }
    public string? RequesterCpf { get; init; }
    public string? RequesterAddress { get; init; }
    public required bool ConsentToShare { get; init; }

    public required string? ComplementRequest { get; init; }
    public required DateTimeOffset? ComplementDueAt { get; init; }
    public required string? ComplementText { get; init; }

    public required bool? Resolved { get; init; }
    public required string? ResolutionNote { get; init; }
    public required ArchiveReason? ArchiveReason { get; init; }
    public required string? ArchiveJustification { get; init; }

    /// <summary>The date and synthesis a unit reported for a demand concluded as not resolved.</summary>
    public DateOnly? ResolutionReportedOn { get; init; }

    public string? ResolutionReportSynthesis { get; init; }

    /// <summary>Collaborators the ombudsman enabled to view the requester's data (ombudsman only).</summary>
    public IReadOnlyList<IdentityGrantView> IdentityGrants { get; init; } = [];

    /// <summary>Art. 7 requisitions the viewer may see (their unit's, or all for the ombudsman).</summary>
    public IReadOnlyList<IdentityRequestView> IdentityRequests { get; init; } = [];

    public IReadOnlyList<CollaboratorRequestView> CollaboratorRequests { get; init; } = [];

    public required IReadOnlyList<AssignmentView> Team { get; init; }
    public required IReadOnlyList<MessageView> Messages { get; init; }
    public required IReadOnlyList<AnswerView> Answers { get; init; }
    /// <summary>The complete "Histórico de ações" (accesses included), newest first: its first page.</summary>
    public required IReadOnlyList<HistoryView> History { get; init; }

    /// <summary>Older entries exist beyond <see cref="History"/> ("Carregar mais").</summary>
    public bool HistoryHasMore { get; init; }

    /// <summary>The simplified view (workflow actions only, filtered in SQL), newest first: its first page.</summary>
    public IReadOnlyList<HistoryView> WorkflowHistory { get; init; } = [];

    public bool WorkflowHistoryHasMore { get; init; }
    public required IReadOnlyList<AttachmentView> Attachments { get; init; }

    public required ViewerPermissions Can { get; init; }

    /// <summary>For the ombudsman who may forward: the theme's default unit, offered first (null when none applies).</summary>
    public ForwardSuggestion? ForwardSuggestion { get; init; }
}

/// <summary>The "unidade padrão" of the manifestation's theme, suggested when forwarding.</summary>
public sealed record ForwardSuggestion(Guid UnitId, string UnitName, string ThemeName);

public sealed record AssignmentView(
    Guid Id,
    Guid UnitId,
    string UnitName,
    string? CollaboratorName,
    AssignmentRole Role,
    TreatmentStatus Status,
    string? Instructions,
    DateTimeOffset AssignedAt,
    Deadline Deadline,
    bool IsMine,
    string? ProcessNumber = null,
    string? ExtensionRequestJustification = null,
    string? ExtensionRequestedBy = null,
    string? NotAptReason = null);

public sealed record IdentityGrantView(Guid Id, string CollaboratorName, string GrantedByName, DateTimeOffset GrantedAt, DateTimeOffset? RevokedAt);

public sealed record IdentityRequestView(Guid Id, Guid AssignmentId, string UnitName, string RequestedByName, DateTimeOffset RequestedAt, string Text, RequestStatus Status, string? DecidedByName, DateTimeOffset? DecidedAt, string? DecisionNote);

public sealed record CollaboratorRequestView(Guid Id, string CandidateName, Guid CandidateUnitId, string CandidateUnitName, AssignmentRole Role, string Reason, string RequestedByName, DateTimeOffset RequestedAt, RequestStatus Status, string? DecidedByName, string? DecisionNote);

public sealed record MessageView(Guid Id, string AuthorName, string? AuthorUnit, string Text, MessageVisibility Visibility, DateTimeOffset PostedAt, bool IsMine, bool IsDeleted = false, bool CanDelete = false, bool Restricted = false);

public sealed record AnswerView(string Text, bool IsConclusive, string AuthorName, DateTimeOffset SentAt);

public sealed record HistoryView(HistoryAction Action, string ActorName, string? Details, DateTimeOffset At, int Sequence = 0);

/// <summary>A page of the history, newest first; <see cref="HasMore"/>: older entries remain.</summary>
public sealed record HistoryPage(IReadOnlyList<HistoryView> Entries, bool HasMore);

public sealed record AttachmentView(Guid Id, string FileName, long SizeBytes, AttachmentOrigin Origin, DateTimeOffset UploadedAt, Guid? MessageId, string Url);

/// <summary>The actions the page offers this viewer (the workflow checks again on submit).</summary>
public sealed record ViewerPermissions
{
    public bool StartTriage { get; init; }
    public bool Triage { get; init; }
    public bool RequestComplement { get; init; }
    public bool Forward { get; init; }
    public bool PostMessage { get; init; }

    /// <summary>Open responsible treatments of the viewer's unit that may declare "no competence".</summary>
    public IReadOnlyList<Guid> DeclareNoCompetence { get; init; } = [];
    public bool PostInternal { get; init; }
    public bool Answer { get; init; }
    public bool AnswerConclusively { get; init; }
    public bool ExtendDeadline { get; init; }
    public bool Conclude { get; init; }
    public bool RecordResolution { get; init; }
    public bool Archive { get; init; }

    /// <summary>Assignments the viewer may finalize.</summary>
    public IReadOnlyList<Guid> Finalize { get; init; } = [];

    /// <summary>Open treatments that cannot end yet, and why (art. 7 requisition pending, process number missing).</summary>
    public IReadOnlyDictionary<Guid, string> FinalizeBlockers { get; init; } = new Dictionary<Guid, string>();

    /// <summary>Assignments the viewer may reopen.</summary>
    public IReadOnlyList<Guid> Reopen { get; init; } = [];

    /// <summary>An enabled collaborator may switch "Visualizar dados" to SIM (with a justification).</summary>
    public bool ViewIdentity { get; init; }

    /// <summary>The ombudsman may enable/revoke identity viewing (identified, non-denúncia, open case).</summary>
    public bool ManageIdentityGrants { get; init; }

    /// <summary>The viewer's treatments that may requisition identity (art. 7).</summary>
    public IReadOnlyList<Guid> RequestIdentity { get; init; } = [];

    /// <summary>Open treatments that sent an art. 7 requisition and still owe the process number (or the "não apta" record).</summary>
    public IReadOnlyList<Guid> InformProcessNumber { get; init; } = [];

    public IReadOnlyList<Guid> RequestExtension { get; init; } = [];

    public IReadOnlyList<Guid> RequestCollaborator { get; init; } = [];

    /// <summary>The ombudsman decides units' requests.</summary>
    public bool DecideRequests { get; init; }

    public IReadOnlyList<Guid> ReportResolution { get; init; } = [];
}
