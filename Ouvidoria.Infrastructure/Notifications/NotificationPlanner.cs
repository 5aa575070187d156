using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Identity;
using Ouvidoria.Infrastructure.Persistence;

namespace Ouvidoria.Infrastructure.Notifications;

/// <summary>
/// Turns the events a transition raised into e-mails in the outbox, on the SAME context (so the
/// same transaction) as the change: a notification exists exactly when its cause was committed.
/// </summary>
public sealed class NotificationPlanner(IOptions<EmailOptions> options, IEmailTemplateStore templates)
{
    /// <summary>
    /// What {INSTRUCOES} says for a denúncia or a comunicação de irregularidade: no free text of
    /// those cases leaves the system by e-mail (the ombudsman's instructions may describe the facts;
    /// a collaborator request's reason may too).
    /// </summary>
    public const string InstructionsInTheSystem = "As orientações da Ouvidoria estão no sistema.";

    private static readonly TimeSpan BrasiliaOffset = TimeSpan.FromHours(-3);

    private readonly EmailOptions _options = options.Value;

    /// <summary>Adds the e-mails for <paramref name="manifestation"/>'s pending events to <paramref name="db"/> and clears them.</summary>
    public async Task PlanAsync(OuvidoriaDbContext db, Manifestation manifestation, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var e in manifestation.Events)
        {
            switch (e)
            {
                case ForwardedToUnit f:
                    await ToTeamAsync(db, manifestation, EmailTemplates.Forwarded, f.UnitId, f.CollaboratorId, f.DueAt, now, ct,
                        ("PAPEL", f.Role == AssignmentRole.Responsible ? "responsável" : "observadora"),
                        ("INSTRUCOES", Instructions(manifestation, f.AssignmentId)));
                    break;
                case TreatmentReopened r:
                    await ToTeamAsync(db, manifestation, EmailTemplates.Reopened, r.UnitId, r.CollaboratorId, r.DueAt, now, ct);
                    break;
                case IdentityRequestDecided d:
                    var assignment = manifestation.Assignments.First(a => a.Id == d.AssignmentId);
                    var recipients = d.RequestedById is null ? [] : await EmailsOfUsersAsync(db, [d.RequestedById], ct);
                    await AddAsync(db, manifestation, EmailTemplates.IdentityDecided, recipients, now, ct,
                        ("UNIDADE", await UnitNameAsync(db, assignment.UnitId, ct)),
                        ("DECISAO", d.Granted ? "deferida" : "indeferida"));
                    break;
                case ComplementArrived:
                    await AddAsync(db, manifestation, EmailTemplates.ComplementArrived, await OmbudsmanRecipientsAsync(db, ct), now, ct);
                    break;
            }
        }

