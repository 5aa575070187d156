using System.IO.Compression;
using System.Text;
using Ouvidoria.Domain.Manifestations;

namespace Ouvidoria.Infrastructure.Storage;

/// <summary>A content family recognised by its leading bytes (magic numbers).</summary>
public enum FileFormat
{
    Text,
    Pdf,
    Rtf,

    /// <summary>OLE compound file (DOC, XLS, PPT).</summary>
    Ole2,

    /// <summary>A ZIP whose directory says it is a Word/Excel/PowerPoint document (DOCX, XLSX, PPTX).</summary>
    OfficeOpenXml,

    /// <summary>A ZIP whose <c>mimetype</c> entry says it is an OpenDocument (ODT, ODS, ODP).</summary>
    OpenDocument,
    Zip,
    Jpeg,
    Png,
    Gif,
    Bmp,
    Mp3,

    /// <summary>ISO base media (MP4, M4A, 3GP): an <c>ftyp</c> box first.</summary>
    IsoMedia,
    Avi,
    Aac,
    Amr,
    Ogg,
}

/// <summary>
/// The verdict on a file's content. <see cref="Reason"/> is a pt-BR sentence naming the file;
/// <see cref="ContentType"/> is the canonical MIME type of the extension (what we store and serve,
/// never what the uploader declared).
/// </summary>
public sealed record ContentVerdict(string? Reason, string ContentType)
{
    public bool IsAccepted => Reason is null;

    public static ContentVerdict Refuse(string reason) => new(reason, "application/octet-stream");
}

/// <summary>
/// One content check for every channel (web form, treatment thread, web chat, WhatsApp): the
/// extension must be on <see cref="AttachmentPolicy.AllowedExtensions"/>, the declared MIME type and
/// the magic bytes must agree with it, and executables are refused whatever their name.
/// ZIP-based files are checked from their central directory WITHOUT extracting anything: at most
/// <see cref="MaxZipEntries"/> entries, at most <see cref="MaxZipExpandedBytes"/> declared
/// uncompressed bytes, no absolute or <c>..</c> entry names, no executables inside.
/// </summary>
/// <remarks>
/// The ZIP limits read the sizes each entry DECLARES in the central directory; a forged header could
/// lie about them. That suffices because the system never extracts an archive: the ZIP is stored
/// (encrypted) and handed back as it came, so a lying bomb can only hurt whoever extracts it, and
/// the declared sizes are exactly what an honest unzip tool shows the person about to do so. The
/// only entries we ever decompress are the tiny <c>mimetype</c> of OpenDocument files, read with a
/// hard byte cap.
/// </remarks>
public static class FileContentInspector
{
    /// <summary>How many leading bytes <see cref="CheckHead"/> needs (fewer only if the file is shorter).</summary>
    public const int HeaderBytes = 4096;

    public const int MaxZipEntries = 100;

    public const long MaxZipExpandedBytes = 100L * 1024 * 1024;

    /// <summary>Office containers hold many small parts; they get the same expansion limit and a looser count.</summary>
    public const int MaxContainerEntries = 1000;

    private static readonly string[] GenericTypes = ["", "application/octet-stream", "binary/octet-stream", "application/x-download", "application/force-download"];

