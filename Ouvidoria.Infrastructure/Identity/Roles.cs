using Ouvidoria.Domain.Common;

namespace Ouvidoria.Infrastructure.Identity;

/// <summary>The staff roles (names as shown in pt-BR).</summary>
public static class Roles
{
    /// <summary>Ombudsman analyst.</summary>
    public const string Ombudsman = "Ouvidoria";

    public const string Collaborator = "Colaborador";

    public const string Manager = "Gestor";

    public const string Administrator = "Administrador";

    public static IReadOnlyList<string> All { get; } = [Ombudsman, Collaborator, Manager, Administrator];

    /// <summary>The domain's view of a role; the strongest role wins when a user has several.</summary>
    public static ActorKind ToActorKind(IEnumerable<string> roles)
    {
        var set = roles.ToHashSet(StringComparer.Ordinal);
        return set.Contains(Ombudsman) ? ActorKind.Ombudsman
            : set.Contains(Collaborator) ? ActorKind.Collaborator
            : set.Contains(Manager) ? ActorKind.Manager
            : set.Contains(Administrator) ? ActorKind.Administrator
            : ActorKind.System;
    }
}
