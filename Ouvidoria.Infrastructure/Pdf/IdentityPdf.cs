namespace Ouvidoria.Infrastructure.Pdf;

/// <summary>
/// What the identity PDF of a denúncia shows (art. 7 Decreto 10.153/2019): the requester's
/// identification and the original content, delivered to the investigating unit when the ombudsman
/// grants its request. Values are already formatted (NUP, dates in Brasília time); missing
/// identification fields print as "Não informado".
/// </summary>
public sealed record IdentityPdfContent
{
    public required string OfficeName { get; init; }

    public required string Nup { get; init; }

    public required string TypeLabel { get; init; }

    public string? Theme { get; init; }

    public required string Subject { get; init; }

    public required string RegisteredAt { get; init; }

    public string? CitizenDeadline { get; init; }

    public string? RequesterName { get; init; }

    public string? RequesterEmail { get; init; }

    public string? RequesterPhone { get; init; }

    public string? RequesterCpf { get; init; }

    public string? RequesterAddress { get; init; }

    /// <summary>The original content (teor) as the citizen wrote it.</summary>
    public required string Description { get; init; }

    /// <summary>What the citizen sent as complements, oldest first; null or empty when none.</summary>
    public string? Complements { get; init; }

    /// <summary>The unit that requested the identity, if known.</summary>
    public string? RequestingUnit { get; init; }

    /// <summary>Who in the ombudsman office granted access.</summary>
    public required string GrantedBy { get; init; }

    public required string GrantedAt { get; init; }

    /// <summary>The investigation's process number, once informed.</summary>
    public string? ProcessNumber { get; init; }

    /// <summary>The citizen's files the grant delivers with the document (downloaded separately, in the system).</summary>
    public IReadOnlyList<IdentityPdfAttachment> Attachments { get; init; } = [];
}

/// <summary>One delivered citizen file as the PDF lists it; the size is already formatted ("1,2 MB").</summary>
public sealed record IdentityPdfAttachment(string FileName, string Origin, string Size, string ReceivedAt);

/// <summary>The denúncia's identity and original content as a PDF, marked with the recipient on every page.</summary>
public static class IdentityPdf
{
    public const string Title = "Identificação do denunciante e teor original";

    public const string RestrictedNotice = "Informação restrita — Decreto nº 10.153/2019";

    public const string AttachmentsHeading = "Anexos do manifestante";

    public static byte[] Render(IdentityPdfContent content, PdfRecipient recipient)
    {
        using var writer = Write(content, recipient);
        return writer.ToArray();
    }

    public static void Render(IdentityPdfContent content, PdfRecipient recipient, Stream output)
    {
        using var writer = Write(content, recipient);
        writer.Save(output);
    }

    private static PdfLayoutWriter Write(IdentityPdfContent content, PdfRecipient recipient)
    {
        var writer = new PdfLayoutWriter(content.OfficeName, Title, recipient);
        writer.Title(Title, $"NUP {content.Nup}");
        writer.Notice($"{RestrictedNotice}. Elementos de identificação do denunciante fornecidos à unidade de apuração (art. 7º). "
            + "Cabe a quem os recebe adotar as salvaguardas necessárias para resguardá-los do acesso de terceiros não autorizados (art. 7º, § 2º). "
            + "Acesso restrito por 100 anos (Lei nº 12.527/2011, art. 31, § 1º, I).");
        writer.Heading("Manifestação");
        writer.Field("NUP", content.Nup);
        writer.Field("Tipo", content.TypeLabel);
        writer.Field("Temática", content.Theme);
        writer.Field("Assunto", content.Subject);
        writer.Field("Cadastro", content.RegisteredAt);
        if (content.CitizenDeadline is not null)
        {
            writer.Field("Prazo de resposta ao cidadão", content.CitizenDeadline);
        }

        writer.Heading("Acesso concedido");
        if (content.RequestingUnit is not null)
        {
            writer.Field("Unidade de apuração", content.RequestingUnit);
        }

        writer.Field("Concedido por", content.GrantedBy);
        writer.Field("Concedido em", content.GrantedAt);
        writer.Field("Número do processo", content.ProcessNumber);

        writer.Heading("Identificação do denunciante");
        writer.Field("Nome", content.RequesterName);
        writer.Field("E-mail", content.RequesterEmail);
        writer.Field("Telefone", content.RequesterPhone);
        writer.Field("CPF", content.RequesterCpf);
        writer.Field("Endereço", content.RequesterAddress);

        writer.Heading("Teor original");
        writer.Paragraph(content.Description);
        if (!string.IsNullOrWhiteSpace(content.Complements))
        {
            writer.Heading("Complementações do manifestante");
            writer.Paragraph(content.Complements);
        }

        writer.Heading(AttachmentsHeading);
        if (content.Attachments.Count == 0)
        {
            writer.Paragraph("O manifestante não enviou anexos.");
        }
        else
        {
            writer.Paragraph($"{content.Attachments.Count} arquivo(s) enviado(s) pelo manifestante, disponibilizado(s) para download no tratamento somente a {recipient.Name} e à Ouvidoria; cada download é registrado.");
            writer.Table(
                ["Arquivo", "Origem", "Tamanho", "Recebido em"],
                [5, 2, 1.4, 2.2],
                content.Attachments.Select(a => (IReadOnlyList<string>)[a.FileName, a.Origin, a.Size, a.ReceivedAt]));
        }

        return writer;
    }
}
