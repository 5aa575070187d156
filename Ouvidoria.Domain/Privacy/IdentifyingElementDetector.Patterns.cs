using System.Text.RegularExpressions;

namespace Ouvidoria.Domain.Privacy;

/// <summary>The source-generated patterns (no backtracking traps: bounded repetitions, anchored on rare characters).</summary>
public static partial class IdentifyingElementDetector
{
    /// <summary>A number starts here: no letter or digit right before, nor a digit and a separator ("2024-", "1.").</summary>
    private const string NumberStart = @"(?<![\p{L}\p{N}])(?<!\p{N}[.,/-])";

    /// <summary>A number ends here: no letter or digit right after, nor a separator and a digit.</summary>
    private const string NumberEnd = @"(?![\p{L}\p{N}])(?![.,/-]\p{N})";

    private const string States = "AC|AL|AP|AM|BA|CE|DF|ES|GO|MA|MT|MS|MG|PA|PB|PR|PE|PI|RJ|RN|RS|RO|RR|SC|SP|SE|TO";

    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    [GeneratedRegex(@"(?<![\w.+%-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9][A-Za-z0-9-]{0,62}(?:\.[A-Za-z0-9][A-Za-z0-9-]{0,62})+", Options)]
    private static partial Regex EmailPattern();

    /// <summary>000.000.000-00, 000 000 000 00, 000000000-00 or 11 bare digits (same separator between the groups).</summary>
    [GeneratedRegex(NumberStart + @"\d{3}(?<s>[. ]?)\d{3}\k<s>\d{3}[- ]?\d{2}" + NumberEnd, RegexOptions.CultureInvariant)]
    private static partial Regex CpfPattern();

    /// <summary>00.000.000/0000-00 (also alphanumeric since 2026) or 14 bare digits.</summary>
    [GeneratedRegex(NumberStart + @"(?:[0-9A-Z]{2}\.[0-9A-Z]{3}\.[0-9A-Z]{3}/[0-9A-Z]{4}-\d{2}|\d{2}\.?\d{3}\.?\d{3}/?\d{4}-?\d{2})" + NumberEnd, Options)]
    private static partial Regex CnpjPattern();

    /// <summary>After "RG", "R.G.", "identidade" (carteira/cédula/documento de): the number, with a state prefix if any.</summary>
    [GeneratedRegex(@"(?<![\p{L}])(?i:RG|R\.G\.|identidade)(?![\p{L}])[ \t]*(?:(?i:n[º°o]\.?|n\.º|número|é)[ \t]*|:[ \t]*){0,2}(?<rg>(?:(?:" + States + @"|M)[- ]?)?\d{1,2}[. ]?\d{3}[. ]?\d{3}(?:-?[\dXx])?|\d{5,10}(?:-[\dXx])?)" + NumberEnd, Options)]
    private static partial Regex RgAfterKeywordPattern();

    /// <summary>MG-12.345.678 (state, dash, dotted number): an RG even without the word.</summary>
    [GeneratedRegex(@"(?<![\p{L}\p{N}-])(?:" + States + @")-\d{1,2}\.\d{3}\.\d{3}(?:-[\dX])?" + NumberEnd, Options)]
    private static partial Regex RgWithStatePattern();

    /// <summary>[+55] [(0)DD] 9 0000-0000 or 2000-0000 … 5999-9999; the code decides on the area code and separators.</summary>
    [GeneratedRegex(NumberStart + @"(?<ddi>\+55[ ]?)?(?:\((?<ddd>0?\d{2})\)[ ]?|(?<ddd>0?\d{2})[ .-]?)?(?<num>9[ .]?\d{4}[ .-]?\d{4}|[2-5]\d{3}[ .-]?\d{4})" + NumberEnd, Options)]
    private static partial Regex PhonePattern();

    [GeneratedRegex(NumberStart + @"(?:\d{5}-\d{3}|\d{2}\.\d{3}-\d{3})" + NumberEnd, Options)]
    private static partial Regex CepPattern();

    [GeneratedRegex(@"(?<![\p{L}])CEP[ \t]*(?:(?:n[º°o]\.?|:)[ \t]*)?(?<cep>\d{2}\.?\d{3}-?\d{3})" + NumberEnd, Options | RegexOptions.IgnoreCase)]
    private static partial Regex CepAfterKeywordPattern();

