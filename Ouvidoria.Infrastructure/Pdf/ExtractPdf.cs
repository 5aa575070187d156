namespace Ouvidoria.Infrastructure.Pdf;

/// <summary>
/// What the extract PDF shows: the pseudonymized synthesis and the case's facts, already formatted
/// (NUP with separators, dates in Brasília time). It deliberately has no field for the original
/// text nor for the requester: identifying data cannot reach this document.
/// </summary>
public sealed record ExtractPdfContent
{
    public required string OfficeName { get; init; }

    /// <summary>Formatted, e.g. 12345.000123/2025-67.</summary>
    public required string Nup { get; init; }

    public required string TypeLabel { get; init; }

    public string? Theme { get; init; }

    public required string Subject { get; init; }

    public required string RegisteredAt { get; init; }

    /// <summary>The conclusive-answer deadline (Lei 13.460/2017 art. 16).</summary>
    public required string CitizenDeadline { get; init; }

    /// <summary>Shown after the date: the one extension if used, a suspension while awaiting a complement.</summary>
    public string? CitizenDeadlineNote { get; init; }

    /// <summary>The unit's own deadline, when the document is generated for one of its collaborators.</summary>
    public string? UnitDeadline { get; init; }

    public required string Extract { get; init; }
}

/// <summary>The extract (extrato) of a manifestation as a PDF, marked with the recipient on every page.</summary>
public static class ExtractPdf
{
    public const string Title = "Extrato da manifestação";

    public static byte[] Render(ExtractPdfContent content, PdfRecipient recipient)
    {
        using var writer = Write(content, recipient);
        return writer.ToArray();
    }

    public static void Render(ExtractPdfContent content, PdfRecipient recipient, Stream output)
    {
        using var writer = Write(content, recipient);
        writer.Save(output);
    }

    private static PdfLayoutWriter Write(ExtractPdfContent content, PdfRecipient recipient)
    {
        var writer = new PdfLayoutWriter(content.OfficeName, Title, recipient);
        writer.Title(Title, $"NUP {content.Nup}");
        writer.Notice("Informação de acesso restrito (Lei nº 12.527/2011, art. 31). Conteúdo pseudonimizado: este extrato não contém os elementos de identificação do manifestante (Decreto nº 10.153/2019).");
        writer.Heading("Identificação");
        writer.Field("NUP", content.Nup);
        writer.Field("Tipo", content.TypeLabel);
        writer.Field("Temática", content.Theme);
        writer.Field("Assunto", content.Subject);
        writer.Field("Cadastro", content.RegisteredAt);
        writer.Field("Prazo de resposta ao cidadão", content.CitizenDeadlineNote is null
            ? content.CitizenDeadline
            : $"{content.CitizenDeadline} ({content.CitizenDeadlineNote})");
        if (content.UnitDeadline is not null)
        {
            writer.Field("Prazo da sua unidade", content.UnitDeadline);
        }

        writer.Heading("Extrato");
        writer.Paragraph(content.Extract);
        return writer;
    }
}
