using System.Diagnostics.CodeAnalysis;
using Ouvidoria.Domain.Common;

namespace Ouvidoria.Domain.Privacy;

/// <summary>
/// Cadastro Nacional da Pessoa Jurídica: 12 base characters and two modulo-11 check digits
/// (weights 5,4,3,2,9,8,7,6,5,4,3,2, then 6,5,4,3,2,9,8,7,6,5,4,3,2; remainder below 2 gives 0).
/// Since July 2026 the 12 base characters may also be upper-case letters (IN RFB 2.229/2024): each
/// character is worth its ASCII code minus 48 (0–9 keep their value, A = 17 … Z = 42), so numeric
/// CNPJs compute exactly as before. Stored as its 14 characters; formatted 00.000.000/0000-00.
/// </summary>
public sealed record Cnpj
{
    private static readonly int[] FirstWeights = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
    private static readonly int[] SecondWeights = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];

    private Cnpj(string value)
    {
        Value = value;
    }

    /// <summary>The 14 characters (digits, and upper-case letters in the base of alphanumeric CNPJs), no separators.</summary>
    public string Value { get; }

    /// <summary>Parses a CNPJ written with or without separators (dots, slash, dash, spaces).</summary>
    public static Cnpj Parse(string text) =>
        TryParse(text, out var cnpj, out var error) ? cnpj : throw new DomainException(error);

    public static bool TryParse(string? text, [NotNullWhen(true)] out Cnpj? cnpj) => TryParse(text, out cnpj, out _);

    public static bool TryParse(string? text, [NotNullWhen(true)] out Cnpj? cnpj, out string error)
    {
        cnpj = null;
        const string format = "CNPJ inválido: use o formato 00.000.000/0000-00 (14 caracteres).";
        if (text is null || text.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not ('.' or '/' or '-' or ' ')))
        {
            error = format;
            return false;
        }

        var value = new string(text.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        if (value.Length != 14)
        {
            error = format;
            return false;
        }

        if (!HasValidCheckDigits(value))
        {
            error = "CNPJ inválido: os dígitos verificadores não conferem.";
            return false;
        }

        cnpj = new Cnpj(value);
        error = string.Empty;
        return true;
    }

    public static bool IsValid(string? text) => TryParse(text, out _);

    /// <summary>
    /// True for 12 base characters (digits or upper-case letters), not all equal, followed by the two
    /// check digits they produce.
    /// </summary>
    internal static bool HasValidCheckDigits(ReadOnlySpan<char> value)
    {
        if (value.Length != 14 || !char.IsAsciiDigit(value[12]) || !char.IsAsciiDigit(value[13]) || !value.ContainsAnyExcept(value[0]))
        {
            return false;
        }

        foreach (var c in value[..12])
        {
            if (!char.IsAsciiDigit(c) && !char.IsAsciiLetterUpper(c))
            {
                return false;
            }
        }

        return CheckDigit(value[..12], FirstWeights) == value[12] - '0' && CheckDigit(value[..13], SecondWeights) == value[13] - '0';
    }

    private static int CheckDigit(ReadOnlySpan<char> characters, int[] weights)
    {
        var sum = 0;
        for (var i = 0; i < characters.Length; i++)
        {
            sum += (characters[i] - '0') * weights[i];
        }

        var remainder = sum % 11;
        return remainder < 2 ? 0 : 11 - remainder;
    }

    /// <summary>00.000.000/0000-00.</summary>
    public override string ToString() => $"{Value[..2]}.{Value[2..5]}.{Value[5..8]}/{Value[8..12]}-{Value[12..]}";
}
