namespace Ouvidoria.Infrastructure.WhatsApp;

/// <summary>What a citizen sent.</summary>
public enum IncomingMessageKind
{
    Text,

    /// <summary>A tap on a reply button (interactive <c>button_reply</c>, or a template quick-reply <c>button</c>).</summary>
    ButtonReply,

    /// <summary>A row chosen in a list message (interactive <c>list_reply</c>).</summary>
    ListReply,
    Image,
    Video,
    Audio,
    Document,
    Location,

    /// <summary>A type WhatsApp itself could not deliver to the API (<c>"type":"unsupported"</c> / <c>"unknown"</c>).</summary>
    Unsupported,

    /// <summary>Any other known or future type (sticker, contacts, reaction, order, system, ...).</summary>
    Other,
}

/// <summary>A shared location (type <c>location</c>).</summary>
public sealed record GeoLocation(double Latitude, double Longitude, string? Name, string? Address);

/// <summary>One citizen message of a webhook POST.</summary>
/// <param name="Wamid">The WhatsApp message id: the deduplication key (Meta re-delivers).</param>
/// <param name="From">The sender's <c>wa_id</c>. Personal data: never log it.</param>
/// <param name="ChoiceId">The id of the tapped button / chosen row.</param>
/// <param name="Sha256">The media hash as the webhook gives it.</param>
/// <param name="ContextMessageId">The id of the message this one replies to, if any.</param>
public sealed record IncomingMessage(
    string Wamid,
    string From,
    string? ContactName,
    DateTimeOffset Timestamp,
    IncomingMessageKind Kind,
    string? Text = null,
    string? ChoiceId = null,
    string? ChoiceTitle = null,
    string? MediaId = null,
    string? MimeType = null,
    string? Sha256 = null,
    string? FileName = null,
    string? Caption = null,
    GeoLocation? Location = null,
    string? RawType = null,
    string? ContextMessageId = null);

/// <summary>The delivery state of a message we sent.</summary>
public enum DeliveryStatus
{
    Sent,
    Delivered,
    Read,
    Failed,
}

/// <summary>A delivery status of one of our messages (entry of <c>statuses[]</c>).</summary>
/// <param name="RecipientId">The citizen's <c>wa_id</c>. Personal data: never log it.</param>
/// <param name="ErrorCode">For failures, e.g. 131047 (outside the 24-hour window).</param>
public sealed record StatusUpdate(
    string MessageId,
    string RecipientId,
    DeliveryStatus Status,
    DateTimeOffset Timestamp,
    int? ErrorCode = null,
    string? ErrorTitle = null);

/// <summary>Everything one webhook POST carried, in payload order.</summary>
public sealed record ParsedWebhook(IReadOnlyList<IncomingMessage> Messages, IReadOnlyList<StatusUpdate> Statuses);

/// <summary>The body is not a WhatsApp Business Account webhook we can read.</summary>
public sealed class WebhookFormatException : Exception
{
    public WebhookFormatException(string message)
        : base(message)
    {
    }

    public WebhookFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
