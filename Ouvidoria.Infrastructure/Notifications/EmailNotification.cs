namespace Ouvidoria.Infrastructure.Notifications;

/// <summary>
/// One e-mail in the durable outbox: written in the same transaction as the change that causes
/// it, sent later by <see cref="EmailOutboxDispatcher"/>. A transient failure (the server is down,
/// busy, refuses the connection) is retried with a capped backoff FOREVER: a long SMTP outage only
/// delays. Only a permanent refusal of this very message (<see cref="EmailRejectedException"/>,
/// e.g. 550 for an unknown mailbox) stops it, with <see cref="FailedAt"/>, until an administrator
/// puts it back in the queue ("Reenviar" on the jobs dashboard). Never holds the requester's data
/// nor the content of a manifestation (templates only carry NUP, type, unit, dates and, except for
/// denúncias and comunicações, the ombudsman's instructions).
/// </summary>
public sealed class EmailNotification
{
    /// <summary>The first retry comes this long after the first failure; each next one doubles it, up to the ceiling.</summary>
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(30);

    private EmailNotification()
    {
        Kind = string.Empty;
        Recipient = string.Empty;
        Subject = string.Empty;
        TextBody = string.Empty;
        HtmlBody = string.Empty;
    }

    public EmailNotification(string kind, string recipient, RenderedEmail email, Guid? manifestationId, string? dedupKey, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        Kind = kind;
        Recipient = recipient;
        Subject = email.Subject;
        TextBody = email.Text;
        HtmlBody = email.Html;
        ManifestationId = manifestationId;
        DedupKey = dedupKey;
        CreatedAt = now;
        NextAttemptAt = now;
    }

    public Guid Id { get; private set; }

    /// <summary>The template key (e.g. "Email.Forwarded"), for reports and tests.</summary>
    public string Kind { get; private set; }

    public string Recipient { get; private set; }

    public string Subject { get; private set; }

    public string TextBody { get; private set; }

    public string HtmlBody { get; private set; }

    public Guid? ManifestationId { get; private set; }

    /// <summary>Unique when set: the deadline sweep alerts once per assignment and threshold.</summary>
    public string? DedupKey { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Failed attempts since the message was queued (or put back in the queue).</summary>
    public int Attempts { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    /// <summary>When the last failed attempt happened (null before any failure).</summary>
    public DateTimeOffset? LastAttemptAt { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    /// <summary>
    /// Set when the SMTP server refused THIS message for good (<see cref="EmailRejectedException"/>):
    /// no more attempts until <see cref="Requeue"/>. Transient failures never set it.
    /// </summary>
    public DateTimeOffset? FailedAt { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>A dispatcher claimed the message until then (several nodes never send one twice).</summary>
    public DateTimeOffset? ClaimedUntil { get; private set; }

    public bool IsPending => SentAt is null && FailedAt is null;

    public void MarkSent(DateTimeOffset now)
    {
        SentAt = now;
        LastError = null;
        ClaimedUntil = null;
    }

    /// <summary>
    /// A transient failure: retried after <see cref="RetryDelay"/> (30 s, 1 min, 2 min… up to
    /// <paramref name="maxDelay"/>), however many attempts it takes.
    /// </summary>
    public void MarkFailed(string error, TimeSpan maxDelay, DateTimeOffset now)
    {
        Attempts++;
        ClaimedUntil = null;
        LastAttemptAt = now;
        LastError = Truncate(error);
        NextAttemptAt = now + RetryDelay(Attempts, maxDelay);
    }

    /// <summary>The server refused this message for good: stop, and show it to the administrators.</summary>
    public void MarkRejected(string error, DateTimeOffset now)
    {
        Attempts++;
        ClaimedUntil = null;
        LastAttemptAt = now;
        LastError = Truncate(error);
        FailedAt = now;
    }

    /// <summary>An administrator puts a refused message back in the queue (after fixing the address, say): due now, backoff from the start.</summary>
    public void Requeue(DateTimeOffset now)
    {
        if (SentAt is not null || FailedAt is null)
        {
            throw new InvalidOperationException("Only a refused, unsent message can be put back in the queue.");
        }

        FailedAt = null;
        Attempts = 0;
        NextAttemptAt = now;
    }

    /// <summary>The wait after the <paramref name="attempts"/>-th failure: doubling from <see cref="FirstRetryDelay"/>, capped at <paramref name="maxDelay"/>.</summary>
    public static TimeSpan RetryDelay(int attempts, TimeSpan maxDelay)
    {
        var ceiling = maxDelay < FirstRetryDelay ? FirstRetryDelay : maxDelay;
        // 2^20 × 30 s is about a year: past any sensible ceiling, and no overflow however long the outage.
        var delay = FirstRetryDelay * Math.Pow(2, Math.Clamp(attempts - 1, 0, 20));
        return delay < ceiling ? delay : ceiling;
    }

    private static string Truncate(string error) => error.Length > 500 ? error[..500] : error;
}
