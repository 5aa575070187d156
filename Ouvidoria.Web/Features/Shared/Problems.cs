using Microsoft.AspNetCore.Http.HttpResults;
using Ouvidoria.Domain.Common;

namespace Ouvidoria.Web.Features.Shared;

/// <summary>
/// Problem responses (RFC 9457, <c>application/problem+json</c>) of the portal's HTTP endpoints, in
/// pt-BR: the title names the status, the detail is the use case's message. One mapping of
/// <see cref="ErrorKind"/> to status codes for every endpoint.
/// </summary>
public static class Problems
{
    public static ProblemHttpResult For(Error error) => error.Kind switch
    {
        ErrorKind.NotFound => Of(StatusCodes.Status404NotFound, error.Message),
        ErrorKind.Forbidden => Of(StatusCodes.Status403Forbidden, error.Message),
        ErrorKind.Validation => Of(StatusCodes.Status400BadRequest, error.Message),
        ErrorKind.Conflict => Of(StatusCodes.Status409Conflict, error.Message),
    };

    public static ProblemHttpResult Of(int statusCode, string detail) =>
        TypedResults.Problem(detail, statusCode: statusCode, title: TitleOf(statusCode));

    public static string TitleOf(int statusCode) => statusCode switch
    {
        StatusCodes.Status400BadRequest => "Requisição inválida",
        StatusCodes.Status401Unauthorized => "Autenticação necessária",
        StatusCodes.Status403Forbidden => "Acesso negado",
        StatusCodes.Status404NotFound => "Não encontrado",
        StatusCodes.Status409Conflict => "Conflito",
        StatusCodes.Status500InternalServerError => "Erro interno",
        _ => "Erro",
    };
}
