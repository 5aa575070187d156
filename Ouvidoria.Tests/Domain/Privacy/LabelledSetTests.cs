using Ouvidoria.Domain.Privacy;
using Ouvidoria.Domain.Privacy.Evaluation;

namespace Ouvidoria.Tests.Domain.Privacy;

/// <summary>
/// The labelled set is big and varied enough to measure something, and the detector meets the
/// issue's quality gate on it (overall recall ≥ 95%). The numbers themselves: docs/benchmarks.md.
/// </summary>
public sealed class LabelledSetTests
{
    private static readonly Lazy<IReadOnlyList<LabelledSentence>> Set = new(() => LabelledSet.Parse(File.ReadAllText(Locate("identifying-elements.txt"))));

    [Fact]
    public void LabelledSet_HasAtLeast200Sentences_AndAThirdWithoutAnyIdentifyingElement()
    {
        var sentences = Set.Value;

        Assert.True(sentences.Count >= 200, $"{sentences.Count} sentences");
        Assert.True(sentences.Count(s => s.Gold.Count == 0) >= 0.3 * sentences.Count, "at least 30% negative or tricky sentences");
    }

    [Fact]
    public void LabelledSet_EveryKind_HasAtLeastFiveExamples()
    {
        var counts = Set.Value.SelectMany(s => s.Gold).GroupBy(g => g.Kind).ToDictionary(g => g.Key, g => g.Count());

        Assert.All(Enum.GetValues<IdentifyingElementKind>(), kind => Assert.True(counts.GetValueOrDefault(kind) >= 5, $"{kind}: {counts.GetValueOrDefault(kind)}"));
    }

    [Fact]
    public void Detector_OnTheLabelledSet_ReachesOverallRecallOf95Percent()
    {
        var evaluation = DetectionEvaluator.Evaluate(Set.Value, s => IdentifyingElementDetector.Detect(s.Text, s.Names));

        var misses = string.Join("\n", evaluation.Errors.Where(e => e.IsMiss).Select(e => $"line {e.LineNumber}: {e.Kind} \"{e.Text}\""));
        Assert.True(evaluation.Overall.Recall >= 0.95, $"recall {evaluation.Overall.Recall:P1}; misses:\n{misses}");
        Assert.Equal(Set.Value.Count, evaluation.Sentences);
    }

    [Fact]
    public void Parse_Markup_GivesCleanTextGoldSpansAndNames()
    {
        var sentence = Assert.Single(LabelledSet.Parse("""
            # a comment

            @requester=Maria da Silva;@involved=João Pereira, Ana Lima :: Sou {{NOME|Maria}}, CPF {{CPF|529.982.247-25}}.
            """));

        Assert.Equal("Sou Maria, CPF 529.982.247-25.", sentence.Text);
        Assert.Equal(["Maria da Silva", "João Pereira", "Ana Lima"], sentence.Names);
        Assert.Equal(
            [new IdentifyingElement(4, 5, IdentifyingElementKind.Name, "Maria"), new IdentifyingElement(15, 14, IdentifyingElementKind.Cpf, "529.982.247-25")],
            sentence.Gold);
        Assert.Equal(3, sentence.LineNumber);
    }

    [Theory]
    [InlineData("Sou {{NOMES|Maria}}.")]
    [InlineData("Sou {{NOME|Maria.")]
    [InlineData("Sou {{NOME Maria}}.")]
    [InlineData("@requester=Maria Sou {{NOME|Maria}}.")]
    [InlineData("@autor=Maria :: Sou {{NOME|Maria}}.")]
    public void Parse_MalformedLine_ThrowsWithTheLineNumber(string line)
    {
        var exception = Assert.Throws<FormatException>(() => LabelledSet.Parse("# header\n" + line));

        Assert.StartsWith("Linha 2:", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_OverlapRule_CountsPrecisionAndRecallPerKind()
    {
        var sentence = LabelledSet.Parse("Sou {{NOME|Maria da Silva}}, fone {{TELEFONE|3274-5566}}, CEP {{CEP|30130-010}}.").Single();
        IdentifyingElement[] predicted =
        [
            new(4, 5, IdentifyingElementKind.Name, "Maria"), // overlaps the gold name: correct, and the gold name is found
            new(13, 5, IdentifyingElementKind.Name, "Silva"), // overlaps it too: also correct
            new(25, 9, IdentifyingElementKind.Cep, "3274-5566"), // right place, wrong kind: a false alarm, and the phone is missed
        ];

        var evaluation = DetectionEvaluator.Evaluate([sentence], _ => predicted);

        var name = evaluation.PerKind.Single(k => k.Kind == IdentifyingElementKind.Name);
        var phone = evaluation.PerKind.Single(k => k.Kind == IdentifyingElementKind.Phone);
        var cep = evaluation.PerKind.Single(k => k.Kind == IdentifyingElementKind.Cep);
        Assert.Equal((1, 1, 2, 2), (name.Gold, name.Found, name.Predicted, name.Correct));
        Assert.Equal((1.0, 1.0), (name.Precision, name.Recall));
        Assert.Equal((1, 0, 0), (phone.Gold, phone.Found, phone.Predicted));
        Assert.Equal((1, 0, 1, 0), (cep.Gold, cep.Found, cep.Predicted, cep.Correct));
        Assert.Equal((3, 1, 3, 2), (evaluation.Overall.Gold, evaluation.Overall.Found, evaluation.Overall.Predicted, evaluation.Overall.Correct));
        Assert.Equal(1.0 / 3, evaluation.Overall.Recall, 6);
        Assert.Equal(2.0 / 3, evaluation.Overall.Precision, 6);
        Assert.Equal(2, evaluation.Errors.Count(e => e.IsMiss));
    }

    /// <summary>The set lives next to this file in the test project; tests run from its bin folder.</summary>
    private static string Locate(string fileName)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "Ouvidoria.Tests", "Domain", "Privacy", fileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{fileName} not found above {AppContext.BaseDirectory}.");
    }
}
