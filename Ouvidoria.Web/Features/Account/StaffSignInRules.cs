using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Ouvidoria.Domain.Common;
using Ouvidoria.Infrastructure.Administration;
using Ouvidoria.Infrastructure.Identity;

namespace Ouvidoria.Web.Features.Account;

/// <summary>
/// What a staff sign-in must satisfy beyond the password: a one-time password is changed first
/// (/conta/senha), then — when the settings require it for the person's role — the authenticator
/// app is enrolled and used (/conta/2fa). Enforced by authorization itself
/// (<see cref="SignInCompleteRequirement"/> in every staff policy but <see cref="Policies.StaffSigningIn"/>),
/// so it holds for HTTP requests and for every navigation inside an interactive circuit alike.
/// Also the idle timeout of the cookie (sliding, the administrators' setting).
/// </summary>
public static class StaffSignInRules
{
    /// <summary>The "amr" claim value Identity adds after a two-factor sign-in.</summary>
    public const string MultiFactor = "mfa";

    public const string AmrClaim = "amr";

    public const string ChangePasswordPath = "/conta/senha";

    public const string TwoFactorPath = "/conta/2fa";

    /// <summary>Where the person must go first, or null when nothing is pending.</summary>
    public static async Task<string?> PendingStepAsync(ClaimsPrincipal user, SystemSettingsStore settings, CancellationToken ct = default)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        if (user.HasClaim(OuvidoriaClaims.MustChangePassword, "true"))
        {
            return ChangePasswordPath;
        }

        var kind = user.ToActor()?.Kind ?? ActorKind.System;
        var required = (await settings.GetAsync(ct)).TwoFactorRequiredFor.Contains(kind);
        return required && !user.HasClaim(AmrClaim, MultiFactor) ? TwoFactorPath : null;
    }

    /// <summary>
    /// Sends a signed-in person whose sign-in is incomplete to the pending step instead of "acesso
    /// negado" (the staff policies carry <see cref="SignInCompleteRequirement"/>).
    /// </summary>
    private static async Task RedirectToAccessDeniedOrPendingStep(RedirectContext<CookieAuthenticationOptions> context)
    {
        var step = await PendingStepAsync(context.HttpContext.User, context.HttpContext.RequestServices.GetRequiredService<SystemSettingsStore>(), context.HttpContext.RequestAborted);
        if (step is null)
        {
            context.Response.Redirect(context.RedirectUri);
            return;
        }

        var request = context.Request;
        context.Response.Redirect(step + "?ReturnUrl=" + Uri.EscapeDataString(request.PathBase + request.Path + request.QueryString));
    }

    /// <summary>Cookie events: the session's lifetime follows the idle-timeout setting; security stamps are checked every minute.</summary>
    public static void Configure(CookieAuthenticationOptions options)
    {
        options.SlidingExpiration = true;
        options.Events.OnRedirectToAccessDenied = RedirectToAccessDeniedOrPendingStep;
        options.Events.OnSigningIn = async context =>
        {
            var settings = await context.HttpContext.RequestServices.GetRequiredService<SystemSettingsStore>().GetAsync();
            var issued = context.Properties.IssuedUtc ?? TimeProvider.System.GetUtcNow();
            context.Properties.ExpiresUtc = issued.AddMinutes(settings.IdleTimeoutMinutes);
        };
        options.Events.OnValidatePrincipal = async context =>
        {
            await SecurityStampValidator.ValidatePrincipalAsync(context);
            if (context.Principal is null || context.Properties.IssuedUtc is not { } issued)
            {
                return;
            }

            // A changed setting applies at the next renewal: the span (expiry − issue) is what sliding keeps.
            var settings = await context.HttpContext.RequestServices.GetRequiredService<SystemSettingsStore>().GetAsync();
            context.Properties.ExpiresUtc = issued.AddMinutes(settings.IdleTimeoutMinutes);
            if (context.HttpContext.Request.Path.StartsWithSegments(KeepAlivePath))
            {
                // Activity in an open circuit (IdleTimeout) renews the cookie, whatever its age.
                context.ShouldRenew = true;
            }
        };
    }

    /// <summary>Requested (as an image) by the idle-timeout component when the person is active in a circuit.</summary>
    public const string KeepAlivePath = "/conta/sessao-ativa";

    private static readonly byte[] Pixel = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    public static IEndpointRouteBuilder MapStaffSessionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(KeepAlivePath, (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            return TypedResults.File(Pixel, "image/gif");
        }).RequireAuthorization(Policies.StaffSigningIn);

        // "Sair de todas as sessões": a new security stamp invalidates every cookie and circuit of the person.
        endpoints.MapPost("/conta/sair-de-todas", async (HttpContext http, UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn) =>
        {
            if (await users.GetUserAsync(http.User) is { } user)
            {
                await users.UpdateSecurityStampAsync(user);
            }

            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("/conta/entrar?motivo=todas");
        }).RequireAuthorization(Policies.StaffSigningIn).RequireAntiforgeryToken();
        return endpoints;
    }

    /// <summary>Keeps the "amr" (two-factor) claim when the security stamp validator rebuilds the principal.</summary>
    public static Task KeepAuthenticationMethod(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.NewPrincipal?.Identity is ClaimsIdentity identity && context.CurrentPrincipal is { } current)
        {
            foreach (var amr in current.FindAll(AmrClaim).Where(c => !identity.HasClaim(AmrClaim, c.Value)))
            {
                identity.AddClaim(new Claim(AmrClaim, amr.Value));
            }
        }

        return Task.CompletedTask;
    }
}

/// <summary>The sign-in has no pending step (<see cref="StaffSignInRules.PendingStepAsync"/>).</summary>
public sealed class SignInCompleteRequirement : IAuthorizationRequirement;

public sealed class SignInCompleteHandler(SystemSettingsStore settings) : AuthorizationHandler<SignInCompleteRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, SignInCompleteRequirement requirement)
    {
        if (await StaffSignInRules.PendingStepAsync(context.User, settings) is null)
        {
            context.Succeed(requirement);
        }
    }
}
