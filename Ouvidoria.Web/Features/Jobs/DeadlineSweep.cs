using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Administration;
using Ouvidoria.Infrastructure.Notifications;
using Ouvidoria.Infrastructure.Persistence;

namespace Ouvidoria.Web.Features.Jobs;

public sealed record SweepResult(int Candidates, int AlertsQueued);

/// <summary>An open responsible treatment due before the sweep's horizon (read through IX_Assignments_OpenDueAt).</summary>
public sealed record UnitDeadlineCandidate(Guid Id, Guid ManifestationId, Guid UnitId, string? CollaboratorId, DateTimeOffset DueAt);

/// <summary>A manifestation whose citizen clock runs and is due before the horizon.</summary>
public sealed record CitizenDeadlineCandidate(Guid Id, DateTimeOffset DueAt);

/// <summary>
/// Finds unit treatments and citizen deadlines that are near (the configured thresholds) or past
/// and queues one alert per deadline, threshold and recipient. Candidates come from partial indexes
/// on the open rows' due dates (never a scan in memory), read as small projections; the alerts each
/// one is due are compared with the outbox by their dedup keys (unique index, in batches), and only
/// the manifestations still owed an alert are read again. Those are handled in batches of
/// <see cref="ManifestationBatch"/>, pipelined — a batch is read and planned while the one before
/// it is written: one set-based read (the manifestations' NUP, type, status and citizen deadline;
/// their open responsible treatments are the candidates read at the start of the run, moments
/// before), the alerts planned from a <see cref="DeadlineAlertBook"/> (recipients, unit names and
/// templates read once per run), and one transaction per batch of
/// <c>INSERT … SELECT … ON CONFLICT ("DedupKey") DO NOTHING</c> with the rows in a few parameters (a
/// JSON array on SQLite, an array per column on PostgreSQL: <see cref="EmailOutboxInsert"/>; no
/// change tracking, no SaveChanges). The dedup key of
/// each alert (assignment or manifestation, due date, threshold, recipient) makes reruns harmless,
/// and an extension (a new due date) arms the thresholds again. Another node may queue the same
/// alert between the check and the insert: the database then skips that row alone — the other
/// node's e-mail stays, the rest of the batch is queued — and the run counts only the rows it
/// inserted, so nothing is lost or sent twice.
/// </summary>
public sealed class DeadlineSweep(
    IDbContextFactory<OuvidoriaDbContext> factory,
    NotificationPlanner planner,
    EmailSignal emailSignal,
    SystemSettingsStore settings,
    TimeProvider clock)
{
    /// <summary>
    /// Dedup keys looked up per statement, sent as one parameter (a JSON array on SQLite, an array on
    /// PostgreSQL: <see cref="EF.Parameter"/>), so the statement's cost does not grow with its
    /// parameters; a bound on the parameter's size (~0.5 MB).
    /// </summary>
    private const int KeyBatch = 5000;

    /// <summary>
    /// Manifestations owed an alert, planned and committed together (a few alerts each: ~4,000 rows,
    /// ~5 MB). Each commit costs a sync of the log, so fewer, larger batches are faster (25,000
    /// alerts: 28 commits of 500 took ~0.55 s, 7 of 2,000 ~0.33 s); on SQLite the write lock is held
    /// for one batch's INSERT only (~150 ms), so other writers wait that long at most.
    /// </summary>
    private const int ManifestationBatch = 2000;

    public async Task<SweepResult> RunAsync(CancellationToken ct)
    {
        // The administrators' thresholds (Jobs:AlertDaysBefore until they save the settings).
        var thresholds = (await settings.GetAsync(ct)).AlertDaysBefore.Where(d => d > 0).Distinct().Order().ToArray();
        var now = clock.GetUtcNow();
        var limit = now.AddDays(thresholds.Length == 0 ? 0 : thresholds[^1]);
        var alerts = planner.StartDeadlineAlerts();

        List<UnitDeadlineCandidate> units;
        List<CitizenDeadlineCandidate> citizens;
        List<Guid> owed;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            units = await CandidateAssignments(db, limit).ToListAsync(ct);
            citizens = await CandidateManifestations(db, limit).ToListAsync(ct);
            await alerts.PrefetchAsync(db, units.Select(a => (a.UnitId, a.CollaboratorId)), office: citizens.Count > 0, ct);
            owed = await OwedAlertsAsync(db, alerts, units, citizens, thresholds, now, ct);
        }

        var queued = 0;
        var treatments = units.ToLookup(a => a.ManifestationId);
        var batches = owed.Chunk(ManifestationBatch).ToList();
        // Pipelined: while a batch is written, the next one is read and planned (on a context of its
        // own, off this thread: SQLite's "async" calls run synchronously).
        var next = batches.Count > 0 ? PlanAsync(batches[0]) : null;
        for (var i = 0; i < batches.Count; i++)
        {
            var planned = await next!;
            next = i + 1 < batches.Count ? PlanAsync(batches[i + 1]) : null;
            try
            {
                queued += await InsertAsync(planned, ct);
            }
            catch when (next is not null)
            {
                // Not left running against a failed run (its error, if any, is this one's consequence).
                await next.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                throw;
            }
        }

        if (queued > 0)
        {
            emailSignal.Wake();
        }

        return new SweepResult(units.Count + citizens.Count, queued);

        Task<List<EmailNotification>> PlanAsync(Guid[] batch) => Task.Run(() => PlanBatchAsync(batch, treatments, alerts, thresholds, now, ct), ct);
    }

    /// <summary>Open treatments due before <paramref name="limit"/> (partial index IX_Assignments_OpenDueAt).</summary>
    public static IQueryable<UnitDeadlineCandidate> CandidateAssignments(OuvidoriaDbContext db, DateTimeOffset limit) =>
        db.Assignments.AsNoTracking()
            .Where(a => a.Status == TreatmentStatus.Open && a.Role == AssignmentRole.Responsible && a.Deadline.DueAt <= limit)
            .Select(a => new UnitDeadlineCandidate(a.Id, a.ManifestationId, a.UnitId, a.CollaboratorId, a.Deadline.DueAt));

    /// <summary>Manifestations whose citizen clock runs and is due before <paramref name="limit"/> (partial index IX_Manifestations_RunningCitizenDueAt).</summary>
    public static IQueryable<CitizenDeadlineCandidate> CandidateManifestations(OuvidoriaDbContext db, DateTimeOffset limit) =>
        db.Manifestations.AsNoTracking()
            .Where(m => (m.Status == ManifestationStatus.Registered || m.Status == ManifestationStatus.InTriage || m.Status == ManifestationStatus.InTreatment)
                && m.CitizenDeadline.DueAt <= limit)
            .Select(m => new CitizenDeadlineCandidate(m.Id, m.CitizenDeadline.DueAt));

    /// <summary>
    /// The manifestations with at least one alert not yet in the outbox: the keys each candidate is
    /// due (same recipients and keys as the planner) minus the keys already queued.
    /// </summary>
    private static async Task<List<Guid>> OwedAlertsAsync(
        OuvidoriaDbContext db, DeadlineAlertBook alerts, List<UnitDeadlineCandidate> units, List<CitizenDeadlineCandidate> citizens, int[] thresholds, DateTimeOffset now, CancellationToken ct)
    {
        var expected = new List<(Guid ManifestationId, string Key)>();
        foreach (var a in units)
        {
            if (Threshold(a.DueAt, thresholds, now) is { } level)
            {
                var key = UnitKey(a.Id, a.DueAt, level);
                expected.AddRange((await alerts.TeamRecipientsAsync(db, a.UnitId, a.CollaboratorId, ct)).Select(r => (a.ManifestationId, NotificationPlanner.RecipientKey(key, r))));
            }
        }

        var office = citizens.Count == 0 ? [] : await alerts.OfficeRecipientsAsync(db, ct);
        foreach (var m in citizens)
        {
            if (Threshold(m.DueAt, thresholds, now) is { } level)
            {
                var key = CitizenKey(m.Id, m.DueAt, level);
                expected.AddRange(office.Select(r => (m.Id, NotificationPlanner.RecipientKey(key, r))));
            }
        }

        var queued = await QueuedKeysAsync(db, expected.Select(e => e.Key), ct);
        return expected.Where(e => !queued.Contains(e.Key)).Select(e => e.ManifestationId).Distinct().ToList();
    }

    /// <summary>Those of <paramref name="keys"/> already in the outbox (unique index, <see cref="KeyBatch"/> per statement).</summary>
    private static async Task<HashSet<string>> QueuedKeysAsync(OuvidoriaDbContext db, IEnumerable<string> keys, CancellationToken ct)
    {
        var queued = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in keys.Distinct().Chunk(KeyBatch))
        {
            queued.UnionWith(await db.EmailOutbox.AsNoTracking().Where(n => EF.Parameter(chunk).Contains(n.DedupKey!)).Select(n => n.DedupKey!).ToListAsync(ct));
        }

        return queued;
    }

    private static string UnitKey(Guid assignmentId, DateTimeOffset dueAt, int level) => $"deadline:{assignmentId:N}:{dueAt.UtcTicks}:{level}";

    private static string CitizenKey(Guid manifestationId, DateTimeOffset dueAt, int level) => $"citizen-deadline:{manifestationId:N}:{dueAt.UtcTicks}:{level}";

    /// <summary>
    /// The alerts still owed by the manifestations <paramref name="ids"/> (not added to any context):
    /// one read of what they show (NUP, type, status, citizen deadline — the ids as one parameter),
    /// then the book's texts and recipients.
    /// </summary>
    private async Task<List<EmailNotification>> PlanBatchAsync(Guid[] ids, ILookup<Guid, UnitDeadlineCandidate> treatments, DeadlineAlertBook alerts, int[] thresholds, DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        // Read-only and narrow: the alerts need the NUP, the type and the citizen deadline, nothing else
        // (the open treatments due before the horizon are the run's candidates: every one that can be alerted).
        var manifestations = await db.Manifestations.AsNoTracking().Where(m => EF.Parameter(ids).Contains(m.Id))
            .Select(m => new { m.Id, m.Nup, m.Type, m.Status, CitizenDueAt = m.CitizenDeadline.DueAt })
            .ToListAsync(ct);

        var planned = new List<EmailNotification>();
        foreach (var m in manifestations)
        {
            var subject = new AlertedManifestation(m.Id, m.Nup, m.Type);
            foreach (var a in treatments[m.Id])
            {
                if (Threshold(a.DueAt, thresholds, now) is { } level)
                {
                    planned.AddRange(await alerts.UnitAlertAsync(db, subject, a.UnitId, a.CollaboratorId, a.DueAt, level == 0, DeadlinePolicy.DaysLeft(a.DueAt, now), UnitKey(a.Id, a.DueAt, level), now, ct));
                }
            }

            if (m.Status is ManifestationStatus.Registered or ManifestationStatus.InTriage or ManifestationStatus.InTreatment
                && Threshold(m.CitizenDueAt, thresholds, now) is { } citizenLevel)
            {
                planned.AddRange(await alerts.CitizenAlertAsync(db, subject, m.CitizenDueAt, citizenLevel == 0, DeadlinePolicy.DaysLeft(m.CitizenDueAt, now), CitizenKey(m.Id, m.CitizenDueAt, citizenLevel), now, ct));
            }
        }

        return planned;
    }

    /// <summary>
    /// A batch's alerts, in one transaction: those already in the outbox — an earlier run's, or one
    /// another node queued since the check — are skipped by the insert itself
    /// (<see cref="EmailOutboxInsert"/>), so nothing is lost or doubled.
    /// </summary>
    private async Task<int> InsertAsync(List<EmailNotification> planned, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await EmailOutboxInsert.InsertSkippingQueuedAsync(db, planned, ct);
    }

    /// <summary>0 when past due; else the tightest threshold (in days) already reached; null when none.</summary>
    private static int? Threshold(DateTimeOffset dueAt, int[] thresholds, DateTimeOffset now)
    {
        if (dueAt <= now)
        {
            return 0;
        }

        var left = dueAt - now;
        return thresholds.Where(t => left <= TimeSpan.FromDays(t)).Select(t => (int?)t).FirstOrDefault();
    }
}
