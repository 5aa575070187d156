using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Tests.Support;

namespace Ouvidoria.Tests.Domain;

public sealed class NupTests
{
    private const string FormatError = "NUP inválido: use o formato 00000.000000/0000-00 (17 dígitos).";

    private const string CheckDigitError = "NUP inválido: os dígitos verificadores não conferem.";

    /// <summary>Real NUPs (DOMAIN.md): formatted, unit code, sequence, year.</summary>
    public static TheoryData<string, int, int, int> RealNups => new()
    {
        { "23037.001462/2021-65", 23037, 1462, 2021 },
        { "67284.003338/2023-50", 67284, 3338, 2023 },
        { "01400.020161/2024-55", 1400, 20161, 2024 },
        { "00190.101896/2025-10", 190, 101896, 2025 },
        { "16853.001839/2014-78", 16853, 1839, 2014 },
        { "60041.001093/2020-97", 60041, 1093, 2020 },
        { "62000.001753/2025-56", 62000, 1753, 2025 },
    };

    public static TheoryData<string> RealNupTexts() => new(RealNups.Select(row => (string)row[0]));

    public static TheoryData<string, int, string> SingleDigitCorruptions()
    {
        var data = new TheoryData<string, int, string>();
        foreach (var row in RealNups)
        {
            var formatted = (string)row[0];
            var digits = Nup.DigitsOf(formatted);
            for (var position = 0; position < digits.Length; position++)
            {
                for (var digit = '0'; digit <= '9'; digit++)
                {
                    if (digit != digits[position])
                    {
                        data.Add(formatted, position, string.Concat(digits.AsSpan(0, position), digit.ToString(), digits.AsSpan(position + 1)));
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RealNups))]
    public void Parse_RealFormattedNup_IsValid(string formatted, int unitCode, int sequence, int year)
    {
        Assert.True(Nup.TryParse(formatted, out var nup, out var error));
        Assert.Equal(string.Empty, error);
        Assert.Equal(Nup.DigitsOf(formatted), nup.Digits);
        Assert.Equal(unitCode, nup.UnitCode);
        Assert.Equal(sequence, nup.Sequence);
        Assert.Equal(year, nup.Year);
        Assert.Equal(nup, Nup.Parse(formatted));
    }

    [Theory]
    [MemberData(nameof(RealNups))]
    public void Parse_RealNupAsSeventeenBareDigits_IsValidAndEqualToFormatted(string formatted, int unitCode, int sequence, int year)
    {
        var bare = Nup.DigitsOf(formatted);
        Assert.Equal(17, bare.Length);

        var nup = Nup.Parse(bare);

        Assert.Equal(Nup.Parse(formatted), nup);
        Assert.Equal(bare, nup.Digits);
        Assert.Equal((unitCode, sequence, year), (nup.UnitCode, nup.Sequence, nup.Year));
    }

    [Theory]
    [MemberData(nameof(RealNups))]
    public void Create_BaseOfRealNup_ReproducesItsCheckDigits(string formatted, int unitCode, int sequence, int year)
    {
        var nup = Nup.Create(unitCode, sequence, year);

        Assert.Equal(formatted, nup.ToString());
        Assert.Equal(Nup.DigitsOf(formatted), nup.Digits);
    }

    [Theory]
    [MemberData(nameof(RealNupTexts))]
    public void ToString_ParsedFromBareDigits_UsesOfficialLayout(string formatted)
    {
        Assert.Equal(formatted, Nup.Parse(Nup.DigitsOf(formatted)).ToString());
    }

    [Fact]
    public void ToString_SmallNumbers_PadsEveryPartWithZeros()
    {
        var nup = Nup.Create(7, 42, 2025);

        Assert.Matches(@"^00007\.000042/2025-\d\d$", nup.ToString());
        Assert.Equal(7, nup.UnitCode);
        Assert.Equal(42, nup.Sequence);
        Assert.Equal(2025, nup.Year);
    }

    [Theory]
    [MemberData(nameof(SingleDigitCorruptions))]
    public void TryParse_OneDigitOfRealNupChanged_IsRejected(string original, int position, string corrupted)
    {
        Assert.NotEqual(Nup.DigitsOf(original), corrupted);
        Assert.Equal(16, Nup.DigitsOf(original).Zip(corrupted).Count(p => p.First == p.Second));

        Assert.False(Nup.TryParse(corrupted, out var nup, out var error), $"Changing digit {position} of {original} gives {corrupted}, which was accepted.");
        Assert.Null(nup);
        Assert.Equal(CheckDigitError, error);
    }

    [Fact]
    public void Parse_WrongCheckDigits_ThrowsDomainExceptionWithPtBrMessage()
    {
        var exception = DomainAssert.Throws(() => Nup.Parse("23037.001462/2021-56"));

        Assert.Equal(CheckDigitError, exception.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("2303700146220216")]
    [InlineData("230370014622021650")]
    [InlineData("23037.001462/2021-6")]
    [InlineData("23037.001462/2021")]
    [InlineData("23037.001462/2021-6A")]
    [InlineData("23037A001462/2021-65")]
    [InlineData("NUP 23037.001462/2021-65")]
    [InlineData("23037.001462/2021-65\n")]
    [InlineData("23037_001462/2021-65")]
    [InlineData("２３０３７.001462/2021-65")]
    public void TryParse_WrongLengthOrForeignCharacters_FailsWithFormatMessage(string text)
    {
        Assert.False(Nup.TryParse(text, out var nup, out var error));
        Assert.Null(nup);
        Assert.Equal(FormatError, error);
        Assert.Equal(FormatError, DomainAssert.Throws(() => Nup.Parse(text)).Message);
    }

    [Fact]
    public void TryParse_Null_FailsWithFormatMessage()
    {
        Assert.False(Nup.TryParse(null, out var nup, out var error));
        Assert.Null(nup);
        Assert.Equal(FormatError, error);
        Assert.False(Nup.TryParse(null, out _));
    }

    [Theory]
    [InlineData("23037 001462 2021 65")]
    [InlineData("23037-001462-2021-65")]
    [InlineData(" 23037.001462/2021-65 ")]
    public void TryParse_OtherSeparators_AcceptsTheSameNup(string text)
    {
        Assert.True(Nup.TryParse(text, out var nup));
        Assert.Equal("23037.001462/2021-65", nup.ToString());
    }

    [Theory]
    [InlineData(-1, 1, 2025)]
    [InlineData(100_000, 1, 2025)]
    [InlineData(23037, 0, 2025)]
    [InlineData(23037, 1_000_000, 2025)]
    [InlineData(23037, 1, 999)]
    [InlineData(23037, 1, 10_000)]
    public void Create_PartOutOfRange_ThrowsDomainException(int unitCode, int sequence, int year)
    {
        DomainAssert.Throws(() => Nup.Create(unitCode, sequence, year));
    }

    [Theory]
    [InlineData(0, 1, 1000)]
    [InlineData(99_999, 999_999, 9999)]
    public void Create_PartsAtTheirLimits_RoundTripsThroughParse(int unitCode, int sequence, int year)
    {
        var nup = Nup.Create(unitCode, sequence, year);

        Assert.Equal(nup, Nup.Parse(nup.ToString()));
        Assert.Equal((unitCode, sequence, year), (nup.UnitCode, nup.Sequence, nup.Year));
    }

    [Fact]
    public void DigitsOf_PartialFormattedNup_KeepsOnlyDigits()
    {
        Assert.Equal("230370014", Nup.DigitsOf("23037.0014"));
        Assert.Equal(string.Empty, Nup.DigitsOf(null));
    }

    [Fact]
    public void Create_ConsecutiveSequences_GiveDistinctValidNups()
    {
        var nups = Enumerable.Range(1, 500).Select(s => Nup.Create(23037, s, 2025)).ToList();

        Assert.Equal(500, nups.Distinct().Count());
        Assert.All(nups, n => Assert.True(Nup.TryParse(n.Digits, out _)));
    }
}
