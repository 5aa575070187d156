namespace Ouvidoria.Infrastructure.WhatsApp.Store;

/// <summary>
/// An inbound WhatsApp message, stored durably BEFORE the webhook answers 200 and deduplicated by
/// its wamid. The sender's number is only kept encrypted (Data Protection) until processing; the
/// payload is erased once processed, the wamid stays for deduplication.
/// </summary>
public sealed class WhatsAppInboxMessage
{
    public Guid Id { get; set; }

    public string Wamid { get; set; } = string.Empty;

    /// <summary>Keyed hash of the sender's wa_id (never the number itself).</summary>
    public string ConversationKey { get; set; } = string.Empty;

    /// <summary>The sender's number, encrypted; null once processed.</summary>
    public string? ProtectedFrom { get; set; }

    /// <summary>The parsed message without the sender (JSON); null once processed.</summary>
    public string? PayloadJson { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public DateTimeOffset? ProcessedAt { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }
}

/// <summary>A reply waiting to be sent (transactional outbox); the recipient is erased once sent.</summary>
public sealed class WhatsAppOutboxMessage
{
    public Guid Id { get; set; }

    public string ConversationKey { get; set; } = string.Empty;

    public string? ProtectedTo { get; set; }

    /// <summary>The Bel reply (see OutboundCodec).</summary>
    public string PayloadJson { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Order of the replies produced by one inbound message.</summary>
    public int Sequence { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public string? SentMessageId { get; set; }

    public DateTimeOffset? FailedAt { get; set; }

    public string? LastError { get; set; }
}

/// <summary>The Bel conversation state of one citizen, keyed by the hash of their number; purged when idle.</summary>
public sealed class AssistantConversation
{
    public string Key { get; set; } = string.Empty;

    public string StateJson { get; set; } = string.Empty;

    public DateTimeOffset UpdatedAt { get; set; }
}
