using System.Buffers;
using System.Security.Cryptography;

namespace Ouvidoria.Infrastructure.WhatsApp;

/// <summary>Checks the <c>X-Hub-Signature-256</c> header Meta puts on every webhook POST.</summary>
public static class WebhookSignature
{
    public const string HeaderName = "X-Hub-Signature-256";

    private const string Prefix = "sha256=";

    /// <summary>
    /// True when <paramref name="headerValue"/> is <c>sha256=</c> followed by the hex HMAC-SHA256 of the
    /// exact <paramref name="rawBody"/> bytes keyed with <paramref name="appSecret"/> (hex digits of either
    /// case). Missing or malformed headers are false; the digests are compared in constant time.
    /// </summary>
    /// <exception cref="ArgumentException">The app secret is empty (a configuration error, never "valid").</exception>
    public static bool IsValid(ReadOnlySpan<byte> rawBody, string? headerValue, string appSecret)
    {
        if (string.IsNullOrEmpty(appSecret))
        {
            throw new ArgumentException("The WhatsApp app secret is not configured.", nameof(appSecret));
        }

        if (headerValue is null || !headerValue.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var hex = headerValue.AsSpan(Prefix.Length);
        if (hex.Length != HMACSHA256.HashSizeInBytes * 2)
        {
            return false;
        }

        Span<byte> received = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (Convert.FromHexString(hex, received, out _, out var written) != OperationStatus.Done
            || written != received.Length)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(appSecret), rawBody, expected);
        return CryptographicOperations.FixedTimeEquals(expected, received);
    }
}
