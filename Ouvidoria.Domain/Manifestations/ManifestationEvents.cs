namespace Ouvidoria.Domain.Manifestations;

/// <summary>
/// Something that happened to a manifestation that people outside the page must learn of (the
/// e-mail alerts of the collaborator manual). Raised by the transitions, collected by the use case
/// and turned into notifications in the same transaction. Carries ids and dates only: never the
/// requester's data nor the content.
/// </summary>
public abstract record ManifestationEvent(Guid ManifestationId, DateTimeOffset At);

/// <summary>Forwarded to a unit (optionally a named collaborator): the alert of manual 2.1.</summary>
public sealed record ForwardedToUnit(Guid ManifestationId, Guid AssignmentId, Guid UnitId, string? CollaboratorId, AssignmentRole Role, DateTimeOffset DueAt, DateTimeOffset At)
    : ManifestationEvent(ManifestationId, At);

/// <summary>A finalized treatment was reopened (manual 2.3, figure 11).</summary>
public sealed record TreatmentReopened(Guid ManifestationId, Guid AssignmentId, Guid UnitId, string? CollaboratorId, DateTimeOffset DueAt, DateTimeOffset At)
    : ManifestationEvent(ManifestationId, At);

/// <summary>The ombudsman decided an art. 7 requisition.</summary>
public sealed record IdentityRequestDecided(Guid ManifestationId, Guid AssignmentId, string? RequestedById, bool Granted, DateTimeOffset At)
    : ManifestationEvent(ManifestationId, At);

/// <summary>The citizen answered a complement request.</summary>
public sealed record ComplementArrived(Guid ManifestationId, DateTimeOffset At)
    : ManifestationEvent(ManifestationId, At);
