using System.Security.Cryptography;
using System.Text;
using Ouvidoria.Domain.Common;

namespace Ouvidoria.Domain.Manifestations;

/// <summary>
/// The citizen's follow-up password: generated at registration, shown once, stored only as a
/// salted PBKDF2-SHA256 hash (<c>v1.iterations.salt.hash</c>).
/// </summary>
public static class ProtocolPassword
{
    /// <summary>No 0/O, 1/l/I: the citizen copies it by hand from a phone screen.</summary>
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

    public const int Length = 10;

    private const int Iterations = 100_000;

    private const int HashBytes = 32;

    /// <summary>A hash no password matches: verified when a NUP does not exist, so the answer takes as long.</summary>
    public static string DummyHash { get; } = Hash(Generate());

    public static string Generate() => RandomNumberGenerator.GetString(Alphabet, Length);

    public static string Hash(string password)
    {
        if (string.IsNullOrWhiteSpace(password))
        {
            throw new DomainException("A senha não pode ser vazia.");
        }

        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password.Trim()), salt, Iterations, HashAlgorithmName.SHA256, HashBytes);
        return $"v1.{Iterations}.{Convert.ToBase64String(salt)}.{Convert.ToBase64String(hash)}";
    }

    /// <summary>Constant-time verification; false for any malformed hash.</summary>
    public static bool Verify(string password, string storedHash)
    {
        var parts = storedHash.Split('.');
        if (parts.Length != 4 || parts[0] != "v1" || !int.TryParse(parts[1], out var iterations) || iterations <= 0
            || string.IsNullOrWhiteSpace(password))
        {
            return false;
        }

        var salt = new byte[parts[2].Length];
        var expected = new byte[parts[3].Length];
        if (!Convert.TryFromBase64String(parts[2], salt, out var saltLength) || saltLength == 0
            || !Convert.TryFromBase64String(parts[3], expected, out var hashLength) || hashLength != HashBytes)
        {
            return false;
        }

        salt = salt[..saltLength];
        expected = expected[..hashLength];
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password.Trim()), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
