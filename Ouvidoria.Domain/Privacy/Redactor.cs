using System.Text;

namespace Ouvidoria.Domain.Privacy;

/// <summary>One piece of a redacted text: either original text (<see cref="Kind"/> null) or a tarja.</summary>
public sealed record RedactedSegment(string Text, IdentifyingElementKind? Kind)
{
    public bool IsTarja => Kind is not null;
}

/// <summary>
/// Produces the redacted version (versão tarjada): each accepted element is replaced by its tarja
/// ("[NOME]", "[CPF]"…); everything else is kept as written.
/// </summary>
public static class Redactor
{
    /// <summary>The redacted text.</summary>
    /// <exception cref="ArgumentException">An element lies outside <paramref name="text"/> or no longer matches it (the text changed after detection).</exception>
    public static string Apply(string text, IEnumerable<IdentifyingElement> accepted)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var segment in Segments(text, accepted))
        {
            builder.Append(segment.Text);
        }

        return builder.ToString();
    }

    /// <summary>The redacted text as pieces, so a preview can highlight the tarjas.</summary>
    /// <exception cref="ArgumentException">An element lies outside <paramref name="text"/> or no longer matches it.</exception>
    public static IReadOnlyList<RedactedSegment> Segments(string text, IEnumerable<IdentifyingElement> accepted)
    {
        ArgumentNullException.ThrowIfNull(text);
        var elements = accepted.ToList();
        foreach (var element in elements)
        {
            if (element.Start < 0 || element.Length <= 0 || element.End > text.Length
                || !text.AsSpan(element.Start, element.Length).SequenceEqual(element.Text))
            {
                throw new ArgumentException($"O elemento \"{element.Text}\" ({element.Start}, {element.Length}) não corresponde ao texto.", nameof(accepted));
            }
        }

        var segments = new List<RedactedSegment>();
        var position = 0;
        foreach (var element in IdentifyingElementDetector.Merge(text, elements))
        {
            if (element.Start > position)
            {
                segments.Add(new RedactedSegment(text[position..element.Start], null));
            }

            segments.Add(new RedactedSegment(element.Kind.Tarja(), element.Kind));
            position = element.End;
        }

        if (position < text.Length)
        {
            segments.Add(new RedactedSegment(text[position..], null));
        }

        return segments;
    }
}
