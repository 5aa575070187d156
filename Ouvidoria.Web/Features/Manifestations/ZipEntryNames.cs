using Ouvidoria.Domain.Manifestations;

namespace Ouvidoria.Web.Features.Manifestations;

/// <summary>Safe, unique entry names for "Baixar todos": no folders, no characters Windows refuses, "nome (2).pdf" for repeats.</summary>
public static class ZipEntryNames
{
    private static readonly char[] Invalid = ['<', '>', ':', '"', '/', '\\', '|', '?', '*'];

    public static IReadOnlyList<string> For(IEnumerable<string> fileNames)
    {
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var names = new List<string>();
        foreach (var fileName in fileNames)
        {
            var safe = Safe(fileName);
            var stem = Path.GetFileNameWithoutExtension(safe);
            var extension = Path.GetExtension(safe);
            var candidate = safe;
            for (var n = 2; !used.Add(candidate); n++)
            {
                candidate = $"{stem} ({n}){extension}";
            }

            names.Add(candidate);
        }

        return names;
    }

    private static string Safe(string fileName)
    {
        string name;
        try
        {
            name = AttachmentPolicy.SanitizeFileName(fileName);
        }
        catch (Ouvidoria.Domain.Common.DomainException)
        {
            name = "anexo";
        }

        name = string.Concat(name.Select(c => Array.IndexOf(Invalid, c) >= 0 ? '_' : c)).TrimEnd('.', ' ');
        return name.Length == 0 ? "anexo" : name;
    }
}
