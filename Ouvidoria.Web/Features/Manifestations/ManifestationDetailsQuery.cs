using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Domain.Organization;
using Ouvidoria.Infrastructure.Persistence;

namespace Ouvidoria.Web.Features.Manifestations;

/// <summary>
/// Opens a manifestation for a staff member: the one place that checks read access and writes the
/// access log (Decreto 10.153/2019 art. 6 §3), then shapes what THIS viewer may see — collaborators
/// get the extract and a pseudonymized identification, never the original or internal notes.
/// </summary>
public sealed class ManifestationDetailsQuery(IDbContextFactory<OuvidoriaDbContext> factory, TimeProvider clock)
{
    /// <param name="recordAccess">True when the page is opened; false for a refresh after the viewer's own action.</param>
    public async Task<Result<ManifestationDetails>> ExecuteAsync(Guid id, Actor actor, bool recordAccess, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var m = await ManifestationWorkflow.LoadAsync(db, id, ct);
        if (m is null)
        {
            return Error.NotFound("Manifestação não encontrada.");
        }

        if (!m.CanBeReadBy(actor))
        {
            return Error.Forbidden("Você não tem acesso a esta manifestação.");
        }

        var now = clock.GetUtcNow();
        if (recordAccess)
        {
            m.RecordAccess(actor, now);
            await db.SaveChangesAsync(ct);
        }

        var unitIds = m.Assignments.Select(a => a.UnitId)
            .Concat(m.Messages.Where(x => x.AuthorUnitId != null).Select(x => x.AuthorUnitId!.Value))
            .Concat(m.CollaboratorRequests.Select(r => r.CandidateUnitId))
            .Distinct().ToList();
        var unitNames = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var theme = m.ThemeId is null ? null : await db.Themes.AsNoTracking().FirstOrDefaultAsync(t => t.Id == m.ThemeId, ct);
        var history = await ReadHistoryAsync(db, id, complete: true, before: null, ct);
        var actions = await ReadHistoryAsync(db, id, complete: false, before: null, ct);
        var details = Shape(m, actor, theme, unitNames, history, actions);
        // The theme's "unidade padrão", offered first to the ombudsman who forwards (if still active).
        if (details.Can.Forward && m.SuggestedForwardUnit(theme) is { } suggested
            && await db.Units.AsNoTracking().Where(u => u.Id == suggested && u.IsActive).Select(u => u.Name).FirstOrDefaultAsync(ct) is { } suggestedName)
        {
            details = details with { ForwardSuggestion = new ForwardSuggestion(suggested, suggestedName, theme!.Name) };
        }

        return details;
    }

    /// <summary>Entries per page of the "Histórico de ações" (both views); "Carregar mais" reads the next.</summary>
    public const int HistoryPageSize = 200;

    /// <summary>
    /// The next page of the "Histórico de ações", newest first: the complete view (every entry,
    /// accesses included) or the simplified one (workflow actions only, filtered in SQL so that
    /// accesses never push actions out of a page), entries before <paramref name="beforeSequence"/>.
    /// Same read check as opening the page; reading further down the page opened is not a new access.
    /// </summary>
    public async Task<Result<HistoryPage>> HistoryPageAsync(Guid id, Actor actor, bool complete, int beforeSequence, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var m = await db.Manifestations.AsNoTracking().Include(x => x.Assignments).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (m is null)
        {
            return Error.NotFound("Manifestação não encontrada.");
        }

        if (!m.CanBeReadBy(actor))
        {
            return Error.Forbidden("Você não tem acesso a esta manifestação.");
        }

        return await ReadHistoryAsync(db, id, complete, beforeSequence, ct);
    }

    private static readonly HistoryAction[] AccessActions = Enum.GetValues<HistoryAction>().Where(a => a.IsAccess()).ToArray();

    /// <summary>Keyset page on (ManifestationId, Sequence) — the history's unique index — newest first.</summary>
    private static async Task<HistoryPage> ReadHistoryAsync(OuvidoriaDbContext db, Guid id, bool complete, int? before, CancellationToken ct)
    {
        var query = db.History.AsNoTracking().Where(h => h.ManifestationId == id);
        if (before is { } sequence)
        {
            query = query.Where(h => h.Sequence < sequence);
        }

        if (!complete)
        {
            query = query.Where(h => !AccessActions.Contains(h.Action));
        }

        var rows = await query.OrderByDescending(h => h.Sequence).Take(HistoryPageSize + 1)
            .Select(h => new HistoryView(h.Action, h.ActorName, h.Details, h.At, h.Sequence)).ToListAsync(ct);
        return new HistoryPage(rows.Take(HistoryPageSize).ToList(), rows.Count > HistoryPageSize);
    }

    private static string UnitOf(Manifestation m, Guid assignmentId, Dictionary<Guid, string> unitNames) =>
        m.Assignments.FirstOrDefault(a => a.Id == assignmentId) is { } a ? unitNames.GetValueOrDefault(a.UnitId, "—") : "—";

