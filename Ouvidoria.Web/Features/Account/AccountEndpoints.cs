using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.StaticFiles;
using Ouvidoria.Domain.Common;
using Ouvidoria.Infrastructure.Identity;
using Ouvidoria.Web.Features.Manifestations;

namespace Ouvidoria.Web.Features.Account;

public static class AccountEndpoints
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    /// <summary>POST /conta/sair (antiforgery-protected form in the layout).</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/conta/sair", async (SignInManager<ApplicationUser> signInManager) =>
        {
            await signInManager.SignOutAsync();
            return TypedResults.LocalRedirect("/");
        }).WithMetadata(new RequireAntiforgeryTokenAttribute());
        endpoints.MapGet("/anexos/{manifestationId:guid}/{attachmentId:guid}", DownloadAsync).RequireAuthorization(Policies.Treatment);
        return endpoints;
    }

    /// <summary>Streams an attachment to a staff member; every download is in the access log.</summary>
    private static async Task<IResult> DownloadAsync(Guid manifestationId, Guid attachmentId, HttpContext http, ManifestationWorkflow workflow, CancellationToken ct)
    {
        if (http.User.ToActor() is not { } actor)
        {
            return TypedResults.Unauthorized();
        }

        var result = await workflow.DownloadAsync(manifestationId, attachmentId, actor, ct);
        if (!result.IsSuccess)
        {
            return result.Error!.Kind switch
            {
                ErrorKind.NotFound => TypedResults.Problem(result.Error.Message, statusCode: StatusCodes.Status404NotFound),
                ErrorKind.Forbidden or ErrorKind.Validation => TypedResults.Problem(result.Error.Message, statusCode: StatusCodes.Status403Forbidden),
                ErrorKind.Conflict => TypedResults.Problem(result.Error.Message, statusCode: StatusCodes.Status409Conflict),
            };
        }

        // The type comes from the (allow-listed) extension, never from what the uploader declared.
        var (attachment, content) = result.Value;
        var contentType = ContentTypes.TryGetContentType(attachment.FileName, out var known) ? known : "application/octet-stream";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        // No range requests: each would be another logged download.
        return TypedResults.File(content, contentType, attachment.FileName);
    }
}
