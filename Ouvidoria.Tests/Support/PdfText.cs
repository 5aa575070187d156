using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Ouvidoria.Infrastructure.Pdf;

namespace Ouvidoria.Tests.Support;

/// <summary>
/// Reads generated PDFs back with poppler-utils (<c>pdftotext</c>, <c>pdfinfo</c>; installed by
/// scripts/test.sh), as an independent reader would: what they print is what a person can copy
/// out of the document.
/// </summary>
public static partial class PdfText
{
    /// <summary>
    /// The text of the whole document, or of page <paramref name="page"/> (1-based). Diagonal text
    /// (the recipient's mark across each page) is left out unless <paramref name="withDiagonal"/>:
    /// pdftotext cuts rotated text into fragments that would land between the words of the body.
    /// </summary>
    public static string Extract(byte[] pdf, int? page = null, bool layout = false, bool withDiagonal = false)
    {
        var arguments = new List<string> { "-enc", "UTF-8" };
        if (layout)
        {
            arguments.Add("-layout");
        }

        if (!withDiagonal)
        {
            arguments.Add("-nodiag");
        }

        if (page is { } number)
        {
            arguments.AddRange(["-f", number.ToString(), "-l", number.ToString()]);
        }

        return Run("pdftotext", pdf, arguments, "-");
    }

    /// <summary>The text with every run of whitespace (line breaks included) as one space; with <paramref name="layout"/>, label-value rows read "label value".</summary>
    public static string Flat(byte[] pdf, int? page = null, bool layout = false) => FlatText(Extract(pdf, page, layout));

    /// <summary>
    /// The running text across pages: each page flattened, without the repeated header and footer
    /// (<paramref name="furniture"/> strings and "Página N de T"), so a sentence cut by a page break
    /// reads whole again.
    /// </summary>
    public static string FlatBody(byte[] pdf, params string[] furniture)
    {
        var pages = PageCount(pdf);
        var body = new StringBuilder();
        for (var page = 1; page <= pages; page++)
        {
            var text = Flat(pdf, page).Replace($"Página {page} de {pages}", " ", StringComparison.Ordinal);
            foreach (var repeated in furniture)
            {
                text = text.Replace(FlatText(repeated), " ", StringComparison.Ordinal);
            }

            body.Append(text).Append(' ');
        }

        return FlatText(body.ToString()).Trim();
    }

    /// <summary>
    /// The characters of the page's diagonal text, sorted, whitespace left out: what pdftotext reads
    /// with diagonal text minus what it reads without it.
    /// </summary>
    public static string DiagonalCharacters(byte[] pdf, int page)
    {
        var remaining = Extract(pdf, page, withDiagonal: true).Where(c => !char.IsWhiteSpace(c)).ToList();
        foreach (var c in Extract(pdf, page).Where(c => !char.IsWhiteSpace(c)))
        {
            Assert.True(remaining.Remove(c), $"'{c}' is read without the diagonal text but not with it.");
        }

        return SortedCharacters(new string([.. remaining]));
    }

    /// <summary>
    /// Every page carries the recipient's footer line, its "Página N de T" and the diagonal mark
    /// with the name and the date. Returns the page count.
    /// </summary>
    public static int AssertEveryPageMarked(byte[] pdf, PdfRecipient recipient)
    {
        var pages = PageCount(pdf);
        for (var page = 1; page <= pages; page++)
        {
            var text = Flat(pdf, page);
            Assert.Contains(FlatText(recipient.FooterLine), text, StringComparison.Ordinal);
            Assert.Contains($"Página {page} de {pages}", text, StringComparison.Ordinal);
            Assert.Equal(SortedCharacters(recipient.Name + recipient.GeneratedAt + "·"), DiagonalCharacters(pdf, page));
        }

        return pages;
    }

    /// <summary>The non-whitespace characters of <paramref name="text"/>, sorted (to compare with <see cref="DiagonalCharacters"/>).</summary>
    public static string SortedCharacters(string text) =>
        new([.. text.Where(c => !char.IsWhiteSpace(c)).Order()]);

    public static int PageCount(byte[] pdf)
    {
        var info = Run("pdfinfo", pdf, [], null);
        var match = Regex.Match(info, @"^Pages:\s+(\d+)", RegexOptions.Multiline);
        Assert.True(match.Success, "pdfinfo printed no page count:\n" + info);
        return int.Parse(match.Groups[1].Value);
    }

    /// <summary>Collapses whitespace the same way <see cref="Flat"/> does, for expected strings.</summary>
    public static string FlatText(string text) => Whitespace().Replace(text, " ");

    private static string Run(string tool, byte[] pdf, IEnumerable<string> arguments, string? output)
    {
        var file = Path.Combine(Path.GetTempPath(), $"ouvidoria-test-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            var start = new ProcessStartInfo(tool)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                StandardOutputEncoding = Encoding.UTF8,
                UseShellExecute = false,
            };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            start.ArgumentList.Add(file);
            if (output is not null)
            {
                start.ArgumentList.Add(output);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start (poppler-utils is installed by scripts/test.sh).");
            var stderr = process.StandardError.ReadToEndAsync();
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"{tool} failed ({process.ExitCode}): {stderr.Result}");
            Assert.True(string.IsNullOrWhiteSpace(stderr.Result), $"{tool} reported problems in the PDF: {stderr.Result}");
            return text;
        }
        finally
        {
            File.Delete(file);
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
