using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Administration;
using Ouvidoria.Infrastructure.Notifications;
using Ouvidoria.Infrastructure.Persistence;
using Ouvidoria.Infrastructure.Storage;
using Ouvidoria.Web.Features.Shared;

namespace Ouvidoria.Web.Features.Manifestations;

/// <summary>
/// The treatment use cases, one method per action. Each loads the aggregate in a short-lived
/// context, checks that THIS actor may read THIS manifestation (resource-based authorization, not
/// the page's), applies the one domain transition and saves; illegal transitions come back as
/// pt-BR errors, concurrent edits as a conflict. See docs/decisions/0004-use-cases.md.
/// </summary>
public sealed partial class ManifestationWorkflow(
    IDbContextFactory<OuvidoriaDbContext> factory,
    FileStore files,
    IIdentityDocumentRenderer identityDocuments,
    StandardTexts standardTexts,
    NotificationPlanner notifications,
    EmailSignal emailSignal,
    SystemSettingsStore settings,
    TimeProvider clock)
{
    public Task<Result<Done>> StartTriageAsync(Guid id, Actor actor, CancellationToken ct = default) =>
        ExecuteAsync(id, actor, (m, now) => m.StartTriage(actor, now), ct);

    public Task<Result<Done>> ClassifyAsync(Guid id, ManifestationType type, Guid? themeId, string subject, Actor actor, CancellationToken ct = default) =>
        ExecuteAsync(id, actor, async (db, m, now) =>
        {
            if (themeId is { } theme && !await db.Themes.AnyAsync(t => t.Id == theme, ct))
            {
                throw new DomainException("Temática inexistente.");
            }

            m.Classify(type, themeId, subject, actor, now);
        }, ct);

    public Task<Result<Done>> WriteInternalNoteAsync(Guid id, string note, Actor actor, CancellationToken ct = default) =>
        ExecuteAsync(id, actor, (m, now) => m.WriteInternalNote(note, actor, now), ct);

    public Task<Result<Done>> WriteExtractAsync(Guid id, string extract, Actor actor, CancellationToken ct = default) =>
        ExecuteAsync(id, actor, (m, now) => m.WriteExtract(extract, actor, now), ct);

    public Task<Result<Done>> RequestComplementAsync(Guid id, string request, Actor actor, CancellationToken ct = default) =>
        ExecuteAsync(id, actor, async (_, m, now) => m.RequestComplement(request, actor, now, await TermsAsync(ct)), ct);

    public Task<Result<Done>> ForwardAsync(Guid id, Guid unitId, AssignmentRole role, string? collaboratorId, string? instructions, Actor actor, CancellationToken ct = default) =>
        ExecuteAsync(id, actor, async (db, m, now) =>
        {
            var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct)
                ?? throw new DomainException("Unidade inexistente.");
            if (!unit.IsActive)
            {
                throw new DomainException($"A unidade \"{unit.Name}\" está desativada.");
            }

            string? collaboratorName = null;
            if (!string.IsNullOrEmpty(collaboratorId))
            {
                var collaborator = await FindCollaboratorAsync(db, collaboratorId, ct);
                if (collaborator is null || collaborator.UnitId != unitId)
                {
                    throw new DomainException("O colaborador escolhido não pertence a esta unidade ou está inativo.");
                }

                EnsureEventualOnlyObserves(collaborator, role);
                collaboratorName = collaborator.FullName;
            }

            m.Forward(unitId, role, string.IsNullOrEmpty(collaboratorId) ? null : collaboratorId, collaboratorName, instructions, actor, now, await TermsAsync(ct));
        }, ct);

    /// <summary>Posts in the treatment thread, with optional files (stored first, removed again if the post is refused).</summary>
    public async Task<Result<Done>> PostMessageAsync(Guid id, string text, MessageVisibility visibility, Actor actor, IReadOnlyList<UploadedFile>? uploads = null, CancellationToken ct = default)
    {
        uploads ??= [];
        var limits = await LimitsAsync(ct);
        if (uploads.Count > limits.MaxFiles || uploads.Sum(u => u.SizeBytes) > limits.MaxTotalBytes)
        {
            return Error.Validation($"Envie {limits.Describe()} por mensagem.");
        }

        IReadOnlyList<(UploadedFile File, StoredFile Stored)> stored;
        try
        {
            stored = await UploadBatch.StoreAsync(files, uploads, clock.GetUtcNow(), ct);
        }
        catch (DomainException e)
        {
            return Error.Validation(e.Message);
        }

        var result = await ExecuteAsync(id, actor, (m, now) =>
        {
            var message = m.PostMessage(text, visibility, actor, now);
            foreach (var (file, saved) in stored)
            {
                m.AddAttachment(file.Name, file.ContentType, saved.SizeBytes, saved.Key, AttachmentOrigin.Treatment, actor, now, limits, message.Id);
            }
        }, ct);
        if (!result.IsSuccess)
        {
            UploadBatch.Discard(files, stored);
        }

        return result;
    }

    /// <summary>Opens an attachment for download, after logging who downloads it.</summary>
    public async Task<Result<(Attachment Attachment, Stream Content)>> DownloadAsync(Guid id, Guid attachmentId, Actor actor, CancellationToken ct = default)
    {
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var key = await db.Attachments.Where(a => a.Id == attachmentId && a.ManifestationId == id).Select(a => a.StorageKey).FirstOrDefaultAsync(ct);
            if (key is null || !files.Exists(key))
            {
                return Error.NotFound("Anexo não encontrado.");
            }
        }

        Attachment? attachment = null;
        var logged = await ExecuteAsync(id, actor, (m, now) => attachment = m.RecordDownload(attachmentId, actor, now), ct);
        if (!logged.IsSuccess)
        {
            return logged.Error!;
        }

        return (attachment!, files.OpenRead(attachment!.StorageKey));
    }

    /// <summary>Deletes the author's own message; its files leave the file store after the commit.</summary>
    public async Task<Result<Done>> DeleteMessageAsync(Guid id, Guid messageId, Actor actor, CancellationToken ct = default)
    {
        IReadOnlyList<string> orphanFiles = [];
        var result = await ExecuteAsync(id, actor, (m, now) => orphanFiles = m.DeleteMessage(messageId, actor, now), ct);
        if (result.IsSuccess)
        {
            foreach (var key in orphanFiles)
            {
                files.Delete(key);
            }
        }

        return result;
    }

    /// <summary>"Sem competência": the manual's standard text (naming the right area if known) and the unit's treatment finalized.</summary>
    public Task<Result<Done>> DeclareNoCompetenceAsync(Guid id, Guid assignmentId, string? rightArea, Actor actor, CancellationToken ct = default) =>
        ExecuteAsync(id, actor, async (db, m, now) =>
        {
            var unitId = m.Assignments.FirstOrDefault(a => a.Id == assignmentId)?.UnitId;
            var unitName = await db.Units.Where(u => u.Id == unitId).Select(u => u.Name).FirstOrDefaultAsync(ct) ?? "unidade";
            var text = await standardTexts.NoCompetenceAsync(id, unitName, rightArea, ct);
            m.DeclareNoCompetence(assignmentId, rightArea, text, actor, now);
        }, ct);

    public Task<Result<Done>> FinalizeTreatmentAsync(Guid id, Guid assignmentId, Actor actor, CancellationToken ct = default) =>
        ExecuteAsync(id, actor, (m, now) => m.FinalizeTreatment(assignmentId, actor, now), ct);

    /// <summary>Reopens for a named collaborator of the assignment's unit, or for the whole unit (null).</summary>
    public Task<Result<Done>> ReopenTreatmentAsync(Guid id, Guid assignmentId, string? collaboratorId, Actor actor, CancellationToken ct = default) =>
        ExecuteAsync(id, actor, async (db, m, now) =>
        {
            var assignment = m.Assignments.FirstOrDefault(a => a.Id == assignmentId)
                ?? throw new DomainException("Tratamento não encontrado nesta manifestação.");
            string? collaboratorName = null;
            if (!string.IsNullOrEmpty(collaboratorId))
            {
                var collaborator = await FindCollaboratorAsync(db, collaboratorId, ct);
                if (collaborator is null || collaborator.UnitId != assignment.UnitId)
                {
                    throw new DomainException("Escolha um colaborador da unidade deste tratamento.");
                }

                EnsureEventualOnlyObserves(collaborator, assignment.Role);
                collaboratorName = collaborator.FullName;
            }

            m.ReopenTreatment(assignmentId, string.IsNullOrEmpty(collaboratorId) ? null : collaboratorId, collaboratorName, actor, now, await TermsAsync(ct));
        }, ct);

    public Task<Result<Done>> ExtendDeadlineAsync(Guid id, string justification, Actor actor, CancellationToken ct = default) =>
        ExecuteAsync(id, actor, async (_, m, now) => m.ExtendDeadline(justification, actor, now, await TermsAsync(ct)), ct);

    public Task<Result<Done>> ExtendUnitDeadlineAsync(Guid id, Guid assignmentId, string justification, Actor actor, CancellationToken ct = default) =>
        ExecuteAsync(id, actor, async (_, m, now) => m.ExtendUnitDeadline(assignmentId, justification, actor, now, await TermsAsync(ct)), ct);

    public Task<Result<Done>> AnswerAsync(Guid id, string text, bool conclusive, Actor actor, CancellationToken ct = default) =>
        ExecuteAsync(id, actor, (m, now) => m.Answer(text, conclusive, actor, now), ct);

    public Task<Result<Done>> ConcludeAsync(Guid id, bool resolved, Actor actor, CancellationToken ct = default) =>
        ExecuteAsync(id, actor, (m, now) => m.Conclude(resolved, actor, now), ct);

    public Task<Result<Done>> RecordResolutionAsync(Guid id, string synthesis, Actor actor, CancellationToken ct = default) =>
        ExecuteAsync(id, actor, (m, now) => m.RecordResolution(synthesis, actor, now), ct);

    public Task<Result<Done>> ArchiveAsync(Guid id, ArchiveReason reason, string? justification, Actor actor, CancellationToken ct = default) =>
        ExecuteAsync(id, actor, (m, now) => m.Archive(reason, justification, actor, now), ct);

    private static Task<Infrastructure.Identity.ApplicationUser?> FindCollaboratorAsync(OuvidoriaDbContext db, string collaboratorId, CancellationToken ct) =>
        db.Users.AsNoTracking().Where(u => u.Id == collaboratorId && (u.IsActive || (u.IsEventual && u.DeactivatedAutomatically))
                && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Infrastructure.Identity.Roles.Collaborator)))
            .FirstOrDefaultAsync(ct);

    /// <summary>
    /// Loads the aggregate (split queries: one per collection) WITHOUT its history: the history only
    /// grows (it is the access log) and the domain only appends to it.
    /// </summary>
    internal static Task<Manifestation?> LoadAsync(OuvidoriaDbContext db, Guid id, CancellationToken ct) =>
        db.Manifestations
            .Include(m => m.Assignments)
            .Include(m => m.Messages)
            .Include(m => m.Answers)
            .Include(m => m.Attachments)
            .Include(m => m.IdentityGrants)
            .Include(m => m.IdentityRequests)
            .Include(m => m.CollaboratorRequests)
            .AsSplitQuery()
            .FirstOrDefaultAsync(m => m.Id == id, ct);

    /// <summary>The office's deadlines (settings; at most the law's).</summary>
    private async Task<DeadlineTerms> TermsAsync(CancellationToken ct) => (await settings.GetAsync(ct)).DeadlineTerms;

    /// <summary>The office's attachment limits (settings; at most 10 files / 30 MB).</summary>
    private async Task<AttachmentLimits> LimitsAsync(CancellationToken ct) => (await settings.GetAsync(ct)).AttachmentLimits;

    private Task<Result<Done>> ExecuteAsync(Guid id, Actor actor, Action<Manifestation, DateTimeOffset> apply, CancellationToken ct) =>
        ExecuteAsync(id, actor, (_, m, now) =>
        {
            apply(m, now);
            return Task.CompletedTask;
        }, ct);

    private async Task<Result<Done>> ExecuteAsync(Guid id, Actor actor, Func<OuvidoriaDbContext, Manifestation, DateTimeOffset, Task> apply, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var manifestation = await LoadAsync(db, id, ct);
        if (manifestation is null)
        {
            return Error.NotFound("Manifestação não encontrada.");
        }

        if (!manifestation.CanBeReadBy(actor))
        {
            return Error.Forbidden("Você não tem acesso a esta manifestação.");
        }

        try
        {
            var now = clock.GetUtcNow();
            await apply(db, manifestation, now);
            // Alerts are written with the change, in the same transaction (the e-mail outbox).
            var queued = manifestation.Events.Count > 0;
            await notifications.PlanAsync(db, manifestation, now, ct);
            await db.SaveChangesAsync(ct);
            if (queued)
            {
                emailSignal.Wake();
            }

            await SyncEventualCollaboratorsAsync(db, manifestation, ct);
            return Result.Ok;
        }
        catch (DomainException e)
        {
            return Error.Validation(e.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("A manifestação foi alterada por outra pessoa enquanto você trabalhava. Recarregue a página e tente novamente.");
        }
    }
}
