using System.Security.Cryptography;
using System.Text;

namespace Ouvidoria.Infrastructure.WhatsApp;

/// <summary>The GET handshake Meta performs when the webhook is subscribed.</summary>
public static class WebhookVerification
{
    /// <summary>
    /// The challenge to echo (HTTP 200) when <paramref name="mode"/> is <c>subscribe</c> and
    /// <paramref name="token"/> equals <paramref name="verifyToken"/>; otherwise null (answer 403).
    /// The tokens are compared in constant time (also independent of their lengths).
    /// </summary>
    /// <exception cref="ArgumentException">The configured verify token is empty.</exception>
    public static string? Verify(string? mode, string? token, string? challenge, string verifyToken)
    {
        if (string.IsNullOrEmpty(verifyToken))
        {
            throw new ArgumentException("The WhatsApp verify token is not configured.", nameof(verifyToken));
        }

        if (!string.Equals(mode, "subscribe", StringComparison.Ordinal) || token is null || string.IsNullOrEmpty(challenge))
        {
            return null;
        }

        // Hashing first makes the comparison time independent of the lengths too.
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(verifyToken));
        var received = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        return CryptographicOperations.FixedTimeEquals(expected, received) ? challenge : null;
    }
}
