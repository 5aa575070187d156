using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Ouvidoria.Domain.Common;

namespace Ouvidoria.Infrastructure.Storage;

/// <summary>A stored file's key and size.</summary>
public sealed record StoredFile(string Key, long SizeBytes);

/// <summary>
/// Attachment bytes, outside the web root (<c>Storage:Root</c>, default <c>App_Data/files</c>).
/// Files are named by generated keys (<c>yyyy/MM/guid</c>), never by the uploaded name; reads and
/// writes are streamed.
/// </summary>
public sealed class FileStore
{
    private readonly string root;

    public FileStore(string root)
    {
        this.root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        Directory.CreateDirectory(this.root);
    }

    /// <summary>Copies the stream to a new file, refusing it (and deleting the partial file) past <paramref name="maxBytes"/>.</summary>
    public async Task<StoredFile> SaveAsync(Stream content, long maxBytes, DateTimeOffset now, CancellationToken ct = default)
    {
        var key = $"{now:yyyy}/{now:MM}/{Guid.NewGuid():N}";
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        long total = 0;
        try
        {
            await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            var buffer = new byte[81920];
            int read;
            while ((read = await content.ReadAsync(buffer, ct)) > 0)
            {
                total += read;
                if (total > maxBytes)
                {
                    throw new DomainException($"Arquivo acima do limite de {maxBytes / (1024 * 1024)} MB.");
                }

                await target.WriteAsync(buffer.AsMemory(0, read), ct);
            }
        }
        catch
        {
            File.Delete(path);
            throw;
        }

        return new StoredFile(key, total);
    }

    public Stream OpenRead(string key) =>
        new FileStream(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);

    public void Delete(string key) => File.Delete(PathOf(key));

    public bool Exists(string key) => File.Exists(PathOf(key));

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
        return services.AddSingleton(new FileStore(root));
    }
}
