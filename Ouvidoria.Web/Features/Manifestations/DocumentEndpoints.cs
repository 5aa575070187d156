using Ouvidoria.Infrastructure.Identity;
using Ouvidoria.Web.Features.Account;
using Ouvidoria.Web.Features.Shared;

namespace Ouvidoria.Web.Features.Manifestations;

/// <summary>PDFs the system generates for a staff member, each one logged in the manifestation's history.</summary>
public static class DocumentEndpoints
{
    public const string PdfContentType = "application/pdf";

    public static IEndpointRouteBuilder MapDocumentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/manifestacoes/{manifestationId:guid}/extrato.pdf", ExtractPdfAsync).RequireAuthorization(Policies.Treatment);
        return endpoints;
    }

    /// <summary>GET /manifestacoes/{id}/extrato.pdf: the extract, marked with the requester's name and the date.</summary>
    private static async Task<IResult> ExtractPdfAsync(Guid manifestationId, HttpContext http, ExtractPdfDocument document, CancellationToken ct)
    {
        if (http.User.ToActor() is not { } actor)
        {
            return TypedResults.Unauthorized();
        }

        var result = await document.ExecuteAsync(manifestationId, actor, ct);
        if (!result.IsSuccess)
        {
            return Problems.For(result.Error!);
        }

        http.Response.Headers.XContentTypeOptions = "nosniff";
        // A personal copy of restricted content: no shared or browser cache keeps it.
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(result.Value.Content, PdfContentType, result.Value.FileName);
    }
}
