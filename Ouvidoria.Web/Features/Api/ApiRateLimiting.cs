using System.Globalization;
using System.Threading.RateLimiting;

namespace Ouvidoria.Web.Features.Api;

/// <summary>
/// Per-key rate limit of the integration API: a fixed one-minute window of the key's
/// <c>RequestsPerMinute</c> (set by the administrator). Over it: 429 with <c>Retry-After</c> (seconds
/// to the next window) and pt-BR problem details. Counted in memory, per node: N nodes allow up to
/// N × the limit (docs/decisions/0013-integration-api.md).
/// </summary>
public static class ApiRateLimiting
{
    public const string Policy = "IntegrationApiPerKey";

    public static IServiceCollection AddIntegrationApiRateLimiting(this IServiceCollection services) =>
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(Policy, context =>
            {
                var user = context.User;
                var key = user.FindFirst(ApiClaims.KeyId)?.Value;
                if (key is null)
                {
                    // Unauthenticated requests never reach here (401 first); no limit to keep.
                    return RateLimitPartition.GetNoLimiter("anonymous");
                }

                var limit = int.Parse(user.FindFirst(ApiClaims.RequestsPerMinute)!.Value, CultureInfo.InvariantCulture);
                // The limit is part of the partition: a changed limit applies from the next request.
                return RateLimitPartition.GetFixedWindowLimiter($"{key}:{limit}", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limit,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            options.OnRejected = async (context, ct) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                var limit = context.HttpContext.User.FindFirst(ApiClaims.RequestsPerMinute)?.Value;
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await ApiProblems.TooManyRequests($"Esta chave pode fazer {limit} requisições por minuto. Tente de novo em {seconds} segundo(s).")
                    .ExecuteAsync(context.HttpContext);
            };
        });
}
