using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Administration;
using Ouvidoria.Infrastructure.Notifications;
using Ouvidoria.Infrastructure.Persistence;
using Ouvidoria.Web.Features.Manifestations;

namespace Ouvidoria.Web.Features.Jobs;

public sealed record SweepResult(int Candidates, int AlertsQueued);

/// <summary>
/// Finds unit treatments and citizen deadlines that are near (the configured thresholds) or past
/// and queues one alert per deadline and threshold. Candidates come from partial indexes on the
/// open rows' due dates (never a scan in memory); the dedup key of each alert (assignment or
/// manifestation, due date, threshold) makes reruns — and other nodes — harmless, and an extension
/// (a new due date) arms the thresholds again.
/// </summary>
public sealed class DeadlineSweep(
    IDbContextFactory<OuvidoriaDbContext> factory,
    NotificationPlanner planner,
    EmailSignal emailSignal,
    SystemSettingsStore settings,
    TimeProvider clock)
{
    public async Task<SweepResult> RunAsync(CancellationToken ct)
    {
        // The administrators' thresholds (Jobs:AlertDaysBefore until they save the settings).
        var thresholds = (await settings.GetAsync(ct)).AlertDaysBefore.Where(d => d > 0).Distinct().Order().ToArray();
        var now = clock.GetUtcNow();
        var limit = now.AddDays(thresholds.Length == 0 ? 0 : thresholds[^1]);

        await using var db = await factory.CreateDbContextAsync(ct);
        var units = await CandidateAssignments(db, limit).ToListAsync(ct);
        var citizens = await CandidateManifestations(db, limit).ToListAsync(ct);

        var queued = 0;
        foreach (var id in units.Select(u => u.ManifestationId).Concat(citizens).Distinct())
        {
            queued += await SweepManifestationAsync(id, thresholds, now, ct);
        }

        if (queued > 0)
        {
            emailSignal.Wake();
        }

        return new SweepResult(units.Count + citizens.Count, queued);
    }

    /// <summary>Open treatments due before <paramref name="limit"/> (partial index IX_Assignments_OpenDueAt).</summary>
    public static IQueryable<Assignment> CandidateAssignments(OuvidoriaDbContext db, DateTimeOffset limit) =>
        db.Assignments.AsNoTracking().Where(a => a.Status == TreatmentStatus.Open && a.Role == AssignmentRole.Responsible && a.Deadline.DueAt <= limit);

    /// <summary>Manifestations whose citizen clock runs and is due before <paramref name="limit"/> (partial index IX_Manifestations_RunningCitizenDueAt).</summary>
    public static IQueryable<Guid> CandidateManifestations(OuvidoriaDbContext db, DateTimeOffset limit) =>
        db.Manifestations.AsNoTracking()
            .Where(m => (m.Status == ManifestationStatus.Registered || m.Status == ManifestationStatus.InTriage || m.Status == ManifestationStatus.InTreatment)
                && m.CitizenDeadline.DueAt <= limit)
            .Select(m => m.Id);

    private async Task<int> SweepManifestationAsync(Guid id, int[] thresholds, DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var m = await ManifestationWorkflow.LoadAsync(db, id, ct);
        if (m is null)
        {
            return 0;
        }

        var queued = 0;
        foreach (var a in m.Assignments.Where(a => a.IsOpen && a.Role == AssignmentRole.Responsible))
        {
            if (Threshold(a.Deadline.DueAt, thresholds, now) is { } level)
            {
                queued += await planner.PlanDeadlineAlertAsync(db, m, a, level == 0, a.Deadline.DaysLeftAt(now), $"deadline:{a.Id:N}:{a.Deadline.DueAt.UtcTicks}:{level}", now, ct);
            }
        }

        if (m.Status is ManifestationStatus.Registered or ManifestationStatus.InTriage or ManifestationStatus.InTreatment
            && Threshold(m.CitizenDeadline.DueAt, thresholds, now) is { } citizenLevel)
        {
            queued += await planner.PlanCitizenDeadlineAlertAsync(db, m, citizenLevel == 0, m.CitizenDeadline.DaysLeftAt(now), $"citizen-deadline:{m.Id:N}:{m.CitizenDeadline.DueAt.UtcTicks}:{citizenLevel}", now, ct);
        }

        try
        {
            await db.SaveChangesAsync(ct);
            return queued;
        }
        catch (DbUpdateException)
        {
            // Another node queued the same alert first (unique dedup key): nothing lost, nothing doubled.
            return 0;
        }
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
