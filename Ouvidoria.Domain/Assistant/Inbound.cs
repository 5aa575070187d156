namespace Ouvidoria.Domain.Assistant;

/// <summary>What the citizen sent (the channel adapter has already parsed, downloaded and stored media).</summary>
public abstract record Inbound;

/// <summary>A typed message.</summary>
public sealed record TextIn(string Text) : Inbound;

/// <summary>A reply-button or list-row id that Bel sent.</summary>
public sealed record ChoiceIn(string Id) : Inbound;

/// <summary>A file the adapter accepted and stored under <paramref name="StorageKey"/>.</summary>
public sealed record MediaIn(MediaKind Kind, string FileName, string ContentType, long SizeBytes, string StorageKey) : Inbound;

/// <summary>A file the adapter refused; <paramref name="Reason"/> is a pt-BR message for the citizen.</summary>
public sealed record MediaRejected(string Reason) : Inbound;

public enum MediaKind
{
    Image,
    Video,
    Audio,
    Document,
}
