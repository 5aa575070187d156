using System.Text.RegularExpressions;

namespace Ouvidoria.Domain.Privacy;

/// <summary>
/// Suggests the stretches of a manifestation's text that identify someone, so the ombudsman can
/// redact them (versão tarjada): CPF and CNPJ with valid check digits, RG numbers, Brazilian phone
/// numbers, e-mails, CEPs, street addresses with a number, vehicle plates, dates of birth, and the
/// names of the requester and of the people marked as involved. The result is sorted and free of
/// overlaps. Rules and known limits: Privacy/README.md.
/// </summary>
public static partial class IdentifyingElementDetector
{
    /// <summary>Brazilian area codes (DDD) in use.</summary>
    private static readonly HashSet<int> AreaCodes =
    [
        11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 24, 27, 28, 31, 32, 33, 34, 35, 37, 38, 41, 42, 43, 44, 45, 46, 47, 48, 49,
        51, 53, 54, 55, 61, 62, 63, 64, 65, 66, 67, 68, 69, 71, 73, 74, 75, 77, 79, 81, 82, 83, 84, 85, 86, 87, 88, 89,
        91, 92, 93, 94, 95, 96, 97, 98, 99,
    ];

    /// <summary>How far after "data de nascimento" a date of birth may start.</summary>
    private const int BirthDateWindow = 80;

    /// <summary>Finds the identifying elements of <paramref name="text"/>; <paramref name="names"/> are the requester's and the involved people's full names.</summary>
    public static IReadOnlyList<IdentifyingElement> Detect(string text, IEnumerable<string>? names = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<IdentifyingElement>();
        Add(found, text, EmailPattern(), IdentifyingElementKind.Email);
        if (text.Contains("arroba", StringComparison.OrdinalIgnoreCase))
        {
            Add(found, text, SpelledEmailPattern(), IdentifyingElementKind.Email);
        }

        AddValidated(found, text, CpfPattern(), IdentifyingElementKind.Cpf, m => Cpf.HasValidCheckDigits(Compact(m.Value)));
        AddValidated(found, text, CnpjPattern(), IdentifyingElementKind.Cnpj, m => Cnpj.HasValidCheckDigits(Compact(m.Value)));
        AddGroup(found, text, RgAfterKeywordPattern(), "rg", IdentifyingElementKind.Rg);
        Add(found, text, RgWithStatePattern(), IdentifyingElementKind.Rg);
        AddPhones(found, text);
        Add(found, text, CepPattern(), IdentifyingElementKind.Cep);
        AddGroup(found, text, CepAfterKeywordPattern(), "cep", IdentifyingElementKind.Cep);
        Add(found, text, AddressPattern(), IdentifyingElementKind.Address);
        Add(found, text, BlockAddressPattern(), IdentifyingElementKind.Address);
        AddPlates(found, text);
        AddBirthDates(found, text);
        if (names is not null)
        {
            found.AddRange(new NameMatcher(names).Find(text));
        }

        return Merge(text, found);
    }

    /// <summary>
    /// Sorts <paramref name="elements"/> and resolves overlaps: elements of the same kind are joined;
    /// of different kinds, a check-digit- or syntax-validated kind (e-mail, CPF, CNPJ) wins, else the
    /// longer element (an address over a name inside it), else the one that starts first.
    /// </summary>
    public static IReadOnlyList<IdentifyingElement> Merge(string text, IEnumerable<IdentifyingElement> elements)
    {
        var merged = new List<IdentifyingElement>();
        foreach (var element in elements.OrderBy(e => e.Start).ThenByDescending(e => e.Length))
        {
            if (merged.Count == 0 || element.Start >= merged[^1].End)
            {
                merged.Add(element);
                continue;
            }

            var last = merged[^1];
            if (last.Kind == element.Kind)
            {
                var end = Math.Max(last.End, element.End);
                merged[^1] = last with { Length = end - last.Start, Text = text[last.Start..end] };
            }
            else if (Strength(element) > Strength(last) || (Strength(element) == Strength(last) && element.Length > last.Length))
            {
                merged[^1] = element;
            }
        }

        return merged;
    }

    private static int Strength(IdentifyingElement element) =>
        element.Kind is IdentifyingElementKind.Email or IdentifyingElementKind.Cpf or IdentifyingElementKind.Cnpj ? 1 : 0;

    private static void Add(List<IdentifyingElement> found, string text, Regex pattern, IdentifyingElementKind kind)
    {
        foreach (var match in pattern.EnumerateMatches(text))
        {
            found.Add(new IdentifyingElement(match.Index, match.Length, kind, text.Substring(match.Index, match.Length)));
        }
    }

