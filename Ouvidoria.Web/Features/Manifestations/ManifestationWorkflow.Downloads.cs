using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Storage;

namespace Ouvidoria.Web.Features.Manifestations;

/// <summary>The attachments one actor downloads together, already access-logged, one history entry per file.</summary>
public sealed record AttachmentBundle(string Nup, IReadOnlyList<Attachment> Attachments);

public sealed partial class ManifestationWorkflow
{
    /// <summary>
    /// "Baixar todos": every attachment THIS actor may download (<see cref="Manifestation.CanDownload"/>,
    /// exactly the single download's rule), each recorded in the access log as a download before any
    /// byte is served. Files the retention job already erased are left out.
    /// </summary>
    public async Task<Result<AttachmentBundle>> DownloadAllAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        AttachmentBundle? bundle = null;
        var logged = await ExecuteAsync(id, actor, (m, now) =>
        {
            var downloaded = m.Attachments
                .Where(a => m.CanDownload(a, actor) && files.Exists(a.StorageKey))
                .OrderBy(a => a.UploadedAt)
                .ThenBy(a => a.Id)
                .Select(a => m.RecordDownload(a.Id, actor, now))
                .ToList();
            bundle = new AttachmentBundle(m.Nup.Digits, downloaded);
        }, ct);
        if (!logged.IsSuccess)
        {
            return logged.Error!;
        }

        return bundle!.Attachments.Count == 0 ? Error.NotFound("Não há anexos que você possa baixar nesta manifestação.") : bundle;
    }

    /// <summary>Opens a stored attachment's decrypted content (streamed, chunk by chunk).</summary>
    /// <exception cref="StoredFileCorruptedException">The stored file was altered or its key is unknown.</exception>
    public Stream OpenContent(Attachment attachment) => files.OpenRead(attachment.StorageKey);
}
