using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Ouvidoria.Domain.Templates;

namespace Ouvidoria.Infrastructure.Notifications;

/// <summary>A message ready to send: subject, plain text and the same text as simple HTML.</summary>
public sealed record RenderedEmail(string Subject, string Text, string Html);

/// <summary>The editable parts of a template: subject and body with {PLACEHOLDERS}.</summary>
public sealed record EmailTemplate(string Key, string Title, string Subject, string Body);

/// <summary>
/// The pt-BR e-mail templates. Each is a subject and a plain-text body with placeholders; the
/// HTML version is derived from the text (paragraphs, escaped values, clickable links), so an
/// administrator edits one text and both versions follow. Values never include the requester's
/// data or the content of a manifestation: the placeholders below are all there is.
/// </summary>
public static partial class EmailTemplates
{
    public const string Forwarded = "Email.Forwarded";
    public const string Reopened = "Email.Reopened";
    public const string DeadlineNear = "Email.DeadlineNear";
    public const string DeadlinePassed = "Email.DeadlinePassed";
    public const string IdentityDecided = "Email.IdentityDecided";
    public const string ComplementArrived = "Email.ComplementArrived";
    public const string CitizenDeadlineNear = "Email.CitizenDeadlineNear";
    public const string CitizenDeadlinePassed = "Email.CitizenDeadlinePassed";

    /// <summary>Every placeholder a template may use.</summary>
    public static readonly IReadOnlyList<string> Placeholders = ["NUP", "TIPO", "UNIDADE", "PAPEL", "PRAZO", "DIAS", "INSTRUCOES", "DECISAO", "LINK"];

    /// <summary>Each e-mail's key in the administrators' text store (/administracao/modelos, group "E-mails").</summary>
    public static IReadOnlyDictionary<string, TextTemplateKey> Keys { get; } = new Dictionary<string, TextTemplateKey>
    {
        [Forwarded] = TextTemplateKey.EmailForwarded,
        [Reopened] = TextTemplateKey.EmailReopened,
        [DeadlineNear] = TextTemplateKey.EmailDeadlineNear,
        [DeadlinePassed] = TextTemplateKey.EmailDeadlinePassed,
        [IdentityDecided] = TextTemplateKey.EmailIdentityDecided,
        [ComplementArrived] = TextTemplateKey.EmailComplementArrived,
        [CitizenDeadlineNear] = TextTemplateKey.EmailCitizenDeadlineNear,
        [CitizenDeadlinePassed] = TextTemplateKey.EmailCitizenDeadlinePassed,
    };

    public static IReadOnlyList<EmailTemplate> Defaults { get; } =
        Keys.Select(k => new EmailTemplate(k.Key, TextTemplateCatalog.Get(k.Value).Usage, TextTemplateCatalog.Get(k.Value).DefaultTitle, TextTemplateCatalog.Get(k.Value).DefaultBody)).ToList();

    public static EmailTemplate Default(string key) =>
        Defaults.FirstOrDefault(t => t.Key == key) ?? throw new ArgumentOutOfRangeException(nameof(key), key, "Modelo de e-mail desconhecido.");

    /// <summary>Placeholders used in <paramref name="text"/> that do not exist (for the admin's validation).</summary>
    public static IReadOnlyList<string> UnknownPlaceholders(string text) =>
        PlaceholderPattern().Matches(text).Select(m => m.Groups[1].Value).Where(p => !Placeholders.Contains(p)).Distinct().ToList();

    public static RenderedEmail Render(EmailTemplate template, IReadOnlyDictionary<string, string> values) =>
        Compile(template).Render(values);

    /// <summary>
    /// <paramref name="template"/> split once into its literal parts (the HTML ones already escaped)
    /// and placeholders, to be filled many times (the deadline sweep renders thousands of alerts per
    /// run): <see cref="Render"/> is this, compiled and filled once.
    /// </summary>
    public static CompiledEmailTemplate Compile(EmailTemplate template)
    {
        var html = new List<Segment> { new("<!DOCTYPE html><html lang=\"pt-BR\"><body style=\"font-family: Arial, sans-serif; font-size: 14px; color: #1b1b1b;\">", null) };
        foreach (var paragraph in template.Body.ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            html.Add(new("<p>", null));
            html.AddRange(Split(paragraph, literal => WebUtility.HtmlEncode(literal).Replace("\n", "<br>", StringComparison.Ordinal)));
            html.Add(new("</p>", null));
        }

        html.Add(new("</body></html>", null));
        return new CompiledEmailTemplate(Split(template.Subject, literal => literal), Split(template.Body, literal => literal), html);
    }

    /// <summary>A literal part (<paramref name="Text"/>) or, when <paramref name="Placeholder"/> is set, a value to fill in.</summary>
    internal sealed record Segment(string Text, string? Placeholder);

    /// <summary><paramref name="text"/> as literal parts (passed through <paramref name="literal"/>) and placeholders.</summary>
    private static List<Segment> Split(string text, Func<string, string> literal)
    {
        var segments = new List<Segment>();
        var last = 0;
        foreach (Match m in PlaceholderPattern().Matches(text))
        {
            segments.Add(new(literal(text[last..m.Index]), null));
            segments.Add(new(string.Empty, m.Groups[1].Value));
            last = m.Index + m.Length;
        }

        segments.Add(new(literal(text[last..]), null));
        return segments;
    }

    /// <summary>A value in the HTML version: escaped; {LINK} clickable when it is an http(s) address.</summary>
    internal static string HtmlValue(string placeholder, string value) =>
        placeholder == "LINK" && Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? $"<a href=\"{WebUtility.HtmlEncode(value)}\">{WebUtility.HtmlEncode(value)}</a>"
            : WebUtility.HtmlEncode(value);

    [GeneratedRegex(@"\{([A-Z]+)\}")]
    private static partial Regex PlaceholderPattern();
}

/// <summary>An e-mail template parsed once (<see cref="EmailTemplates.Compile"/>), filled per message.</summary>
public sealed class CompiledEmailTemplate
{
    private readonly IReadOnlyList<EmailTemplates.Segment> _subject;
    private readonly IReadOnlyList<EmailTemplates.Segment> _text;
    private readonly IReadOnlyList<EmailTemplates.Segment> _html;

    internal CompiledEmailTemplate(IReadOnlyList<EmailTemplates.Segment> subject, IReadOnlyList<EmailTemplates.Segment> text, IReadOnlyList<EmailTemplates.Segment> html)
    {
        _subject = subject;
        _text = text;
        _html = html;
    }

    /// <summary>Subject (on one line), text and HTML with <paramref name="values"/> filled in (an unknown placeholder is left empty).</summary>
    public RenderedEmail Render(IReadOnlyDictionary<string, string> values) =>
        new(Fill(_subject, values, null).ReplaceLineEndings(" ").Trim(), Fill(_text, values, null), Fill(_html, values, EmailTemplates.HtmlValue));

    private static string Fill(IReadOnlyList<EmailTemplates.Segment> segments, IReadOnlyDictionary<string, string> values, Func<string, string, string>? html)
    {
        var text = new StringBuilder();
        foreach (var segment in segments)
        {
            if (segment.Placeholder is not { } placeholder)
            {
                text.Append(segment.Text);
                continue;
            }

            var value = values.TryGetValue(placeholder, out var v) ? v : string.Empty;
            text.Append(html is null ? value : html(placeholder, value));
        }

        return text.ToString();
    }
}
