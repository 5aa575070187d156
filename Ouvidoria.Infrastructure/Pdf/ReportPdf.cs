namespace Ouvidoria.Infrastructure.Pdf;

/// <summary>A table of a report PDF: already formatted cells, relative column widths.</summary>
public sealed record ReportPdfTable(string Heading, IReadOnlyList<string> Columns, IReadOnlyList<double> Widths, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>
/// What a report PDF shows: a title, the filters applied, headline figures and tables, all already
/// formatted by the caller. Reports carry aggregates and case facts only (NUP, type, dates, units):
/// there is no field for a manifestation's text or requester.
/// </summary>
public sealed record ReportPdfContent
{
    public required string OfficeName { get; init; }

    public required string Title { get; init; }

    /// <summary>e.g. "Período: 01/01/2025 a 31/03/2025 · Unidade: todas · Tipo: todos · Canal: todos".</summary>
    public required string Filters { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Figures { get; init; } = [];

    public IReadOnlyList<ReportPdfTable> Tables { get; init; } = [];
}

/// <summary>Managers' reports and drill-down lists as a PDF, marked with the recipient on every page.</summary>
public static class ReportPdf
{
    public static byte[] Render(ReportPdfContent content, PdfRecipient recipient)
    {
        using var writer = new PdfLayoutWriter(content.OfficeName, content.Title, recipient);
        writer.Title(content.Title);
        writer.Notice("Documento de uso interno da gestão: contém apenas dados agregados e fatos dos processos, sem o teor das manifestações nem a identificação dos manifestantes.");
        writer.Field("Filtros", content.Filters);
        if (content.Figures.Count > 0)
        {
            writer.Heading("Indicadores");
            foreach (var (label, value) in content.Figures)
            {
                writer.Field(label, value);
            }
        }

        foreach (var table in content.Tables)
        {
            writer.Heading(table.Heading);
            if (table.Rows.Count == 0)
            {
                writer.Paragraph("Nenhum registro.");
                continue;
            }

            writer.Table(table.Columns, table.Widths, table.Rows);
        }

        return writer.ToArray();
    }
}
