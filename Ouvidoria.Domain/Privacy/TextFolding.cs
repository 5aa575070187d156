using System.Text;

namespace Ouvidoria.Domain.Privacy;

/// <summary>
/// Accent- and case-insensitive comparison that keeps offsets: every character folds to exactly one
/// character (lower case, diacritics removed: "Á" → 'a', "ç" → 'c').
/// </summary>
internal static class TextFolding
{
    /// <summary>Basic Latin to Latin Extended-B: every letter Portuguese (and most names) uses.</summary>
    private const int TableSize = 0x250;

    private static readonly char[] Table = BuildTable();

    public static char Fold(char c) => c < TableSize ? Table[c] : char.ToLowerInvariant(c);

    public static string Fold(string text)
    {
        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = Fold(source[i]);
            }
        });
    }

    private static char[] BuildTable()
    {
        var table = new char[TableSize];
        for (var i = 0; i < TableSize; i++)
        {
            var c = (char)i;
            var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
            table[i] = char.ToLowerInvariant(decomposed.Length > 0 ? decomposed[0] : c);
        }

        return table;
    }
}
