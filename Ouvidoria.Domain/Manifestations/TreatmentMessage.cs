namespace Ouvidoria.Domain.Manifestations;

/// <summary>Who can see a treatment-thread message.</summary>
public enum MessageVisibility
{
    /// <summary>Sent to the treatment team (ombudsman and every assigned unit).</summary>
    Team,

    /// <summary>Internal to the ombudsman office; collaborators never see it.</summary>
    OmbudsmanOnly,
}

/// <summary>A message of the chat-like treatment thread.</summary>
public sealed class TreatmentMessage
{
    private TreatmentMessage()
    {
        AuthorName = string.Empty;
        Text = string.Empty;
    }

    internal TreatmentMessage(Guid manifestationId, string? authorId, string authorName, Guid? authorUnitId, string text, MessageVisibility visibility, DateTimeOffset now)
    {
        Id = Guid.NewGuid();
        ManifestationId = manifestationId;
        AuthorId = authorId;
        AuthorName = authorName;
        AuthorUnitId = authorUnitId;
        Text = text;
        Visibility = visibility;
        PostedAt = now;
    }

    public Guid Id { get; private set; }

    public Guid ManifestationId { get; private set; }

    public string? AuthorId { get; private set; }

    public string AuthorName { get; private set; }

    public Guid? AuthorUnitId { get; private set; }

    public string Text { get; private set; }

    public MessageVisibility Visibility { get; private set; }

    public DateTimeOffset PostedAt { get; private set; }

    /// <summary>Set when the author deleted it ("a mensagem será apagada"); the text is erased.</summary>
    public DateTimeOffset? DeletedAt { get; private set; }

    public bool IsDeleted => DeletedAt is not null;

    internal void Delete(DateTimeOffset now)
    {
        Text = string.Empty;
        DeletedAt = now;
    }
}
