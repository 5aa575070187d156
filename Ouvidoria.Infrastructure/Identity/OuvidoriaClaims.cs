using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Ouvidoria.Domain.Common;

namespace Ouvidoria.Infrastructure.Identity;

/// <summary>Claims the portal needs to build an <see cref="Actor"/> without a database round trip.</summary>
public static class OuvidoriaClaims
{
    public const string FullName = "ouvidoria:full_name";
    public const string UnitId = "ouvidoria:unit_id";

    /// <summary>"true" while the person still holds a one-time password (must change it first).</summary>
    public const string MustChangePassword = "ouvidoria:must_change_password";

    /// <summary>The domain actor of a signed-in staff member (null when not signed in).</summary>
    public static Actor? ToActor(this ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var name = principal.FindFirstValue(FullName) ?? principal.Identity.Name ?? "Servidor";
        var unitId = Guid.TryParse(principal.FindFirstValue(UnitId), out var id) ? id : (Guid?)null;
        var kind = Roles.ToActorKind(principal.FindAll(ClaimTypes.Role).Select(c => c.Value));
        return new Actor(userId, name, kind, unitId);
    }
}

/// <summary>Adds full name and unit to the sign-in cookie.</summary>
public sealed class OuvidoriaClaimsPrincipalFactory(
    UserManager<ApplicationUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(OuvidoriaClaims.FullName, user.FullName));
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(OuvidoriaClaims.MustChangePassword, "true"));
        }

        if (user.UnitId is { } unitId)
        {
            identity.AddClaim(new Claim(OuvidoriaClaims.UnitId, unitId.ToString()));
        }

        return identity;
    }
}
