using System.Diagnostics.CodeAnalysis;
using Ouvidoria.Domain.Common;

namespace Ouvidoria.Domain.Privacy;

/// <summary>
/// Cadastro de Pessoas Físicas: 9 base digits and two modulo-11 check digits (weights 10…2, then
/// 11…2; remainder below 2 gives 0). Numbers with all digits equal (000.000.000-00 …) are invalid.
/// Stored as its 11 digits; <see cref="ToString"/> formats it as 000.000.000-00.
/// </summary>
public sealed record Cpf
{
    private Cpf(string digits)
    {
        Digits = digits;
    }

    /// <summary>The 11 digits, no separators.</summary>
    public string Digits { get; }

    /// <summary>Parses a CPF written with or without separators (dots, dash, spaces).</summary>
    public static Cpf Parse(string text) =>
        TryParse(text, out var cpf, out var error) ? cpf : throw new DomainException(error);

    public static bool TryParse(string? text, [NotNullWhen(true)] out Cpf? cpf) => TryParse(text, out cpf, out _);

    public static bool TryParse(string? text, [NotNullWhen(true)] out Cpf? cpf, out string error)
    {
        cpf = null;
        if (text is null || text.Any(c => !char.IsAsciiDigit(c) && c is not ('.' or '-' or ' ')))
        {
            error = "CPF inválido: use o formato 000.000.000-00 (11 dígitos).";
            return false;
        }

        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length != 11)
        {
            error = "CPF inválido: use o formato 000.000.000-00 (11 dígitos).";
            return false;
        }

        if (!HasValidCheckDigits(digits))
        {
            error = "CPF inválido: os dígitos verificadores não conferem.";
            return false;
        }

        cpf = new Cpf(digits);
        error = string.Empty;
        return true;
    }

    public static bool IsValid(string? text) => TryParse(text, out _);

    /// <summary>True for 11 ASCII digits, not all equal, whose two check digits match.</summary>
    internal static bool HasValidCheckDigits(ReadOnlySpan<char> digits)
    {
        if (digits.Length != 11 || !digits.ContainsAnyExcept(digits[0]))
        {
            return false;
        }

        return CheckDigit(digits[..9]) == digits[9] - '0' && CheckDigit(digits[..10]) == digits[10] - '0';
    }

    private static int CheckDigit(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            sum += (digits[i] - '0') * (digits.Length + 1 - i);
        }

        var remainder = sum % 11;
        return remainder < 2 ? 0 : 11 - remainder;
    }

    /// <summary>000.000.000-00.</summary>
    public override string ToString() => $"{Digits[..3]}.{Digits[3..6]}.{Digits[6..9]}-{Digits[9..]}";
}
