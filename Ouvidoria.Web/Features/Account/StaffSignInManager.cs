using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Ouvidoria.Infrastructure.Identity;

namespace Ouvidoria.Web.Features.Account;

/// <summary>
/// Identity's sign-in with the staff rules built in, so that no page has to remember them:
/// <list type="bullet">
/// <item>a deactivated account (<see cref="ApplicationUser.IsActive"/> false: by an administrator, or
/// an eventual collaborator between assignments) signs in by no path — password, authenticator code,
/// recovery code — and is never issued a cookie (<see cref="CanSignInAsync"/>);</item>
/// <item>its existing cookies stop validating at the next security-stamp check, also when nothing
/// renewed the stamp (<c>ValidateSecurityStampAsync</c>; the same check
/// revalidates open circuits: <see cref="StaffAuthenticationStateProvider"/>);</item>
/// <item>a wrong recovery code counts towards the lockout like a wrong authenticator code (Identity
/// counts only the latter), and a locked-out account cannot fall back on a recovery code.</item>
/// </list>
/// "Desativado" is told only to whoever typed the right password: anyone else gets the ordinary
/// failure, counted like any other, so the answer never reveals which accounts exist.
/// </summary>
public sealed class StaffSignInManager(
    UserManager<ApplicationUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ApplicationUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<ApplicationUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplicationUser> confirmation)
    : SignInManager<ApplicationUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    /// <summary>Refuses a deactivated account: every sign-in path runs this check (<c>PreSignInCheck</c>).</summary>
    public override async Task<bool> CanSignInAsync(ApplicationUser user) => user.IsActive && await base.CanSignInAsync(user);

    /// <summary>A cookie (or a remembered 2FA client) of a deactivated account is refused like one with an old security stamp.</summary>
    public override async Task<bool> ValidateSecurityStampAsync(ApplicationUser? user, string? securityStamp) =>
        user is { IsActive: true } && await base.ValidateSecurityStampAsync(user, securityStamp);

    public override async Task<SignInResult> CheckPasswordSignInAsync(ApplicationUser user, string password, bool lockoutOnFailure)
    {
        var result = await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
        if (!result.IsNotAllowed || user.IsActive)
        {
            return result;
        }

        // Refused before the password was looked at: the same answers an active account gets
        // (locked out, wrong password counted), "not allowed" only with the right password.
        if (await IsLockedOut(user))
        {
            return await LockedOut(user);
        }

        if (await UserManager.CheckPasswordAsync(user, password))
        {
            return result;
        }

        return lockoutOnFailure ? await CountFailureAsync(user) : SignInResult.Failed;
    }

    public override async Task<SignInResult> TwoFactorRecoveryCodeSignInAsync(string recoveryCode)
    {
        if (await GetTwoFactorAuthenticationUserAsync() is not { } user)
        {
            return SignInResult.Failed;
        }

        // Identity redeems a recovery code without the checks of the other paths: deactivated or locked out, refused.
        if (await PreSignInCheck(user) is { } refused)
        {
            return refused;
        }

        var result = await base.TwoFactorRecoveryCodeSignInAsync(NormalizeRecoveryCode(recoveryCode));
        return result.Succeeded ? result : await CountFailureAsync(user);
    }

    /// <summary>
    /// A recovery code as Identity stores and shows it (<c>XXXXX-XXXXX</c>, capitals), from what a person
    /// types: spaces anywhere, small letters, the dash left out or typed as a space.
    /// </summary>
    public static string NormalizeRecoveryCode(string typed)
    {
        var code = new string([.. typed.Where(c => !char.IsWhiteSpace(c) && c != '-')]).ToUpperInvariant();
        return code.Length == 10 ? code.Insert(5, "-") : code;
    }

    /// <summary>No cookie for an account that may not sign in, whoever asks (a refresh after a password change or an enrolment too).</summary>
    public override async Task SignInWithClaimsAsync(ApplicationUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        if (!await CanSignInAsync(user))
        {
            await SignOutAsync();
            return;
        }

        await base.SignInWithClaimsAsync(user, authenticationProperties, additionalClaims);
    }

    private async Task<SignInResult> CountFailureAsync(ApplicationUser user)
    {
        if (!UserManager.SupportsUserLockout)
        {
            return SignInResult.Failed;
        }

        await UserManager.AccessFailedAsync(user);
        return await IsLockedOut(user) ? await LockedOut(user) : SignInResult.Failed;
    }
}
