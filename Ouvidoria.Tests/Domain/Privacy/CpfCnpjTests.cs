using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Privacy;
using Ouvidoria.Tests.Support;

namespace Ouvidoria.Tests.Domain.Privacy;

public sealed class CpfCnpjTests
{
    [Theory]
    [InlineData("529.982.247-25", "52998224725")]
    [InlineData("52998224725", "52998224725")]
    [InlineData("529 982 247 25", "52998224725")]
    [InlineData("083.016.613-05", "08301661305")]
    [InlineData("123.456.789-09", "12345678909")]
    public void CpfParse_ValidCheckDigits_NormalizesAndFormats(string text, string digits)
    {
        var cpf = Cpf.Parse(text);

        Assert.Equal(digits, cpf.Digits);
        Assert.Equal($"{digits[..3]}.{digits[3..6]}.{digits[6..9]}-{digits[9..]}", cpf.ToString());
        Assert.Equal(cpf, Cpf.Parse(cpf.ToString()));
    }

    [Theory]
    [InlineData("529.982.247-24")] // last check digit wrong
    [InlineData("529.982.247-15")] // first check digit wrong
    [InlineData("111.111.111-11")] // all digits equal: passes the arithmetic, invalid by rule
    [InlineData("000.000.000-00")]
    [InlineData("5299822472")] // 10 digits
    [InlineData("529.982.247-255")] // 12 digits
    [InlineData("529.982.247/25")] // a separator a CPF never has
    [InlineData("")]
    public void CpfTryParse_InvalidText_IsRefused(string text)
    {
        Assert.False(Cpf.TryParse(text, out var cpf, out var error));
        Assert.Null(cpf);
        DomainAssert.PtBrMessage(error);
        Assert.False(Cpf.IsValid(text));
    }

    [Fact]
    public void CpfParse_WrongCheckDigits_ThrowsPtBrDomainException()
    {
        var exception = DomainAssert.Throws(() => Cpf.Parse("529.982.247-26"));

        Assert.Contains("dígitos verificadores", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("57.551.313/0001-55", "57551313000155")]
    [InlineData("73537990000175", "73537990000175")]
    [InlineData("11.222.333/0001-81", "11222333000181")]
    [InlineData("12.ABC.345/01DE-35", "12ABC34501DE35")] // alphanumeric CNPJ (Receita Federal's example, July 2026 on)
    [InlineData("12.abc.345/01de-35", "12ABC34501DE35")]
    public void CnpjParse_ValidCheckDigits_NormalizesAndFormats(string text, string value)
    {
        var cnpj = Cnpj.Parse(text);

        Assert.Equal(value, cnpj.Value);
        Assert.Equal($"{value[..2]}.{value[2..5]}.{value[5..8]}/{value[8..12]}-{value[12..]}", cnpj.ToString());
    }

    [Theory]
    [InlineData("57.551.313/0001-56")]
    [InlineData("02.426.462/0001-02")]
    [InlineData("12.ABC.345/01DE-36")]
    [InlineData("12.ABC.345/01DE-3X")] // check digits are always digits
    [InlineData("11.111.111/1111-11")]
    [InlineData("5755131300015")] // 13 characters
    [InlineData("57_551_313_0001_55")]
    public void CnpjTryParse_InvalidText_IsRefused(string text)
    {
        Assert.False(Cnpj.TryParse(text, out var cnpj, out var error));
        Assert.Null(cnpj);
        DomainAssert.PtBrMessage(error);
    }

    [Fact]
    public void CnpjParse_WrongCheckDigits_ThrowsDomainException()
    {
        Assert.Throws<DomainException>(() => Cnpj.Parse("57.551.313/0001-54"));
    }
}
