using System.Text;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Ouvidoria.Infrastructure.Pdf;

/// <summary>
/// A small top-to-bottom layout on A4 pages: a title, headings, label-value rows, wrapped
/// paragraphs that continue on the next page, and notices. Every page carries the office header,
/// the recipient's diagonal mark beneath the text, and a footer with the recipient line and
/// "Página X de Y" (drawn when the document is saved, once the page count is known).
/// Text is wrapped here, word by word, rather than with <c>XTextFormatter</c>: that one draws into
/// a fixed rectangle and cannot say where a page ends.
/// </summary>
internal sealed class PdfLayoutWriter : IDisposable
{
    private const double Margin = 56.7; // 2 cm
    private const double HeaderTop = 30;
    private const double ContentTop = 80;
    private const double FooterHeight = 58;
    private const double LabelWidth = 150;
    private const double Gutter = 8;

    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);
    private static readonly XColor Ink = XColor.FromArgb(33, 33, 33);
    private static readonly XColor Muted = XColor.FromArgb(90, 90, 90);
    private static readonly XColor Rule = XColor.FromArgb(170, 170, 170);
    private static readonly XColor MarkInk = XColor.FromArgb(218, 218, 218);
    // Translucent, so the recipient mark beneath stays visible through the band.
    private static readonly XColor NoticeFill = XColor.FromArgb(90, 222, 184, 120);

    private readonly PdfDocument _document;
    private readonly string _officeName;
    private readonly string _documentTitle;
    private readonly PdfRecipient _recipient;
    private readonly XFont _body;
    private readonly XFont _label;
    private readonly XFont _heading;
    private readonly XFont _title;
    private readonly XFont _notice;
    private readonly XFont _small;
    private readonly XFont _smallBold;
    private readonly XFont _footer;

    private PdfPage? _page;
    private XGraphics? _gfx;
    private double _y;

    public PdfLayoutWriter(string officeName, string documentTitle, PdfRecipient recipient)
    {
        // Before any PDFsharp object: the document checks the licence, the fonts need the resolver.
        PdfSetup.EnsureInitialized();
        _document = new PdfDocument();
        _body = Font(10.5);
        _label = Font(10, XFontStyleEx.Bold);
        _heading = Font(12, XFontStyleEx.Bold);
        _title = Font(16, XFontStyleEx.Bold);
        _notice = Font(10, XFontStyleEx.Bold);
        _small = Font(8);
        _smallBold = Font(8.5, XFontStyleEx.Bold);
        _footer = Font(7.5, XFontStyleEx.Italic);
        _officeName = officeName;
        _documentTitle = documentTitle;
        _recipient = recipient;
        _document.Info.Title = documentTitle;
        _document.Info.Author = officeName;
        _document.Info.Creator = "Ouvidoria";
        NewPage();
    }

    private double PageWidth => _page!.Width.Point;

    private double PageHeight => _page!.Height.Point;

    private double ContentWidth => PageWidth - (2 * Margin);

    private double ContentBottom => PageHeight - FooterHeight - 10;

    private XGraphics Gfx => _gfx!;

    public void Title(string text, string? subtitle = null)
    {
        foreach (var line in Wrap(text, _title, ContentWidth))
        {
            EnsureSpace(LineHeight(_title));
            Gfx.DrawString(line, _title, new XSolidBrush(Ink), new XRect(Margin, _y, ContentWidth, LineHeight(_title)), XStringFormats.TopCenter);
            _y += LineHeight(_title);
        }

        if (subtitle is not null)
        {
            EnsureSpace(LineHeight(_heading));
            Gfx.DrawString(subtitle, _heading, new XSolidBrush(Muted), new XRect(Margin, _y, ContentWidth, LineHeight(_heading)), XStringFormats.TopCenter);
            _y += LineHeight(_heading);
        }

        _y += 10;
    }

    /// <summary>A section heading with a rule, kept on the page of its first lines.</summary>
    public void Heading(string text)
    {
        _y += 8;
        EnsureSpace(LineHeight(_heading) + (3 * LineHeight(_body)));
        Gfx.DrawString(text, _heading, new XSolidBrush(Ink), Margin, _y, XStringFormats.TopLeft);
        _y += LineHeight(_heading);
        Gfx.DrawLine(new XPen(Rule, 0.6), Margin, _y, Margin + ContentWidth, _y);
        _y += 6;
    }

    /// <summary>A label-value row; a missing value shows as "Não informado".</summary>
    public void Field(string label, string? value)
    {
        var labelLines = Wrap(label, _label, LabelWidth);
        var valueLines = Wrap(string.IsNullOrWhiteSpace(value) ? "Não informado" : value, _body, ContentWidth - LabelWidth - Gutter);
        var rows = Math.Max(labelLines.Count, valueLines.Count);
        var lineHeight = LineHeight(_body);
        EnsureSpace(Math.Min(rows, 2) * lineHeight);
        for (var i = 0; i < rows; i++)
        {
            EnsureSpace(lineHeight);
            if (i < labelLines.Count)
            {
                Gfx.DrawString(labelLines[i], _label, new XSolidBrush(Muted), Margin, _y + 0.5, XStringFormats.TopLeft);
            }

            if (i < valueLines.Count)
            {
                Gfx.DrawString(valueLines[i], _body, new XSolidBrush(Ink), Margin + LabelWidth + Gutter, _y, XStringFormats.TopLeft);
            }

            _y += lineHeight;
        }

        _y += 3;
    }

    /// <summary>Free text, wrapped to the page width; blank lines separate paragraphs; continues on new pages.</summary>
    public void Paragraph(string text)
    {
        var lineHeight = LineHeight(_body);
        foreach (var line in Wrap(text, _body, ContentWidth))
        {
            EnsureSpace(lineHeight);
            if (line.Length > 0)
            {
                Gfx.DrawString(line, _body, new XSolidBrush(Ink), Margin, _y, XStringFormats.TopLeft);
            }

            _y += lineHeight;
        }

        _y += 6;
    }

    /// <summary>A shaded band in bold: restrictions and warnings the reader must not miss.</summary>
    public void Notice(string text)
    {
        const double padding = 6;
        var lines = Wrap(text, _notice, ContentWidth - (2 * padding));
        var lineHeight = LineHeight(_notice);
        var height = (lines.Count * lineHeight) + (2 * padding);
        EnsureSpace(Math.Min(height, ContentBottom - ContentTop));
        Gfx.DrawRectangle(new XSolidBrush(NoticeFill), Margin, _y, ContentWidth, height);
        _y += padding;
        foreach (var line in lines)
        {
            EnsureSpace(lineHeight);
            Gfx.DrawString(line, _notice, new XSolidBrush(Ink), Margin + padding, _y, XStringFormats.TopLeft);
            _y += lineHeight;
        }

        _y += padding + 8;
    }

    /// <summary>
    /// A table: a bold header row (repeated on every page the table continues on), then the rows;
    /// each cell wraps inside its column, whose widths are relative (they share the content width).
    /// </summary>
    public void Table(IReadOnlyList<string> columns, IReadOnlyList<double> relativeWidths, IEnumerable<IReadOnlyList<string>> rows)
    {
        const double padding = 3;
        var total = relativeWidths.Sum();
        var widths = relativeWidths.Select(w => (w / total) * ContentWidth).ToArray();
        var lineHeight = LineHeight(_small);

        void Row(IReadOnlyList<string> cells, XFont font, XBrush brush, bool rule)
        {
            var lines = cells.Select((c, i) => Wrap(c, font, widths[i] - (2 * padding))).ToList();
            var height = (lines.Max(l => l.Count) * lineHeight) + padding;
            EnsureSpace(height);
            var x = Margin;
            for (var i = 0; i < lines.Count; i++)
            {
                var y = _y;
                foreach (var line in lines[i])
                {
                    Gfx.DrawString(line, font, brush, x + padding, y, XStringFormats.TopLeft);
                    y += lineHeight;
                }

                x += widths[i];
            }

            _y += height;
            if (rule)
            {
                Gfx.DrawLine(new XPen(Rule, 0.3), Margin, _y - (padding / 2), Margin + ContentWidth, _y - (padding / 2));
            }
        }

        EnsureSpace(3 * lineHeight);
        Row(columns, _smallBold, new XSolidBrush(Ink), rule: true);
        foreach (var row in rows)
        {
            if (_y + (2 * lineHeight) > ContentBottom)
            {
                NewPage();
                Row(columns, _smallBold, new XSolidBrush(Ink), rule: true);
            }

            Row(row, _small, new XSolidBrush(Ink), rule: false);
        }

        _y += 8;
    }

    public byte[] ToArray()
    {
        using var buffer = new MemoryStream();
        Save(buffer);
        return buffer.ToArray();
    }

    /// <summary>Draws every page's footer (now that the page count is known) and writes the PDF.</summary>
    public void Save(Stream output)
    {
        _gfx?.Dispose();
        _gfx = null;
        var count = _document.PageCount;
        for (var i = 0; i < count; i++)
        {
            using var gfx = XGraphics.FromPdfPage(_document.Pages[i], XGraphicsPdfPageOptions.Append);
            DrawFooter(gfx, _document.Pages[i], i + 1, count);
        }

        _document.Save(output, closeStream: false);
    }

    public void Dispose()
    {
        _gfx?.Dispose();
        _document.Dispose();
    }

    private static XFont Font(double size, XFontStyleEx style = XFontStyleEx.Regular) =>
        new(PdfFontResolver.FamilyName, size, style, Unicode);

    private static double LineHeight(XFont font) => font.GetHeight() * 1.08;

    private void EnsureSpace(double height)
    {
        if (_y + height > ContentBottom)
        {
            NewPage();
        }
    }

    private void NewPage()
    {
        _gfx?.Dispose();
        _page = _document.AddPage();
        _page.Size = PageSize.A4;
        _gfx = XGraphics.FromPdfPage(_page);
        DrawDiagonalMark();
        DrawHeader();
        _y = ContentTop;
    }

    /// <summary>The recipient's name and the date across the page, light, beneath everything else.</summary>
    private void DrawDiagonalMark()
    {
        const double preferredSize = 40;
        var mark = _recipient.DiagonalMark;
        var diagonal = Math.Sqrt((PageWidth * PageWidth) + (PageHeight * PageHeight));
        var measured = Gfx.MeasureString(mark, Font(preferredSize, XFontStyleEx.Bold)).Width;
        var size = Math.Clamp(preferredSize * diagonal * 0.72 / Math.Max(measured, 1), 12, preferredSize);
        var font = Font(size, XFontStyleEx.Bold);
        var center = new XPoint(PageWidth / 2, PageHeight / 2);
        var angle = -Math.Atan2(PageHeight, PageWidth) * 180 / Math.PI;
        var state = Gfx.Save();
        Gfx.RotateAtTransform(angle, center);
        // The trailing space ends the rotated "word" for text extractors: without it poppler's
        // pdftotext -nodiag takes the next word drawn on the page for part of the mark and drops it.
        Gfx.DrawString(mark + " ", font, new XSolidBrush(MarkInk), center, XStringFormats.Center);
        Gfx.Restore(state);
    }

    private void DrawHeader()
    {
        var width = ContentWidth;
        Gfx.DrawString(_officeName, _smallBold, new XSolidBrush(Ink), new XRect(Margin, HeaderTop, width / 2, 12), XStringFormats.TopLeft);
        Gfx.DrawString(_documentTitle, _small, new XSolidBrush(Muted), new XRect(Margin + (width / 2), HeaderTop, width / 2, 12), XStringFormats.TopRight);
        Gfx.DrawLine(new XPen(Rule, 0.6), Margin, HeaderTop + 16, Margin + width, HeaderTop + 16);
    }

    private void DrawFooter(XGraphics gfx, PdfPage page, int number, int count)
    {
        var width = page.Width.Point - (2 * Margin);
        var top = page.Height.Point - FooterHeight;
        gfx.DrawLine(new XPen(Rule, 0.6), Margin, top, Margin + width, top);
        var y = top + 4;
        var lineHeight = LineHeight(_footer);
        foreach (var line in Wrap(_recipient.FooterLine, _footer, width, gfx))
        {
            gfx.DrawString(line, _footer, new XSolidBrush(Muted), new XRect(Margin, y, width, lineHeight), XStringFormats.TopCenter);
            y += lineHeight;
        }

        gfx.DrawString($"Página {number} de {count}", _small, new XSolidBrush(Muted), new XRect(Margin, y + 2, width, LineHeight(_small)), XStringFormats.TopRight);
    }

    private List<string> Wrap(string text, XFont font, double width, XGraphics? gfx = null)
    {
        gfx ??= Gfx;
        var lines = new List<string>();
        foreach (var paragraph in Normalize(text).Split('\n'))
        {
            var line = new StringBuilder();
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : $"{line} {word}";
                if (gfx.MeasureString(candidate, font).Width <= width)
                {
                    line.Clear().Append(candidate);
                    continue;
                }

                if (line.Length > 0)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                }

                var rest = word;
                while (gfx.MeasureString(rest, font).Width > width)
                {
                    var cut = LongestFittingPrefix(rest, font, width, gfx);
                    lines.Add(rest[..cut]);
                    rest = rest[cut..];
                }

                line.Append(rest);
            }

            lines.Add(line.ToString());
        }

        return lines;
    }

    /// <summary>For a word wider than the line (a long URL, a run without spaces): how many characters fit.</summary>
    private static int LongestFittingPrefix(string word, XFont font, double width, XGraphics gfx)
    {
        int low = 1, high = word.Length - 1;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (gfx.MeasureString(word[..middle], font).Width <= width)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return low > 1 && char.IsHighSurrogate(word[low - 1]) ? low - 1 : low;
    }

    /// <summary>Line breaks to \n, tabs and other control characters to spaces.</summary>
    private static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n'))
        {
            builder.Append(c == '\n' || !char.IsControl(c) ? c : ' ');
        }

        return builder.ToString();
    }
}