    private static void AddValidated(List<IdentifyingElement> found, string text, Regex pattern, IdentifyingElementKind kind, Func<Match, bool> valid)
    {
        for (var match = pattern.Match(text); match.Success; match = match.NextMatch())
        {
            if (valid(match))
            {
                found.Add(new IdentifyingElement(match.Index, match.Length, kind, match.Value));
            }
        }
    }

    private static void AddGroup(List<IdentifyingElement> found, string text, Regex pattern, string group, IdentifyingElementKind kind)
    {
        for (var match = pattern.Match(text); match.Success; match = match.NextMatch())
        {
            var value = match.Groups[group];
            found.Add(new IdentifyingElement(value.Index, value.Length, kind, value.Value));
        }
    }

    /// <summary>
    /// With an area code (valid DDD) the separators are optional ("31988764512"); without one the
    /// number needs its dash ("3274-5566"), so bare runs of digits stay numbers. Toll-free and shared
    /// numbers (0800, 0300, 3003/400x) are not personal: never suggested.
    /// </summary>
    private static void AddPhones(List<IdentifyingElement> found, string text)
    {
        for (var match = PhonePattern().Match(text); match.Success; match = match.NextMatch())
        {
            var number = match.Groups["num"];
            var areaCode = match.Groups["ddd"];
            var start = match.Index;
            var hasAreaCode = areaCode.Success && AreaCodes.Contains(int.Parse(areaCode.ValueSpan.TrimStart('0')));
            if (areaCode.Success && !hasAreaCode)
            {
                // "20 3274-5566": not an area code; the number alone may still be a phone.
                start = number.Index;
            }

            var digits = Compact(number.Value);
            if ((!hasAreaCode && !number.Value.Contains('-')) || digits.StartsWith("300", StringComparison.Ordinal) || digits.StartsWith("400", StringComparison.Ordinal)
                || (match.Groups["ddi"].Success && !hasAreaCode) || FollowsDocumentWord(text, start))
            {
                continue;
            }

            var end = match.Index + match.Length;
            found.Add(new IdentifyingElement(start, end - start, IdentifyingElementKind.Phone, text[start..end]));
        }
    }

    /// <summary>Upper-case plates anywhere; lower-case or spaced ones only after a vehicle word ("placa pwx 4j33").</summary>
    private static void AddPlates(List<IdentifyingElement> found, string text)
    {
        for (var match = LoosePlatePattern().Match(text); match.Success; match = match.NextMatch())
        {
            var strict = PlatePattern().IsMatch(match.Value) && PlatePattern().Match(match.Value).Length == match.Length;
            if (FollowsDocumentWord(text, match.Index) || (!strict && !FollowsVehicleWord(text, match.Index)))
            {
                continue;
            }

            found.Add(new IdentifyingElement(match.Index, match.Length, IdentifyingElementKind.VehiclePlate, match.Value));
        }
    }

    private static bool FollowsVehicleWord(string text, int index)
    {
        var from = Math.Max(0, index - 40);
        var before = text[from..index];
        var sentence = before.LastIndexOfAny(['.', '!', '?', '\n', ';']);
        return VehicleWordPattern().IsMatch(sentence >= 0 ? before[(sentence + 1)..] : before);
    }

    private static bool FollowsDocumentWord(string text, int index)
    {
        var from = Math.Max(0, index - 30);
        return DocumentNumberCuePattern().IsMatch(text.AsSpan(from, index - from));
    }

    /// <summary>
    /// A date (or year) right after a birth cue; and, after "data de nascimento", every date within
    /// <see cref="BirthDateWindow"/> characters in the same sentence.
    /// </summary>
    private static void AddBirthDates(List<IdentifyingElement> found, string text)
    {
        AddGroup(found, text, BirthDatePattern(), "date", IdentifyingElementKind.BirthDate);
        for (var cue = BirthContextPattern().Match(text); cue.Success; cue = cue.NextMatch())
        {
            var from = cue.Index + cue.Length;
            var to = Math.Min(text.Length, from + BirthDateWindow);
            var stop = SentenceEnd(text, from, to);
            for (var date = DatePattern().Match(text, from, stop - from); date.Success; date = date.NextMatch())
            {
                found.Add(new IdentifyingElement(date.Index, date.Length, IdentifyingElementKind.BirthDate, date.Value));
            }
        }
    }

    /// <summary>The first sentence end in [from, to): '!', '?', ';', a line break, or a period followed by a space.</summary>
    private static int SentenceEnd(string text, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (text[i] is '!' or '?' or ';' or '\n' || (text[i] == '.' && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1]))))
            {
                return i;
            }
        }

        return to;
    }

    private static string Compact(string value) => new(value.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
}
