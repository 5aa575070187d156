using System.Text;
using Ouvidoria.Domain.Common;

namespace Ouvidoria.Domain.Templates;

/// <summary>
/// The markers a template may contain, written in braces (<c>{NUP}</c>), filled when the text is
/// used. Each template accepts only its own set; anything else in braces is refused on save.
/// </summary>
public static class TemplatePlaceholders
{
    /// <summary>The manifestation's NUP.</summary>
    public const string Nup = "NUP";

    /// <summary>The manifestation type in lower case ("reclamação").</summary>
    public const string TypeName = "TIPO";

    /// <summary>The subject (assunto) set by the ombudsman at triage.</summary>
    public const string Subject = "ASSUNTO";

    /// <summary>The unit that answers (the collaborator's unit, or the responsible units for the ombudsman).</summary>
    public const string Unit = "UNIDADE";

    /// <summary>Registration date, dd/MM/aaaa (Brasília).</summary>
    public const string RegisteredOn = "DATA_REGISTRO";

    /// <summary>The area a unit without competence points to.</summary>
    public const string Area = "AREA";

    /// <summary>E-mails: the unit's role (responsável / observadora).</summary>
    public const string Role = "PAPEL";

    /// <summary>E-mails: a deadline, dd/MM/aaaa.</summary>
    public const string Deadline = "PRAZO";

    /// <summary>E-mails: days left before a deadline.</summary>
    public const string DaysLeft = "DIAS";

    /// <summary>E-mails: the ombudsman's instructions to the unit.</summary>
    public const string Instructions = "INSTRUCOES";

    /// <summary>E-mails: deferida / indeferida.</summary>
    public const string Decision = "DECISAO";

    /// <summary>E-mails: the link to the manifestation in the portal.</summary>
    public const string Link = "LINK";

    /// <summary>What each marker means, for the administration page.</summary>
    public static string Describe(string placeholder) => placeholder switch
    {
        Nup => "número do protocolo (NUP)",
        TypeName => "tipo da manifestação, em minúsculas",
        Subject => "assunto definido na triagem",
        Unit => "unidade que responde",
        RegisteredOn => "data de registro (dd/mm/aaaa)",
        Area => "área responsável indicada",
        Role => "papel da unidade (responsável/observadora)",
        Deadline => "prazo (dd/mm/aaaa)",
        DaysLeft => "dias restantes até o prazo",
        Instructions => "instruções da Ouvidoria à unidade",
        Decision => "decisão (deferida/indeferida)",
        Link => "endereço da manifestação no sistema",
        _ => placeholder,
    };

    /// <summary>Example values for the live preview.</summary>
    public static IReadOnlyDictionary<string, string> Samples { get; } = new Dictionary<string, string>
    {
        [Nup] = "23037.001462/2021-65",
        [TypeName] = "reclamação",
        [Subject] = "Atendimento em posto de saúde",
        [Unit] = "Secretaria de Saúde",
        [RegisteredOn] = "10/03/2026",
        [Area] = "Secretaria de Obras",
        [Role] = "responsável",
        [Deadline] = "30/03/2026",
        [DaysLeft] = "5",
        [Instructions] = "Verificar o estoque e informar a previsão de reposição.",
        [Decision] = "deferida",
        [Link] = "https://ouvidoria.exemplo.gov.br/manifestacoes/…",
    };

    public static string Token(string placeholder) => "{" + placeholder + "}";

    /// <summary>
    /// Checks that every brace pair in <paramref name="text"/> is one of <paramref name="allowed"/>
    /// and that every marker in <paramref name="required"/> is present; throws a pt-BR
    /// <see cref="DomainException"/> otherwise.
    /// </summary>
    public static void Validate(string text, IReadOnlyList<string> allowed, IReadOnlyList<string> required)
    {
        var found = Parse(text);
        foreach (var name in found)
        {
            if (allowed.Contains(name, StringComparer.Ordinal))
            {
                continue;
            }

            throw new DomainException(allowed.Count == 0
                ? $"Este texto não aceita marcadores: remova {Token(name)}."
                : $"O marcador {Token(name)} não existe neste texto. Marcadores disponíveis: {string.Join(", ", allowed.Select(Token))}.");
        }

        foreach (var name in required)
        {
            if (!found.Contains(name, StringComparer.Ordinal))
            {
                throw new DomainException($"O marcador {Token(name)} é obrigatório neste texto.");
            }
        }
    }

    /// <summary>Replaces each known marker by its value; markers without a value are left as they are.</summary>
    public static string Fill(string text, IReadOnlyDictionary<string, string> values)
    {
        var result = new StringBuilder(text.Length + 64);
        var i = 0;
        while (i < text.Length)
        {
            var close = text[i] == '{' ? text.IndexOf('}', i + 1) : -1;
            if (close > i && values.TryGetValue(text[(i + 1)..close], out var value))
            {
                result.Append(value);
                i = close + 1;
                continue;
            }

            result.Append(text[i]);
            i++;
        }

        return result.ToString();
    }

    /// <summary>The marker names in <paramref name="text"/>, in order; a brace without its pair is refused.</summary>
    private static List<string> Parse(string text)
    {
        var names = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            switch (text[i])
            {
                case '}':
                    throw UnpairedBrace();
                case '{':
                    var close = text.IndexOf('}', i + 1);
                    var nextOpen = text.IndexOf('{', i + 1);
                    if (close < 0 || (nextOpen >= 0 && nextOpen < close))
                    {
                        throw UnpairedBrace();
                    }

                    names.Add(text[(i + 1)..close]);
                    i = close + 1;
                    continue;
            }

            i++;
        }

        return names;
    }

    private static DomainException UnpairedBrace() =>
        new("Há uma chave “{” ou “}” sem par no texto. Os marcadores são escritos entre chaves, como {NUP}.");
}
