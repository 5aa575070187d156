namespace Ouvidoria.Domain.Privacy;

/// <summary>
/// Finds the given people's names in a text: the full name and each significant part (3+ letters,
/// not a connector nor a title), as whole words, ignoring case and accents. Adjacent parts (joined by
/// spaces, hyphens or connectors: "Maria da Silva Souza") form one element.
/// <para>
/// Parts that are also ordinary words ("Rosa", "Campos", "Dias", "Neto", "Pena", "Nascimento"…) are
/// matched only in company: next to another part of the name, or all capitalized in a run of two or
/// more ("VITÓRIA CAMPOS ROSA"), or capitalized after a form of address ("dona Rosa"). Alone they
/// are read as the ordinary word ("a tinta rosa", "há dois dias").
/// </para>
/// </summary>
internal sealed class NameMatcher
{
    /// <summary>Only these are skipped inside a name; any other short word breaks it.</summary>
    private static readonly HashSet<string> Connectors = ["da", "de", "do", "das", "dos", "e", "d", "di", "du", "del", "van", "von"];

    /// <summary>Forms of address: never a part of the name, and they announce one ("dona Rosa").</summary>
    private static readonly HashSet<string> Titles =
    [
        "dona", "seu", "senhor", "senhora", "sr", "sra", "srta", "dr", "dra", "doutor", "doutora",
        "prof", "profa", "professor", "professora", "sargento", "cabo", "soldado", "tenente", "delegado", "delegada",
    ];

    /// <summary>Name parts that are also ordinary pt-BR words (folded: lower case, no accents).</summary>
    private static readonly HashSet<string> CommonWords =
    [
        "alegre", "amado", "amada", "anjo", "aparecida", "bela", "bezerra", "bispo", "branco", "branca", "campos", "campo",
        "carneiro", "celeste", "clara", "claro", "coelho", "conceicao", "cordeiro", "costa", "cruz", "cunha", "dias", "dores",
        "esperanca", "figueira", "filho", "filha", "flor", "flores", "fontes", "fonte", "franco", "gama", "gloria", "graca",
        "guerra", "jesus", "junior", "justo", "leao", "leite", "lemos", "lima", "linda", "lobo", "luz", "machado", "mata",
        "matos", "monte", "morais", "nascimento", "neta", "neto", "neves", "paixao", "paz", "pedra", "pena", "pinto",
        "ponte", "porto", "prado", "ramos", "reis", "rios", "rocha", "rosa", "santa", "santo", "santos", "serra", "severo",
        "socorro", "torres", "vale", "vitoria",
    ];

    private readonly HashSet<string> _parts = [];

    public NameMatcher(IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            foreach (var (start, end) in Words(name))
            {
                var word = TextFolding.Fold(name[start..end]);
                if (word.Length >= 3 && !Connectors.Contains(word) && !Titles.Contains(word))
                {
                    _parts.Add(word);
                }
            }
        }
    }

    public bool IsEmpty => _parts.Count == 0;

    public IEnumerable<IdentifyingElement> Find(string text)
    {
        if (IsEmpty)
        {
            yield break;
        }

        var folded = TextFolding.Fold(text);
        var parts = _parts.GetAlternateLookup<ReadOnlySpan<char>>();
        var words = new List<Word>();
        foreach (var (start, end) in Words(text))
        {
            var word = folded.AsSpan(start, end - start);
            // Only parts, connectors and titles matter to the runs: keep their folded text, not every word's.
            var known = parts.TryGetValue(word, out var part) ? part
                : Connectors.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(word, out var connector) ? connector
                : Titles.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(word, out var title) ? title
                : string.Empty;
            words.Add(new Word(start, end, known));
        }

        var i = 0;
        while (i < words.Count)
        {
            if (!_parts.Contains(words[i].Folded))
            {
                i++;
                continue;
            }

            // Extend the run over further parts, possibly through connectors ("Maria da Silva").
            var run = new List<Word> { words[i] };
            var next = i + 1;
            while (next < words.Count && Joined(text, run[^1], words[next]))
            {
                if (_parts.Contains(words[next].Folded))
                {
                    run.Add(words[next]);
                    next++;
                }
                else if (Connectors.Contains(words[next].Folded) && next + 1 < words.Count
                    && Joined(text, words[next], words[next + 1]) && _parts.Contains(words[next + 1].Folded))
                {
                    run.Add(words[next + 1]);
                    next += 2;
                }
                else
                {
                    break;
                }
            }

            if (Accept(text, run, i > 0 ? words[i - 1] : null))
            {
                var start = run[0].Start;
                var end = run[^1].End;
                yield return new IdentifyingElement(start, end - start, IdentifyingElementKind.Name, text[start..end]);
            }

            i = next;
        }
    }

    private static bool Accept(string text, List<Word> run, Word? previous)
    {
        if (run.Any(w => !CommonWords.Contains(w.Folded)))
        {
            return true;
        }

        var capitalized = run.All(w => char.IsUpper(text[w.Start]));
        if (run.Count >= 2)
        {
            return capitalized;
        }

        return capitalized && previous is { } title && Titles.Contains(title.Folded) && IsSpaceOrPeriod(text.AsSpan(title.End, run[0].Start - title.End));
    }

    /// <summary>Two words of one name are separated only by spaces or a hyphen.</summary>
    private static bool Joined(string text, Word left, Word right)
    {
        var gap = text.AsSpan(left.End, right.Start - left.End);
        return gap.Length is > 0 and <= 3 && (gap.Trim(' ').IsEmpty || gap.Trim(' ') is "-");
    }

    private static bool IsSpaceOrPeriod(ReadOnlySpan<char> gap) => gap.Length is > 0 and <= 3 && gap.Trim(' ').TrimStart('.').IsEmpty;

    /// <summary>Maximal runs of letters (an apostrophe or hyphen ends a word: "D'Ávila", "Ferraz-Lemos").</summary>
    private static IEnumerable<(int Start, int End)> Words(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetter(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && (char.IsLetter(text[i]) || char.GetUnicodeCategory(text[i]) == System.Globalization.UnicodeCategory.NonSpacingMark))
            {
                i++;
            }

            yield return (start, i);
        }
    }

    private readonly record struct Word(int Start, int End, string Folded);
}