        manifestation.ClearEvents();
    }

    internal static string UnitAlertKind(bool passed) => passed ? EmailTemplates.DeadlinePassed : EmailTemplates.DeadlineNear;

    internal static string CitizenAlertKind(bool passed) => passed ? EmailTemplates.CitizenDeadlinePassed : EmailTemplates.CitizenDeadlineNear;

    /// <summary>What a treatment's deadline alert says besides NUP, type and link.</summary>
    internal static (string Key, string Value)[] UnitAlertValues(string unitName, DateTimeOffset dueAt, int daysLeft) =>
        [("UNIDADE", unitName), .. CitizenAlertValues(dueAt, daysLeft)];

    /// <summary>What a citizen-deadline alert says besides NUP, type and link.</summary>
    internal static (string Key, string Value)[] CitizenAlertValues(DateTimeOffset dueAt, int daysLeft) =>
        [("PRAZO", Date(dueAt)), ("DIAS", Math.Max(0, daysLeft).ToString(System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>The ombudsman's free text only for the types whose content may travel (never for denúncias and comunicações).</summary>
    private static string Instructions(Manifestation m, Guid assignmentId) =>
        m.Type.IsProtected()
            ? InstructionsInTheSystem
            : m.Assignments.FirstOrDefault(a => a.Id == assignmentId)?.Instructions is { Length: > 0 } text ? text : "—";

    private async Task ToTeamAsync(OuvidoriaDbContext db, Manifestation m, string key, Guid unitId, string? collaboratorId, DateTimeOffset dueAt, DateTimeOffset now, CancellationToken ct, params (string, string)[] extra)
    {
        var recipients = await TeamRecipientsAsync(db, unitId, collaboratorId, ct);
        await AddAsync(db, m, key, recipients, now, ct, [("UNIDADE", await UnitNameAsync(db, unitId, ct)), ("PRAZO", Date(dueAt)), .. extra]);
    }

    private async Task AddAsync(OuvidoriaDbContext db, Manifestation m, string key, IReadOnlyList<string> recipients, DateTimeOffset now, CancellationToken ct, params (string Key, string Value)[] extra)
    {
        if (recipients.Count == 0)
        {
            return;
        }

        var rendered = EmailTemplates.Render(await templates.GetAsync(key, ct), Values(new AlertedManifestation(m.Id, m.Nup, m.Type), extra));
        foreach (var recipient in recipients)
        {
            db.EmailOutbox.Add(new EmailNotification(key, recipient, rendered, m.Id, null, now));
        }
    }

    /// <summary>The placeholders every e-mail of <paramref name="m"/> fills (NUP, type, link), plus <paramref name="extra"/>.</summary>
    internal Dictionary<string, string> Values(AlertedManifestation m, params (string Key, string Value)[] extra)
    {
        var values = new Dictionary<string, string>
        {
            ["NUP"] = m.Nup.ToString(),
            ["TIPO"] = m.Type.Label(),
            ["LINK"] = new Uri(new Uri(_options.PortalUrl.EndsWith('/') ? _options.PortalUrl : _options.PortalUrl + "/"), $"manifestacoes/{m.Id}").ToString(),
        };
        foreach (var (name, value) in extra)
        {
            values[name] = value;
        }

        return values;
    }

    /// <summary>
    /// A cache of the recipients, unit names and templates of deadline alerts, for planning those of
    /// many manifestations at once (one sweep run): see <see cref="DeadlineAlertBook"/>.
    /// </summary>
    public DeadlineAlertBook StartDeadlineAlerts() => new(this, templates);

    /// <summary>The outbox's dedup key of one recipient of an alert queued once per <paramref name="dedupKey"/>.</summary>
    public static string RecipientKey(string dedupKey, string recipient) => $"{dedupKey}:{recipient.ToLowerInvariant()}";

    /// <summary>The named collaborator; else the unit's alert address; else its active collaborators (<see cref="DeadlineAlertBook.PrefetchAsync"/> is the same rule for many teams).</summary>
    internal static async Task<IReadOnlyList<string>> TeamRecipientsAsync(OuvidoriaDbContext db, Guid unitId, string? collaboratorId, CancellationToken ct)
    {
        if (collaboratorId is not null)
        {
            return await EmailsOfUsersAsync(db, [collaboratorId], ct);
        }

        var unitEmail = await db.Units.Where(u => u.Id == unitId).Select(u => u.Email).FirstOrDefaultAsync(ct);
        if (!string.IsNullOrWhiteSpace(unitEmail))
        {
            return [unitEmail];
        }

        var roleId = await db.Roles.Where(r => r.Name == Roles.Collaborator).Select(r => r.Id).FirstOrDefaultAsync(ct);
        return await db.Users.Where(u => u.UnitId == unitId && u.IsActive && u.Email != null && db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == roleId))
            .Select(u => u.Email!).ToListAsync(ct);
    }

    internal async Task<IReadOnlyList<string>> OmbudsmanRecipientsAsync(OuvidoriaDbContext db, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(_options.OmbudsmanAddress))
        {
            return [_options.OmbudsmanAddress];
        }

        var roleId = await db.Roles.Where(r => r.Name == Roles.Ombudsman).Select(r => r.Id).FirstOrDefaultAsync(ct);
        return await db.Users.Where(u => u.IsActive && u.Email != null && db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == roleId))
            .Select(u => u.Email!).ToListAsync(ct);
    }

    private static async Task<IReadOnlyList<string>> EmailsOfUsersAsync(OuvidoriaDbContext db, IReadOnlyList<string> userIds, CancellationToken ct) =>
        await db.Users.Where(u => userIds.Contains(u.Id) && u.Email != null).Select(u => u.Email!).ToListAsync(ct);

    internal static async Task<string> UnitNameAsync(OuvidoriaDbContext db, Guid unitId, CancellationToken ct) =>
        await db.Units.Where(u => u.Id == unitId).Select(u => u.Name).FirstOrDefaultAsync(ct) ?? "—";

    internal static string Date(DateTimeOffset at) => at.ToOffset(BrasiliaOffset).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Where templates come from: the defaults, or the administrators' edited versions.</summary>
public interface IEmailTemplateStore
{
    Task<EmailTemplate> GetAsync(string key, CancellationToken ct);
}

/// <summary>The built-in templates.</summary>
public sealed class DefaultEmailTemplateStore : IEmailTemplateStore
{
    public Task<EmailTemplate> GetAsync(string key, CancellationToken ct) => Task.FromResult(EmailTemplates.Default(key));
}