    private static ManifestationDetails Shape(Manifestation m, Actor actor, Theme? theme, Dictionary<Guid, string> unitNames, HistoryPage history, HistoryPage actions)
    {
        var isOmbudsman = actor.IsOmbudsman;
        var identityVisible = m.ShowsIdentityTo(actor);
        var open = m.Status.IsOpen();
        var mine = m.Assignments.Where(a => a.Includes(actor)).ToList();
        return new ManifestationDetails
        {
            Id = m.Id,
            Nup = m.Nup.ToString(),
            Type = m.Type,
            Status = m.Status,
            Channel = m.Channel,
            ThemeId = m.ThemeId,
            ThemeName = theme?.Name,
            Subject = m.Subject,
            RegisteredAt = m.RegisteredAt,
            CitizenDeadline = m.CitizenDeadline,
            ViewerDeadline = m.DeadlineFor(actor),
            ClockPaused = m.ClockPausedAt is not null,
            OriginalDescription = isOmbudsman ? m.Description : null,
            Extract = m.Extract,
            InternalNote = isOmbudsman ? m.InternalNote : null,
            IsAnonymous = m.IsAnonymous,
            IdentityVisible = identityVisible,
            RequesterName = m.Requester is null ? null : identityVisible ? m.Requester.Name : Requester.Pseudonymized,
            RequesterEmail = identityVisible ? m.Requester?.Email : null,
            RequesterPhone = identityVisible ? m.Requester?.Phone : null,
            RequesterCpf = identityVisible ? m.Requester?.Cpf : null,
            RequesterAddress = identityVisible ? m.Requester?.Address : null,
            ConsentToShare = m.ConsentToShare,
            ComplementRequest = m.ComplementRequest,
            ComplementDueAt = m.ComplementDueAt,
            // A complement is the citizen's own words: same protection as the original text.
            ComplementText = isOmbudsman ? m.ComplementText : null,
            Resolved = m.Resolved,
            ResolutionNote = m.ResolutionNote,
            ArchiveReason = m.ArchiveReason,
            ArchiveJustification = m.ArchiveJustification,
            Team = m.Assignments.OrderBy(a => a.AssignedAt)
                .Select(a => new AssignmentView(a.Id, a.UnitId, unitNames.GetValueOrDefault(a.UnitId, "—"), a.CollaboratorName, a.Role, a.Status, a.Instructions, a.AssignedAt, a.Deadline, a.Includes(actor),
                    a.ProcessNumber, isOmbudsman || a.Includes(actor) ? a.ExtensionRequestJustification : null, a.ExtensionRequestedBy,
                    isOmbudsman || a.Includes(actor) ? a.NotAptReason : null))
                .ToList(),
            ResolutionReportedOn = m.ResolutionReportedOn,
            ResolutionReportSynthesis = m.ResolutionReportSynthesis,
            IdentityGrants = isOmbudsman
                ? m.IdentityGrants.OrderBy(g => g.GrantedAt).Select(g => new IdentityGrantView(g.Id, g.CollaboratorName, g.GrantedByName, g.GrantedAt, g.RevokedAt)).ToList()
                : [],
            IdentityRequests = m.IdentityRequests.Where(r => isOmbudsman || mine.Any(a => a.Id == r.AssignmentId)).OrderBy(r => r.RequestedAt)
                .Select(r => new IdentityRequestView(r.Id, r.AssignmentId, UnitOf(m, r.AssignmentId, unitNames), r.RequestedByName, r.RequestedAt, r.Text, r.Status, r.DecidedByName, r.DecidedAt, r.DecisionNote))
                .ToList(),
            CollaboratorRequests = m.CollaboratorRequests.Where(r => isOmbudsman || mine.Any(a => a.Id == r.AssignmentId)).OrderBy(r => r.RequestedAt)
                .Select(r => new CollaboratorRequestView(r.Id, r.CandidateName, r.CandidateUnitId, unitNames.GetValueOrDefault(r.CandidateUnitId, "—"), r.Role, r.Reason, r.RequestedByName, r.RequestedAt, r.Status, r.DecidedByName, r.DecisionNote))
                .ToList(),
            Messages = m.Messages.Where(x => m.CanSee(x, actor)).OrderBy(x => x.PostedAt)
                .Select(x =>
                {
                    var isMine = x.AuthorId != null && x.AuthorId == actor.UserId;
                    var canDelete = isMine && !x.IsDeleted && m.Status is not (ManifestationStatus.Concluded or ManifestationStatus.Archived)
                        && (isOmbudsman || mine.Any(a => a.IsOpen));
                    return new MessageView(x.Id, x.AuthorName, x.AuthorUnitId is { } u ? unitNames.GetValueOrDefault(u) : "Ouvidoria", x.Text, x.Visibility, x.PostedAt, isMine, x.IsDeleted, canDelete, x.RestrictedToAssignmentId is not null);
                })
                .ToList(),
            Answers = m.Answers.OrderBy(a => a.SentAt).Select(a => new AnswerView(a.Text, a.IsConclusive, a.AuthorName, a.SentAt)).ToList(),
            History = history.Entries,
            HistoryHasMore = history.HasMore,
            WorkflowHistory = actions.Entries,
            WorkflowHistoryHasMore = actions.HasMore,
            Attachments = m.Attachments.Where(a => m.CanDownload(a, actor)).OrderBy(a => a.UploadedAt)
                .Select(a => new AttachmentView(a.Id, a.FileName, a.SizeBytes, a.Origin, a.UploadedAt, a.MessageId, $"anexos/{m.Id}/{a.Id}")).ToList(),
            Can = new ViewerPermissions
            {
                StartTriage = isOmbudsman && m.Status == ManifestationStatus.Registered,
                Triage = isOmbudsman && m.Status is ManifestationStatus.InTriage or ManifestationStatus.InTreatment,
                RequestComplement = isOmbudsman && m.Status == ManifestationStatus.InTriage && !m.IsAnonymous,
                Forward = isOmbudsman && m.Status is ManifestationStatus.InTriage or ManifestationStatus.InTreatment,
                PostMessage = m.Status is not (ManifestationStatus.Registered or ManifestationStatus.Archived)
                    && (isOmbudsman || mine.Any(a => a.IsOpen)),
                PostInternal = isOmbudsman,
                DeclareNoCompetence = m.Status == ManifestationStatus.InTreatment
                    ? mine.Where(a => a.IsOpen && a.Role == AssignmentRole.Responsible && m.TreatmentEndBlocker(a.Id) is null).Select(a => a.Id).ToList()
                    : [],
                Answer = isOmbudsman && m.Status is ManifestationStatus.InTriage or ManifestationStatus.AwaitingComplement or ManifestationStatus.InTreatment,
                AnswerConclusively = isOmbudsman && m.Status is ManifestationStatus.InTriage or ManifestationStatus.InTreatment && !m.HasOpenResponsibleTreatment,
                ExtendDeadline = isOmbudsman && open && !m.CitizenDeadline.Extended,
                Conclude = isOmbudsman && m.Status == ManifestationStatus.Answered,
                RecordResolution = isOmbudsman && m.Status == ManifestationStatus.Concluded && m.Resolved == false,
                Archive = isOmbudsman && open,
                Finalize = m.Assignments.Where(a => a.Role == AssignmentRole.Responsible && a.IsOpen && (isOmbudsman || a.Includes(actor)) && m.TreatmentEndBlocker(a.Id) is null).Select(a => a.Id).ToList(),
                FinalizeBlockers = m.Assignments.Where(a => a.IsOpen && (isOmbudsman || a.Includes(actor)))
                    .Select(a => (a.Id, Reason: m.TreatmentEndBlocker(a.Id))).Where(x => x.Reason is not null).ToDictionary(x => x.Id, x => x.Reason!),
                Reopen = m.Status is ManifestationStatus.InTreatment or ManifestationStatus.Answered or ManifestationStatus.Concluded
                    ? m.Assignments.Where(a => !a.IsOpen && (isOmbudsman || a.Includes(actor))).Select(a => a.Id).ToList()
                    : [],
                ViewIdentity = m.MayViewIdentity(actor),
                ManageIdentityGrants = isOmbudsman && !m.IsAnonymous && !m.Type.IsProtected() && open,
                RequestIdentity = m.Type.IsProtected() && m.Status == ManifestationStatus.InTreatment && actor.IsCollaborator
                    ? mine.Where(a => a.IsOpen && a.Role == AssignmentRole.Responsible
                        && !m.IdentityRequests.Any(r => r.AssignmentId == a.Id && r.Status != RequestStatus.Refused)).Select(a => a.Id).ToList()
                    : [],
                // After any art. 7 requisition (granted or refused): the process number, or "não apta" (manual 2.7, item 3).
                InformProcessNumber = m.Assignments.Where(a => a.IsOpen && a.ProcessNumber is null && a.NotAptReason is null && (isOmbudsman || a.Includes(actor))
                    && m.IdentityRequests.Any(r => r.AssignmentId == a.Id)).Select(a => a.Id).ToList(),
                RequestExtension = m.Status == ManifestationStatus.InTreatment && actor.IsCollaborator
                    ? mine.Where(a => a.IsOpen && a.Role == AssignmentRole.Responsible && !a.Deadline.Extended && !a.HasPendingExtensionRequest).Select(a => a.Id).ToList()
                    : [],
                RequestCollaborator = m.Status == ManifestationStatus.InTreatment && actor.IsCollaborator
                    ? mine.Where(a => a.IsOpen).Select(a => a.Id).ToList()
                    : [],
                DecideRequests = isOmbudsman && m.Status == ManifestationStatus.InTreatment,
                ReportResolution = m.Status == ManifestationStatus.Concluded && m.Resolved == false && !m.AwaitsResolutionRecord && actor.IsCollaborator
                    ? mine.Where(a => a.Role == AssignmentRole.Responsible).Select(a => a.Id).ToList()
                    : [],
            },
        };
    }
}
