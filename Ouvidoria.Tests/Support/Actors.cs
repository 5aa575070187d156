using Ouvidoria.Domain.Common;

namespace Ouvidoria.Tests.Support;

/// <summary>The people of the tests. Unit A is where the builder forwards by default.</summary>
public static class Actors
{
    public static readonly Guid UnitA = Guid.Parse("aaaaaaaa-0000-0000-0000-00000000000a");

    public static readonly Guid UnitB = Guid.Parse("bbbbbbbb-0000-0000-0000-00000000000b");

    public static Actor Ombudsman { get; } = new("ouvidoria-ana", "Ana (Ouvidoria)", ActorKind.Ombudsman);

    public static Actor Manager { get; } = new("gestor-gil", "Gil (Gestor)", ActorKind.Manager);

    public static Actor Admin { get; } = new("admin-alice", "Alice (Administradora)", ActorKind.Administrator);

    public static Actor Citizen => Actor.Citizen;

    public static Actor System => Actor.System;

    /// <summary>A collaborator of <paramref name="unitId"/>; the default user id is derived from the unit.</summary>
    public static Actor CollaboratorOf(Guid unitId, string? userId = null, string? name = null) =>
        new(userId ?? $"colab-{unitId:N}", name ?? $"Colaborador {unitId.ToString()[..4]}", ActorKind.Collaborator, unitId);
}
