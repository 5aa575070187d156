namespace Ouvidoria.Infrastructure.WhatsApp;

/// <summary>
/// The answer of <c>GET /{version}/{media-id}</c>. <see cref="Url"/> is short-lived (~5 minutes) and needs
/// the bearer token; <see cref="Sha256"/> is kept as given (hex or base64).
/// </summary>
public sealed record MediaMetadata(string Id, Uri Url, string MimeType, string Sha256, long FileSize);

public enum MediaDownloadStatus
{
    Ok,

    /// <summary>Declared or actual size above the caller's maximum; the download was stopped.</summary>
    TooLarge,

    /// <summary>The bytes do not hash to the metadata's sha256.</summary>
    HashMismatch,

    /// <summary>HTTP error, network error, timeout or unusable metadata.</summary>
    Failed,
}

/// <summary>
/// The outcome of a download. On anything but <see cref="MediaDownloadStatus.Ok"/> the destination may
/// hold a partial or untrusted copy: the caller must discard it.
/// </summary>
public sealed record MediaDownloadResult(MediaDownloadStatus Status, long BytesWritten, string? Reason = null)
{
    public bool IsOk => Status == MediaDownloadStatus.Ok;
}

/// <summary>A Graph API call (other than a send) failed. Never carries phone numbers.</summary>
public sealed class GraphApiException : Exception
{
    public GraphApiException(string message, int? httpStatus, int? errorCode, bool isTransient, Exception? innerException = null)
        : base(message, innerException)
    {
        HttpStatus = httpStatus;
        ErrorCode = errorCode;
        IsTransient = isTransient;
    }

    public int? HttpStatus { get; }

    public int? ErrorCode { get; }

    /// <summary>True for 5xx, throttling, timeouts and network errors.</summary>
    public bool IsTransient { get; }
}
