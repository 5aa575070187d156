using Microsoft.AspNetCore.Http.HttpResults;
using Ouvidoria.Domain.Common;

namespace Ouvidoria.Web.Features.Api;

/// <summary>
/// The API's errors: RFC 9457 problem details (application/problem+json) with a pt-BR title and a
/// detail that says what to do. The status codes are the contract (see the OpenAPI document).
/// </summary>
public static class ApiProblems
{
    public static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title);

    public static ValidationProblem Invalid(IDictionary<string, string[]> errors, string detail = "Corrija os campos indicados e envie de novo.") =>
        TypedResults.ValidationProblem(errors, detail, title: "Dados inválidos");

    public static ProblemHttpResult BadRequest(string detail) => Problem(StatusCodes.Status400BadRequest, "Requisição inválida", detail);

    public static ProblemHttpResult Unauthorized(string detail) => Problem(StatusCodes.Status401Unauthorized, "Não autenticado", detail);

    public static ProblemHttpResult Forbidden(string detail) => Problem(StatusCodes.Status403Forbidden, "Sem permissão", detail);

    public static ProblemHttpResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, "Não encontrado", detail);

    public static ProblemHttpResult Conflict(string detail) => Problem(StatusCodes.Status409Conflict, "Conflito", detail);

    public static ProblemHttpResult PayloadTooLarge(string detail) => Problem(StatusCodes.Status413PayloadTooLarge, "Requisição grande demais", detail);

    public static ProblemHttpResult UnsupportedMediaType(string detail) => Problem(StatusCodes.Status415UnsupportedMediaType, "Formato não suportado", detail);

    public static ProblemHttpResult Unprocessable(string detail) => Problem(StatusCodes.Status422UnprocessableEntity, "Requisição não processável", detail);

    public static ProblemHttpResult TooManyRequests(string detail) => Problem(StatusCodes.Status429TooManyRequests, "Muitas requisições", detail);

    /// <summary>A use case's expected failure. A refused request changed nothing.</summary>
    public static IResult From(Error error, HttpContext http) => error.Kind switch
    {
        ErrorKind.NotFound => NotFound(error.Message),
        ErrorKind.Validation => Problem(StatusCodes.Status400BadRequest, "Dados inválidos", error.Message),
        ErrorKind.Conflict => Conflict(error.Message),
        // The only "forbidden" a NUP + password use case reports is the throttling of guesses.
        ErrorKind.Forbidden => RetryAfter(http, Citizen.ConsultManifestation.FailureWindow, TooManyRequests(error.Message)),
    };

    public static IResult RetryAfter(HttpContext http, TimeSpan wait, IResult result)
    {
        http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return result;
    }
}
