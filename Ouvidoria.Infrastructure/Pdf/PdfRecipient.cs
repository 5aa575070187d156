namespace Ouvidoria.Infrastructure.Pdf;

/// <summary>
/// The person a generated PDF is for, stamped on every page to deter copies kept outside the
/// system. <paramref name="GeneratedAt"/> is already formatted in Brasília time (dd/MM/yyyy HH:mm) by
/// the caller, with the portal's one date helper: this layer has no clock and no time zone.
/// </summary>
public sealed record PdfRecipient(string Name, string GeneratedAt)
{
    /// <summary>The footer line on every page.</summary>
    public string FooterLine =>
        $"Documento gerado para {Name} em {GeneratedAt} (horário de Brasília) — uso restrito, proibida a reprodução";

    /// <summary>The light diagonal text across every page.</summary>
    public string DiagonalMark => $"{Name} · {GeneratedAt}";
}
