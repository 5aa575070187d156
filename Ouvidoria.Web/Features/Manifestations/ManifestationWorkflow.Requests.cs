using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Domain.Organization;
using Ouvidoria.Infrastructure.Persistence;
using Ouvidoria.Infrastructure.Storage;
using Ouvidoria.Web.Features.Administration;
using Ouvidoria.Web.Features.Administration.Users;
using Ouvidoria.Web.Features.Shared;

namespace Ouvidoria.Web.Features.Manifestations;

/// <summary>Units' requests to the ombudsman (extension, another collaborator) and the reported resolution.</summary>
public sealed partial class ManifestationWorkflow
{
    public Task<Result<Done>> RequestUnitDeadlineExtensionAsync(Guid id, Guid assignmentId, string justification, Actor actor, CancellationToken ct = default) =>
        ExecuteAsync(id, actor, (m, now) => m.RequestUnitDeadlineExtension(assignmentId, justification, actor, now), ct);

    public Task<Result<Done>> DecideUnitDeadlineExtensionAsync(Guid id, Guid assignmentId, bool grant, string? note, Actor actor, CancellationToken ct = default) =>
        ExecuteAsync(id, actor, async (_, m, now) => m.DecideUnitDeadlineExtension(assignmentId, grant, note, actor, now, await TermsAsync(ct)), ct);

    public Task<Result<Done>> RequestCollaboratorAsync(Guid id, Guid assignmentId, string candidateName, Guid candidateUnitId, AssignmentRole role, string reason, Actor actor, CancellationToken ct = default) =>
        ExecuteAsync(id, actor, async (db, m, now) =>
        {
            if (!await db.Units.AnyAsync(u => u.Id == candidateUnitId && u.IsActive, ct))
            {
                throw new DomainException("Escolha uma unidade ativa para o colaborador a incluir.");
            }

            m.RequestCollaborator(assignmentId, candidateName, candidateUnitId, role, reason, actor, now);
        }, ct);

    /// <summary>Accepts (forwarding to a registered collaborator of the requested unit) or refuses a request.</summary>
    public Task<Result<Done>> DecideCollaboratorRequestAsync(Guid id, Guid requestId, bool accept, string? collaboratorId, string? note, Actor actor, CancellationToken ct = default) =>
        ExecuteAsync(id, actor, async (db, m, now) =>
        {
            string? name = null;
            if (accept)
            {
                var request = m.CollaboratorRequests.FirstOrDefault(r => r.Id == requestId)
                    ?? throw new DomainException("Pedido não encontrado nesta manifestação.");
                var collaborator = string.IsNullOrEmpty(collaboratorId) ? null : await FindCollaboratorAsync(db, collaboratorId, ct);
                if (collaborator is null || collaborator.UnitId != request.CandidateUnitId)
                {
                    throw new DomainException("Escolha um colaborador cadastrado na unidade pedida (cadastre-o antes, se necessário).");
                }

                EnsureEventualOnlyObserves(collaborator, request.Role);
                name = collaborator.FullName;
            }

            m.DecideCollaboratorRequest(requestId, accept, collaboratorId, name, note, actor, now, await TermsAsync(ct));
        }, ct);

    /// <summary>The unit reports a demand concluded as not resolved as now resolved, with date, synthesis and proof files.</summary>
    public async Task<Result<Done>> ReportResolutionAsync(Guid id, Guid assignmentId, DateOnly concludedOn, string synthesis, IReadOnlyList<UploadedFile> proofs, Actor actor, CancellationToken ct = default)
    {
        var limits = await LimitsAsync(ct);
        if (proofs.Count > limits.MaxFiles || proofs.Sum(u => u.SizeBytes) > limits.MaxTotalBytes)
        {
            return Error.Validation($"Envie {limits.Describe()}.");
        }

        var terms = await TermsAsync(ct);

        IReadOnlyList<(UploadedFile File, StoredFile Stored)> stored;
        try
        {
            stored = await UploadBatch.StoreAsync(files, proofs, clock.GetUtcNow(), ct);
        }
        catch (DomainException e)
        {
            return Error.Validation(e.Message);
        }

        var result = await ExecuteAsync(id, actor, (m, now) =>
        {
            var message = m.ReportResolution(assignmentId, concludedOn, synthesis, stored.Count, actor, now, terms);
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

    private static void EnsureEventualOnlyObserves(Infrastructure.Identity.ApplicationUser collaborator, AssignmentRole role)
    {
        if (collaborator.IsEventual && role == AssignmentRole.Responsible)
        {
            throw new DomainException($"{collaborator.FullName} é colaborador(a) eventual: participa apenas como observador(a).");
        }
    }

    /// <summary>
    /// Eventual collaborators (manual 2.4 passo 2) are active only while they take part in a
    /// treatment: after every change, those named on this manifestation are reactivated when some
    /// manifestation still has them on an open treatment beside an open responsible one — but only
    /// if the system deactivated them, never over an administrator's deactivation — and deactivated
    /// otherwise (<see cref="EventualCollaborators"/>). Each automatic change is an audited
    /// <see cref="Domain.Administration.AdministrativeChange"/> of the account, by "Sistema", next to
    /// the administrators' own changes of it: it changes who may sign in, not the manifestation, and
    /// may follow from a case other than the one that triggered the check.
    /// </summary>
    private async Task SyncEventualCollaboratorsAsync(OuvidoriaDbContext db, Manifestation m, CancellationToken ct)
    {
        var named = m.Assignments.Where(a => a.CollaboratorId is not null).Select(a => a.CollaboratorId!).Distinct().ToList();
        if (named.Count == 0)
        {
            return;
        }

        var eventuals = await db.Users.Where(u => named.Contains(u.Id) && u.IsEventual).ToListAsync(ct);
        foreach (var user in eventuals)
        {
            var needed = await db.Assignments.AnyAsync(a => a.CollaboratorId == user.Id && a.Status == TreatmentStatus.Open
                && db.Assignments.Any(r => r.ManifestationId == a.ManifestationId && r.Role == AssignmentRole.Responsible && r.Status == TreatmentStatus.Open), ct);
            var before = EventualSnapshot(user);
            string summary;
            switch (EventualCollaborators.Decide(user.IsActive, user.DeactivatedAutomatically, needed))
            {
                case EventualActivation.Activate:
                    user.IsActive = true;
                    user.DeactivatedAutomatically = false;
                    summary = $"Colaborador eventual reativado automaticamente: {user.FullName} (tratamento em aberto, NUP {m.Nup})";
                    break;
                case EventualActivation.Deactivate:
                    user.IsActive = false;
                    user.DeactivatedAutomatically = true;
                    summary = $"Colaborador eventual desativado automaticamente: {user.FullName} (sem tratamento em aberto; última ação na NUP {m.Nup})";
                    break;
                case EventualActivation.None:
                    continue;
                default:
                    throw new InvalidOperationException();
            }

            if (summary.Length > Domain.Administration.AdministrativeChange.MaxSummaryLength)
            {
                summary = summary[..(Domain.Administration.AdministrativeChange.MaxSummaryLength - 1)] + "…";
            }

            db.AdministrativeChanges.Add(AdminChanges.Of(UserAdministration.EntityType, user.Id, summary, before, EventualSnapshot(user), Actor.System, clock.GetUtcNow()));
        }

        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync(ct);
        }
    }

    private static object EventualSnapshot(Infrastructure.Identity.ApplicationUser u) =>
        new { u.FullName, u.Email, u.UnitId, u.IsActive, u.IsEventual, u.DeactivatedAutomatically };
}
