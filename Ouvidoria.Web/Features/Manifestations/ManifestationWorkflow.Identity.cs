using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Storage;

namespace Ouvidoria.Web.Features.Manifestations;

/// <summary>Identity protection actions: enabling a collaborator, the justified view, the art. 7 requisition.</summary>
public sealed partial class ManifestationWorkflow
{
    /// <summary>The ombudsman enables a collaborator (of a unit with an open treatment) to view the requester's data.</summary>
    public Task<Result<Done>> EnableIdentityViewAsync(Guid id, string collaboratorId, Actor actor, CancellationToken ct = default) =>
        ExecuteAsync(id, actor, async (db, m, now) =>
        {
            var collaborator = await FindCollaboratorAsync(db, collaboratorId, ct)
                ?? throw new DomainException("Colaborador não encontrado ou inativo.");
            m.EnableIdentityView(collaborator.Id, collaborator.FullName, collaborator.UnitId ?? Guid.Empty, actor, now);
        }, ct);

    public Task<Result<Done>> RevokeIdentityViewAsync(Guid id, Guid grantId, Actor actor, CancellationToken ct = default) =>
        ExecuteAsync(id, actor, (m, now) => m.RevokeIdentityView(grantId, actor, now), ct);

    /// <summary>"Visualizar dados: SIM" with the justification: records the view and returns the data to show.</summary>
    public async Task<Result<RequesterView>> ViewIdentityAsync(Guid id, string justification, Actor actor, CancellationToken ct = default)
    {
        Requester? requester = null;
        var result = await ExecuteAsync(id, actor, (m, now) => requester = m.ViewIdentity(justification, actor, now), ct);
        return result.IsSuccess ? new RequesterView(requester!.Name, requester.Email, requester.Phone, requester.Cpf, requester.Address) : result.Error!;
    }

    /// <summary>The investigating unit requisitions identity and original content (art. 7 Decreto 10.153/2019).</summary>
    public Task<Result<Done>> RequestIdentityAsync(Guid id, Guid assignmentId, string text, Actor actor, CancellationToken ct = default) =>
        ExecuteAsync(id, actor, (m, now) => m.RequestIdentity(assignmentId, text, actor, now), ct);

    /// <summary>
    /// The ombudsman decides a requisition. Granted: a PDF with the identification and the original
    /// content, marked with the name of the collaborator who requisitioned it, is stored and attached
    /// to a message only the requesting treatment's team reads (manual 2.7, item 4).
    /// </summary>
    public async Task<Result<Done>> DecideIdentityRequestAsync(Guid id, Guid requestId, bool grant, string? note, Actor actor, CancellationToken ct = default)
    {
        StoredFile? stored = null;
        var result = await ExecuteAsync(id, actor, async (db, m, now) =>
        {
            var message = m.DecideIdentityRequest(requestId, grant, note, actor, now);
            if (!grant)
            {
                return;
            }

            var request = m.IdentityRequests.First(r => r.Id == requestId);
            var assignment = m.Assignments.First(a => a.Id == request.AssignmentId);
            var unitName = await db.Units.Where(u => u.Id == assignment.UnitId).Select(u => u.Name).FirstOrDefaultAsync(ct) ?? "unidade";
            var themeName = m.ThemeId is { } themeId ? await db.Themes.Where(t => t.Id == themeId).Select(t => t.Name).FirstOrDefaultAsync(ct) : null;
            var pdf = identityDocuments.Render(m, themeName, unitName, request, actor, now);
            var fileName = $"identidade-{m.Nup.Digits}.pdf";
            using var content = new MemoryStream(pdf, writable: false);
            stored = await files.SaveAsync(content, AttachmentPolicy.MaxTotalBytes, now, ct);
            // A generated document of the team: outside the citizen's limits, within the system's maximum.
            m.AddAttachment(fileName, "application/pdf", stored.SizeBytes, stored.Key, AttachmentOrigin.Treatment, actor, now, AttachmentLimits.Legal, message.Id);
        }, ct);
        if (!result.IsSuccess && stored is not null)
        {
            files.Delete(stored.Key);
        }

        return result;
    }

    public Task<Result<Done>> InformProcessNumberAsync(Guid id, Guid assignmentId, string processNumber, Actor actor, CancellationToken ct = default) =>
        ExecuteAsync(id, actor, (m, now) => m.InformProcessNumber(assignmentId, processNumber, actor, now), ct);

    /// <summary>After a requisition, the unit records that the denúncia was not considered apt (no process to inform).</summary>
    public Task<Result<Done>> DeclareNotAptAsync(Guid id, Guid assignmentId, string reason, Actor actor, CancellationToken ct = default) =>
        ExecuteAsync(id, actor, (m, now) => m.DeclareNotApt(assignmentId, reason, actor, now), ct);
}

/// <summary>The requester's data as shown after a justified view.</summary>
public sealed record RequesterView(string Name, string? Email, string? Phone, string? Cpf = null, string? Address = null);
