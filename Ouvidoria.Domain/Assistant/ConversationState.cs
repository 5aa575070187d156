using Ouvidoria.Domain.Manifestations;

namespace Ouvidoria.Domain.Assistant;

/// <summary>Where the conversation stands: the question Bel asked last.</summary>
public enum ConversationStage
{
    /// <summary>Nothing asked yet (new, finished or cancelled conversation).</summary>
    Start,

    /// <summary>Welcome menu shown: register, consult or about.</summary>
    Menu,

    /// <summary>Registration: choosing the manifestation type.</summary>
    ChoosingType,

    /// <summary>Registration: choosing the theme (paged list).</summary>
    ChoosingTheme,

    /// <summary>Registration: identified or anonymous (denúncia/reclamação only).</summary>
    ChoosingIdentification,

    /// <summary>Registration: asking the citizen's name.</summary>
    AskingName,

    /// <summary>Registration: asking the e-mail (themes that need it).</summary>
    AskingEmail,

    /// <summary>Registration: asking consent to share the data.</summary>
    AskingConsent,

    /// <summary>Registration: consent refused; offering to continue anonymously.</summary>
    ConsentRefused,

    /// <summary>Registration: collecting the description (several messages).</summary>
    Describing,

    /// <summary>Registration: collecting attachments.</summary>
    Attaching,

    /// <summary>Registration: summary shown, waiting for confirmation.</summary>
    Summary,

    /// <summary>Registration: <see cref="RegisterRequest"/> handed to the host.</summary>
    Registering,

    /// <summary>Consultation: asking the NUP.</summary>
    AskingNup,

    /// <summary>Consultation: asking the password.</summary>
    AskingPassword,

    /// <summary>Consultation: <see cref="ConsultRequest"/> handed to the host.</summary>
    Consulting,

    /// <summary>Consultation shown with a pending complement request: complement or menu.</summary>
    ComplementOffered,

    /// <summary>Complement: collecting text and files.</summary>
    Complementing,

    /// <summary>Complement: <see cref="ComplementRequest"/> handed to the host.</summary>
    SendingComplement,
}

/// <summary>
/// The conversation's whole state: immutable and JSON-serializable with System.Text.Json (enums,
/// primitives and lists only), so hosts can persist it between messages. Equality compares the
/// lists by content, so a round-tripped state equals the original.
/// </summary>
public sealed record ConversationState
{
    public ConversationStage Stage { get; init; }

    public DateTimeOffset LastActivityAt { get; init; }

    public ManifestationType? Type { get; init; }

    public Guid? ThemeId { get; init; }

    /// <summary>Zero-based page of the theme list being shown.</summary>
    public int ThemePage { get; init; }

    public bool Anonymous { get; init; }

    public string? Name { get; init; }

    public string? Email { get; init; }

    public bool ConsentToShare { get; init; }

    /// <summary>The description being written (registration) or the complement text (complement).</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>While correcting from the summary: the description to keep if the citizen gives up.</summary>
    public string? PreviousDescription { get; init; }

    /// <summary>Files of the registration or of the complement.</summary>
    public IReadOnlyList<MediaIn> Attachments { get; init; } = [];

    /// <summary>Consultation / complement: the formatted NUP.</summary>
    public string? Nup { get; init; }

    /// <summary>Consultation / complement: the protocol password (discarded when the flow ends).</summary>
    public string? Password { get; init; }

    public static ConversationState New(DateTimeOffset now) => new() { Stage = ConversationStage.Start, LastActivityAt = now };

    public bool Equals(ConversationState? other) =>
        other is not null
        && Stage == other.Stage
        && LastActivityAt == other.LastActivityAt
        && LastActivityAt.Offset == other.LastActivityAt.Offset
        && Type == other.Type
        && ThemeId == other.ThemeId
        && ThemePage == other.ThemePage
        && Anonymous == other.Anonymous
        && Name == other.Name
        && Email == other.Email
        && ConsentToShare == other.ConsentToShare
        && Description == other.Description
        && PreviousDescription == other.PreviousDescription
        && Attachments.SequenceEqual(other.Attachments)
        && Nup == other.Nup
        && Password == other.Password;

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Stage);
        hash.Add(LastActivityAt);
        hash.Add(Type);
        hash.Add(ThemeId);
        hash.Add(ThemePage);
        hash.Add(Anonymous);
        hash.Add(Name);
        hash.Add(Email);
        hash.Add(ConsentToShare);
        hash.Add(Description);
        hash.Add(PreviousDescription);
        foreach (var attachment in Attachments)
        {
            hash.Add(attachment);
        }

        hash.Add(Nup);
        hash.Add(Password);
        return hash.ToHashCode();
    }
}
