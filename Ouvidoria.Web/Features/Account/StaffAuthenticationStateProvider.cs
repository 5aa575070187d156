using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Ouvidoria.Infrastructure.Identity;

namespace Ouvidoria.Web.Features.Account;

/// <summary>
/// Open circuits re-check the signed-in staff member every <see cref="RevalidationInterval"/>: a
/// changed security stamp (role or unit changed, password reset, "encerrar sessões", 2FA reset)
/// or a deactivated account turns the circuit anonymous, so the change applies without a reload.
/// The check is the cookies' own (<see cref="StaffSignInManager"/>).
/// </summary>
public sealed class StaffAuthenticationStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopes)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override TimeSpan RevalidationInterval => Interval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<ApplicationUser>>();
        return await signIn.ValidateSecurityStampAsync(authenticationState.User) is not null;
    }
}