    private static readonly HashSet<string> ExecutableExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".exe", ".dll", ".com", ".scr", ".pif", ".cpl", ".msi", ".msp", ".bat", ".cmd", ".ps1", ".psm1", ".vbs", ".vbe",
        ".js", ".jse", ".wsf", ".wsh", ".hta", ".jar", ".sh", ".bash", ".elf", ".bin", ".run", ".apk", ".app", ".lnk",
        ".reg", ".sys", ".drv", ".ocx", ".so", ".dylib", ".py", ".pl", ".rb", ".php", ".appimage", ".deb", ".rpm", ".dmg", ".iso",
    };

    private static readonly Dictionary<string, Rule> Rules = new(StringComparer.OrdinalIgnoreCase)
    {
        [".txt"] = new("texto", "text/plain", [FileFormat.Text], ["text/*"]),
        [".csv"] = new("planilha CSV", "text/csv", [FileFormat.Text], ["text/*", "application/csv", "application/vnd.ms-excel"]),
        [".pdf"] = new("PDF", "application/pdf", [FileFormat.Pdf], ["application/pdf", "application/x-pdf"]),
        [".rtf"] = new("RTF", "application/rtf", [FileFormat.Rtf], ["application/rtf", "text/rtf", "application/msword"]),
        [".doc"] = new("documento do Word", "application/msword", [FileFormat.Ole2, FileFormat.Rtf], ["application/msword", "application/rtf"]),
        [".xls"] = new("planilha do Excel", "application/vnd.ms-excel", [FileFormat.Ole2], ["application/vnd.ms-excel", "application/excel", "application/x-excel"]),
        [".ppt"] = new("apresentação do PowerPoint", "application/vnd.ms-powerpoint", [FileFormat.Ole2], ["application/vnd.ms-powerpoint", "application/mspowerpoint"]),
        [".docx"] = new("documento do Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", [FileFormat.OfficeOpenXml], ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"], "word/document.xml"),
        [".xlsx"] = new("planilha do Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [FileFormat.OfficeOpenXml], ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"], "xl/workbook.xml"),
        [".pptx"] = new("apresentação do PowerPoint", "application/vnd.openxmlformats-officedocument.presentationml.presentation", [FileFormat.OfficeOpenXml], ["application/vnd.openxmlformats-officedocument.presentationml.presentation"], "ppt/presentation.xml"),
        [".odt"] = new("documento ODT", "application/vnd.oasis.opendocument.text", [FileFormat.OpenDocument], ["application/vnd.oasis.opendocument.text"], "application/vnd.oasis.opendocument.text"),
        [".ods"] = new("planilha ODS", "application/vnd.oasis.opendocument.spreadsheet", [FileFormat.OpenDocument], ["application/vnd.oasis.opendocument.spreadsheet"], "application/vnd.oasis.opendocument.spreadsheet"),
        [".odp"] = new("apresentação ODP", "application/vnd.oasis.opendocument.presentation", [FileFormat.OpenDocument], ["application/vnd.oasis.opendocument.presentation"], "application/vnd.oasis.opendocument.presentation"),
        [".jpg"] = new("imagem JPEG", "image/jpeg", [FileFormat.Jpeg], ["image/jpeg", "image/pjpeg", "image/jpg"]),
        [".jpeg"] = new("imagem JPEG", "image/jpeg", [FileFormat.Jpeg], ["image/jpeg", "image/pjpeg", "image/jpg"]),
        [".png"] = new("imagem PNG", "image/png", [FileFormat.Png], ["image/png", "image/x-png"]),
        [".gif"] = new("imagem GIF", "image/gif", [FileFormat.Gif], ["image/gif"]),
        [".bmp"] = new("imagem BMP", "image/bmp", [FileFormat.Bmp], ["image/bmp", "image/x-bmp", "image/x-ms-bmp"]),
        [".mp3"] = new("áudio MP3", "audio/mpeg", [FileFormat.Mp3], ["audio/mpeg", "audio/mp3", "audio/mpeg3", "audio/x-mpeg-3"]),
        [".mp4"] = new("vídeo MP4", "video/mp4", [FileFormat.IsoMedia], ["video/mp4", "audio/mp4", "application/mp4"]),
        [".avi"] = new("vídeo AVI", "video/x-msvideo", [FileFormat.Avi], ["video/x-msvideo", "video/avi", "video/msvideo"]),
        [".zip"] = new("ZIP", "application/zip", [FileFormat.Zip], ["application/zip", "application/x-zip-compressed", "application/x-zip", "multipart/x-zip"]),
    };

    /// <summary>Whether the leading bytes <paramref name="head"/> look like <paramref name="format"/>.</summary>
    public static bool Matches(FileFormat format, ReadOnlySpan<byte> head) => format switch
    {
        FileFormat.Text => IsText(head),
        FileFormat.Pdf => head.StartsWith("%PDF-"u8),
        FileFormat.Rtf => head.StartsWith(@"{\rtf"u8),
        FileFormat.Ole2 => head.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]),
        FileFormat.OfficeOpenXml or FileFormat.OpenDocument or FileFormat.Zip => head.StartsWith("PK\x03\x04"u8),
        FileFormat.Jpeg => head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]),
        FileFormat.Png => head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        FileFormat.Gif => head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8),
        // "BM", then the file size, then four reserved bytes that are zero.
        FileFormat.Bmp => head.Length >= 14 && head.StartsWith("BM"u8) && head[6..10].IndexOfAnyExcept((byte)0) < 0,
        FileFormat.Mp3 => head.StartsWith("ID3"u8) || IsMpegAudioFrame(head),
        FileFormat.IsoMedia => head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8),
        FileFormat.Avi => head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("AVI "u8),
        FileFormat.Aac => IsAdts(head) || head.StartsWith("ADIF"u8),
        FileFormat.Amr => head.StartsWith("#!AMR"u8),
        FileFormat.Ogg => head.StartsWith("OggS"u8) && head[..Math.Min(head.Length, 512)].IndexOf("OpusHead"u8) >= 0,
    };

    /// <summary>A program (Windows PE/MZ, Linux ELF, macOS Mach-O) or a script with a shebang, or null.</summary>
    public static string? ExecutableKind(ReadOnlySpan<byte> head)
    {
        // A text may start with "MZ" ("MZ Transportes;..."); a DOS/PE header has binary bytes right away.
        if (head.StartsWith("MZ"u8) && !IsText(head[..Math.Min(head.Length, 64)]))
        {
            return "programa do Windows";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x7F, 0x45, 0x4C, 0x46]))
        {
            return "programa do Linux";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xED, 0xFA, 0xCE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xED, 0xFA, 0xCF])
            || head.StartsWith((ReadOnlySpan<byte>)[0xCE, 0xFA, 0xED, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xCF, 0xFA, 0xED, 0xFE])
            || head.StartsWith((ReadOnlySpan<byte>)[0xCA, 0xFE, 0xBA, 0xBE]))
        {
            return "programa do macOS ou Java";
        }

        var text = head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? head[3..] : head;
        return text.StartsWith("#!"u8) && !text.StartsWith("#!AMR"u8) ? "script" : null;
    }

    /// <summary>Whether <see cref="Inspect"/> reads more than the head (ZIP directories, the whole text).</summary>
    public static bool NeedsFullInspection(string fileName) =>
        Rules.TryGetValue(Path.GetExtension(fileName), out var rule)
        && rule.Formats.Any(f => f is FileFormat.Zip or FileFormat.OfficeOpenXml or FileFormat.OpenDocument or FileFormat.Text);

    /// <summary>
    /// The quick check, on the first <see cref="HeaderBytes"/> bytes only: run it before anything is
    /// written. <paramref name="fileName"/> is the display name (already sanitized).
    /// </summary>
    public static ContentVerdict CheckHead(string fileName, string? declaredType, ReadOnlySpan<byte> head)
    {
        var extension = Path.GetExtension(fileName);
        if (!Rules.TryGetValue(extension, out var rule) || !AttachmentPolicy.AllowedExtensions.Contains(extension))
        {
            return ContentVerdict.Refuse($"Tipo de arquivo não permitido: \"{fileName}\". Envie texto, PDF, documentos de escritório, imagens, planilhas, MP3, MP4, AVI ou ZIP.");
        }

        if (head.IsEmpty)
        {
            return ContentVerdict.Refuse($"O arquivo \"{fileName}\" está vazio.");
        }

        if (ExecutableKind(head) is { } kind)
        {
            return ContentVerdict.Refuse($"O arquivo \"{fileName}\" é um {kind} (executável) e não é aceito, qualquer que seja o nome.");
        }

        if (FirstMatch(rule, head) is null)
        {
            return ContentVerdict.Refuse($"O conteúdo do arquivo \"{fileName}\" não corresponde a um(a) {rule.Label}, como indica a extensão {extension.ToLowerInvariant()}.");
        }

        var declared = Normalize(declaredType);
        if (!GenericTypes.Contains(declared) && !rule.DeclaredTypes.Any(t => t.EndsWith("/*", StringComparison.Ordinal) ? declared.StartsWith(t[..^1], StringComparison.Ordinal) : t == declared))
        {
            return ContentVerdict.Refuse($"O arquivo \"{fileName}\" foi enviado como \"{declared}\", o que não corresponde à extensão {extension.ToLowerInvariant()}.");
        }

        return new ContentVerdict(null, rule.ContentType);
    }

    /// <summary>
    /// The full check on a seekable stream positioned anywhere: <see cref="CheckHead"/>, then the
    /// ZIP directory (entries, declared sizes, names, the Office/OpenDocument part that proves the
    /// type) or, for text, every byte. Leaves the stream at an unspecified position.
    /// </summary>
    public static ContentVerdict Inspect(string fileName, string? declaredType, Stream content)
    {
        if (!content.CanSeek)
        {
            throw new ArgumentException("A inspeção completa precisa de um stream posicionável.", nameof(content));
        }

        content.Position = 0;
        var head = new byte[HeaderBytes];
        var length = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var verdict = CheckHead(fileName, declaredType, head.AsSpan(0, length));
        if (!verdict.IsAccepted)
        {
            return verdict;
        }

        var rule = Rules[Path.GetExtension(fileName)];
        var format = FirstMatch(rule, head.AsSpan(0, length))!.Value;
        content.Position = 0;
        var problem = format switch
        {
            FileFormat.Text => CheckWholeText(fileName, content),
            FileFormat.Zip or FileFormat.OfficeOpenXml or FileFormat.OpenDocument => CheckZip(fileName, rule, format, content),
            _ => null,
        };
        return problem is null ? verdict : ContentVerdict.Refuse(problem);
    }

    private static FileFormat? FirstMatch(Rule rule, ReadOnlySpan<byte> head)
    {
        foreach (var format in rule.Formats)
        {
            if (Matches(format, head))
            {
                return format;
            }
        }

        return null;
    }

    private static string? CheckZip(string fileName, Rule rule, FileFormat format, Stream content)
    {
        try
        {
            // Read mode on a seekable stream reads the central directory only; nothing is extracted.
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            var entries = zip.Entries;
            var maxEntries = format == FileFormat.Zip ? MaxZipEntries : MaxContainerEntries;
            if (entries.Count > maxEntries)
            {
                return $"O arquivo \"{fileName}\" contém {entries.Count} arquivos compactados; o limite é {maxEntries}.";
            }

            long expanded = 0;
            foreach (var entry in entries)
            {
                expanded += entry.Length;
                if (expanded > MaxZipExpandedBytes)
                {
                    return $"O arquivo \"{fileName}\" se expandiria para mais de {MaxZipExpandedBytes / (1024 * 1024)} MB ao ser descompactado e não é aceito.";
                }

                if (IsUnsafeEntryName(entry.FullName))
                {
                    return $"O arquivo \"{fileName}\" contém um caminho inválido (\"{AttachmentPolicy.SanitizeFileName(entry.FullName)}\").";
                }

                if (ExecutableExtensions.Contains(Path.GetExtension(entry.FullName)))
                {
                    return $"O arquivo \"{fileName}\" contém um programa executável (\"{entry.Name}\") e não é aceito.";
                }
            }

            var proven = format switch
            {
                FileFormat.OfficeOpenXml => zip.GetEntry("[Content_Types].xml") is not null && zip.GetEntry(rule.ProofPart!) is not null,
                FileFormat.OpenDocument => ReadMimetype(zip) == rule.ProofPart,
                _ => true,
            };
            return proven ? null : $"O conteúdo do arquivo \"{fileName}\" não corresponde a um(a) {rule.Label}, como indica a extensão {Path.GetExtension(fileName).ToLowerInvariant()}.";
        }
        catch (InvalidDataException)
        {
            return $"O arquivo \"{fileName}\" está corrompido ou não é um ZIP válido.";
        }
    }

    /// <summary>OpenDocument's first entry, <c>mimetype</c>, holds the type (read at most 100 bytes).</summary>
    private static string? ReadMimetype(ZipArchive zip)
    {
        var entry = zip.GetEntry("mimetype");
        if (entry is null || entry.Length > 100)
        {
            return null;
        }

        using var stream = entry.Open();
        var buffer = new byte[100];
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return Encoding.ASCII.GetString(buffer, 0, read).Trim();
    }

    private static bool IsUnsafeEntryName(string name)
    {
        var normalized = name.Replace('\\', '/');
        return normalized.StartsWith('/')
            || (normalized.Length >= 2 && normalized[1] == ':')
            || normalized.Split('/').Any(segment => segment == "..")
            || normalized.Any(char.IsControl);
    }

    /// <summary>Every byte of a text file: no NUL, no control characters other than tab, line and page breaks.</summary>
    private static string? CheckWholeText(string fileName, Stream content)
    {
        var buffer = new byte[81920];
        int read;
        while ((read = content.Read(buffer)) > 0)
        {
            if (!IsText(buffer.AsSpan(0, read)))
            {
                return $"O arquivo \"{fileName}\" não é um texto válido (contém bytes binários).";
            }
        }

        return null;
    }

    /// <summary>UTF-8 or Latin-1 text: no NUL and no control byte other than \t \n \v \f \r and the old EOF mark (0x1A).</summary>
    private static bool IsText(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b < 0x20 && b is not (0x09 or 0x0A or 0x0B or 0x0C or 0x0D or 0x1A))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>AAC ADTS sync: 12 bits set, layer 00 (FF F0/F1/F8/F9).</summary>
    private static bool IsAdts(ReadOnlySpan<byte> h) => h.Length >= 2 && h[0] == 0xFF && (h[1] & 0xF6) == 0xF0;

    /// <summary>MPEG audio frame sync: 11 bits set and a layer other than the reserved 00 (which is ADTS).</summary>
    private static bool IsMpegAudioFrame(ReadOnlySpan<byte> h) =>
        h.Length >= 2 && h[0] == 0xFF && (h[1] & 0xE0) == 0xE0 && (h[1] & 0x06) != 0 && (h[1] & 0x18) != 0x08;

    private static string Normalize(string? mime)
    {
        if (string.IsNullOrWhiteSpace(mime))
        {
            return string.Empty;
        }

        var semicolon = mime.IndexOf(';');
        return (semicolon >= 0 ? mime[..semicolon] : mime).Trim().ToLowerInvariant();
    }

    /// <param name="Label">pt-BR name of the type, for messages.</param>
    /// <param name="ContentType">The MIME type stored and served.</param>
    /// <param name="Formats">Magic-byte families the extension may hold.</param>
    /// <param name="DeclaredTypes">MIME types an uploader may declare (<c>text/*</c> = any text type).</param>
    /// <param name="ProofPart">OOXML: the main part that must exist; OpenDocument: the <c>mimetype</c> content.</param>
    private sealed record Rule(string Label, string ContentType, FileFormat[] Formats, string[] DeclaredTypes, string? ProofPart = null);
}
