namespace Ouvidoria.Infrastructure.Notifications;

/// <summary>
/// One e-mail in the durable outbox: written in the same transaction as the change that causes
/// it, sent later by <see cref="EmailOutboxDispatcher"/> with retries. Never holds the requester's
/// data nor the content of a manifestation (templates only carry NUP, type, unit, dates and the
/// ombudsman's instructions).
/// </summary>
public sealed class EmailNotification
{
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
        Id = Guid.NewGuid();
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

    public int Attempts { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    /// <summary>Set when the dispatcher gave up (after <see cref="EmailOptions.MaxAttempts"/>).</summary>
    public DateTimeOffset? FailedAt { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>A dispatcher claimed the message until then (several nodes never send one twice).</summary>
    public DateTimeOffset? ClaimedUntil { get; private set; }

    public void MarkSent(DateTimeOffset now)
    {
        SentAt = now;
        LastError = null;
        ClaimedUntil = null;
    }

    /// <summary>Exponential backoff (30 s, 1 min, 2 min... capped at 1 h); gives up after <paramref name="maxAttempts"/>.</summary>
    public void MarkFailed(string error, int maxAttempts, DateTimeOffset now)
    {
        Attempts++;
        ClaimedUntil = null;
        LastError = error.Length > 500 ? error[..500] : error;
        if (Attempts >= maxAttempts)
        {
            FailedAt = now;
            return;
        }

        var delay = TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, Attempts - 1)));
        NextAttemptAt = now + delay;
    }
}
