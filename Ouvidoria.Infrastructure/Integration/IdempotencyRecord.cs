namespace Ouvidoria.Infrastructure.Integration;

/// <summary>
/// One <c>Idempotency-Key</c> of one API key: reserved when the request starts, completed with the
/// response (encrypted: a registration's response carries the citizen's password) in the same
/// transaction as the change it answers, replayed to every retry. Purged after
/// <see cref="IdempotencyStore.Retention"/>.
/// </summary>
public sealed class IdempotencyRecord
{
    public const int MaxKeyLength = 100;

    private IdempotencyRecord()
    {
        Key = string.Empty;
        Fingerprint = string.Empty;
    }

    internal IdempotencyRecord(Guid apiKeyId, string key, string fingerprint, DateTimeOffset now)
    {
        Id = Guid.NewGuid();
        ApiKeyId = apiKeyId;
        Key = key;
        Fingerprint = fingerprint;
        CreatedAt = now;
        ReservedAt = now;
    }

    public Guid Id { get; private set; }

    public Guid ApiKeyId { get; private set; }

    /// <summary>The client's <c>Idempotency-Key</c> header.</summary>
    public string Key { get; private set; }

    /// <summary>SHA-256 of the request (method, path, password header, body): a reused key with another request is refused.</summary>
    public string Fingerprint { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the request holding the reservation started; a concurrency token (a stale reservation is taken over once).</summary>
    public DateTimeOffset ReservedAt { get; private set; }

    public int? StatusCode { get; private set; }

    /// <summary>The response body, protected with Data Protection.</summary>
    public string? ProtectedResponse { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public bool IsCompleted => CompletedAt is not null;

    internal void TakeOver(DateTimeOffset now) => ReservedAt = now;

    internal void Complete(int statusCode, string protectedResponse, DateTimeOffset now)
    {
        StatusCode = statusCode;
        ProtectedResponse = protectedResponse;
        CompletedAt = now;
    }
}
