using System.Diagnostics.CodeAnalysis;
using Ouvidoria.Domain.Common;

namespace Ouvidoria.Domain.Manifestations;

/// <summary>
/// Número Único de Protocolo (Portaria Interministerial MJSP/ME 11/2019): <c>NNNNN.SSSSSS/AAAA-DD</c>,
/// 5-digit registering unit code, 6-digit yearly sequence, 4-digit year and two modulo-11 check
/// digits. Stored as its 17 digits.
/// </summary>
public sealed record Nup
{
    private Nup(string digits)
    {
        Digits = digits;
    }

    /// <summary>The 17 digits, no separators.</summary>
    public string Digits { get; }

    public int UnitCode => int.Parse(Digits.AsSpan(0, 5));

    public int Sequence => int.Parse(Digits.AsSpan(5, 6));

    public int Year => int.Parse(Digits.AsSpan(11, 4));

    public static Nup Create(int unitCode, int sequence, int year)
    {
        if (unitCode is < 0 or > 99_999)
        {
            throw new DomainException("O código da unidade do NUP deve ter até 5 dígitos.");
        }

        if (sequence is < 1 or > 999_999)
        {
            throw new DomainException("A sequência anual do NUP se esgotou ou é inválida (1 a 999999).");
        }

        if (year is < 1000 or > 9999)
        {
            throw new DomainException("O ano do NUP deve ter 4 dígitos.");
        }

        var baseDigits = $"{unitCode:D5}{sequence:D6}{year:D4}";
        var dv1 = CheckDigit(baseDigits);
        var dv2 = CheckDigit(baseDigits + dv1);
        return new Nup(baseDigits + dv1 + dv2);
    }

    /// <summary>Parses a NUP written with or without separators (dots, slash, dash, spaces).</summary>
    public static Nup Parse(string text) =>
        TryParse(text, out var nup, out var error) ? nup : throw new DomainException(error);

    public static bool TryParse(string? text, [NotNullWhen(true)] out Nup? nup) => TryParse(text, out nup, out _);

    public static bool TryParse(string? text, [NotNullWhen(true)] out Nup? nup, out string error)
    {
        nup = null;
        var digits = DigitsOf(text);
        if (digits.Length != 17 || ContainsOtherThanSeparators(text!))
        {
            error = "NUP inválido: use o formato 00000.000000/0000-00 (17 dígitos).";
            return false;
        }

        var baseDigits = digits[..15];
        var dv1 = CheckDigit(baseDigits);
        var dv2 = CheckDigit(baseDigits + dv1);
        if (digits[15] - '0' != dv1 || digits[16] - '0' != dv2)
        {
            error = "NUP inválido: os dígitos verificadores não conferem.";
            return false;
        }

        nup = new Nup(digits);
        error = string.Empty;
        return true;
    }

    /// <summary>Keeps only the digits of a text (for searching by a partial NUP).</summary>
    public static string DigitsOf(string? text) =>
        text is null ? string.Empty : new string(text.Where(char.IsAsciiDigit).ToArray());

    /// <summary>Modulo 11 over the digits, weights 2, 3, ... from the rightmost; 10 → 0, 11 → 1.</summary>
    private static int CheckDigit(string digits)
    {
        var sum = 0;
        var weight = 2;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            sum += (digits[i] - '0') * weight++;
        }

        return (11 - (sum % 11)) % 10;
    }

    private static bool ContainsOtherThanSeparators(string text) =>
        text.Any(c => !char.IsAsciiDigit(c) && c is not ('.' or '/' or '-' or ' '));

    public override string ToString() =>
        $"{Digits[..5]}.{Digits[5..11]}/{Digits[11..15]}-{Digits[15..]}";
}
