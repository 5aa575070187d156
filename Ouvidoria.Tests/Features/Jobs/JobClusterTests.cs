using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Ouvidoria.Infrastructure.Persistence;
using Ouvidoria.Tests.Support.Integration;
using Ouvidoria.Web.Features.Jobs;

namespace Ouvidoria.Tests.Features.Jobs;

/// <summary>The app with the Quartz scheduler on (every second, for the test), clustered on PostgreSQL.</summary>
public sealed class PostgresJobsApp() : OuvidoriaAppFactory(TestDatabase.Postgres, seedDemo: false)
{
    public static void Configure(Dictionary<string, string?> settings)
    {
        settings["Jobs:Enabled"] = "true";
        settings["Jobs:DeadlineSweepInterval"] = "00:00:01";
        settings["Jobs:ComplementExpiryInterval"] = "00:00:01";
        settings["Jobs:SchedulerName"] = "OuvidoriaClusterTest";
    }

    protected override void AddSettings(Dictionary<string, string?> settings) => Configure(settings);
}

/// <summary>
/// Two app instances on one PostgreSQL database share one clustered Quartz store: every scheduled
/// fire of a job runs on exactly one of them, and the recurring jobs are scheduled once.
/// </summary>
public sealed class JobClusterTests(PostgresJobsApp app) : IClassFixture<PostgresJobsApp>
{
    private sealed class SecondNode(OuvidoriaAppFactory first) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            var settings = new Dictionary<string, string?>
            {
                ["Database:Provider"] = nameof(DatabaseProvider.Postgres),
                ["ConnectionStrings:Ouvidoria"] = first.ConnectionString,
                ["Seed:Demo"] = "false",
                ["Storage:Root"] = first.StorageRoot,
                ["Email:PickupDirectory"] = Path.Combine(first.StorageRoot, "mail"),
                ["Logging:LogLevel:Default"] = "Warning",
            };
            PostgresJobsApp.Configure(settings);
            builder.UseEnvironment("Development");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }

    [Fact]
    public async Task TwoNodes_EachScheduledFireRunsOnce()
    {
        await using var second = new SecondNode(app);
        _ = second.Services; // starts the second node's scheduler
        var since = DateTimeOffset.UtcNow;

        // Wait for a few scheduled fires (the machine may be busy with other tests).
        List<Ouvidoria.Infrastructure.Jobs.JobRun> runs = [];
        for (var waited = 0; waited < 60; waited++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            await using var poll = app.CreateDbContext();
            runs = (await poll.JobRuns.AsNoTracking().Where(r => r.Job == JobCatalog.DeadlineSweep.Key || r.Job == JobCatalog.ComplementExpiry.Key).ToListAsync())
                .Where(r => r.ScheduledAt >= since).ToList();
            if (runs.Count(r => r.Job == JobCatalog.DeadlineSweep.Key) >= 6)
            {
                break;
            }
        }

        await using var db = app.CreateDbContext();
        var sweeps = runs.Count(r => r.Job == JobCatalog.DeadlineSweep.Key);
        Assert.True(sweeps >= 6, $"Only {sweeps} sweeps in 60 s.");
        var doubled = runs.GroupBy(r => (r.Job, r.ScheduledAt)).Where(g => g.Count() > 1).ToList();
        Assert.True(doubled.Count == 0, "Fires that ran twice: " + string.Join(", ", doubled.Select(g => $"{g.Key.Job}@{g.Key.ScheduledAt:O} on {string.Join("+", g.Select(r => r.Node))}")));
        Assert.All(runs.Where(r => r.FinishedAt is not null), r => Assert.True(r.Succeeded, r.Error));

        // One trigger per job in the shared store, although both nodes scheduled at start-up.
        var triggers = await db.Database.SqlQuery<int>($"SELECT COUNT(*)::int AS \"Value\" FROM qrtz_triggers WHERE trigger_group = {JobCatalog.Group}").SingleAsync();
        Assert.Equal(JobCatalog.All.Count, triggers);
    }
}
