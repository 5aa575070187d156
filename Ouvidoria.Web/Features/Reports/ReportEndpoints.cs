using Ouvidoria.Infrastructure.Identity;
using Ouvidoria.Web.Features.Account;
using Ouvidoria.Web.Features.Shared;

namespace Ouvidoria.Web.Features.Reports;

/// <summary>Downloads of finished report exports (built in the background by the reports page).</summary>
public static class ReportEndpoints
{
    public static string DownloadPath(string token) => $"relatorios/exportacoes/{token}";

    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/relatorios/exportacoes/{token}", Download).RequireAuthorization(Policies.Reports);
        return endpoints;
    }

    /// <summary>GET /relatorios/exportacoes/{token}: once, and only for whoever asked for the export.</summary>
    private static IResult Download(string token, HttpContext http, ExportStore store)
    {
        if (http.User.ToActor() is not { UserId: { } owner })
        {
            return TypedResults.Unauthorized();
        }

        if (store.Take(token, owner) is not { } file)
        {
            return Problems.Of(StatusCodes.Status404NotFound, "Arquivo não encontrado ou expirado: gere a exportação novamente.");
        }

        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(file.Content, file.ContentType, file.FileName);
    }
}
