using Ouvidoria.Infrastructure.Pdf;
using Ouvidoria.Tests.Support;
using Ouvidoria.Web.Components.Shared;

namespace Ouvidoria.Tests.Infrastructure.Pdf;

/// <summary>The extract PDF read back with pdftotext, as anyone holding the file could.</summary>
public sealed class ExtractPdfTests
{
    /// <summary>12:15 UTC is 09:15 in Brasília: the mark carries the portal's formatting of this instant.</summary>
    private static readonly DateTimeOffset GeneratedAt = new(2025, 3, 10, 12, 15, 0, TimeSpan.Zero);

    private static readonly PdfRecipient Recipient = new("José da Conceição Araújo", Formats.DateTime(GeneratedAt));

    private static ExtractPdfContent Content(string? extract = null, string? unitDeadline = null, string? deadlineNote = null) => new()
    {
        OfficeName = "Ouvidoria-Geral do Estado",
        Nup = "23037.001462/2021-65",
        TypeLabel = "Solicitação de providências",
        Theme = "Iluminação pública",
        Subject = "Manutenção da iluminação na praça",
        RegisteredAt = "10/03/2025 09:00",
        CitizenDeadline = "09/04/2025",
        CitizenDeadlineNote = deadlineNote,
        UnitDeadline = unitDeadline,
        Extract = extract ?? "Relato de postes apagados há duas semanas na praça central.",
    };

    [Fact]
    public void Render_PtBrText_AccentsComeBackExactly()
    {
        const string extract = "Atenção: a população pede manutenção; a mãe, o médico e o técnico têm razão; o avô agüentou a espera.";

        var text = PdfText.Flat(ExtractPdf.Render(Content(extract), Recipient));

        Assert.Contains(extract, text, StringComparison.Ordinal);
        Assert.Contains("Manutenção da iluminação na praça", text, StringComparison.Ordinal);
        Assert.Contains("Iluminação pública", text, StringComparison.Ordinal);
        Assert.Contains("Solicitação de providências", text, StringComparison.Ordinal);
        Assert.Contains("Documento gerado para José da Conceição Araújo", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Content_ShowsTheCaseFactsAsLabelledRows()
    {
        var text = PdfText.Flat(ExtractPdf.Render(Content(deadlineNote: "prorrogado uma vez por mais 30 dias"), Recipient), layout: true);

        Assert.Contains("Ouvidoria-Geral do Estado", text, StringComparison.Ordinal);
        Assert.Contains("Extrato da manifestação", text, StringComparison.Ordinal);
        Assert.Contains("NUP 23037.001462/2021-65", text, StringComparison.Ordinal);
        Assert.Contains("Tipo Solicitação de providências", text, StringComparison.Ordinal);
        Assert.Contains("Temática Iluminação pública", text, StringComparison.Ordinal);
        Assert.Contains("Assunto Manutenção da iluminação na praça", text, StringComparison.Ordinal);
        Assert.Contains("Cadastro 10/03/2025 09:00", text, StringComparison.Ordinal);
        Assert.Contains("Prazo de resposta ao cidadão 09/04/2025 (prorrogado uma vez por mais 30 dias)", text, StringComparison.Ordinal);
        Assert.Contains("Relato de postes apagados há duas semanas na praça central.", text, StringComparison.Ordinal);
        Assert.Contains("Conteúdo pseudonimizado", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ForACollaborator_ShowsTheUnitDeadlineOnlyWhenGiven()
    {
        var withUnit = PdfText.Flat(ExtractPdf.Render(Content(unitDeadline: "30/03/2025"), Recipient), layout: true);
        var withoutUnit = PdfText.Flat(ExtractPdf.Render(Content(), Recipient), layout: true);

        Assert.Contains("Prazo da sua unidade 30/03/2025", withUnit, StringComparison.Ordinal);
        Assert.DoesNotContain("Prazo da sua unidade", withoutUnit, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ExtractOfOver20000Characters_ContinuesOnNewPagesWithoutLosingASentence()
    {
        var sentences = Enumerable.Range(1, 320).Select(i => $"Frase {i}: a gestão do posto é precária e o atendimento demora.").ToList();
        var extract = string.Join(" ", sentences);
        Assert.True(extract.Length > 20_000);

        var pdf = ExtractPdf.Render(Content(extract), Recipient);

        Assert.True(PdfText.PageCount(pdf) >= 3, $"{PdfText.PageCount(pdf)} page(s)");
        var text = PdfText.FlatBody(pdf, Recipient.FooterLine, "Ouvidoria-Geral do Estado Extrato da manifestação");
        foreach (var sentence in sentences)
        {
            Assert.Equal(1, Occurrences(text, sentence));
        }
    }

    [Fact]
    public void Render_MultiPageDocument_MarksEveryPageWithTheRecipientAndTheDate()
    {
        var extract = string.Join("\n\n", Enumerable.Range(1, 60).Select(i => $"Parágrafo {i}. " + string.Concat(Enumerable.Repeat("Relato sem dados pessoais sobre o serviço. ", 8))));

        var pdf = ExtractPdf.Render(Content(extract), Recipient);

        Assert.Equal("10/03/2025 09:15", Recipient.GeneratedAt);
        Assert.True(PdfText.AssertEveryPageMarked(pdf, Recipient) >= 3);
    }

    [Fact]
    public void Render_WordWiderThanTheLine_IsBrokenWithoutLosingCharacters()
    {
        var link = "https://exemplo.gov.br/documentos/" + string.Concat(Enumerable.Range(0, 300).Select(i => (char)('a' + (i % 26))));

        var text = PdfText.Extract(ExtractPdf.Render(Content($"Ver {link} para detalhes."), Recipient));

        Assert.Contains(link, string.Concat(text.Where(c => !char.IsWhiteSpace(c))), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ConcurrentRequests_EachDocumentCarriesItsOwnRecipient()
    {
        var recipients = Enumerable.Range(1, 8).Select(i => new PdfRecipient($"Servidora Número {i}", Recipient.GeneratedAt)).ToList();

        var pdfs = new byte[recipients.Count][];
        Parallel.For(0, recipients.Count, i => pdfs[i] = ExtractPdf.Render(Content(), recipients[i]));

        for (var i = 0; i < recipients.Count; i++)
        {
            Assert.Contains(PdfText.FlatText(recipients[i].FooterLine), PdfText.Flat(pdfs[i]), StringComparison.Ordinal);
        }
    }

    private static int Occurrences(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
