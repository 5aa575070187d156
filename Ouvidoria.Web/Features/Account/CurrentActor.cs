using Microsoft.AspNetCore.Components.Authorization;
using Ouvidoria.Domain.Common;
using Ouvidoria.Infrastructure.Administration;
using Ouvidoria.Infrastructure.Identity;

namespace Ouvidoria.Web.Features.Account;

/// <summary>
/// The signed-in staff member as a domain <see cref="Actor"/> (per circuit); none while the sign-in
/// has a pending step (one-time password, required authenticator app), so no use case acts for it.
/// </summary>
public sealed class CurrentActor(AuthenticationStateProvider authentication, SystemSettingsStore settings)
{
    public async Task<Actor?> GetAsync()
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        return await StaffSignInRules.PendingStepAsync(user, settings) is null ? user.ToActor() : null;
    }
}
