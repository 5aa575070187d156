using Ouvidoria.Domain.Common;

namespace Ouvidoria.Domain.Manifestations;

/// <summary>Where an attachment came from.</summary>
public enum AttachmentOrigin
{
    /// <summary>Sent with the manifestation.</summary>
    Original,

    /// <summary>Sent by the citizen in a complement.</summary>
    Complement,

    /// <summary>Posted in the treatment thread by the team.</summary>
    Treatment,
}

/// <summary>Metadata of a stored file; the bytes live in the file store under <see cref="StorageKey"/>.</summary>
public sealed class Attachment
{
    private Attachment()
    {
        FileName = string.Empty;
        ContentType = string.Empty;
        StorageKey = string.Empty;
        UploadedBy = string.Empty;
    }

    internal Attachment(Guid manifestationId, string fileName, string contentType, long sizeBytes, string storageKey, AttachmentOrigin origin, string uploadedBy, Guid? messageId, DateTimeOffset now)
    {
        Id = Guid.NewGuid();
        ManifestationId = manifestationId;
        FileName = fileName;
        ContentType = contentType;
        SizeBytes = sizeBytes;
        StorageKey = storageKey;
        Origin = origin;
        UploadedBy = uploadedBy;
        MessageId = messageId;
        UploadedAt = now;
    }

    public Guid Id { get; private set; }

    public Guid ManifestationId { get; private set; }

    /// <summary>The name shown to users (sanitized; never used as a path).</summary>
    public string FileName { get; private set; }

    public string ContentType { get; private set; }

    public long SizeBytes { get; private set; }

    public string StorageKey { get; private set; }

    public AttachmentOrigin Origin { get; private set; }

    public string UploadedBy { get; private set; }

    public DateTimeOffset UploadedAt { get; private set; }

    /// <summary>The treatment-thread message this file was posted with, if any.</summary>
    public Guid? MessageId { get; private set; }
}

/// <summary>
/// Limits of the collaborator manual: 10 files and 30 MB per manifestation (citizen files). The
/// content of every file is checked against its extension by Infrastructure/Storage/FileContentInspector.
/// </summary>
public static class AttachmentPolicy
{
    public const int MaxFiles = 10;

    public const long MaxTotalBytes = 30L * 1024 * 1024;

    public static readonly IReadOnlySet<string> AllowedExtensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ".txt", ".pdf", ".doc", ".docx", ".odt", ".rtf", ".xls", ".xlsx", ".ods", ".csv", ".ppt", ".pptx", ".odp",
        ".jpg", ".jpeg", ".png", ".gif", ".bmp", ".mp3", ".mp4", ".avi", ".zip",
    };

    /// <summary>A display name without any path part or control characters.</summary>
    public static string SanitizeFileName(string fileName)
    {
        var name = fileName.Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        name = new string(name.Where(c => !char.IsControl(c)).ToArray()).Trim().TrimStart('.');
        if (name.Length == 0)
        {
            throw new DomainException("Nome de arquivo inválido.");
        }

        if (name.Length <= 120)
        {
            return name;
        }

        // Shorten the stem, never the extension (the allow-list is checked on it).
        var extension = Path.GetExtension(name);
        extension = extension.Length > 20 ? extension[..20] : extension;
        return name[..(120 - extension.Length)] + extension;
    }

    public static void EnsureAllowedExtension(string fileName)
    {
        if (!AllowedExtensions.Contains(Path.GetExtension(fileName)))
        {
            throw new DomainException($"Tipo de arquivo não permitido: \"{fileName}\". Envie texto, PDF, documentos de escritório, imagens, planilhas, MP3, MP4, AVI ou ZIP.");
        }
    }
}
