using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Ouvidoria.Infrastructure.WhatsApp;

/// <summary>
/// The WhatsApp Business Cloud API over the Graph API: sends text, reply-button and list messages and
/// fetches media. Limits are checked before any request (<see cref="ArgumentException"/>); send failures
/// come back as <see cref="SendResult"/> cases, never as exceptions (except caller cancellation).
/// Phone numbers never appear in exception messages or failure texts.
/// </summary>
public sealed partial class GraphApiClient
{
    public const int MaxTextLength = 4096;
    public const int MaxButtons = 3;
    public const int MaxButtonTitleLength = 20;
    public const int MaxButtonBodyLength = 1024;
    public const int MaxButtonIdLength = 256;
    public const int MaxListBodyLength = 4096;
    public const int MaxListRows = 10;
    public const int MaxRowIdLength = 200;
    public const int MaxRowTitleLength = 24;
    public const int MaxRowDescriptionLength = 72;
    public const int MaxListButtonLength = 20;

    /// <summary>Error codes that mean "slow down": throughput (130429), pair rate (131056), WABA / app rate limits (80007, 4).</summary>
    private static readonly HashSet<int> ThrottleCodes = [130429, 131056, 80007, 4];

    /// <summary>Error codes documented as temporary: unknown/service unavailable (1, 2, 131016), generic (131000).</summary>
    private static readonly HashSet<int> TransientCodes = [1, 2, 131000, 131016];

    private readonly HttpClient http;
    private readonly WhatsAppOptions options;
    private readonly TimeProvider time;
    private readonly string baseUrl;

