namespace Ouvidoria.Domain.Privacy.Evaluation;

/// <summary>Counts for one kind (or all kinds together).</summary>
/// <param name="Gold">Gold elements.</param>
/// <param name="Found">Gold elements overlapped by a predicted element of the same kind.</param>
/// <param name="Predicted">Predicted elements.</param>
/// <param name="Correct">Predicted elements that overlap a gold element of the same kind.</param>
public sealed record KindScore(IdentifyingElementKind? Kind, int Gold, int Found, int Predicted, int Correct)
{
    /// <summary>Share of predictions that are right; 1 when nothing was predicted (no false alarm).</summary>
    public double Precision => Predicted == 0 ? 1 : (double)Correct / Predicted;

    /// <summary>Share of gold elements found; 1 when there is nothing to find.</summary>
    public double Recall => Gold == 0 ? 1 : (double)Found / Gold;

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}

/// <summary>A false alarm (predicted, matches no gold element) or a miss (gold, not found).</summary>
public sealed record DetectionError(int LineNumber, IdentifyingElementKind Kind, string Text, bool IsMiss, string Sentence);

public sealed record DetectionEvaluation(IReadOnlyList<KindScore> PerKind, KindScore Overall, IReadOnlyList<DetectionError> Errors, int Sentences);

/// <summary>
/// Span-level precision and recall. A predicted element is correct when it overlaps (shares at least
/// one character with) a gold element of the same kind; a gold element is found when some predicted
/// element of the same kind overlaps it. Precision = correct / predicted, recall = found / gold; the
/// overall line sums the counts of every kind (micro-average).
/// </summary>
public static class DetectionEvaluator
{
    public static DetectionEvaluation Evaluate(IEnumerable<LabelledSentence> sentences, Func<LabelledSentence, IReadOnlyList<IdentifyingElement>> detect)
    {
        var counts = Enum.GetValues<IdentifyingElementKind>().ToDictionary(k => k, _ => new int[4]);
        var errors = new List<DetectionError>();
        var total = 0;
        foreach (var sentence in sentences)
        {
            total++;
            var predicted = detect(sentence);
            foreach (var gold in sentence.Gold)
            {
                var found = predicted.Any(p => p.Kind == gold.Kind && p.Overlaps(gold));
                counts[gold.Kind][0]++;
                counts[gold.Kind][1] += found ? 1 : 0;
                if (!found)
                {
                    errors.Add(new DetectionError(sentence.LineNumber, gold.Kind, gold.Text, IsMiss: true, sentence.Text));
                }
            }

            foreach (var prediction in predicted)
            {
                var correct = sentence.Gold.Any(g => g.Kind == prediction.Kind && g.Overlaps(prediction));
                counts[prediction.Kind][2]++;
                counts[prediction.Kind][3] += correct ? 1 : 0;
                if (!correct)
                {
                    errors.Add(new DetectionError(sentence.LineNumber, prediction.Kind, prediction.Text, IsMiss: false, sentence.Text));
                }
            }
        }

        var perKind = counts.Select(c => new KindScore(c.Key, c.Value[0], c.Value[1], c.Value[2], c.Value[3])).ToList();
        var overall = new KindScore(null, perKind.Sum(k => k.Gold), perKind.Sum(k => k.Found), perKind.Sum(k => k.Predicted), perKind.Sum(k => k.Correct));
        return new DetectionEvaluation(perKind, overall, errors, total);
    }
}
