using Ouvidoria.Domain.Common;

namespace Ouvidoria.Domain.Manifestations;

/// <summary>
/// The deadlines an office applies, in calendar days. The law (<see cref="DeadlinePolicy"/>) sets
/// the MAXIMUM of each: an office may adopt a stricter local rule (shorter terms, at least 1 day),
/// never a longer one. Applied when a deadline is computed; due dates already set are not moved.
/// </summary>
public sealed record DeadlineTerms(int CitizenAnswerDays, int CitizenExtensionDays, int UnitAnswerDays, int UnitExtensionDays, int ComplementDays)
{
    /// <summary>The law's terms (Lei 13.460/2017 art. 16; complement: Fala.BR practice).</summary>
    public static readonly DeadlineTerms Legal = new(
        DeadlinePolicy.CitizenAnswerDays, DeadlinePolicy.CitizenExtensionDays, DeadlinePolicy.UnitAnswerDays, DeadlinePolicy.UnitExtensionDays, DeadlinePolicy.ComplementDays);

    /// <summary>Every problem, one pt-BR sentence each (empty: valid).</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        Check(problems, CitizenAnswerDays, DeadlinePolicy.CitizenAnswerDays, "O prazo de resposta ao cidadão", "Lei nº 13.460/2017, art. 16");
        Check(problems, CitizenExtensionDays, DeadlinePolicy.CitizenExtensionDays, "A prorrogação do prazo de resposta ao cidadão", "Lei nº 13.460/2017, art. 16");
        Check(problems, UnitAnswerDays, DeadlinePolicy.UnitAnswerDays, "O prazo de resposta das unidades", "Lei nº 13.460/2017, art. 16, parágrafo único");
        Check(problems, UnitExtensionDays, DeadlinePolicy.UnitExtensionDays, "A prorrogação do prazo das unidades", "Lei nº 13.460/2017, art. 16, parágrafo único");
        Check(problems, ComplementDays, DeadlinePolicy.ComplementDays, "O prazo para o manifestante complementar", "prática do Fala.BR");
        return problems;
    }

    /// <summary>Refuses terms outside the law (settings are validated on save; this guards every other path).</summary>
    public DeadlineTerms EnsureValid()
    {
        if (Problems() is { Count: > 0 } problems)
        {
            throw new DomainException(string.Join(" ", problems));
        }

        return this;
    }

    private static void Check(List<string> problems, int days, int legal, string what, string source)
    {
        if (days < 1 || days > legal)
        {
            problems.Add($"{what} deve ser de 1 a {legal} dias: o máximo legal é {legal} dias ({source}); a ouvidoria pode adotar um prazo menor, nunca maior.");
        }
    }
}
