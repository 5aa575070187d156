using System.Net;
using System.Text.RegularExpressions;

namespace Ouvidoria.Tests.Support.Integration;

/// <summary>Reads server-rendered HTML the way a browser submits it: the inputs of a form.</summary>
public static partial class HtmlForms
{
    /// <summary>The name/value of every <c>&lt;input&gt;</c> (hidden ones included) of the page's forms.</summary>
    public static Dictionary<string, string> Inputs(string html)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match input in InputTag().Matches(html))
        {
            var attributes = Attribute().Matches(input.Value)
                .GroupBy(a => a.Groups["name"].Value.ToLowerInvariant())
                .ToDictionary(g => g.Key, g => WebUtility.HtmlDecode(g.First().Groups["value"].Value));
            if (attributes.TryGetValue("name", out var name))
            {
                fields[name] = attributes.GetValueOrDefault("value", string.Empty);
            }
        }

        return fields;
    }

    /// <summary>The page's text with HTML entities decoded (accents may be written as entities).</summary>
    public static string Text(string html) => WebUtility.HtmlDecode(html);

    [GeneratedRegex("<input\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InputTag();

    [GeneratedRegex("(?<name>[a-zA-Z_:][-a-zA-Z0-9_:.]*)\\s*=\\s*\"(?<value>[^\"]*)\"")]
    private static partial Regex Attribute();
}
