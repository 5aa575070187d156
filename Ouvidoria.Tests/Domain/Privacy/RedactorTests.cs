using Ouvidoria.Domain.Privacy;

namespace Ouvidoria.Tests.Domain.Privacy;

public sealed class RedactorTests
{
    private const string Text = "Sou Maria Souza, CPF 529.982.247-25, telefone (31) 98765-4321.";

    [Fact]
    public void Apply_AllSuggestionsAccepted_ReplacesEachByItsTarja()
    {
        var elements = IdentifyingElementDetector.Detect(Text, ["Maria Souza"]);

        var redacted = Redactor.Apply(Text, elements);

        Assert.Equal("Sou [NOME], CPF [CPF], telefone [TELEFONE].", redacted);
    }

    [Fact]
    public void Apply_OneSuggestionUnchecked_KeepsThatOneAsWritten()
    {
        var elements = IdentifyingElementDetector.Detect(Text, ["Maria Souza"]);

        var redacted = Redactor.Apply(Text, elements.Where(e => e.Kind != IdentifyingElementKind.Phone));

        Assert.Equal("Sou [NOME], CPF [CPF], telefone (31) 98765-4321.", redacted);
    }

    [Fact]
    public void Apply_NothingAccepted_ReturnsTheTextUnchanged()
    {
        Assert.Equal(Text, Redactor.Apply(Text, []));
    }

    [Fact]
    public void Segments_Tarjas_AreMarkedForThePreview()
    {
        var segments = Redactor.Segments(Text, IdentifyingElementDetector.Detect(Text, ["Maria Souza"]));

        Assert.Equal(
            ["Sou ", "[NOME]", ", CPF ", "[CPF]", ", telefone ", "[TELEFONE]", "."],
            segments.Select(s => s.Text));
        Assert.Equal([false, true, false, true, false, true, false], segments.Select(s => s.IsTarja));
        Assert.Equal(IdentifyingElementKind.Cpf, segments[3].Kind);
    }

    [Fact]
    public void Apply_EveryKind_HasItsPtBrTarja()
    {
        var tarjas = Enum.GetValues<IdentifyingElementKind>().Select(k => k.Tarja()).ToList();

        Assert.Equal(
            ["[NOME]", "[CPF]", "[CNPJ]", "[RG]", "[TELEFONE]", "[E-MAIL]", "[CEP]", "[ENDEREÇO]", "[PLACA]", "[DATA DE NASCIMENTO]"],
            tarjas);
    }

    [Fact]
    public void Apply_OverlappingElementsOfTheSameKind_WriteOneTarja()
    {
        const string text = "Maria da Silva Souza";
        IdentifyingElement[] elements =
        [
            new(0, 14, IdentifyingElementKind.Name, "Maria da Silva"),
            new(9, 11, IdentifyingElementKind.Name, "Silva Souza"),
        ];

        Assert.Equal("[NOME]", Redactor.Apply(text, elements));
    }

    [Fact]
    public void Apply_ElementThatNoLongerMatchesTheText_Throws()
    {
        var stale = new IdentifyingElement(4, 5, IdentifyingElementKind.Name, "Maria");

        Assert.Throws<ArgumentException>(() => Redactor.Apply("Sou Joana Souza.", [stale]));
        Assert.Throws<ArgumentException>(() => Redactor.Apply("Sou", [stale]));
    }
}
