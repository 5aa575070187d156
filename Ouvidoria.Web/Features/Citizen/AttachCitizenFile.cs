using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Administration;
using Ouvidoria.Infrastructure.Persistence;
using Ouvidoria.Infrastructure.Storage;
using Ouvidoria.Web.Features.Shared;

namespace Ouvidoria.Web.Features.Citizen;

/// <summary>A citizen's file the manifestation accepted.</summary>
public sealed record CitizenFileReceipt(Guid Id, string FileName, string ContentType, long SizeBytes, AttachmentOrigin Origin, DateTimeOffset UploadedAt);

/// <summary>
/// A citizen sends one file after registering (integration channels): checked like every upload
/// (type, magic bytes, ZIP directory, the office's files / MB per manifestation: at most 10 / 30), stored encrypted, and
/// attached by <see cref="Manifestation.AddCitizenFile"/> — to the manifestation while it awaits
/// analysis, to the complement while one is requested. Same NUP + password check and throttling as
/// the consultation. A refused file leaves nothing behind.
/// </summary>
public sealed class AttachCitizenFile(IDbContextFactory<OuvidoriaDbContext> factory, ConsultManifestation consult, FileStore files, SystemSettingsStore settings, TimeProvider clock)
{
    public async Task<Result<CitizenFileReceipt>> ExecuteAsync(string? nupText, string? password, UploadedFile file, BeforeSave<CitizenFileReceipt>? beforeSave = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var found = await consult.FindAsync(db, nupText, password, ct);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        var manifestation = found.Value;
        var now = clock.GetUtcNow();
        (UploadedFile File, StoredFile Stored) saved;
        try
        {
            saved = await UploadBatch.StoreOneAsync(files, file, now, ct);
        }
        catch (DomainException e)
        {
            return Error.Validation(e.Message);
        }

        try
        {
            var attachment = manifestation.AddCitizenFile(saved.File.Name, saved.File.ContentType, saved.Stored.SizeBytes, saved.Stored.Key, now, (await settings.GetAsync(ct)).AttachmentLimits);
            var receipt = new CitizenFileReceipt(attachment.Id, attachment.FileName, attachment.ContentType, attachment.SizeBytes, attachment.Origin, attachment.UploadedAt);
            if (beforeSave is not null)
            {
                await beforeSave(db, receipt, ct);
            }

            await db.SaveChangesAsync(ct);
            return receipt;
        }
        catch (DomainException e)
        {
            files.Delete(saved.Stored.Key);
            return Error.Validation(e.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            files.Delete(saved.Stored.Key);
            return Error.Conflict("A manifestação foi atualizada neste instante. Tente novamente.");
        }
        catch
        {
            files.Delete(saved.Stored.Key);
            throw;
        }
    }
}
