using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Identity;
using Ouvidoria.Infrastructure.Persistence;

namespace Ouvidoria.Infrastructure.Notifications;

/// <summary>What a deadline alert shows of its manifestation (all the sweep reads of it).</summary>
public sealed record AlertedManifestation(Guid Id, Nup Nup, ManifestationType Type);

/// <summary>
/// The deadline alerts of many manifestations at once (one run of the deadline sweep), with the
/// recipients, texts and dedup keys of <see cref="NotificationPlanner"/> (its team and office
/// recipients, alert kinds and values, <see cref="NotificationPlanner.RecipientKey"/>). What every alert needs
/// besides its manifestation — the recipients of each team, the unit names, the office's
/// recipients, the templates (compiled once, see <see cref="EmailTemplates.Compile"/>) — is read once and kept for the run: <see cref="PrefetchAsync"/> reads
/// the teams with a few set-based queries; a team it was not given is read on first use.
/// </summary>
public sealed class DeadlineAlertBook
{
    /// <summary>Ids per statement (well under SQLite's parameter limit).</summary>
    private const int IdBatch = 500;

    private readonly NotificationPlanner _planner;
    private readonly IEmailTemplateStore _templates;
    private readonly Dictionary<(Guid UnitId, string? CollaboratorId), IReadOnlyList<string>> _teams = [];
    private readonly Dictionary<Guid, string> _unitNames = [];
    private readonly Dictionary<string, CompiledEmailTemplate> _loadedTemplates = new(StringComparer.Ordinal);
    private IReadOnlyList<string>? _office;

    internal DeadlineAlertBook(NotificationPlanner planner, IEmailTemplateStore templates)
    {
        _planner = planner;
        _templates = templates;
    }

    /// <summary>
    /// Reads the recipients and names of <paramref name="teams"/> (unit, named collaborator) and,
    /// when <paramref name="office"/>, the office's recipients: a handful of statements, however
    /// many teams.
    /// </summary>
    public async Task PrefetchAsync(OuvidoriaDbContext db, IEnumerable<(Guid UnitId, string? CollaboratorId)> teams, bool office, CancellationToken ct)
    {
        var missing = teams.Distinct().Where(t => !_teams.ContainsKey(t)).ToList();
        var units = new Dictionary<Guid, (string? Name, string? Email)>();
        foreach (var chunk in missing.Select(t => t.UnitId).Distinct().Chunk(IdBatch))
        {
            foreach (var u in await db.Units.AsNoTracking().Where(u => chunk.Contains(u.Id)).Select(u => new { u.Id, u.Name, u.Email }).ToListAsync(ct))
            {
                units[u.Id] = (u.Name, u.Email);
            }
        }

        var collaborators = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var chunk in missing.Where(t => t.CollaboratorId is not null).Select(t => t.CollaboratorId!).Distinct().Chunk(IdBatch))
        {
            foreach (var u in await db.Users.AsNoTracking().Where(u => chunk.Contains(u.Id) && u.Email != null).Select(u => new { u.Id, Email = u.Email! }).ToListAsync(ct))
            {
                collaborators[u.Id] = [u.Email];
            }
        }

