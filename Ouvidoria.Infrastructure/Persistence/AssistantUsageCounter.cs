namespace Ouvidoria.Infrastructure.Persistence;

/// <summary>What the assistant counts (anonymous usage, never tied to a person or a conversation).</summary>
public enum AssistantUsageKind
{
    /// <summary>A citizen message reached Bel (an interaction: the source's "conversas").</summary>
    Message,

    /// <summary>A chat opened: a message arrived with no conversation under way (new, finished or expired).</summary>
    ChatStarted,

    /// <summary>A registration moved forward into <see cref="AssistantUsageCounter.Step"/>.</summary>
    StepReached,

    /// <summary>A registration ended with a NUP.</summary>
    RegistrationCompleted,

    /// <summary>A registration was cancelled or expired at <see cref="AssistantUsageCounter.Step"/>.</summary>
    RegistrationAbandoned,

    /// <summary>A consultation by NUP + password was answered.</summary>
    Consultation,
}

/// <summary>
/// Anonymous usage of the assistant: one counter per UTC hour, channel, kind and step, incremented
/// in place. No phone, no conversation key, no text, no exact time — not even one row per event,
/// so no sequence of events can be tied back to a citizen.
/// </summary>
public sealed class AssistantUsageCounter
{
    /// <summary>The UTC hour (minutes and seconds zero).</summary>
    public DateTimeOffset HourUtc { get; set; }

    /// <summary>The channel's enum name (WhatsApp, Web = the web chat).</summary>
    public string Channel { get; set; } = string.Empty;

    public AssistantUsageKind Kind { get; set; }

    /// <summary>The conversation stage for steps and abandonment; empty otherwise.</summary>
    public string Step { get; set; } = string.Empty;

    public long Count { get; set; }
}
