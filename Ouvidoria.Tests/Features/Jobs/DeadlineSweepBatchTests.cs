using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Notifications;
using Ouvidoria.Tests.Support.Integration;
using Ouvidoria.Web.Features.Jobs;

namespace Ouvidoria.Tests.Features.Jobs;

/// <summary>
/// The sweep's batches: many manifestations owed alerts at once (the demo's and three prepared
/// here — one unit, two units, a named collaborator) are queued together, each alert exactly once,
/// also when another node queues one of them in the middle of the run.
/// </summary>
public abstract class DeadlineSweepBatchTests(OuvidoriaAppFactory app)
{
    [Fact]
    public async Task DeadlineSweep_ManyManifestationsOwedAtOnce_QueuesEachAlertOnce_AndARerunQueuesNothing()
    {
        var cases = await SweepCases.PrepareAsync(app);
        var start = app.Clock.GetUtcNow();
        try
        {
            app.Clock.Set(await SweepCases.AllPastDueAsync(app, cases));
            var before = await SweepCases.DeadlineAlertsInTheOutboxAsync(app);

            var first = await SweepCases.SweepAsync(app);

            Assert.Equal(before + first.AlertsQueued, await SweepCases.DeadlineAlertsInTheOutboxAsync(app));
            // The demo's manifestations came due too: the run queued far more than the prepared cases' alerts.
            Assert.True(first.AlertsQueued > await SweepCases.AssertQueuedOnceAsync(app, cases));
            Assert.Equal(0, (await SweepCases.SweepAsync(app)).AlertsQueued);
            Assert.Equal(before + first.AlertsQueued, await SweepCases.DeadlineAlertsInTheOutboxAsync(app));
        }
        finally
        {
            app.Clock.Set(start);
        }
    }
}

public sealed class DeadlineSweepBatchTestsSqlite(SqliteDemoApp app) : DeadlineSweepBatchTests(app), IClassFixture<SqliteDemoApp>;

public sealed class DeadlineSweepBatchTestsPostgres(PostgresDemoApp app) : DeadlineSweepBatchTests(app), IClassFixture<PostgresDemoApp>;

/// <summary>Another node queues one alert of a batch between the sweep's check and its insert.</summary>
public abstract class DeadlineSweepConflictTests(ConcurrentAlertApp app)
{
    [Fact]
    public async Task DeadlineSweep_AnotherNodeQueuesAnAlertOfTheBatch_ItsAlertIsKept_AndEveryOtherAlertIsQueuedOnce()
    {
        var cases = await SweepCases.PrepareAsync(app);
        var start = app.Clock.GetUtcNow();
        try
        {
            app.Clock.Set(await SweepCases.AllPastDueAsync(app, cases));
            var before = await SweepCases.DeadlineAlertsInTheOutboxAsync(app);

            SweepResult first;
            using (app.OtherNode.Arm())
            {
                first = await SweepCases.SweepAsync(app);
            }

            // The statement that met the other node's alert carried other manifestations' alerts too.
            Assert.NotNull(app.OtherNode.InsertedKey);
            Assert.True(app.OtherNode.ManifestationsInTheStatement > 1);
            // Every alert once: the other node's (not counted by this run), and all the others by this run
            // (the rest of that statement and of that manifestation's alerts too).
            Assert.Equal(before + first.AlertsQueued + 1, await SweepCases.DeadlineAlertsInTheOutboxAsync(app));
            await SweepCases.AssertQueuedOnceAsync(app, cases);
            await using (var db = app.CreateDbContext())
            {
                // The other node's e-mail is the one kept: the sweep's copy was skipped, not swapped in.
                var kept = Assert.Single(await db.EmailOutbox.AsNoTracking().Where(n => n.DedupKey == app.OtherNode.InsertedKey).ToListAsync());
                Assert.Equal(app.OtherNode.InsertedId, kept.Id);
            }

            // Nothing lost (that manifestation's other alerts, the rest of the statement): a rerun finds nothing still owed.
            Assert.Equal(0, (await SweepCases.SweepAsync(app)).AlertsQueued);
        }
        finally
        {
            app.Clock.Set(start);
        }
    }
}

public sealed class DeadlineSweepConflictTestsSqlite(SqliteConcurrentAlertApp app) : DeadlineSweepConflictTests(app), IClassFixture<SqliteConcurrentAlertApp>;

public sealed class DeadlineSweepConflictTestsPostgres(PostgresConcurrentAlertApp app) : DeadlineSweepConflictTests(app), IClassFixture<PostgresConcurrentAlertApp>;