    /// <summary>ABC-1234, ABC1234, Mercosul ABC1D23 / ABC-1D23: upper case, no space.</summary>
    [GeneratedRegex(@"(?<![\p{L}\p{N}-])[A-Z]{3}-?\d[A-Z0-9]\d{2}(?![\p{L}\p{N}])(?![.,/-]\p{N})", Options)]
    private static partial Regex PlatePattern();

    /// <summary>The same shapes in any case or with a space ("pwx 4j33", "HKL 2290"): a plate only after a vehicle word.</summary>
    [GeneratedRegex(@"(?<![\p{L}\p{N}-])[A-Za-z]{3}[ -]?\d[A-Za-z0-9]\d{2}(?![\p{L}\p{N}])(?![.,/-]\p{N})", Options)]
    private static partial Regex LoosePlatePattern();

    [GeneratedRegex(@"(?<![\p{L}])(?:placa|ve[íi]culo|carro|moto|motocicleta|caminh[ãa]o|caminhonete|[ôo]nibus|van|kombi|t[áa]xi|autom[óo]vel|viatura|utilit[áa]rio|perua)(?![\p{L}])", Options | RegexOptions.IgnoreCase)]
    private static partial Regex VehicleWordPattern();

    /// <summary>
    /// Street type + name + house number (or km, or s/n) + complements. The name starts with a capital
    /// (or a connector, or a road code like MG-010): "a rua estava escura" is not an address.
    /// </summary>
    [GeneratedRegex(
        @"(?<![\p{L}])(?:(?i:rua|avenida|travessa|alameda|pra[çc]a|rodovia|estrada|largo|beco|viela)[ ]+|(?:R|Av|Tv|Trav|Al|P[çc]a|Rod|Estr)\.[ ]*|Av[ ]+)" +
        @"(?:(?:d[aeo]s?|D[aeo]s?)[ ]+)?" + AddressWord + @"(?:[ ]+(?:(?:d[aeo]s?|e)[ ]+)?" + AddressWord + @"){0,7}" +
        @"(?:[ ]*,?[ ]*(?i:km)[ ]*\d{1,4}(?:[.,]\d{1,3})?(?:[ ]*,?[ ]*(?i:s/n))?|[ ]*,?[ ]*(?:(?i:n[º°o]\.?|n\.º|número|num\.)[ ]*)?(?:\d{1,5}(?:\.\d{3})?|(?i:s/n)))" +
        @"(?![\p{L}\p{N}])(?![.,/:-]\p{N})(?!%)(?![ ]+(?i:dias?|horas?|minutos?|meses|anos?|vezes|semanas?|metros|reais|pessoas)(?![\p{L}]))" +
        @"(?:[ ]*[,–-]?[ ]*(?:(?i:apto?\.?|ap\.|apartamento|casa|bloco|bl\.|sala|loja|conjunto|conj\.|lote|quadra|qd\.)[ ]*[A-Z0-9]{1,5}(?![\p{L}\p{N}])|(?i:fundos)(?![\p{L}])|\d{1,2}º[ ]*(?i:andar)))*",
        Options)]
    private static partial Regex AddressPattern();

    /// <summary>A word of a street name: capitalized (2+ letters, "Pe." and "Sant-Anna" allowed), a road code (MG-010), a date (15 de Novembro), an ordinal (1º), or lower case.</summary>
    private const string AddressWord = @"(?:\p{Lu}[\p{L}'’]+(?:-\p{L}+)*\.?|[A-Z]{2}-\d{2,3}|\d{1,2}º?[ ]+de[ ]+\p{Lu}\p{L}+|\d{1,2}º|" + LowerAddressWord + ")";

    /// <summary>
    /// A lower-case word of a street name ("rua jose de alencar 120", as people type on a phone): 3+
    /// letters and not one of the words that usually follow "rua" in a sentence ("a rua inteira", "rua por").
    /// </summary>
    private const string LowerAddressWord =
        @"(?!(?:das|dos|des|del|por|que|com|sem|para|pra|pro|onde|desde|até|ate|foi|era|está|esta|estava|fica|ficou|tem|tinha|mais|muito|muita|toda|todo|todas|todos|" +
        @"inteira|inteiro|principal|perto|esquina|aqui|ali|lá|não|nao|dia|dias|cheia|vazia|escura|sempre|também|tambem|onde|mesma|mesmo|nossa|minha|sua|dele|dela)(?![\p{L}]))" +
        @"\p{Ll}[\p{L}'’]{2,}(?:-\p{L}+)*";

