using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Ouvidoria.Domain.Common;

namespace Ouvidoria.Infrastructure.Storage;

/// <summary>A stored file's key and size.</summary>
public sealed record StoredFile(string Key, long SizeBytes);

/// <summary>
/// Attachment bytes, outside the web root (<c>Storage:Root</c>, default <c>App_Data/files</c>).
/// Files are named by generated keys (<c>yyyy/MM/guid</c>), never by the uploaded name; reads and
/// writes are streamed. Every file is encrypted at rest (<see cref="EncryptedFile"/>, ADR 0012):
/// a random key per file, wrapped by Data Protection under <see cref="Purpose"/>.
/// </summary>
public sealed class FileStore
{
    /// <summary>The Data Protection purpose that wraps the per-file keys.</summary>
    public const string Purpose = "Ouvidoria.Attachments.v1";

    private readonly string root;
    private readonly IDataProtector protector;

    public FileStore(string root, IDataProtectionProvider dataProtection)
    {
        this.root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        protector = dataProtection.CreateProtector(Purpose);
        Directory.CreateDirectory(this.root);
    }

    /// <summary>Encrypts the stream into a new file, refusing it (and deleting the partial file) past <paramref name="maxBytes"/>.</summary>
    public Task<StoredFile> SaveAsync(Stream content, long maxBytes, DateTimeOffset now, CancellationToken ct = default) =>
        SaveAsync(ReadOnlyMemory<byte>.Empty, content, maxBytes, now, ct);

    /// <summary>As <see cref="SaveAsync(Stream, long, DateTimeOffset, CancellationToken)"/> for a file whose first bytes (<paramref name="head"/>) were already read from <paramref name="rest"/>.</summary>
    public async Task<StoredFile> SaveAsync(ReadOnlyMemory<byte> head, Stream rest, long maxBytes, DateTimeOffset now, CancellationToken ct = default)
    {
        var key = $"{now:yyyy}/{now:MM}/{Guid.NewGuid():N}";
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        long total = head.Length;
        try
        {
            await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            await using var writer = EncryptedFile.CreateWriter(target, protector);
            EnsureWithin(total, maxBytes);
            await writer.WriteAsync(head, ct);
            var buffer = new byte[81920];
            int read;
            while ((read = await rest.ReadAsync(buffer, ct)) > 0)
            {
                total += read;
                EnsureWithin(total, maxBytes);
                await writer.WriteAsync(buffer.AsMemory(0, read), ct);
            }

            await writer.CompleteAsync(ct);
        }
        catch
        {
            File.Delete(path);
            throw;
        }

        return new StoredFile(key, total);
    }

    /// <summary>
    /// The decrypted content: read-only, seekable, decrypted one 64 KiB chunk at a time (never the
    /// whole file in memory), every chunk authenticated.
    /// </summary>
    /// <exception cref="StoredFileCorruptedException">The file was altered, truncated, or its key is unknown.</exception>
    public Stream OpenRead(string key) =>
        EncryptedFile.OpenReader(new FileStream(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true), protector);

    public void Delete(string key) => File.Delete(PathOf(key));

    public bool Exists(string key) => File.Exists(PathOf(key));

    private static void EnsureWithin(long total, long maxBytes)
    {
        if (total > maxBytes)
        {
            throw new DomainException($"Arquivo acima do limite de {maxBytes / (1024 * 1024)} MB.");
        }
    }

    private string PathOf(string key)
    {
        var path = Path.GetFullPath(Path.Combine(root, key));
        return path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? path
            : throw new InvalidOperationException("Chave de arquivo inválida.");
    }

    public static IServiceCollection AddOuvidoriaFileStore(IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var root = configuration["Storage:Root"] is { Length: > 0 } configured ? configured : Path.Combine(contentRoot, "App_Data", "files");
        return services.AddSingleton(provider => new FileStore(root, provider.GetRequiredService<IDataProtectionProvider>()));
    }
}
