using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Storage;

namespace Ouvidoria.Web.Features.Shared;

/// <summary>A file picked by a user (browser upload, later WhatsApp media), read only once, as a stream.</summary>
public sealed record UploadedFile(string Name, string ContentType, long SizeBytes, Func<Stream> Open);

/// <summary>
/// Stores a batch of uploads before the database change; removes them if the change fails. Every
/// file goes through <see cref="FileContentInspector"/>: the name, declared type and magic bytes are
/// checked on the first bytes BEFORE anything is written (a renamed executable never reaches the
/// disk); ZIP-based files and texts are then checked in full on the stored, encrypted copy (the ZIP
/// directory needs a seekable stream), which is deleted if refused. One refused file refuses the
/// batch with a pt-BR message naming it, and nothing of the batch is kept.
/// </summary>
public static class UploadBatch
{
    /// <summary>The stored files, each with its sanitized name and the content type of its extension.</summary>
    /// <exception cref="DomainException">A file is refused (type, content, size); the message names it.</exception>
    public static async Task<IReadOnlyList<(UploadedFile File, StoredFile Stored)>> StoreAsync(FileStore store, IReadOnlyList<UploadedFile> files, DateTimeOffset now, CancellationToken ct)
    {
        var stored = new List<(UploadedFile, StoredFile)>();
        try
        {
            foreach (var file in files)
            {
                stored.Add(await StoreOneAsync(store, file, now, ct));
            }
        }
        catch
        {
            Discard(store, stored);
            throw;
        }

        return stored;
    }

    /// <summary>Inspects and stores one file (the web chat sends files one at a time).</summary>
    /// <exception cref="DomainException">The file is refused; nothing of it is kept.</exception>
    public static async Task<(UploadedFile File, StoredFile Stored)> StoreOneAsync(FileStore store, UploadedFile file, DateTimeOffset now, CancellationToken ct)
    {
        var name = AttachmentPolicy.SanitizeFileName(file.Name);
        AttachmentPolicy.EnsureAllowedExtension(name);
        if (file.SizeBytes > AttachmentPolicy.MaxTotalBytes)
        {
            throw new DomainException($"O arquivo \"{name}\" passa do limite de {AttachmentPolicy.MaxTotalBytes / (1024 * 1024)} MB.");
        }

        StoredFile saved;
        ContentVerdict verdict;
        await using (var stream = file.Open())
        {
            var head = new byte[FileContentInspector.HeaderBytes];
            var length = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
            verdict = FileContentInspector.CheckHead(name, file.ContentType, head.AsSpan(0, length));
            if (!verdict.IsAccepted)
            {
                throw new DomainException(verdict.Reason!);
            }

            try
            {
                saved = await store.SaveAsync(head.AsMemory(0, length), stream, AttachmentPolicy.MaxTotalBytes, now, ct);
            }
            catch (DomainException)
            {
                throw new DomainException($"O arquivo \"{name}\" passa do limite de {AttachmentPolicy.MaxTotalBytes / (1024 * 1024)} MB.");
            }
        }

        if (FileContentInspector.NeedsFullInspection(name))
        {
            ContentVerdict full;
            await using (var content = store.OpenRead(saved.Key))
            {
                full = FileContentInspector.Inspect(name, file.ContentType, content);
            }

            if (!full.IsAccepted)
            {
                store.Delete(saved.Key);
                throw new DomainException(full.Reason!);
            }
        }

        return (file with { Name = name, ContentType = verdict.ContentType, SizeBytes = saved.SizeBytes }, saved);
    }

    public static void Discard(FileStore store, IEnumerable<(UploadedFile File, StoredFile Stored)> stored)
    {
        foreach (var (_, file) in stored)
        {
            store.Delete(file.Key);
        }
    }
}
