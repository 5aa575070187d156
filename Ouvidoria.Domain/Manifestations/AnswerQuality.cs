using System.Text.RegularExpressions;

namespace Ouvidoria.Domain.Manifestations;

/// <summary>A suggestion about an answer's language (never a block).</summary>
public sealed record AnswerHint(string Message);

/// <summary>
/// Plain-language hints before an answer is sent (the collaborator manual's standard: the fact
/// first, in simple language): acronyms not spelled out at first mention, very long sentences, and
/// foreign words from a configurable list.
/// </summary>
public static partial class AnswerQuality
{
    public const int MaxSentenceWords = 35;

    /// <summary>Limits of an office's foreign-word list (settings).</summary>
    public const int MaxForeignWords = 200;

    public const int MaxForeignWordLength = 40;

    /// <summary>Common anglicisms in public-service writing; offices may pass their own list.</summary>
    public static readonly IReadOnlyList<string> DefaultForeignWords =
        ["feedback", "deadline", "link", "online", "status", "checklist", "workflow", "briefing", "follow-up", "stakeholder", "performance", "budget", "delivery", "report"];

    /// <summary>An office's list as typed: one word per line or comma-separated; blanks and repeats dropped.</summary>
    public static IReadOnlyList<string> ParseForeignWords(string? text) =>
        (text ?? string.Empty).Split([',', ';', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>Every problem of a foreign-word list, one pt-BR sentence each (empty: valid; an empty list turns the hint off).</summary>
    public static IReadOnlyList<string> ForeignWordProblems(IReadOnlyList<string> words)
    {
        var problems = new List<string>();
        if (words.Count > MaxForeignWords)
        {
            problems.Add($"A lista de palavras estrangeiras deve ter no máximo {MaxForeignWords} palavras (tem {words.Count}).");
        }

        if (words.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add("A lista de palavras estrangeiras não pode ter palavras vazias.");
        }

        var tooLong = words.Where(w => w.Trim().Length > MaxForeignWordLength).ToList();
        if (tooLong.Count > 0)
        {
            problems.Add($"Cada palavra estrangeira deve ter no máximo {MaxForeignWordLength} caracteres: \"{Shorten(tooLong[0])}\".");
        }

        var invalid = words.Where(w => !string.IsNullOrWhiteSpace(w) && !w.Trim().All(c => char.IsLetter(c) || c is '-' or ' ' or '\'')).ToList();
        if (invalid.Count > 0)
        {
            problems.Add($"As palavras estrangeiras só podem ter letras, hífen, apóstrofo e espaço: \"{Shorten(invalid[0])}\".");
        }

        return problems;
    }

    private static string Shorten(string word) => word.Length > MaxForeignWordLength ? word[..MaxForeignWordLength] + "…" : word;

    /// <summary>Acronyms any citizen knows (no need to spell out).</summary>
    private static readonly HashSet<string> WellKnownAcronyms = new(StringComparer.Ordinal) { "CPF", "RG", "CEP", "NUP", "SMS" };

    public static IReadOnlyList<AnswerHint> Review(string? text, IEnumerable<string>? foreignWords = null)
    {
        var hints = new List<AnswerHint>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return hints;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match match in AcronymPattern().Matches(text))
        {
            var acronym = match.Value;
            if (!seen.Add(acronym) || WellKnownAcronyms.Contains(acronym) || RomanNumeral().IsMatch(acronym))
            {
                continue;
            }

            var before = text[..match.Index].TrimEnd();
            var after = text[(match.Index + acronym.Length)..].TrimStart();
            var spelledOut = before.EndsWith('(') || after.StartsWith('(');
            if (!spelledOut)
            {
                hints.Add(new AnswerHint($"A sigla \"{acronym}\" aparece sem o nome por extenso na primeira menção. Ex.: \"Nome por extenso ({acronym})\"."));
            }
        }

        foreach (var sentence in SentenceSplit().Split(text).Select(s => s.Trim()).Where(s => s.Length > 0))
        {
            var words = sentence.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
            if (words > MaxSentenceWords)
            {
                var start = sentence.Length > 50 ? sentence[..50] + "…" : sentence;
                hints.Add(new AnswerHint($"Frase muito longa ({words} palavras): \"{start}\". Prefira frases de até {MaxSentenceWords} palavras."));
            }
        }

        foreach (var word in (foreignWords ?? DefaultForeignWords).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (Regex.IsMatch(text, $@"(?<![\p{{L}}-]){Regex.Escape(word)}(?![\p{{L}}-])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(200)))
            {
                hints.Add(new AnswerHint($"Palavra estrangeira: \"{word}\". Há um termo em português que o cidadão entenda melhor?"));
            }
        }

        return hints;
    }

    [GeneratedRegex(@"(?<![\p{L}\d])[A-ZÁÉÍÓÚÂÊÔÃÕÇ]{2,8}(?![\p{L}\d])", RegexOptions.CultureInvariant, 200)]
    private static partial Regex AcronymPattern();

    [GeneratedRegex(@"^[IVXLC]+$", RegexOptions.CultureInvariant, 200)]
    private static partial Regex RomanNumeral();

    [GeneratedRegex(@"(?<=[.!?])\s+", RegexOptions.CultureInvariant, 200)]
    private static partial Regex SentenceSplit();
}
