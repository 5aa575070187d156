using Ouvidoria.Domain.Common;

namespace Ouvidoria.Domain.Manifestations;

/// <summary>
/// The ombudsman enabled a collaborator to view the requester's identity on one manifestation
/// (personalíssima cases, collaborator manual 2.6). Each actual view still needs a justification
/// and is recorded in the history; the grant can be revoked.
/// </summary>
public sealed class IdentityAccessGrant
{
    private IdentityAccessGrant()
    {
        CollaboratorId = string.Empty;
        CollaboratorName = string.Empty;
        GrantedByName = string.Empty;
    }

    internal IdentityAccessGrant(Guid manifestationId, string collaboratorId, string collaboratorName, Actor grantedBy, DateTimeOffset now)
    {
        Id = Guid.NewGuid();
        ManifestationId = manifestationId;
        CollaboratorId = collaboratorId;
        CollaboratorName = collaboratorName;
        GrantedById = grantedBy.UserId;
        GrantedByName = grantedBy.Name;
        GrantedAt = now;
    }

    public Guid Id { get; private set; }

    public Guid ManifestationId { get; private set; }

    public string CollaboratorId { get; private set; }

    public string CollaboratorName { get; private set; }

    public string? GrantedById { get; private set; }

    public string GrantedByName { get; private set; }

    public DateTimeOffset GrantedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public bool IsActive => RevokedAt is null;

    internal void Revoke(DateTimeOffset now)
    {
        if (!IsActive)
        {
            throw new DomainException("Esta habilitação já foi revogada.");
        }

        RevokedAt = now;
    }
}

public enum RequestStatus
{
    Pending,

    Granted,

    Refused,
}

/// <summary>
/// An investigating unit requisitions the identity of the denunciante and the original content
/// (art. 7 Decreto 10.153/2019, collaborator manual 2.7). While pending, that treatment cannot be
/// finalized; once granted, it is finalized only after the unit informs the process number.
/// </summary>
public sealed class IdentityRequest
{
    private IdentityRequest()
    {
        RequestedByName = string.Empty;
        Text = string.Empty;
    }

    internal IdentityRequest(Guid manifestationId, Guid assignmentId, string text, Actor requestedBy, DateTimeOffset now)
    {
        Id = Guid.NewGuid();
        ManifestationId = manifestationId;
        AssignmentId = assignmentId;
        Text = text;
        RequestedById = requestedBy.UserId;
        RequestedByName = requestedBy.Name;
        RequestedAt = now;
        Status = RequestStatus.Pending;
    }

    public Guid Id { get; private set; }

    public Guid ManifestationId { get; private set; }

    public Guid AssignmentId { get; private set; }

    public string Text { get; private set; }

    public string? RequestedById { get; private set; }

    public string RequestedByName { get; private set; }

    public DateTimeOffset RequestedAt { get; private set; }

    public RequestStatus Status { get; private set; }

    public string? DecidedByName { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public string? DecisionNote { get; private set; }

    public bool IsPending => Status == RequestStatus.Pending;

    internal void Decide(bool grant, string? note, Actor actor, DateTimeOffset now)
    {
        if (!IsPending)
        {
            throw new DomainException("Esta requisição já foi decidida.");
        }

        Status = grant ? RequestStatus.Granted : RequestStatus.Refused;
        DecidedByName = actor.Name;
        DecidedAt = now;
        DecisionNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
    }
}

/// <summary>
/// A collaborator asks the ombudsman to add another collaborator to the treatment (manual 2.4
/// passo 2): name, unit and role; the ombudsman accepts (forwarding to that person) or refuses.
/// </summary>
public sealed class CollaboratorRequest
{
    private CollaboratorRequest()
    {
        CandidateName = string.Empty;
        RequestedByName = string.Empty;
        Reason = string.Empty;
    }

    internal CollaboratorRequest(Guid manifestationId, Guid assignmentId, string candidateName, Guid candidateUnitId, AssignmentRole role, string reason, Actor requestedBy, DateTimeOffset now)
    {
        Id = Guid.NewGuid();
        ManifestationId = manifestationId;
        AssignmentId = assignmentId;
        CandidateName = candidateName;
        CandidateUnitId = candidateUnitId;
        Role = role;
        Reason = reason;
        RequestedById = requestedBy.UserId;
        RequestedByName = requestedBy.Name;
        RequestedAt = now;
        Status = RequestStatus.Pending;
    }

    public Guid Id { get; private set; }

    public Guid ManifestationId { get; private set; }

    public Guid AssignmentId { get; private set; }

    public string CandidateName { get; private set; }

    public Guid CandidateUnitId { get; private set; }

    public AssignmentRole Role { get; private set; }

    public string Reason { get; private set; }

    public string? RequestedById { get; private set; }

    public string RequestedByName { get; private set; }

    public DateTimeOffset RequestedAt { get; private set; }

    public RequestStatus Status { get; private set; }

    public string? DecidedByName { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public string? DecisionNote { get; private set; }

    public Guid? CreatedAssignmentId { get; private set; }

    public bool IsPending => Status == RequestStatus.Pending;

    internal void Decide(bool accept, string? note, Guid? createdAssignmentId, Actor actor, DateTimeOffset now)
    {
        if (!IsPending)
        {
            throw new DomainException("Este pedido já foi decidido.");
        }

        Status = accept ? RequestStatus.Granted : RequestStatus.Refused;
        DecidedByName = actor.Name;
        DecidedAt = now;
        DecisionNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        CreatedAssignmentId = createdAssignmentId;
    }
}
