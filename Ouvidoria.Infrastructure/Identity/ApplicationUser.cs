using Microsoft.AspNetCore.Identity;

namespace Ouvidoria.Infrastructure.Identity;

/// <summary>A staff member (the citizen never has an account: NUP + password).</summary>
public sealed class ApplicationUser : IdentityUser
{
    public string FullName { get; set; } = string.Empty;

    /// <summary>The collaborator's unit; null for ombudsman analysts, managers and administrators.</summary>
    public Guid? UnitId { get; set; }

    public bool IsActive { get; set; } = true;
}
