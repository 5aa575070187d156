using Ouvidoria.Domain.Common;

namespace Ouvidoria.Domain.Manifestations;

/// <summary>How a unit takes part in a manifestation's treatment.</summary>
public enum AssignmentRole
{
    /// <summary>Responsável: owes the ombudsman an answer within the unit deadline.</summary>
    Responsible,

    /// <summary>Observador: reads and contributes, never answers nor finalizes.</summary>
    Observer,
}

public enum TreatmentStatus
{
    Open,
    Finalized,
}

/// <summary>
/// A unit (optionally a specific collaborator of it) forwarded the manifestation, with its own
/// treatment state and deadline. Changed only through <see cref="Manifestation"/>.
/// </summary>
public sealed class Assignment
{
    private TreatmentStatus _status;
    private bool _manifestationOpen;

    private Assignment()
    {
        Deadline = null!;
    }

    internal Assignment(Guid manifestationId, DateTimeOffset manifestationRegisteredAt, bool manifestationOpen, Guid unitId, AssignmentRole role, string? collaboratorId, string? collaboratorName, string? instructions, DateTimeOffset now, int answerDays)
    {
        Id = Guid.NewGuid();
        ManifestationId = manifestationId;
        ManifestationRegisteredAt = manifestationRegisteredAt;
        _manifestationOpen = manifestationOpen;
        UnitId = unitId;
        Role = role;
        CollaboratorId = collaboratorId;
        CollaboratorName = collaboratorName;
        Instructions = string.IsNullOrWhiteSpace(instructions) ? null : instructions.Trim();
        AssignedAt = now;
        Status = TreatmentStatus.Open;
        Deadline = new Deadline(now.AddDays(answerDays));
    }

    public Guid Id { get; private set; }

    public Guid ManifestationId { get; private set; }

    public Guid UnitId { get; private set; }

    /// <summary>A specific collaborator, or null when the whole unit treats it.</summary>
    public string? CollaboratorId { get; private set; }

    public string? CollaboratorName { get; private set; }

    public AssignmentRole Role { get; private set; }

    public TreatmentStatus Status
    {
        get => _status;
        private set
        {
            _status = value;
            InQueue = ComputeInQueue();
        }
    }

    /// <summary>
    /// Whether the manifestation is still owed an answer (<see cref="ManifestationStatusLabels.IsOpen"/>):
    /// a copy of its status the aggregate keeps on every save (<see cref="Manifestation.Status"/>).
    /// </summary>
    public bool ManifestationOpen
    {
        get => _manifestationOpen;
        internal set
        {
            _manifestationOpen = value;
            InQueue = ComputeInQueue();
        }
    }

    /// <summary>When the manifestation was registered (never changes): the unit's queue sorts by it without reading the manifestations.</summary>
    public DateTimeOffset ManifestationRegisteredAt { get; private set; }

    /// <summary>
    /// Whether the unit's default queue ("still owed an answer") lists the manifestation through
    /// this treatment: the manifestation is still open, or this responsible treatment still is (a
    /// treatment reopened after the answer). Derived from <see cref="Status"/>, <see cref="Role"/>
    /// and <see cref="ManifestationOpen"/> whenever one changes; stored so that the queue of a
    /// unit reads one small partial index (docs/decisions/0015-scale-indexes.md).
    /// </summary>
    public bool InQueue { get; private set; }

    /// <summary>The ombudsman's instructions, shown in the forwarding alert.</summary>
    public string? Instructions { get; private set; }

    public DateTimeOffset AssignedAt { get; private set; }

    public DateTimeOffset? FinalizedAt { get; private set; }

    public Deadline Deadline { get; private set; }

    /// <summary>The investigating unit's process number (denúncia flow, art. 7 Decreto 10.153/2019).</summary>
    public string? ProcessNumber { get; private set; }