    /// <summary>
    /// Brasília-style and block addresses: a sector code or "Quadra" with its number, then at least one
    /// complement (bloco, apto, casa, lote, conjunto): "SQS 308, Bloco C, apto 201", "Quadra 12, Lote 5".
    /// </summary>
    [GeneratedRegex(
        @"(?<![\p{L}])(?:(?:SQS|SQN|SQSW|SQNW|SHIS|SHIN|SHCGN|SCLN|SCLS|CLN|CLS|QN[A-Z]|QS[A-Z]?|QE|QI|QL|QR|CSB)[ ]*\d{1,3}[A-Z]?|(?i:quadra|qd\.?)[ ]*\d{1,3}[A-Z]?)" +
        @"(?:[ ]*[,–-]?[ ]*(?i:bloco|bl\.|apto?\.?|ap\.|apartamento|casa|conjunto|conj\.|lote|lt\.)[ ]*[A-Z0-9]{1,5}(?![\p{L}\p{N}]))+",
        Options)]
    private static partial Regex BlockAddressPattern();

    /// <summary>An e-mail spelled out ("maria silva arroba gmail ponto com"), as dictated or typed to avoid spam filters.</summary>
    [GeneratedRegex(@"(?<![\p{L}\p{N}])[\p{L}\p{N}._-]+(?:[ ][\p{L}\p{N}._-]+)?[ ]+(?i:arroba)[ ]+[\p{L}\p{N}-]+(?:[ ]+(?i:ponto)[ ]+\p{L}{2,10}){1,3}(?![\p{L}])", Options)]
    private static partial Regex SpelledEmailPattern();

    private const string DateCore =
        @"(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|(?:\d{1,2}|1º|1°)[ ]+de[ ]+(?i:janeiro|fevereiro|março|marco|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro)(?:[ ]+de[ ]+\d{4})?)(?![\p{N}])(?![/.-]\p{N})";

    /// <summary>
    /// A birth cue followed at once by the date (or just the year): "nascida em 04/09/2017", "nasci em 1957",
    /// "DN: 12/11/1961", "data nasc: 02/10/80", "nascimento 15/08/1966". "Nascido em Contagem" names a place: no date.
    /// </summary>
    [GeneratedRegex(
        @"(?<![\p{L}])(?i:nascid[oa]s?[ ]+(?:em|no[ ]+dia)|nasci[ ]+(?:em|no[ ]+dia)|nasceu[ ]+(?:em|no[ ]+dia)|data[ ]+(?:de[ ]+)?nasc(?:imento)?\.?|dt\.?[ ]*(?:de[ ]+)?nasc(?:imento)?\.?|nasc\.?|nascimento|d\.n\.|dn)(?![\p{L}])" +
        @"[ ]*[:–-]?[ ]*(?<date>(?<![\p{N}/.-])" + DateCore + @"|(?:19|20)\d{2}(?![\p{N}/.,-]\p{N}|[\p{L}\p{N}]))",
        Options)]
    private static partial Regex BirthDatePattern();

    /// <summary>Noun-phrase cues after which the date may come later in the sentence ("data de nascimento está errada: consta 14/02/1980").</summary>
    [GeneratedRegex(@"(?<![\p{L}])(?:data[ ]+de[ ]+nascimento|dt\.?[ ]*nasc\.?)(?![\p{L}])", Options | RegexOptions.IgnoreCase)]
    private static partial Regex BirthContextPattern();

    [GeneratedRegex(@"(?<![\p{N}/.-])" + DateCore, Options)]
    private static partial Regex DatePattern();

    /// <summary>A number right after one of these words is a document/protocol number, not a phone or a plate.</summary>
    [GeneratedRegex(@"(?<![\p{L}])(?:protocolo|processo|matr[íi]cula|nota[ ]+fiscal|boleto|c[óo]digo|chamado|senha|ocorr[êe]ncia|contrato|of[íi]cio|inscri[çc][ãa]o|NIS|CNS|t[íi]tulo|pedido|ordem[ ]+de[ ]+servi[çc]o|(?-i:OS))[^\p{L}\p{N}]{0,4}(?:n[º°o]\.?)?[^\p{L}\p{N}]{0,3}$", Options | RegexOptions.IgnoreCase)]
    private static partial Regex DocumentNumberCuePattern();
}
