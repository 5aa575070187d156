using Ouvidoria.Infrastructure.Pdf;
using Ouvidoria.Tests.Support;

namespace Ouvidoria.Tests.Infrastructure.Pdf;

/// <summary>The denúncia's identity PDF (art. 7 Decreto 10.153/2019) read back with pdftotext.</summary>
public sealed class IdentityPdfTests
{
    private static readonly PdfRecipient Investigator = new("Inês Apuração Ferreira", "02/04/2025 14:30");

    private static IdentityPdfContent Content(string? description = null, string? cpf = "123.456.789-09", string? processNumber = "00190.101896/2025-10") => new()
    {
        OfficeName = "Ouvidoria-Geral do Estado",
        Nup = "67284.003338/2023-50",
        TypeLabel = "Denúncia",
        Theme = "Conduta de servidor",
        Subject = "Cobrança indevida em repartição",
        RegisteredAt = "15/03/2025 10:05",
        CitizenDeadline = "14/04/2025",
        RequesterName = "Conceição Gonçalves Brandão",
        RequesterEmail = "conceicao.brandao@exemplo.com.br",
        RequesterPhone = "(31) 98888-1234",
        RequesterCpf = cpf,
        RequesterAddress = "Rua São João, 123, Belo Horizonte",
        Description = description ?? "O servidor do balcão cobrou taxa não prevista e ameaçou quem reclamou.",
        Complements = "Anexei o recibo da cobrança.",
        RequestingUnit = "Corregedoria-Geral",
        GrantedBy = "Ana Ouvidora",
        GrantedAt = "02/04/2025 14:25",
        ProcessNumber = processNumber,
    };

    [Fact]
    public void Render_GrantedRequest_ContainsIdentityOriginalContentAndGrant()
    {
        var text = PdfText.Flat(IdentityPdf.Render(Content(), Investigator), layout: true);

        Assert.Contains("NUP 67284.003338/2023-50", text, StringComparison.Ordinal);
        Assert.Contains("Tipo Denúncia", text, StringComparison.Ordinal);
        Assert.Contains("Temática Conduta de servidor", text, StringComparison.Ordinal);
        Assert.Contains("Cadastro 15/03/2025 10:05", text, StringComparison.Ordinal);
        Assert.Contains("Nome Conceição Gonçalves Brandão", text, StringComparison.Ordinal);
        Assert.Contains("E-mail conceicao.brandao@exemplo.com.br", text, StringComparison.Ordinal);
        Assert.Contains("Telefone (31) 98888-1234", text, StringComparison.Ordinal);
        Assert.Contains("CPF 123.456.789-09", text, StringComparison.Ordinal);
        Assert.Contains("Endereço Rua São João, 123, Belo Horizonte", text, StringComparison.Ordinal);
        Assert.Contains("O servidor do balcão cobrou taxa não prevista e ameaçou quem reclamou.", text, StringComparison.Ordinal);
        Assert.Contains("Anexei o recibo da cobrança.", text, StringComparison.Ordinal);
        Assert.Contains("Unidade de apuração Corregedoria-Geral", text, StringComparison.Ordinal);
        Assert.Contains("Concedido por Ana Ouvidora", text, StringComparison.Ordinal);
        Assert.Contains("Concedido em 02/04/2025 14:25", text, StringComparison.Ordinal);
        Assert.Contains("Número do processo 00190.101896/2025-10", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Always_CarriesTheRestrictedInformationNotice()
    {
        var text = PdfText.Flat(IdentityPdf.Render(Content(), Investigator));

        Assert.Contains("Informação restrita — Decreto nº 10.153/2019", text, StringComparison.Ordinal);
        Assert.Contains("salvaguardas necessárias", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_MissingIdentificationFields_ShowNotInformed()
    {
        var text = PdfText.Flat(IdentityPdf.Render(Content(cpf: null, processNumber: null), Investigator), layout: true);

        Assert.Contains("CPF Não informado", text, StringComparison.Ordinal);
        Assert.Contains("Número do processo Não informado", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_LongOriginalContent_PaginatesAndMarksEveryPageWithTheInvestigator()
    {
        var description = string.Join("\n", Enumerable.Range(1, 300).Select(i => $"Linha {i} do relato original, com detalhes que só a apuração deve conhecer."));
        Assert.True(description.Length > 20_000);

        var pdf = IdentityPdf.Render(Content(description), Investigator);

        Assert.True(PdfText.AssertEveryPageMarked(pdf, Investigator) >= 3);
        var text = PdfText.Flat(pdf);
        Assert.Contains("Linha 1 do relato original", text, StringComparison.Ordinal);
        Assert.Contains("Linha 300 do relato original, com detalhes que só a apuração deve conhecer.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_DeliveredAttachments_AreListedWithNameOriginAndSize()
    {
        var content = Content() with
        {
            Attachments =
            [
                new IdentityPdfAttachment("recibo-da-cobranca.jpg", "Original", "212 KB", "15/03/2025 10:05"),
                new IdentityPdfAttachment("gravacao-atendimento.mp3", "Complementação", "1,4 MB", "20/03/2025 08:40"),
            ],
        };

        var text = PdfText.Flat(IdentityPdf.Render(content, Investigator), layout: true);

        Assert.Contains(IdentityPdf.AttachmentsHeading, text, StringComparison.Ordinal);
        Assert.Contains("2 arquivo(s) enviado(s) pelo manifestante", text, StringComparison.Ordinal);
        Assert.Contains("somente a Inês Apuração Ferreira e à Ouvidoria", text, StringComparison.Ordinal);
        Assert.Contains("recibo-da-cobranca.jpg Original 212 KB 15/03/2025 10:05", text, StringComparison.Ordinal);
        Assert.Contains("gravacao-atendimento.mp3 Complementação 1,4 MB 20/03/2025 08:40", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NoAttachments_SaysSo()
    {
        var text = PdfText.Flat(IdentityPdf.Render(Content(), Investigator));

        Assert.Contains("O manifestante não enviou anexos.", text, StringComparison.Ordinal);
    }
}
