using Ouvidoria.Domain.Organization;

namespace Ouvidoria.Tests.Domain;

/// <summary>Manual 2.4 passo 2: eventual collaborators are deactivated when their treatments end, reactivated when needed — never over an administrator.</summary>
public sealed class EventualCollaboratorsTests
{
    [Theory]
    // An open treatment again: only the system's own deactivation is undone.
    [InlineData(false, true, true, EventualActivation.Activate)]
    [InlineData(false, false, true, EventualActivation.None)]
    // Treatments ended: an active account is deactivated, whoever activated it.
    [InlineData(true, false, false, EventualActivation.Deactivate)]
    // Nothing to change.
    [InlineData(true, false, true, EventualActivation.None)]
    [InlineData(false, true, false, EventualActivation.None)]
    [InlineData(false, false, false, EventualActivation.None)]
    public void Decide_AdministratorsDeactivationIsNeverUndone(bool isActive, bool deactivatedAutomatically, bool takesPart, EventualActivation expected) =>
        Assert.Equal(expected, EventualCollaborators.Decide(isActive, deactivatedAutomatically, takesPart));
}
