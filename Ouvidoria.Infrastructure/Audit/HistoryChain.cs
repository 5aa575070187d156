using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Ouvidoria.Infrastructure.Audit;

/// <summary>
/// The keyed hashes of the tamper-evident history (docs/decisions/0011-tamper-evident-history.md):
/// each entry's hash is HMAC-SHA256 over a canonical, length-prefixed encoding of its fields and the
/// previous entry's hash; the manifestation row carries a seal over (id, length, last hash) so that
/// removing the newest entries is detected too. The key lives outside the database
/// (<c>Audit:HistoryKey</c>), so database write access alone cannot forge a chain.
/// </summary>
public sealed class HistoryChain
{
    public const string KeySetting = "Audit:HistoryKey";

    public const int MinKeyBytes = 32;

    private const string EntryTag = "ouvidoria.history.entry.v1";
    private const string SealTag = "ouvidoria.history.seal.v1";

    /// <summary>Used only in Development (and by the migrations' design-time factories): public, so no protection.</summary>
    private static readonly byte[] DevelopmentKey = SHA256.HashData(Encoding.UTF8.GetBytes("Ouvidoria: chave de desenvolvimento do histórico — não é secreta"));

    private readonly byte[] key;

    public HistoryChain(byte[] key)
    {
        if (key.Length < MinKeyBytes)
        {
            throw new ArgumentException($"A chave do histórico deve ter pelo menos {MinKeyBytes} bytes.", nameof(key));
        }

        this.key = key.ToArray();
    }

    /// <summary>A chain with the public development key (design time, Development environment).</summary>
    public static HistoryChain ForDevelopment() => new(DevelopmentKey);

    /// <summary>
    /// The key from <c>Audit:HistoryKey</c> (base64, at least 32 bytes). Outside Development it is
    /// required: without a secret key anyone with database access could rewrite the whole chain.
    /// </summary>
    public static HistoryChain FromConfiguration(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration[KeySetting];
        if (string.IsNullOrWhiteSpace(configured))
        {
            return environment.IsDevelopment()
                ? ForDevelopment()
                : throw new InvalidOperationException(
                    "Audit__HistoryKey não configurada: defina uma chave secreta (base64, 32 bytes ou mais, p.ex. `openssl rand -base64 32`), " +
                    "igual em todos os nós e guardada fora do banco de dados. Ela protege o histórico de ações contra adulteração.");
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(configured.Trim());
        }
        catch (FormatException)
        {
            throw new InvalidOperationException("Audit__HistoryKey deve estar em base64 (p.ex. `openssl rand -base64 32`).");
        }

        return bytes.Length < MinKeyBytes
            ? throw new InvalidOperationException($"Audit__HistoryKey deve ter pelo menos {MinKeyBytes} bytes (tem {bytes.Length}).")
            : new HistoryChain(bytes);
    }

    /// <summary>The hash of one entry. Timestamps count in whole microseconds (PostgreSQL's precision).</summary>
    public string EntryHash(Guid manifestationId, int sequence, string action, string? actorId, string actorName, string? details, DateTimeOffset at, string? previousHash)
    {
        var writer = new ArrayBufferWriter<byte>(256);
        WriteText(writer, EntryTag);
        WriteText(writer, manifestationId.ToString("D"));
        WriteInt64(writer, sequence);
        WriteText(writer, action);
        WriteText(writer, actorId);
        WriteText(writer, actorName);
        WriteText(writer, details);
        WriteInt64(writer, CanonicalTicks(at));
        WriteText(writer, previousHash);
        return Mac(writer.WrittenSpan);
    }

    /// <summary>The seal kept on the manifestation row: binds the chain's length to its last hash.</summary>
    public string Seal(Guid manifestationId, int length, string? lastHash)
    {
        var writer = new ArrayBufferWriter<byte>(128);
        WriteText(writer, SealTag);
        WriteText(writer, manifestationId.ToString("D"));
        WriteInt64(writer, length);
        WriteText(writer, lastHash);
        return Mac(writer.WrittenSpan);
    }

    /// <summary>Constant-time comparison of two hex hashes (null equals only null).</summary>
    public static bool SameHash(string? expected, string? actual) =>
        expected is null || actual is null
            ? expected is null && actual is null
            : CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(actual));

    /// <summary>UTC ticks truncated to microseconds: what both SQLite (ticks) and PostgreSQL (µs) give back.</summary>
    public static long CanonicalTicks(DateTimeOffset at)
    {
        var ticks = at.UtcTicks;
        return ticks - (ticks % 10);
    }

    private string Mac(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(HMACSHA256.HashData(key, data));

    /// <summary>0x00 for null; else 0x01, the UTF-8 length as a big-endian int32, the UTF-8 bytes.</summary>
    private static void WriteText(ArrayBufferWriter<byte> writer, string? value)
    {
        if (value is null)
        {
            writer.Write([(byte)0]);
            return;
        }

        var length = Encoding.UTF8.GetByteCount(value);
        var span = writer.GetSpan(5 + length);
        span[0] = 1;
        BinaryPrimitives.WriteInt32BigEndian(span[1..], length);
        Encoding.UTF8.GetBytes(value, span[5..]);
        writer.Advance(5 + length);
    }

    private static void WriteInt64(ArrayBufferWriter<byte> writer, long value)
    {
        var span = writer.GetSpan(8);
        BinaryPrimitives.WriteInt64BigEndian(span, value);
        writer.Advance(8);
    }
}
