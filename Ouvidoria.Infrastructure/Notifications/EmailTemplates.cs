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

    public static RenderedEmail Render(EmailTemplate template, IReadOnlyDictionary<string, string> values)
    {
        var subject = Fill(template.Subject, values).ReplaceLineEndings(" ").Trim();
        var text = Fill(template.Body, values);
        return new RenderedEmail(subject, text, ToHtml(template.Body, values));
    }

    private static string Fill(string text, IReadOnlyDictionary<string, string> values) =>
        PlaceholderPattern().Replace(text, m => values.TryGetValue(m.Groups[1].Value, out var value) ? value : string.Empty);

    private static string ToHtml(string body, IReadOnlyDictionary<string, string> values)
    {
        var html = new StringBuilder("<!DOCTYPE html><html lang=\"pt-BR\"><body style=\"font-family: Arial, sans-serif; font-size: 14px; color: #1b1b1b;\">");
        foreach (var paragraph in body.ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            html.Append("<p>");
            var last = 0;
            foreach (Match m in PlaceholderPattern().Matches(paragraph))
            {
                html.Append(WebUtility.HtmlEncode(paragraph[last..m.Index]).Replace("\n", "<br>", StringComparison.Ordinal));
                var value = values.TryGetValue(m.Groups[1].Value, out var v) ? v : string.Empty;
                html.Append(m.Groups[1].Value == "LINK" && Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                    ? $"<a href=\"{WebUtility.HtmlEncode(value)}\">{WebUtility.HtmlEncode(value)}</a>"
                    : WebUtility.HtmlEncode(value));
                last = m.Index + m.Length;
            }

            html.Append(WebUtility.HtmlEncode(paragraph[last..]).Replace("\n", "<br>", StringComparison.Ordinal)).Append("</p>");
        }

        return html.Append("</body></html>").ToString();
    }

    [GeneratedRegex(@"\{([A-Z]+)\}")]
    private static partial Regex PlaceholderPattern();
}
