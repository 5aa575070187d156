using Ouvidoria.Domain.Manifestations;

namespace Ouvidoria.Tests.Domain;

public sealed class AnswerQualityTests
{
    [Fact]
    public void Review_PlainAnswer_HasNoHints() =>
        Assert.Empty(AnswerQuality.Review("A insulina foi reposta na farmácia da UBS do bairro em 22/11. Informe seu CPF no balcão.".Replace("UBS", "unidade")));

    [Fact]
    public void Review_AcronymNotSpelledOut_HintsOnceNamingIt()
    {
        var hints = AnswerQuality.Review("A SMSA analisou o caso. A SMSA respondeu.");

        var hint = Assert.Single(hints);
        Assert.Contains("\"SMSA\"", hint.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("O Sistema Único de Saúde (SUS) atende a todos.")]
    [InlineData("O SUS (Sistema Único de Saúde) atende a todos.")]
    [InlineData("Informe o CPF e o CEP. Veja o capítulo IV.")]
    public void Review_AcronymSpelledOutOrWellKnown_HasNoHint(string text) => Assert.Empty(AnswerQuality.Review(text));

    [Fact]
    public void Review_SentenceOver35Words_HintsWithItsWordCount()
    {
        var longSentence = string.Join(' ', Enumerable.Repeat("palavra", 36)) + ".";

        var hint = Assert.Single(AnswerQuality.Review("Frase curta. " + longSentence));

        Assert.Contains("36 palavras", hint.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Review_ForeignWordFromTheList_HintsIgnoringCaseButNotInsideOtherWords()
    {
        Assert.Single(AnswerQuality.Review("Agradecemos o Feedback enviado."));
        Assert.Empty(AnswerQuality.Review("O linkamento das bases foi feito.", ["link"]));
        Assert.Single(AnswerQuality.Review("Acesse o portal online.", ["online"]));
    }
}
