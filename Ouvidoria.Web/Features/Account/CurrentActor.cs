using Microsoft.AspNetCore.Components.Authorization;
using Ouvidoria.Domain.Common;
using Ouvidoria.Infrastructure.Identity;

namespace Ouvidoria.Web.Features.Account;

/// <summary>The signed-in staff member as a domain <see cref="Actor"/> (per circuit).</summary>
public sealed class CurrentActor(AuthenticationStateProvider authentication)
{
    public async Task<Actor?> GetAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return state.User.ToActor();
    }
}
