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

    /// <summary>
    /// Set on messages only one treatment's team may read (the identity handed to an investigating
    /// unit under art. 7 Decreto 10.153/2019); null for messages the whole team reads.
    /// </summary>
    public Guid? RestrictedToAssignmentId { get; private set; }

    public bool IsDeleted => DeletedAt is not null;

    internal TreatmentMessage RestrictTo(Guid assignmentId)
    {
        RestrictedToAssignmentId = assignmentId;
        return this;
    }

    internal void Delete(DateTimeOffset now)
    {
        Text = string.Empty;
        DeletedAt = now;
    }
}
