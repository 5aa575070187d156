namespace Ouvidoria.Domain.Assistant;

/// <summary>
/// One step of the conversation: the new state (the host always persists it), the replies to send,
/// an optional request the host must carry out and report back with <see cref="Bel.Resume"/>, and
/// whether the conversation's sensitive data may be discarded (registration done, cancelled, expired).
/// </summary>
public sealed record Step(ConversationState State, IReadOnlyList<Outbound> Replies, AssistantRequest? Request, bool Finished);
