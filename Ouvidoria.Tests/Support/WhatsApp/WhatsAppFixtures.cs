namespace Ouvidoria.Tests.Support.WhatsApp;

/// <summary>
/// The shared webhook payloads in <c>shared/fixtures/whatsapp</c>, found by walking up from the test
/// binaries (the repository's parent folder holds <c>shared/</c>).
/// </summary>
public static class WhatsAppFixtures
{
    private static readonly Lazy<string> Folder = new(Locate);

    public static string Directory => Folder.Value;

    /// <summary>Every <c>*.json</c> fixture, by file name.</summary>
    public static IReadOnlyList<string> All =>
        System.IO.Directory.GetFiles(Directory, "*.json").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();

    /// <summary>The exact bytes of a fixture (what Meta signs).</summary>
    public static byte[] Bytes(string fileName) => File.ReadAllBytes(Path.Combine(Directory, fileName));

    public static string Text(string fileName) => File.ReadAllText(Path.Combine(Directory, fileName));

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared", "fixtures", "whatsapp"), Path.Combine(dir.FullName, "..", "shared", "fixtures", "whatsapp") })
            {
                if (System.IO.Directory.Exists(candidate))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }

        throw new InvalidOperationException(
            $"WhatsApp fixtures not found: no 'shared/fixtures/whatsapp' or '../shared/fixtures/whatsapp' above '{AppContext.BaseDirectory}'. "
            + "The tests expect the repository (or worktree) to sit next to the 'shared' folder.");
    }
}