    public GraphApiClient(HttpClient http, WhatsAppOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.AccessToken))
        {
            throw new ArgumentException("WhatsApp:AccessToken is not configured.", nameof(options));
        }

        if (string.IsNullOrWhiteSpace(options.PhoneNumberId))
        {
            throw new ArgumentException("WhatsApp:PhoneNumberId is not configured.", nameof(options));
        }

        if (!Uri.TryCreate(options.GraphBaseUrl, UriKind.Absolute, out _) || string.IsNullOrWhiteSpace(options.ApiVersion))
        {
            throw new ArgumentException("WhatsApp:GraphBaseUrl must be an absolute URL and WhatsApp:ApiVersion must be set.", nameof(options));
        }

        this.http = http;
        this.options = options;
        time = timeProvider ?? TimeProvider.System;
        baseUrl = $"{options.GraphBaseUrl.TrimEnd('/')}/{Uri.EscapeDataString(options.ApiVersion)}";
    }

    /// <summary>A free-form text (1–4096 characters); link previews are off.</summary>
    public Task<SendResult> SendTextAsync(string to, string body, CancellationToken ct = default)
    {
        RequireRecipient(to);
        RequireLength(body, MaxTextLength, nameof(body), "Text body");
        var payload = Envelope(to, "text");
        payload["text"] = new JsonObject { ["preview_url"] = false, ["body"] = body };
        return SendAsync(payload, to, ct);
    }

    /// <summary>An interactive message with 1–3 reply buttons (title ≤ 20, unique ids); body ≤ 1024.</summary>
    public Task<SendResult> SendButtonsAsync(string to, string body, IReadOnlyList<(string Id, string Title)> buttons, CancellationToken ct = default)
    {
        RequireRecipient(to);
        RequireLength(body, MaxButtonBodyLength, nameof(body), "Button message body");
        ArgumentNullException.ThrowIfNull(buttons);
        if (buttons.Count is < 1 or > MaxButtons)
        {
            throw new ArgumentException($"A button message needs 1 to {MaxButtons} buttons, not {buttons.Count}.", nameof(buttons));
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var array = new JsonArray();
        foreach (var (id, title) in buttons)
        {
            RequireLength(id, MaxButtonIdLength, nameof(buttons), "Button id");
            RequireLength(title, MaxButtonTitleLength, nameof(buttons), "Button title");
            if (!ids.Add(id))
            {
                throw new ArgumentException($"Button ids must be unique (\"{id}\" repeats).", nameof(buttons));
            }

            array.Add(new JsonObject
            {
                ["type"] = "reply",
                ["reply"] = new JsonObject { ["id"] = id, ["title"] = title },
            });
        }

        var payload = Envelope(to, "interactive");
        payload["interactive"] = new JsonObject
        {
            ["type"] = "button",
            ["body"] = new JsonObject { ["text"] = body },
            ["action"] = new JsonObject { ["buttons"] = array },
        };
        return SendAsync(payload, to, ct);
    }

    /// <summary>
    /// An interactive list with one section of 1–10 rows (title ≤ 24, description ≤ 72, unique ids),
    /// opened by a button labelled <paramref name="buttonText"/> (≤ 20); body ≤ 4096.
    /// </summary>
    public Task<SendResult> SendListAsync(string to, string body, string buttonText, IReadOnlyList<(string Id, string Title, string? Description)> rows, CancellationToken ct = default)
    {
        RequireRecipient(to);
        RequireLength(body, MaxListBodyLength, nameof(body), "List message body");
        RequireLength(buttonText, MaxListButtonLength, nameof(buttonText), "List button text");
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count is < 1 or > MaxListRows)
        {
            throw new ArgumentException($"A list message needs 1 to {MaxListRows} rows, not {rows.Count}.", nameof(rows));
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var array = new JsonArray();
        foreach (var (id, title, description) in rows)
        {
            RequireLength(id, MaxRowIdLength, nameof(rows), "Row id");
            RequireLength(title, MaxRowTitleLength, nameof(rows), "Row title");
            if (description is not null && description.Length > MaxRowDescriptionLength)
            {
                throw new ArgumentException($"Row description has {description.Length} characters; the limit is {MaxRowDescriptionLength}.", nameof(rows));
            }

            if (!ids.Add(id))
            {
                throw new ArgumentException($"Row ids must be unique (\"{id}\" repeats).", nameof(rows));
            }

            var row = new JsonObject { ["id"] = id, ["title"] = title };
            if (description is not null)
            {
                row["description"] = description;
            }

            array.Add(row);
        }

        var payload = Envelope(to, "interactive");
        payload["interactive"] = new JsonObject
        {
            ["type"] = "list",
            ["body"] = new JsonObject { ["text"] = body },
            ["action"] = new JsonObject
            {
                ["button"] = buttonText,
                ["sections"] = new JsonArray(new JsonObject { ["rows"] = array }),
            },
        };
        return SendAsync(payload, to, ct);
    }

    /// <summary>The media's short-lived download URL, type, hash and size.</summary>
    /// <exception cref="GraphApiException">The Graph API refused or could not be reached.</exception>
    public async Task<MediaMetadata> GetMediaAsync(string mediaId, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mediaId);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{baseUrl}/{Uri.EscapeDataString(mediaId)}");
        Authorize(request);

        try
        {
            using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            return ReadMediaMetadata(response, body, mediaId);
        }
        catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new GraphApiException("Timed out fetching media metadata.", null, null, isTransient: true, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new GraphApiException($"Network error fetching media metadata ({ex.HttpRequestError}).", null, null, isTransient: true, ex);
        }
    }

    /// <summary>
    /// Streams the media into <paramref name="destination"/> with the bearer token, stopping past
    /// <paramref name="maxBytes"/> and checking the SHA-256 (hex or base64 in the metadata) on the fly.
    /// On anything but Ok the destination holds an unusable copy that the caller must discard.
    /// </summary>
    public async Task<MediaDownloadResult> DownloadMediaAsync(MediaMetadata media, Stream destination, long maxBytes, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(media);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);

        if (media.FileSize > maxBytes)
        {
            return new MediaDownloadResult(MediaDownloadStatus.TooLarge, 0, $"Declared size {media.FileSize} bytes exceeds the limit of {maxBytes}.");
        }

        if (!TryDecodeSha256(media.Sha256, out var expected))
        {
            return new MediaDownloadResult(MediaDownloadStatus.Failed, 0, "The metadata's sha256 is neither 64 hex digits nor base64 of 32 bytes.");
        }

        // The bearer token must not leak over plain HTTP (loopback is allowed for tests and local proxies).
        if (media.Url.Scheme != Uri.UriSchemeHttps && !(media.Url.Scheme == Uri.UriSchemeHttp && media.Url.IsLoopback))
        {
            return new MediaDownloadResult(MediaDownloadStatus.Failed, 0, "Refusing to send the access token to a non-HTTPS media URL.");
        }

        long written = 0;
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, media.Url);
            Authorize(request);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return new MediaDownloadResult(MediaDownloadStatus.Failed, 0, $"Media download failed: HTTP {(int)response.StatusCode}.");
            }

            if (response.Content.Headers.ContentLength > maxBytes)
            {
                return new MediaDownloadResult(MediaDownloadStatus.TooLarge, 0, $"Content-Length {response.Content.Headers.ContentLength} exceeds the limit of {maxBytes}.");
            }

            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using var source = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
            int read;
            while ((read = await source.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
            {
                if (written + read > maxBytes)
                {
                    return new MediaDownloadResult(MediaDownloadStatus.TooLarge, written, $"The media exceeds the limit of {maxBytes} bytes.");
                }

                hash.AppendData(buffer, 0, read);
                await destination.WriteAsync(buffer.AsMemory(0, read), ct).ConfigureAwait(false);
                written += read;
            }

            var actual = hash.GetHashAndReset();
            return CryptographicOperations.FixedTimeEquals(actual, expected)
                ? new MediaDownloadResult(MediaDownloadStatus.Ok, written)
                : new MediaDownloadResult(MediaDownloadStatus.HashMismatch, written, "The downloaded bytes do not match the metadata's sha256.");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new MediaDownloadResult(MediaDownloadStatus.Failed, written, "Media download timed out.");
        }
        catch (HttpRequestException ex)
        {
            return new MediaDownloadResult(MediaDownloadStatus.Failed, written, $"Network error downloading media ({ex.HttpRequestError}).");
        }
        catch (IOException ex)
        {
            return new MediaDownloadResult(MediaDownloadStatus.Failed, written, $"I/O error downloading media ({ex.GetType().Name}).");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Decodes a SHA-256 given as 64 hex digits (either case) or as base64 of 32 bytes.</summary>
    public static bool TryDecodeSha256(string? value, out byte[] hash)
    {
        hash = new byte[SHA256.HashSizeInBytes];
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        value = value.Trim();
        if (value.Length == SHA256.HashSizeInBytes * 2
            && Convert.FromHexString(value, hash, out _, out var hexBytes) == OperationStatus.Done
            && hexBytes == hash.Length)
        {
            return true;
        }

        // Base64 (standard or URL-safe) of 32 bytes is 44 characters with padding, 43 without.
        var base64 = value.Replace('-', '+').Replace('_', '/');
        if (base64.Length == 43)
        {
            base64 += "=";
        }

        return base64.Length == 44 && Convert.TryFromBase64String(base64, hash, out var written) && written == hash.Length;
    }

    private async Task<SendResult> SendAsync(JsonObject payload, string to, CancellationToken ct)
    {
        var uri = $"{baseUrl}/{Uri.EscapeDataString(options.PhoneNumberId)}/messages";
        using var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        Authorize(request);

        try
        {
            using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            return Classify(response, body, to);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new SendResult.RetryableFailure("The Graph API did not answer in time.");
        }
        catch (HttpRequestException ex)
        {
            return new SendResult.RetryableFailure($"Network error reaching the Graph API ({ex.HttpRequestError}).");
        }
    }

    private SendResult Classify(HttpResponseMessage response, string body, string to)
    {
        var status = (int)response.StatusCode;
        var (code, message) = ReadError(body);
        if (response.StatusCode == HttpStatusCode.TooManyRequests || (code is { } throttle && ThrottleCodes.Contains(throttle)))
        {
            return new SendResult.Throttled(RetryAfter(response));
        }

        if (response.IsSuccessStatusCode)
        {
            return ReadMessageId(body) is { } id
                ? new SendResult.Sent(id)
                // Accepted but unreadable: do not retry (it may have been delivered), surface it.
                : new SendResult.PermanentFailure(null, $"HTTP {status} without messages[0].id in the answer.");
        }

        var text = $"HTTP {status}{CodeSuffix(code)}: {Redact(message, to)}";
        if (status >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout || (code is { } transient && TransientCodes.Contains(transient)))
        {
            return new SendResult.RetryableFailure(text);
        }

        return new SendResult.PermanentFailure(code, text);
    }

    private static MediaMetadata ReadMediaMetadata(HttpResponseMessage response, string body, string mediaId)
    {
        var status = (int)response.StatusCode;
        if (!response.IsSuccessStatusCode)
        {
            var (code, message) = ReadError(body);
            var transient = status >= 500 || status == 429 || (code is { } c && (ThrottleCodes.Contains(c) || TransientCodes.Contains(c)));
            throw new GraphApiException($"Media metadata request failed: HTTP {status}{CodeSuffix(code)}: {Redact(message, null)}", status, code, transient);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (!Uri.TryCreate(root.GetProperty("url").GetString(), UriKind.Absolute, out var url))
            {
                throw new GraphApiException("Media metadata has no absolute \"url\".", status, null, isTransient: false);
            }

            return new MediaMetadata(
                root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()! : mediaId,
                url,
                root.TryGetProperty("mime_type", out var mime) && mime.ValueKind == JsonValueKind.String ? mime.GetString()! : string.Empty,
                root.TryGetProperty("sha256", out var sha) && sha.ValueKind == JsonValueKind.String ? sha.GetString()! : string.Empty,
                ReadFileSize(root));
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new GraphApiException("Media metadata is not in the expected shape.", status, null, isTransient: false, ex);
        }
    }

    private static JsonObject Envelope(string to, string type) => new()
    {
        ["messaging_product"] = "whatsapp",
        ["recipient_type"] = "individual",
        ["to"] = to,
        ["type"] = type,
    };

    private void Authorize(HttpRequestMessage request) =>
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.AccessToken);

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    private static (int? Code, string? Message) ReadError(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.Object)
            {
                int? code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var n) ? n : null;
                var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                return (code, message);
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, an empty body): no code.
        }

        return (null, null);
    }

    private static string? ReadMessageId(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("messages", out var messages)
                && messages.ValueKind == JsonValueKind.Array
                && messages.GetArrayLength() > 0
                && messages[0].ValueKind == JsonValueKind.Object
                && messages[0].TryGetProperty("id", out var id)
                && id.ValueKind == JsonValueKind.String
                && id.GetString() is { Length: > 0 } value
                    ? value
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static long ReadFileSize(JsonElement root)
    {
        if (!root.TryGetProperty("file_size", out var size))
        {
            return 0;
        }

        return size.ValueKind switch
        {
            JsonValueKind.Number when size.TryGetInt64(out var n) => n,
            JsonValueKind.String when long.TryParse(size.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var s) => s,
            _ => 0,
        };
    }

    private static string CodeSuffix(int? code) => code is { } c ? $" (error {c})" : string.Empty;

    /// <summary>Graph messages sometimes echo the recipient: drop it and anything that looks like a phone number.</summary>
    private static string Redact(string? message, string? to)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return "no error message";
        }

        if (!string.IsNullOrEmpty(to))
        {
            message = message.Replace(to, "[redacted]", StringComparison.Ordinal);
        }

        return PhoneLike().Replace(message, "[redacted]");
    }

    private static void RequireRecipient(string to)
    {
        // The message must never echo the number itself.
        if (string.IsNullOrWhiteSpace(to))
        {
            throw new ArgumentException("The recipient is required.", nameof(to));
        }
    }

    private static void RequireLength(string? value, int max, string paramName, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{what} is required.", paramName);
        }

        if (value.Length > max)
        {
            throw new ArgumentException($"{what} has {value.Length} characters; the limit is {max}.", paramName);
        }
    }

    [GeneratedRegex(@"\+?\d[\d ().-]{6,}\d")]
    private static partial Regex PhoneLike();
}
