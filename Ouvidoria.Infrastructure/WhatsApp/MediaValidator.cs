using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Storage;

namespace Ouvidoria.Infrastructure.WhatsApp;

/// <summary>The verdict on a received file; <see cref="Reason"/> is a pt-BR sentence for the citizen.</summary>
public sealed record MediaValidationResult(bool IsValid, string? Reason)
{
    public static MediaValidationResult Ok { get; } = new(true, null);

    public static MediaValidationResult Reject(string reason) => new(false, reason);
}

/// <summary>
/// Checks a file received over WhatsApp before we keep it: the kind's size limit (Cloud API limits,
/// documents capped at the manifestation's 30 MB), the declared MIME type against the kind's allow-list,
/// and the declared type against the file's magic bytes (a renamed executable is not an image): the
/// sniffing is <see cref="FileContentInspector"/>'s, shared with every other channel.
/// </summary>
public static class MediaValidator
{
    /// <summary>How many leading bytes <see cref="Validate"/> looks at (the text check scans them all).</summary>
    public const int HeaderBytes = 4096;

    private const long MiB = 1024 * 1024;

    private static readonly Dictionary<string, FileFormat> Signatures = new(StringComparer.Ordinal)
    {
        ["image/jpeg"] = FileFormat.Jpeg,
        ["image/png"] = FileFormat.Png,
        ["audio/aac"] = FileFormat.Aac,
        ["audio/amr"] = FileFormat.Amr,
        ["audio/mpeg"] = FileFormat.Mp3,
        ["audio/mp4"] = FileFormat.IsoMedia,
        ["audio/ogg"] = FileFormat.Ogg,
        ["video/mp4"] = FileFormat.IsoMedia,
        ["video/3gpp"] = FileFormat.IsoMedia,
        ["application/pdf"] = FileFormat.Pdf,
        ["text/plain"] = FileFormat.Text,
        ["text/csv"] = FileFormat.Text,
        ["application/rtf"] = FileFormat.Rtf,
        ["text/rtf"] = FileFormat.Rtf,
        ["application/msword"] = FileFormat.Ole2,
        ["application/vnd.ms-excel"] = FileFormat.Ole2,
        ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"] = FileFormat.OfficeOpenXml,
        ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"] = FileFormat.OfficeOpenXml,
        ["application/vnd.oasis.opendocument.text"] = FileFormat.OpenDocument,
        ["application/vnd.oasis.opendocument.spreadsheet"] = FileFormat.OpenDocument,
        ["application/zip"] = FileFormat.Zip,
    };

    private static readonly string[] ImageTypes = ["image/jpeg", "image/png"];
    private static readonly string[] AudioTypes = ["audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg"];
    private static readonly string[] VideoTypes = ["video/mp4", "video/3gpp"];
    private static readonly string[] DocumentTypes =
    [
        "application/pdf", "text/plain", "text/csv", "application/rtf", "text/rtf",
        "application/msword", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.oasis.opendocument.text", "application/vnd.ms-excel",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.oasis.opendocument.spreadsheet", "application/zip",
    ];

    /// <summary>The byte limit of a media kind (documents: 100 MB on WhatsApp, 30 MB for a manifestation).</summary>
    public static long MaxBytes(IncomingMessageKind kind) => kind switch
    {
        IncomingMessageKind.Image => 5 * MiB,
        IncomingMessageKind.Audio or IncomingMessageKind.Video => 16 * MiB,
        IncomingMessageKind.Document => Math.Min(100 * MiB, AttachmentPolicy.MaxTotalBytes),
        _ => throw NotMedia(kind),
    };

    /// <summary>The accepted MIME types (without parameters) of a media kind.</summary>
    public static IReadOnlyList<string> AllowedMimeTypes(IncomingMessageKind kind) => kind switch
    {
        IncomingMessageKind.Image => ImageTypes,
        IncomingMessageKind.Audio => AudioTypes,
        IncomingMessageKind.Video => VideoTypes,
        IncomingMessageKind.Document => DocumentTypes,
        _ => throw NotMedia(kind),
    };

    /// <summary>
    /// Validates a file of <paramref name="sizeBytes"/> bytes whose first bytes (up to
    /// <see cref="HeaderBytes"/>; fewer only if the file is shorter) are <paramref name="header"/>.
    /// MIME parameters (<c>audio/ogg; codecs=opus</c>) and case are ignored.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="kind"/> is not image, audio, video or document.</exception>
    public static MediaValidationResult Validate(IncomingMessageKind kind, string? declaredMimeType, ReadOnlySpan<byte> header, long sizeBytes)
    {
        var max = MaxBytes(kind);
        var (noun, invalid, formats) = Texts(kind);

        if (sizeBytes <= 0 || header.IsEmpty)
        {
            return MediaValidationResult.Reject("O arquivo enviado está vazio.");
        }

        if (sizeBytes > max)
        {
            return MediaValidationResult.Reject($"{noun} passa do limite de {max / MiB} MB.");
        }

        var mime = Normalize(declaredMimeType);
        if (mime is null || !AllowedMimeTypes(kind).Contains(mime) || !Signatures.TryGetValue(mime, out var matches))
        {
            return MediaValidationResult.Reject(formats);
        }

        var head = header[..Math.Min(header.Length, HeaderBytes)];
        return FileContentInspector.ExecutableKind(head) is null && FileContentInspector.Matches(matches, head)
            ? MediaValidationResult.Ok
            : MediaValidationResult.Reject(invalid);
    }

    private static (string Noun, string Invalid, string Formats) Texts(IncomingMessageKind kind) => kind switch
    {
        IncomingMessageKind.Image => (
            "A imagem enviada",
            "O arquivo enviado não é uma imagem válida.",
            "Formato de imagem não aceito. Envie uma foto em JPEG ou PNG."),
        IncomingMessageKind.Audio => (
            "O áudio enviado",
            "O arquivo enviado não é um áudio válido.",
            "Formato de áudio não aceito. Envie AAC, AMR, MP3, M4A ou OGG (Opus)."),
        IncomingMessageKind.Video => (
            "O vídeo enviado",
            "O arquivo enviado não é um vídeo válido.",
            "Formato de vídeo não aceito. Envie MP4 ou 3GP."),
        IncomingMessageKind.Document => (
            "O documento enviado",
            "O arquivo enviado não é um documento válido.",
            "Formato de documento não aceito. Envie PDF, texto, documento, planilha (DOC, DOCX, ODT, RTF, XLS, XLSX, ODS, CSV) ou ZIP."),
        _ => throw NotMedia(kind),
    };

    private static string? Normalize(string? mime)
    {
        if (string.IsNullOrWhiteSpace(mime))
        {
            return null;
        }

        var semicolon = mime.IndexOf(';');
        return (semicolon >= 0 ? mime[..semicolon] : mime).Trim().ToLowerInvariant();
    }

    private static ArgumentException NotMedia(IncomingMessageKind kind) =>
        new($"{kind} is not a media kind (image, audio, video or document).", nameof(kind));
}
