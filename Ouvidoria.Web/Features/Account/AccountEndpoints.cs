using Microsoft.AspNetCore.Identity;
using Ouvidoria.Infrastructure.Identity;

namespace Ouvidoria.Web.Features.Account;

public static class AccountEndpoints
{
    /// <summary>POST /conta/sair (antiforgery-protected form in the layout).</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/conta/sair", async (SignInManager<ApplicationUser> signInManager) =>
        {
            await signInManager.SignOutAsync();
            return TypedResults.LocalRedirect("/");
        });
        return endpoints;
    }
}
