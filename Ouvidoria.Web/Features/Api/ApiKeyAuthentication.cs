using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ouvidoria.Domain.Integration;
using Ouvidoria.Infrastructure.Persistence;

namespace Ouvidoria.Web.Features.Api;

public static class ApiKeyDefaults
{
    public const string Scheme = "ApiKey";

    public const string Header = "X-Api-Key";

    /// <summary>The policy of every integration endpoint: a valid, unrevoked key (the scope is checked per endpoint).</summary>
    public const string Policy = "IntegrationApi";
}

public static class ApiClaims
{
    public const string KeyId = "ouvidoria:api_key";

    public const string Scope = "ouvidoria:api_scope";

    public const string RequestsPerMinute = "ouvidoria:api_rpm";

    public static Guid KeyIdOf(ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(KeyId)!);
}

/// <summary>
/// Authenticates the integration API's callers by the <c>X-Api-Key</c> header: the key's public
/// prefix finds the row, the secret's hash must match (constant time), a revoked key never works.
/// The principal carries the key's id, scopes and per-minute limit. Failures answer 401 with pt-BR
/// problem details (never a redirect to the staff sign-in page).
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IDbContextFactory<OuvidoriaDbContext> factory,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string Missing = "Informe a chave de API no cabeçalho X-Api-Key.";
    private const string Invalid = "Chave de API inválida ou revogada.";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Request.Headers[ApiKeyDefaults.Header].ToString().Trim();
        if (presented.Length == 0)
        {
            return AuthenticateResult.NoResult();
        }

        if (!ApiKey.TryParse(presented, out var prefix, out var secret))
        {
            return AuthenticateResult.Fail(Invalid);
        }

        await using var db = await factory.CreateDbContextAsync(Context.RequestAborted);
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Prefix == prefix, Context.RequestAborted);
        if (key is null || !key.Matches(secret) || !key.IsActive)
        {
            return AuthenticateResult.Fail(Invalid);
        }

        if (key.MarkUsed(clock.GetUtcNow()))
        {
            await db.SaveChangesAsync(Context.RequestAborted);
        }

        var identity = new ClaimsIdentity(Scheme.Name, ClaimTypes.Name, null);
        identity.AddClaim(new Claim(ClaimTypes.Name, key.Name));
        identity.AddClaim(new Claim(ApiClaims.KeyId, key.Id.ToString()));
        identity.AddClaim(new Claim(ApiClaims.RequestsPerMinute, key.RequestsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        foreach (var scope in key.ScopeList)
        {
            identity.AddClaim(new Claim(ApiClaims.Scope, scope));
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.Headers.WWWAuthenticate = $"{ApiKeyDefaults.Scheme} header=\"{ApiKeyDefaults.Header}\"";
        await ApiProblems.Unauthorized(result.Failure?.Message ?? Missing).ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblems.Forbidden("Esta chave não tem permissão para esta operação.").ExecuteAsync(Context);
}

/// <summary>Endpoint metadata: the scope an integration endpoint needs (also shown in the OpenAPI document).</summary>
public sealed record ApiScopeMetadata(string Scope);

public static class ApiScopeEndpointExtensions
{
    /// <summary>Refuses (403, naming the missing permission) a key without <paramref name="scope"/>.</summary>
    public static RouteHandlerBuilder RequireScope(this RouteHandlerBuilder builder, string scope) =>
        builder.WithMetadata(new ApiScopeMetadata(scope))
            .AddEndpointFilter(async (context, next) =>
                context.HttpContext.User.HasClaim(ApiClaims.Scope, scope)
                    ? await next(context)
                    : ApiProblems.Forbidden($"Esta chave não tem a permissão \"{scope}\" ({ApiScope.Label(scope)}). Peça ao administrador da Ouvidoria."))
            .ProducesProblem(StatusCodes.Status403Forbidden);
}
