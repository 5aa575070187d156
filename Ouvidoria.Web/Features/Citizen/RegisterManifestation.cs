using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Domain.Organization;
using Ouvidoria.Infrastructure.Administration;
using Ouvidoria.Infrastructure.Persistence;
using Ouvidoria.Infrastructure.Storage;
using Ouvidoria.Web.Features.Shared;

namespace Ouvidoria.Web.Features.Citizen;

/// <summary>What a citizen fills in (any channel).</summary>
public sealed record RegistrationRequest
{
    public required ManifestationType Type { get; init; }
    public required Guid ThemeId { get; init; }
    public required bool Anonymous { get; init; }
    public string? Name { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }

    /// <summary>Optional; check digits validated.</summary>
    public string? Cpf { get; init; }

    public string? Address { get; init; }
    public bool ConsentToShare { get; init; }
    public required string Description { get; init; }
    public Channel Channel { get; init; } = Channel.Web;

    /// <summary>Photos, videos, audio, documents (within the office's limits: at most 10 files, 30 MB in all).</summary>
    public IReadOnlyList<UploadedFile> Attachments { get; init; } = [];

    /// <summary>Files a channel already stored (e.g. media the assistant downloaded and checked).</summary>
    public IReadOnlyList<StoredAttachment> StoredAttachments { get; init; } = [];
}

/// <summary>A file already in the <see cref="FileStore"/>.</summary>
public sealed record StoredAttachment(string FileName, string ContentType, long SizeBytes, string StorageKey);

/// <summary>Handed to the citizen once: the password is never stored in clear.</summary>
public sealed record RegistrationReceipt(Guid Id, string Nup, string Password, ManifestationType Type, DateTimeOffset DueAt);

/// <summary>
/// Registers a manifestation: validates theme and the minimum personal data the theme needs,
/// allocates the NUP inside the same transaction as the insert, hashes a fresh password.
/// Anonymous denúncias/reclamações become comunicações de irregularidade.
/// </summary>
public sealed class RegisterManifestation(IDbContextFactory<OuvidoriaDbContext> factory, NupAllocator nupAllocator, FileStore files, SystemSettingsStore settingsStore, TimeProvider clock)
{
    public Task<Result<RegistrationReceipt>> ExecuteAsync(RegistrationRequest request, CancellationToken ct = default) =>
        ExecuteAsync(request, null, ct);

    /// <summary>Registers; <paramref name="beforeSave"/> joins the registration's transaction.</summary>
    public async Task<Result<RegistrationReceipt>> ExecuteAsync(RegistrationRequest request, BeforeSave<RegistrationReceipt>? beforeSave, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var theme = await db.Themes.AsNoTracking().FirstOrDefaultAsync(t => t.Id == request.ThemeId && t.IsActive, ct);
        if (theme is null)
        {
            return Error.Validation("Escolha uma temática da lista.");
        }

        var type = request.Anonymous && request.Type is ManifestationType.Denunciation or ManifestationType.Complaint
            ? ManifestationType.Communication
            : request.Type;
        Requester? requester;
        try
        {
            requester = request.Anonymous ? null : CreateRequester(request, theme);
        }
        catch (DomainException e)
        {
            return Error.Validation(e.Message);
        }

        var settings = await settingsStore.GetAsync(ct);
        var limits = settings.AttachmentLimits;
        if (request.Attachments.Count + request.StoredAttachments.Count > limits.MaxFiles)
        {
            return Error.Validation($"Envie no máximo {limits.MaxFiles} anexos.");
        }

        if (request.Attachments.Sum(a => a.SizeBytes) + request.StoredAttachments.Sum(a => a.SizeBytes) > limits.MaxTotalBytes)
        {
            return Error.Validation($"Os anexos somam no máximo {limits.MaxTotalMegabytes} MB.");
        }

        var password = ProtocolPassword.Generate();
        var passwordHash = ProtocolPassword.Hash(password);
        var now = clock.GetUtcNow();
        IReadOnlyList<(UploadedFile File, StoredFile Stored)> stored;
        try
        {
            stored = await UploadBatch.StoreAsync(files, request.Attachments, now, ct);
        }
        catch (DomainException e)
        {
            return Error.Validation(e.Message);
        }

        var strategy = db.Database.CreateExecutionStrategy();
        var result = await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            try
            {
                var nup = await nupAllocator.NextAsync(db, now.Year, ct);
                var manifestation = Manifestation.Register(nup, type, request.Channel, theme.Id, $"{type.Label()} — {theme.Name}", request.Description, requester, request.ConsentToShare, passwordHash, now, settings.DeadlineTerms);
                foreach (var (file, saved) in stored)
                {
                    manifestation.AddAttachment(file.Name, file.ContentType, saved.SizeBytes, saved.Key, AttachmentOrigin.Original, Actor.Citizen, now, limits);
                }

                foreach (var file in request.StoredAttachments)
                {
                    manifestation.AddAttachment(file.FileName, file.ContentType, file.SizeBytes, file.StorageKey, AttachmentOrigin.Original, Actor.Citizen, now, limits);
                }

                db.Manifestations.Add(manifestation);
                var receipt = new RegistrationReceipt(manifestation.Id, nup.ToString(), password, type, manifestation.CitizenDeadline.DueAt);
                if (beforeSave is not null)
                {
                    await beforeSave(db, receipt, ct);
                }

                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return Result<RegistrationReceipt>.Success(receipt);
            }
            catch (DomainException e)
            {
                db.ChangeTracker.Clear();
                return Error.Validation(e.Message);
            }
        });
        if (!result.IsSuccess)
        {
            UploadBatch.Discard(files, stored);
        }

        return result;
    }

    private static Requester CreateRequester(RegistrationRequest request, Theme theme)
    {
        if (theme.PersonalData == PersonalDataRequirement.NameAndEmail && string.IsNullOrWhiteSpace(request.Email))
        {
            throw new DomainException($"Para a temática \"{theme.Name}\" informe também um e-mail para contato.");
        }

        return new Requester(request.Name ?? string.Empty, request.Email, request.Phone, request.Cpf, request.Address);
    }
}