    /// <summary>Why the investigating unit did not consider the denúncia apt (no process opened), once recorded.</summary>
    public string? NotAptReason { get; private set; }

    /// <summary>Set while the unit's request for the one 20-day extension awaits the ombudsman.</summary>
    public string? ExtensionRequestJustification { get; private set; }

    public DateTimeOffset? ExtensionRequestedAt { get; private set; }

    public string? ExtensionRequestedBy { get; private set; }

    public bool HasPendingExtensionRequest => ExtensionRequestedAt is not null;

    public bool IsOpen => Status == TreatmentStatus.Open;

    private bool ComputeInQueue() => _manifestationOpen || (_status == TreatmentStatus.Open && Role == AssignmentRole.Responsible);

    /// <summary>Whether <paramref name="actor"/> is a member of this assignment (its unit or its named collaborator).</summary>
    public bool Includes(Actor actor) =>
        actor.IsCollaborator && ((actor.UserId is not null && actor.UserId == CollaboratorId) || (actor.UnitId == UnitId));

    internal void Finalize(DateTimeOffset now)
    {
        if (Role == AssignmentRole.Observer)
        {
            throw new DomainException("Observadores contribuem no tratamento, mas não o finalizam.");
        }

        if (Status == TreatmentStatus.Finalized)
        {
            throw new DomainException("Este tratamento já foi finalizado.");
        }

        Status = TreatmentStatus.Finalized;
        FinalizedAt = now;
    }

    /// <summary>A reopened treatment gets a fresh unit deadline (and its one extension back).</summary>
    internal void Reopen(string? collaboratorId, string? collaboratorName, DateTimeOffset now, int answerDays)
    {
        if (Status != TreatmentStatus.Finalized)
        {
            throw new DomainException("Só é possível reabrir um tratamento finalizado.");
        }

        Status = TreatmentStatus.Open;
        FinalizedAt = null;
        CollaboratorId = collaboratorId;
        CollaboratorName = collaboratorName;
        Deadline = new Deadline(now.AddDays(answerDays));
    }

    /// <summary>Closes any open treatment when the case is archived (observers included).</summary>
    internal void CloseOnArchive(DateTimeOffset now)
    {
        if (Status == TreatmentStatus.Open)
        {
            Status = TreatmentStatus.Finalized;
            FinalizedAt = now;
        }
    }

    internal void RequestExtension(string justification, Actor actor, DateTimeOffset now)
    {
        if (Status != TreatmentStatus.Open)
        {
            throw new DomainException("Só é possível pedir prorrogação de um tratamento em aberto.");
        }

        if (Deadline.Extended)
        {
            throw new DomainException("O prazo da unidade já foi prorrogado uma vez e não pode ser prorrogado novamente.");
        }

        if (HasPendingExtensionRequest)
        {
            throw new DomainException("Já há um pedido de prorrogação aguardando a decisão da Ouvidoria.");
        }

        if (string.IsNullOrWhiteSpace(justification))
        {
            throw new DomainException("Informe a justificativa do pedido de prorrogação.");
        }

        TextLimits.Check(justification, TextLimits.Justification, "A justificativa");
        ExtensionRequestJustification = justification.Trim();
        ExtensionRequestedAt = now;
        ExtensionRequestedBy = actor.Name;
    }

    internal void ClearExtensionRequest()
    {
        ExtensionRequestJustification = null;
        ExtensionRequestedAt = null;
        ExtensionRequestedBy = null;
    }

    internal void InformProcessNumber(string processNumber) => ProcessNumber = processNumber;

    internal void DeclareNotApt(string reason) => NotAptReason = reason;

    internal void ExtendDeadline(string justification, int extensionDays)
    {
        if (Status != TreatmentStatus.Open)
        {
            throw new DomainException("Só é possível prorrogar o prazo de um tratamento em aberto.");
        }

        Deadline = Deadline.Extend(extensionDays, justification);
        ClearExtensionRequest();
    }
}
