using System.Text.Encodings.Web;
using System.Text.Json;
using Ouvidoria.Domain.Administration;
using Ouvidoria.Domain.Common;

namespace Ouvidoria.Domain.Templates;

/// <summary>
/// An administrator-editable text (answer model, standard treatment text...), identified by a
/// stable <see cref="TextTemplateKey"/>. Every change is made by an administrator, validated
/// (length, markers), bumps <see cref="Version"/> (optimistic concurrency) and yields the
/// <see cref="AdministrativeChange"/> that records it.
/// </summary>
public sealed class TextTemplate
{
    public const int MaxTitleLength = 120;
    public const int MaxBodyLength = 8000;
    public const string EntityType = nameof(TextTemplate);

    private static readonly JsonSerializerOptions SnapshotJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private TextTemplate()
    {
        Title = string.Empty;
        Body = string.Empty;
        UpdatedByName = string.Empty;
    }

    public TextTemplateKey Key { get; private set; }

    public string Title { get; private set; }

    public string Body { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Null while the text is the seeded default nobody changed.</summary>
    public string? UpdatedById { get; private set; }

    public string UpdatedByName { get; private set; }

    /// <summary>Optimistic concurrency token: bumped by every change.</summary>
    public int Version { get; private set; }

    public TextTemplateDefinition Definition => TextTemplateCatalog.Get(Key);

    public bool IsDefault => Title == Definition.DefaultTitle && Body == Definition.DefaultBody;

    /// <summary>The catalog's default text, as seeded at start-up.</summary>
    public static TextTemplate CreateDefault(TextTemplateKey key, DateTimeOffset now)
    {
        var definition = TextTemplateCatalog.Get(key);
        return new TextTemplate
        {
            Key = key,
            Title = definition.DefaultTitle,
            Body = definition.DefaultBody,
            UpdatedAt = now,
            UpdatedByName = Actor.System.Name,
        };
    }

    /// <summary>
    /// Checks a title and body for <paramref name="key"/> without changing anything: what the
    /// administration page calls while the text is typed, and what <see cref="Edit"/> enforces.
    /// </summary>
    public static void Validate(TextTemplateKey key, string? title, string? body)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            throw new DomainException("Informe o título do texto.");
        }

        TextLimits.Check(title, MaxTitleLength, "O título");
        if (string.IsNullOrWhiteSpace(body))
        {
            throw new DomainException("O texto não pode ficar vazio.");
        }

        TextLimits.Check(body, MaxBodyLength, "O texto");
        var definition = TextTemplateCatalog.Get(key);
        TemplatePlaceholders.Validate(body, definition.Placeholders, definition.RequiredPlaceholders);
        if (definition.Group == TextTemplateGroup.Emails)
        {
            // An e-mail's title is its subject: the same closed list of markers.
            TemplatePlaceholders.Validate(title, definition.Placeholders, []);
        }
    }

    public AdministrativeChange Edit(string? title, string? body, Actor actor, DateTimeOffset now)
    {
        RequireAdministrator(actor);
        Validate(Key, title, body);
        var newTitle = title!.Trim();
        var newBody = Normalize(body!);
        if (newTitle == Title && newBody == Body)
        {
            throw new DomainException("Não há alterações para salvar.");
        }

        return Change(newTitle, newBody, "Texto alterado", actor, now);
    }

    /// <summary>"Restaurar texto padrão": back to the catalog's title and body.</summary>
    public AdministrativeChange RestoreDefault(Actor actor, DateTimeOffset now)
    {
        RequireAdministrator(actor);
        if (IsDefault)
        {
            throw new DomainException("Este texto já é o padrão.");
        }

        return Change(Definition.DefaultTitle, Definition.DefaultBody, "Texto padrão restaurado", actor, now);
    }

    /// <summary>The body with its markers filled; markers without a value stay visible.</summary>
    public string Fill(IReadOnlyDictionary<string, string> values) => TemplatePlaceholders.Fill(Body, values);

    /// <summary>Title and body as JSON: the before/after of the audit row.</summary>
    public string Snapshot() => JsonSerializer.Serialize(new { Title, Body }, SnapshotJson);

    private AdministrativeChange Change(string title, string body, string summary, Actor actor, DateTimeOffset now)
    {
        var before = Snapshot();
        Title = title;
        Body = body;
        UpdatedAt = now;
        UpdatedById = actor.UserId;
        UpdatedByName = actor.Name;
        Version++;
        return AdministrativeChange.Of(EntityType, Key.ToString(), summary, before, Snapshot(), actor, now);
    }

    /// <summary>Line breaks as \n (browsers send \r\n) and no surrounding blank space.</summary>
    private static string Normalize(string body) => body.Replace("\r\n", "\n").Replace('\r', '\n').Trim();

    private static void RequireAdministrator(Actor actor)
    {
        if (actor.Kind != ActorKind.Administrator)
        {
            throw new DomainException("Somente administradores podem alterar os textos padrão.");
        }
    }
}
