using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ouvidoria.Infrastructure.Integration;
using Ouvidoria.Web.Features.Shared;

namespace Ouvidoria.Web.Features.Api;

/// <summary>
/// The <c>Idempotency-Key</c> header of the API's POSTs: a retried request (same key, same request)
/// gets the first response again (<c>Idempotent-Replayed: true</c>) and changes nothing; the same
/// key with another request is refused (422); while the first is still running, 409. Optional: a
/// request without the header is simply executed. See <see cref="IdempotencyStore"/>.
/// </summary>
public sealed class ApiIdempotency(IdempotencyStore store)
{
    public const string Header = "Idempotency-Key";

    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>What the handler does next: run (with <see cref="Reservation"/> to complete, or none), or answer at once.</summary>
    public sealed record Start(IdempotencyStart.Reserved? Reservation, IResult? Answer);

    private sealed record StoredResponse(string? Location, JsonElement Body);

    /// <summary>SHA-256 of what makes two requests "the same": method, path, the password header (never stored), body.</summary>
    public static IncrementalHash Fingerprint(HttpRequest request)
    {
        var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method}\n{request.Path}\n{request.Headers[ApiEndpoints.PasswordHeader]}\n"));
        return hash;
    }

    public static string Fingerprint(HttpRequest request, ReadOnlySpan<byte> body)
    {
        using var hash = Fingerprint(request);
        hash.AppendData(body);
        return Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
    }

    public async Task<Start> StartAsync(HttpContext http, string fingerprint, CancellationToken ct)
    {
        var key = http.Request.Headers[Header].ToString();
        if (key.Length == 0)
        {
            return new Start(null, null);
        }

        if (key.Length > IdempotencyRecord.MaxKeyLength || key.Any(c => c is < '!' or > '~'))
        {
            return new Start(null, ApiProblems.BadRequest($"O cabeçalho {Header} deve ter de 1 a {IdempotencyRecord.MaxKeyLength} caracteres visíveis (ASCII), por exemplo um UUID."));
        }

        return await store.StartAsync(ApiClaims.KeyIdOf(http.User), key, fingerprint, ct) switch
        {
            IdempotencyStart.Reserved reserved => new Start(reserved, null),
            IdempotencyStart.Replay replay => new Start(null, Replay(http, replay)),
            IdempotencyStart.InProgress => new Start(null, ApiProblems.Conflict($"Uma requisição com este {Header} ainda está em processamento. Aguarde alguns segundos e repita.")),
            IdempotencyStart.Mismatch => new Start(null, ApiProblems.Unprocessable($"Este {Header} já foi usado com outra requisição. Use uma chave nova para cada operação.")),
            _ => throw new InvalidOperationException("Unknown idempotency outcome."),
        };
    }

    /// <summary>Saves the response with the use case's change (null when the request had no key).</summary>
    public BeforeSave<T>? Completing<T>(Start start, int statusCode, Func<T, string?> location, Func<T, object> response) =>
        start.Reservation is not { } reservation
            ? null
            : (db, outcome, ct) =>
            {
                var stored = new StoredResponse(location(outcome), JsonSerializer.SerializeToElement(response(outcome), ApiJson.Options));
                return store.CompleteAsync(db, reservation, statusCode, JsonSerializer.Serialize(stored, ApiJson.Options), ct);
            };

    /// <summary>The request was refused without a change: its key may be used again.</summary>
    public Task ReleaseAsync(Start start) =>
        start.Reservation is { } reservation ? store.ReleaseAsync(reservation) : Task.CompletedTask;

    private static IResult Replay(HttpContext http, IdempotencyStart.Replay replay)
    {
        var stored = JsonSerializer.Deserialize<StoredResponse>(replay.Response, ApiJson.Options)!;
        http.Response.Headers[ReplayedHeader] = "true";
        if (stored.Location is not null)
        {
            http.Response.Headers.Location = stored.Location;
        }

        return Results.Text(stored.Body.GetRawText(), "application/json; charset=utf-8", Encoding.UTF8, replay.StatusCode);
    }
}
