using System.Text;

namespace Ouvidoria.Web.Features.Reports;

/// <summary>
/// CSV for Brazilian Excel: UTF-8 with BOM, ';' separator, CRLF, quotes where needed. A cell that
/// would start a formula (=, +, -, @) is prefixed with an apostrophe (CSV injection).
/// </summary>
public sealed class ReportCsv
{
    private readonly StringBuilder _text = new();

    public static readonly Encoding Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    public ReportCsv Row(params IEnumerable<string?> cells)
    {
        _text.Append(string.Join(';', cells.Select(Escape))).Append("\r\n");
        return this;
    }

    public ReportCsv Blank()
    {
        _text.Append("\r\n");
        return this;
    }

    public byte[] ToBytes() => [.. Encoding.GetPreamble(), .. Encoding.GetBytes(_text.ToString())];

    private static string Escape(string? value)
    {
        var text = value ?? string.Empty;
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@')
        {
            text = "'" + text;
        }

        return text.IndexOfAny([';', '"', '\r', '\n']) >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
    }
}
