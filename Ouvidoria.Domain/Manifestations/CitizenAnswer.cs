namespace Ouvidoria.Domain.Manifestations;

/// <summary>An answer the citizen reads with NUP + password.</summary>
public sealed class CitizenAnswer
{
    private CitizenAnswer()
    {
        Text = string.Empty;
        AuthorName = string.Empty;
    }

    internal CitizenAnswer(Guid manifestationId, string text, bool conclusive, string authorName, DateTimeOffset now)
    {
        Id = Guid.NewGuid();
        ManifestationId = manifestationId;
        Text = text;
        IsConclusive = conclusive;
        AuthorName = authorName;
        SentAt = now;
    }

    public Guid Id { get; private set; }

    public Guid ManifestationId { get; private set; }

    public string Text { get; private set; }

    /// <summary>Resposta conclusiva (true) or intermediária (false).</summary>
    public bool IsConclusive { get; private set; }

    public string AuthorName { get; private set; }

    public DateTimeOffset SentAt { get; private set; }
}
