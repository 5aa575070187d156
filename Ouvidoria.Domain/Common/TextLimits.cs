namespace Ouvidoria.Domain.Common;

/// <summary>Maximum lengths of free text (the database columns use the same numbers).</summary>
public static class TextLimits
{
    public const int Name = 200;
    public const int Email = 200;
    public const int Phone = 40;
    public const int Cpf = 14;
    public const int Address = 300;
    public const int Subject = 200;
    public const int Instructions = 4000;
    public const int Justification = 2000;
    public const int Message = 20_000;

    /// <summary>Throws a pt-BR <see cref="DomainException"/> when <paramref name="value"/> is longer than <paramref name="max"/>.</summary>
    public static void Check(string? value, int max, string label)
    {
        if (value is not null && value.Trim().Length > max)
        {
            throw new DomainException($"{label} deve ter no máximo {max} caracteres.");
        }
    }
}
