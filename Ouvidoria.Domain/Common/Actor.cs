namespace Ouvidoria.Domain.Common;

/// <summary>The kinds of people who act on a manifestation.</summary>
public enum ActorKind
{
    /// <summary>The citizen (manifestante), identified by NUP + password, never by an account.</summary>
    Citizen,

    /// <summary>Ombudsman analyst (role "Ouvidoria").</summary>
    Ombudsman,

    /// <summary>Unit collaborator (role "Colaborador").</summary>
    Collaborator,

    /// <summary>Manager (role "Gestor"): reads and reports.</summary>
    Manager,

    /// <summary>Administrator: configuration, never case content.</summary>
    Administrator,

    /// <summary>A background job or the system itself.</summary>
    System,
}

/// <summary>Who is doing something, as the domain needs to know it.</summary>
public sealed record Actor(string? UserId, string Name, ActorKind Kind, Guid? UnitId = null)
{
    public static Actor Citizen { get; } = new(null, "Manifestante", ActorKind.Citizen);

    public static Actor System { get; } = new(null, "Sistema", ActorKind.System);

    public bool IsOmbudsman => Kind == ActorKind.Ombudsman;

    public bool IsCollaborator => Kind == ActorKind.Collaborator;
}
