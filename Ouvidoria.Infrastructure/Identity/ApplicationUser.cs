using Microsoft.AspNetCore.Identity;

namespace Ouvidoria.Infrastructure.Identity;

/// <summary>A staff member (the citizen never has an account: NUP + password).</summary>
public sealed class ApplicationUser : IdentityUser
{
    public string FullName { get; set; } = string.Empty;

    /// <summary>The collaborator's unit; null for ombudsman analysts, managers and administrators.</summary>
    public Guid? UnitId { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>
    /// An eventual collaborator (manual 2.4 passo 2): takes part only as an observer, deactivated
    /// automatically when their treatments end and reactivated when assigned again.
    /// </summary>
    public bool IsEventual { get; set; }

    /// <summary>
    /// Inactive because the system deactivated this eventual collaborator when their treatments
    /// ended: only then does a new assignment reactivate them. False when an administrator
    /// deactivated the account — that decision stands (Domain/Organization/EventualCollaborators).
    /// </summary>
    public bool DeactivatedAutomatically { get; set; }

    /// <summary>Signed in with a one-time password an administrator handed out: must choose a new one first.</summary>
    public bool MustChangePassword { get; set; }
}
