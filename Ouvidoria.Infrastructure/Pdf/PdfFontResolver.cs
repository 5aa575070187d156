using PdfSharp.Fonts;

namespace Ouvidoria.Infrastructure.Pdf;

/// <summary>
/// Serves the bundled Liberation Sans faces (Fonts/, SIL OFL 1.1) to PDFsharp, so PDFs look the
/// same on every machine and never depend on the fonts installed on the server. Every family asks
/// for resolves to Liberation Sans: it is the only family the documents use.
/// </summary>
internal sealed class PdfFontResolver : IFontResolver
{
    public const string FamilyName = "Liberation Sans";

    private const string Regular = "LiberationSans-Regular";
    private const string Bold = "LiberationSans-Bold";
    private const string Italic = "LiberationSans-Italic";

    private PdfFontResolver()
    {
    }

    /// <summary>PDFsharp wants the same instance on every assignment of the global resolver.</summary>
    public static PdfFontResolver Instance { get; } = new();

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) => (bold, italic) switch
    {
        (true, false) => new FontResolverInfo(Bold),
        (false, true) => new FontResolverInfo(Italic),
        // No bold-italic face is bundled: PDFsharp slants the bold one.
        (true, true) => new FontResolverInfo(Bold, mustSimulateBold: false, mustSimulateItalic: true),
        (false, false) => new FontResolverInfo(Regular),
    };

    public byte[] GetFont(string faceName)
    {
        var resource = $"Ouvidoria.Pdf.Fonts.{faceName}.ttf";
        using var stream = typeof(PdfFontResolver).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The font resource {resource} is not embedded in Ouvidoria.Infrastructure.");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }
}
