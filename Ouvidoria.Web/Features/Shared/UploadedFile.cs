using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Storage;

namespace Ouvidoria.Web.Features.Shared;

/// <summary>A file picked by a user (browser upload, later WhatsApp media), read only once, as a stream.</summary>
public sealed record UploadedFile(string Name, string ContentType, long SizeBytes, Func<Stream> Open);

/// <summary>Stores a batch of uploads before the database change; removes them if the change fails.</summary>
public static class UploadBatch
{
    public static async Task<IReadOnlyList<(UploadedFile File, StoredFile Stored)>> StoreAsync(FileStore store, IReadOnlyList<UploadedFile> files, DateTimeOffset now, CancellationToken ct)
    {
        var stored = new List<(UploadedFile, StoredFile)>();
        try
        {
            foreach (var file in files)
            {
                await using var stream = file.Open();
                stored.Add((file, await store.SaveAsync(stream, AttachmentPolicy.MaxTotalBytes, now, ct)));
            }
        }
        catch
        {
            Discard(store, stored);
            throw;
        }

        return stored;
    }

    public static void Discard(FileStore store, IEnumerable<(UploadedFile File, StoredFile Stored)> stored)
    {
        foreach (var (_, file) in stored)
        {
            store.Delete(file.Key);
        }
    }
}
