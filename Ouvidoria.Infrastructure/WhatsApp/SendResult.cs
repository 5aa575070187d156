namespace Ouvidoria.Infrastructure.WhatsApp;

/// <summary>The outcome of a send: exactly one of the nested cases.</summary>
public abstract record SendResult
{
    private SendResult()
    {
    }

    /// <summary>Accepted by the Graph API; <paramref name="MessageId"/> is the <c>wamid</c> (statuses refer to it).</summary>
    public sealed record Sent(string MessageId) : SendResult;

    /// <summary>Rate limited (HTTP 429 or error 130429 and kin): try again later, after <paramref name="RetryAfter"/> when known.</summary>
    public sealed record Throttled(TimeSpan? RetryAfter) : SendResult;

    /// <summary>5xx, timeout or network error: the same request may succeed later.</summary>
    public sealed record RetryableFailure(string Reason) : SendResult;

    /// <summary>Rejected (other 4xx, e.g. 131047 outside the 24-hour window): retrying will not help.</summary>
    public sealed record PermanentFailure(int? Code, string Message) : SendResult;
}
