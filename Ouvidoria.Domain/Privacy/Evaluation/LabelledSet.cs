using System.Text;

namespace Ouvidoria.Domain.Privacy.Evaluation;

/// <summary>One sentence of the labelled set: the clean text, the names the detector is told, and the gold elements.</summary>
public sealed record LabelledSentence(int LineNumber, string Text, IReadOnlyList<string> Names, IReadOnlyList<IdentifyingElement> Gold);

/// <summary>
/// Reads the labelled set (Ouvidoria.Tests/Domain/Privacy/identifying-elements.txt): one sentence per
/// line, gold elements marked inline as <c>{{KIND|text}}</c>, an optional context prefix
/// <c>@requester=Full Name;@involved=One, Two :: </c>, and '#' comment lines.
/// </summary>
public static class LabelledSet
{
    private const string ContextSeparator = " :: ";

    public static IReadOnlyDictionary<string, IdentifyingElementKind> Codes { get; } = new Dictionary<string, IdentifyingElementKind>
    {
        ["NOME"] = IdentifyingElementKind.Name,
        ["CPF"] = IdentifyingElementKind.Cpf,
        ["CNPJ"] = IdentifyingElementKind.Cnpj,
        ["RG"] = IdentifyingElementKind.Rg,
        ["TELEFONE"] = IdentifyingElementKind.Phone,
        ["EMAIL"] = IdentifyingElementKind.Email,
        ["CEP"] = IdentifyingElementKind.Cep,
        ["ENDERECO"] = IdentifyingElementKind.Address,
        ["PLACA"] = IdentifyingElementKind.VehiclePlate,
        ["NASCIMENTO"] = IdentifyingElementKind.BirthDate,
    };

    /// <exception cref="FormatException">A line is malformed (its number is in the message).</exception>
    public static IReadOnlyList<LabelledSentence> Parse(string content)
    {
        var sentences = new List<LabelledSentence>();
        var lines = content.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            sentences.Add(ParseLine(i + 1, line));
        }

        return sentences;
    }

    private static LabelledSentence ParseLine(int number, string line)
    {
        var names = new List<string>();
        if (line.StartsWith('@'))
        {
            var separator = line.IndexOf(ContextSeparator, StringComparison.Ordinal);
            if (separator < 0)
            {
                throw new FormatException($"Linha {number}: contexto sem \"{ContextSeparator.Trim()}\".");
            }

            foreach (var field in line[..separator].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var equals = field.IndexOf('=');
                var key = equals > 0 ? field[..equals] : field;
                if (key is not ("@requester" or "@involved"))
                {
                    throw new FormatException($"Linha {number}: campo de contexto desconhecido \"{key}\".");
                }

                names.AddRange(field[(equals + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }

            line = line[(separator + ContextSeparator.Length)..];
        }

        var text = new StringBuilder(line.Length);
        var gold = new List<(int Start, int Length, IdentifyingElementKind Kind)>();
        var position = 0;
        while (position < line.Length)
        {
            var open = line.IndexOf("{{", position, StringComparison.Ordinal);
            if (open < 0)
            {
                text.Append(line, position, line.Length - position);
                break;
            }

            var close = line.IndexOf("}}", open, StringComparison.Ordinal);
            var bar = line.IndexOf('|', open);
            if (close < 0 || bar < 0 || bar > close)
            {
                throw new FormatException($"Linha {number}: marcação {{{{TIPO|texto}}}} malformada.");
            }

            var code = line[(open + 2)..bar];
            if (!Codes.TryGetValue(code, out var kind))
            {
                throw new FormatException($"Linha {number}: tipo desconhecido \"{code}\".");
            }

            text.Append(line, position, open - position);
            var value = line[(bar + 1)..close];
            if (value.Length == 0)
            {
                throw new FormatException($"Linha {number}: elemento vazio.");
            }

            gold.Add((text.Length, value.Length, kind));
            text.Append(value);
            position = close + 2;
        }

        var clean = text.ToString();
        return new LabelledSentence(number, clean, names, gold.Select(g => new IdentifyingElement(g.Start, g.Length, g.Kind, clean.Substring(g.Start, g.Length))).ToList());
    }
}