        // Units without an alert address: their active collaborators.
        var members = new Dictionary<Guid, List<string>>();
        var withoutAddress = missing.Where(t => t.CollaboratorId is null && string.IsNullOrWhiteSpace(units.GetValueOrDefault(t.UnitId).Email)).Select(t => t.UnitId).Distinct().ToList();
        if (withoutAddress.Count > 0)
        {
            var roleId = await db.Roles.Where(r => r.Name == Roles.Collaborator).Select(r => r.Id).FirstOrDefaultAsync(ct);
            foreach (var chunk in withoutAddress.Select(id => (Guid?)id).Chunk(IdBatch))
            {
                var rows = await db.Users.AsNoTracking()
                    .Where(u => chunk.Contains(u.UnitId) && u.IsActive && u.Email != null && db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == roleId))
                    .Select(u => new { UnitId = u.UnitId!.Value, Email = u.Email! }).ToListAsync(ct);
                foreach (var row in rows)
                {
                    (members.TryGetValue(row.UnitId, out var list) ? list : members[row.UnitId] = []).Add(row.Email);
                }
            }
        }

        foreach (var team in missing)
        {
            var unit = units.GetValueOrDefault(team.UnitId);
            _unitNames[team.UnitId] = unit.Name ?? "—";
            _teams[team] = team.CollaboratorId is not null
                ? collaborators.GetValueOrDefault(team.CollaboratorId) ?? []
                : !string.IsNullOrWhiteSpace(unit.Email) ? [unit.Email] : members.GetValueOrDefault(team.UnitId) ?? [];
        }

        if (office)
        {
            await OfficeRecipientsAsync(db, ct);
        }
    }

    /// <summary>Who a treatment's deadline alert goes to (the named collaborator, else the unit: <see cref="NotificationPlanner.TeamRecipientsAsync"/>).</summary>
    public async Task<IReadOnlyList<string>> TeamRecipientsAsync(OuvidoriaDbContext db, Guid unitId, string? collaboratorId, CancellationToken ct)
    {
        if (!_teams.TryGetValue((unitId, collaboratorId), out var recipients))
        {
            recipients = _teams[(unitId, collaboratorId)] = await NotificationPlanner.TeamRecipientsAsync(db, unitId, collaboratorId, ct);
        }

        return recipients;
    }

    /// <summary>Who a citizen-deadline alert goes to (the office).</summary>
    public async Task<IReadOnlyList<string>> OfficeRecipientsAsync(OuvidoriaDbContext db, CancellationToken ct) =>
        _office ??= await _planner.OmbudsmanRecipientsAsync(db, ct);

    /// <summary>The e-mails of a treatment's deadline alert, one per recipient, keyed by <paramref name="dedupKey"/> (not added to any context).</summary>
    public async Task<IReadOnlyList<EmailNotification>> UnitAlertAsync(
        OuvidoriaDbContext db, AlertedManifestation m, Guid unitId, string? collaboratorId, DateTimeOffset dueAt, bool passed, int daysLeft, string dedupKey, DateTimeOffset now, CancellationToken ct)
    {
        var recipients = await TeamRecipientsAsync(db, unitId, collaboratorId, ct);
        if (recipients.Count == 0)
        {
            return [];
        }

        if (!_unitNames.TryGetValue(unitId, out var unitName))
        {
            unitName = _unitNames[unitId] = await NotificationPlanner.UnitNameAsync(db, unitId, ct);
        }

        return await AlertsAsync(m, NotificationPlanner.UnitAlertKind(passed), recipients, dedupKey, now, NotificationPlanner.UnitAlertValues(unitName, dueAt, daysLeft), ct);
    }

    /// <summary>The e-mails of a citizen-deadline alert to the office, keyed by <paramref name="dedupKey"/> (not added to any context).</summary>
    public async Task<IReadOnlyList<EmailNotification>> CitizenAlertAsync(
        OuvidoriaDbContext db, AlertedManifestation m, DateTimeOffset dueAt, bool passed, int daysLeft, string dedupKey, DateTimeOffset now, CancellationToken ct) =>
        await AlertsAsync(m, NotificationPlanner.CitizenAlertKind(passed), await OfficeRecipientsAsync(db, ct), dedupKey, now, NotificationPlanner.CitizenAlertValues(dueAt, daysLeft), ct);

    private async Task<IReadOnlyList<EmailNotification>> AlertsAsync(
        AlertedManifestation m, string kind, IReadOnlyList<string> recipients, string dedupKey, DateTimeOffset now, (string Key, string Value)[] extra, CancellationToken ct)
    {
        if (recipients.Count == 0)
        {
            return [];
        }

        if (!_loadedTemplates.TryGetValue(kind, out var template))
        {
            template = _loadedTemplates[kind] = EmailTemplates.Compile(await _templates.GetAsync(kind, ct));
        }

        var rendered = template.Render(_planner.Values(m, extra));
        return recipients.Select(r => new EmailNotification(kind, r, rendered, m.Id, NotificationPlanner.RecipientKey(dedupKey, r), now)).ToList();
    }
}