/// <summary>Manifestations owed deadline alerts, and what the sweep must have queued for them.</summary>
internal static class SweepCases
{
    public static async Task<SweepResult> SweepAsync(OuvidoriaAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DeadlineSweep>().RunAsync(CancellationToken.None);
    }

    /// <summary>Forwarded to two units; to one unit; to one unit and, by name, a collaborator of another.</summary>
    public static async Task<Guid[]> PrepareAsync(OuvidoriaAppFactory app)
    {
        var health = await app.UnitIdAsync(DemoStaff.HealthUnit);
        var education = await app.UnitIdAsync(DemoStaff.EducationUnit);
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var collaborator = await app.ActorAsync(DemoStaff.EducationCollaborator);
        var twoUnits = await app.PrepareForwardedAsync(health, education);
        var oneUnit = await app.PrepareForwardedAsync(education);
        var named = await app.PrepareForwardedAsync(health);
        await app.WorkflowOkAsync(w => w.ForwardAsync(named.Id, education, AssignmentRole.Responsible, collaborator.UserId, "Favor apurar.", ombudsman));
        return [twoUnits.Id, oneUnit.Id, named.Id];
    }

    /// <summary>An hour after the last deadline (unit or citizen) of <paramref name="ids"/>.</summary>
    public static async Task<DateTimeOffset> AllPastDueAsync(OuvidoriaAppFactory app, Guid[] ids)
    {
        await using var db = app.CreateDbContext();
        var citizen = (await db.Manifestations.AsNoTracking().Where(m => ids.Contains(m.Id)).Select(m => m.CitizenDeadline.DueAt).ToListAsync()).Max();
        var units = (await db.Assignments.AsNoTracking().Where(a => ids.Contains(a.ManifestationId)).Select(a => a.Deadline.DueAt).ToListAsync()).Max();
        return (citizen > units ? citizen : units).AddHours(1);
    }

    /// <summary>The deadline alerts (e-mails with a dedup key) in the outbox.</summary>
    public static async Task<int> DeadlineAlertsInTheOutboxAsync(OuvidoriaAppFactory app)
    {
        await using var db = app.CreateDbContext();
        return await db.EmailOutbox.CountAsync(n => n.DedupKey != null);
    }

    /// <summary>
    /// Each treatment of <paramref name="ids"/> alerted once to its team (the named collaborator, else
    /// the unit's address), each citizen deadline once to the office, with the manifestation's NUP and
    /// the unit's name; returns how many alerts that is.
    /// </summary>
    public static async Task<int> AssertQueuedOnceAsync(OuvidoriaAppFactory app, Guid[] ids)
    {
        await using var db = app.CreateDbContext();
        var total = 0;
        foreach (var id in ids)
        {
            var nup = await db.Manifestations.Where(m => m.Id == id).Select(m => m.Nup).SingleAsync();
            var treatments = await db.Assignments.AsNoTracking().Where(a => a.ManifestationId == id && a.Role == AssignmentRole.Responsible && a.Status == TreatmentStatus.Open)
                .Select(a => new
                {
                    Unit = db.Units.Where(u => u.Id == a.UnitId).Select(u => new { u.Name, u.Email }).Single(),
                    Collaborator = db.Users.Where(u => u.Id == a.CollaboratorId).Select(u => u.Email).FirstOrDefault(),
                })
                .ToListAsync();
            var alerts = await db.EmailOutbox.AsNoTracking().Where(n => n.ManifestationId == id && n.DedupKey != null).ToListAsync();

            var unitAlerts = alerts.Where(n => n.Kind == EmailTemplates.DeadlinePassed).ToList();
            Assert.Equal(treatments.Select(t => t.Collaborator ?? t.Unit.Email).Order(), unitAlerts.Select(n => n.Recipient).Order());
            foreach (var t in treatments)
            {
                var alert = Assert.Single(unitAlerts, n => n.Recipient == (t.Collaborator ?? t.Unit.Email));
                Assert.Contains(nup.ToString(), alert.Subject, StringComparison.Ordinal);
                Assert.Contains(t.Unit.Name, alert.TextBody, StringComparison.Ordinal);
            }

            var office = Assert.Single(alerts, n => n.Kind == EmailTemplates.CitizenDeadlinePassed);
            Assert.Equal(DemoStaff.Ombudsman, office.Recipient);
            Assert.Contains(nup.ToString(), office.Subject, StringComparison.Ordinal);
            Assert.Equal(unitAlerts.Count + 1, alerts.Count);
            total += alerts.Count;
        }

        return total;
    }
}
