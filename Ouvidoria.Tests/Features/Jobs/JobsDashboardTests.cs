using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ouvidoria.Domain.Common;
using Ouvidoria.Infrastructure.Jobs;
using Ouvidoria.Tests.Support.Integration;
using Ouvidoria.Web.Features.Jobs;
using Quartz;

namespace Ouvidoria.Tests.Features.Jobs;

/// <summary>
/// The app with its Quartz scheduler on (in memory on SQLite, clustered on PostgreSQL), under a
/// scheduler name of its own (two apps in one process must not share one). The recurring jobs keep
/// their default schedules (15 min, 1 h, 03:00): Quartz reads the app's frozen test clock, so they do
/// not fire during a test; runs come from "Executar agora" and from the failing probe below.
/// </summary>
public abstract class SchedulerApp(TestDatabase database) : OuvidoriaAppFactory(database, seedDemo: false)
{
    protected override void AddSettings(Dictionary<string, string?> settings)
    {
        settings["Jobs:Enabled"] = "true";
        settings["Jobs:SchedulerName"] = $"OuvidoriaDashboard{Guid.NewGuid():N}";
    }
}

public sealed class SqliteSchedulerApp() : SchedulerApp(TestDatabase.Sqlite);

public sealed class PostgresSchedulerApp() : SchedulerApp(TestDatabase.Postgres);

/// <summary>
/// Records a failed run of the retention job through the real <see cref="JobRunLog"/> (what
/// <see cref="RetentionJob"/> does when its work throws), so the dashboard can be seen after a failure.
/// </summary>
public sealed class FailingRetentionRun(JobRunLog log) : IJob
{
    public const string Error = "Falha simulada: armazenamento de anexos indisponível.";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct) =>
        await log.RunAsync(context, JobCatalog.Retention.Key, _ => throw new IOException(Error), ct);
}

/// <summary>
/// "Tarefas agendadas": administrators only, checked in the use case (a manual retention run
/// deletes data); the figures — every job with its last run, next run and last error.
/// </summary>
public abstract class JobsDashboardTests(OuvidoriaAppFactory app)
{
    private static readonly Actor Administrator = new("admin-tarefas", "Administradora", ActorKind.Administrator);

    private static readonly TimeZoneInfo Brasilia =
        TimeZoneInfo.TryFindSystemTimeZoneById("America/Sao_Paulo", out var zone) ? zone : TimeZoneInfo.Utc;

    public static TheoryData<ActorKind> NonAdministrators => new() { ActorKind.Ombudsman, ActorKind.Collaborator, ActorKind.Manager, ActorKind.Citizen, ActorKind.System };

    private Task<Result<IReadOnlyList<JobStatus>>> DashboardAsync(Actor actor) =>
        app.WithAsync<JobsDashboardQuery, Result<IReadOnlyList<JobStatus>>>(q => q.ExecuteAsync(actor));

    private Task<Result<Done>> RunNowAsync(string key, Actor actor) =>
        app.WithAsync<JobsDashboardQuery, Result<Done>>(q => q.RunNowAsync(key, actor));

    [Theory]
    [MemberData(nameof(NonAdministrators))]
    public async Task Dashboard_NotAnAdministrator_IsForbiddenAndRunNowTriggersNothing(ActorKind kind)
    {
        var actor = new Actor(kind is ActorKind.Citizen or ActorKind.System ? null : $"usuario-{kind}", kind.ToString(), kind, kind == ActorKind.Collaborator ? Guid.NewGuid() : null);
        var before = await RunsAsync(JobCatalog.Retention.Key);

        var view = await DashboardAsync(actor);
        var run = await RunNowAsync(JobCatalog.Retention.Key, actor);

        foreach (var error in new[] { view.Error, run.Error })
        {
            Assert.Equal(ErrorKind.Forbidden, error?.Kind);
            Assert.Equal("Somente administradores podem consultar e executar as tarefas agendadas.", error!.Message);
        }

        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(before.Count, (await RunsAsync(JobCatalog.Retention.Key)).Count);
        Assert.True((await DashboardAsync(Administrator)).IsSuccess);
    }

    [Fact]
    public async Task Dashboard_AfterAFailingRun_ListsEveryJobWithLastRunNextRunAndTheLastError()
    {
        // The schedules stay (next run on show) but fire no more: every run below is one this test asks for.
        var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        foreach (var job in JobCatalog.All)
        {
            await scheduler.PauseTrigger(JobCatalog.TriggerOf(job));
        }

        await WaitUntilIdleAsync();
        Assert.Equal(ErrorKind.NotFound, (await RunNowAsync("inexistente", Administrator)).Error?.Kind);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var sweptAt = app.Clock.GetUtcNow();
        var swept = await RunNowAsync(JobCatalog.DeadlineSweep.Key, Administrator);
        Assert.True(swept.IsSuccess, swept.Error?.Message);
        await WaitForRunsAsync(r => r.StartedAt == sweptAt && r.FinishedAt != null, JobCatalog.DeadlineSweep.Key);

        // A failing retention run, a minute later on the app's clock (the scheduler's clock too).
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var failedAt = app.Clock.GetUtcNow();
        var probe = JobBuilder.Create<FailingRetentionRun>().WithIdentity($"falha-{Guid.NewGuid():N}", "testes").Build();
        await scheduler.ScheduleJob(probe, TriggerBuilder.Create().ForJob(probe).StartAt(failedAt).Build());
        await WaitForRunsAsync(r => r.FinishedAt != null && !r.Succeeded, JobCatalog.Retention.Key);

        var jobs = (await DashboardAsync(Administrator)).Value;

        Assert.Equal(JobCatalog.All.Select(j => j.Key), jobs.Select(j => j.Definition.Key));
        Assert.All(jobs, j => Assert.True(j.Scheduled, $"{j.Definition.Key} não está agendada."));
        Assert.All(jobs, j => Assert.NotNull(j.NextRunAt));
        var sweep = jobs.Single(j => j.Definition.Key == JobCatalog.DeadlineSweep.Key);
        Assert.Equal((true, sweptAt), (sweep.LastSucceeded, sweep.LastStartedAt));
        Assert.NotNull(sweep.LastFinishedAt);
        Assert.Contains("prazo(s) verificado(s)", sweep.LastSummary, StringComparison.Ordinal);
        Assert.Null(sweep.LastError);
        var retention = jobs.Single(j => j.Definition.Key == JobCatalog.Retention.Key);
        Assert.Equal((false, FailingRetentionRun.Error, failedAt, failedAt), (retention.LastSucceeded, retention.LastError, retention.LastErrorAt, retention.LastStartedAt));
        var nextInBrasilia = TimeZoneInfo.ConvertTime(retention.NextRunAt!.Value, Brasilia);
        Assert.Equal((3, 0), (nextInBrasilia.Hour, nextInBrasilia.Minute));
        Assert.True(retention.NextRunAt > failedAt);

        // "Executar agora" by an administrator: a successful run; the last error stays on show.
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var ranAt = app.Clock.GetUtcNow();
        var requested = await RunNowAsync(JobCatalog.Retention.Key, Administrator);
        Assert.True(requested.IsSuccess, requested.Error?.Message);
        await WaitForRunsAsync(r => r.StartedAt == ranAt && r.FinishedAt != null, JobCatalog.Retention.Key);

        retention = (await DashboardAsync(Administrator)).Value.Single(j => j.Definition.Key == JobCatalog.Retention.Key);
        Assert.Equal((true, ranAt), (retention.LastSucceeded, retention.LastStartedAt));
        Assert.Contains("conversa(s)", retention.LastSummary, StringComparison.Ordinal);
        Assert.Equal((FailingRetentionRun.Error, failedAt), (retention.LastError, retention.LastErrorAt));
    }

    /// <summary>Until no run of any job is still going (a fire from before the pause may be under way).</summary>
    private async Task WaitUntilIdleAsync()
    {
        await Task.Delay(TimeSpan.FromSeconds(1));
        for (var waited = 0; waited < 600; waited++)
        {
            await using var db = app.CreateDbContext();
            if (!await db.JobRuns.AnyAsync(r => r.FinishedAt == null))
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("Execuções de tarefas ainda em andamento após 60 s.");
    }

    private async Task<List<JobRun>> RunsAsync(string job)
    {
        await using var db = app.CreateDbContext();
        return await db.JobRuns.AsNoTracking().Where(r => r.Job == job).ToListAsync();
    }

    /// <summary>Waits (real time: Quartz runs on its own threads) until each job has a run matching <paramref name="match"/>.</summary>
    private async Task WaitForRunsAsync(Func<JobRun, bool> match, params string[] jobs)
    {
        for (var waited = 0; waited < 600; waited++)
        {
            var pending = false;
            foreach (var job in jobs)
            {
                pending |= !(await RunsAsync(job)).Any(match);
            }

            if (!pending)
            {
                return;
            }

            await Task.Delay(100);
        }

        await using var db = app.CreateDbContext();
        var runs = await db.JobRuns.AsNoTracking().ToListAsync();
        var schedulers = app.Services.GetService<ISchedulerFactory>();
        var scheduler = schedulers is null ? null : await schedulers.GetScheduler();
        var triggers = scheduler is null ? [] : await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.AnyGroup());
        Assert.Fail($"Nenhuma execução esperada de {string.Join(", ", jobs)} em 60 s. Execuções: {string.Join("; ", runs.Select(r => $"{r.Job} {r.StartedAt:O} {r.FinishedAt:O} {r.Succeeded} {r.Error}"))}. " +
            $"Agendador: {scheduler?.SchedulerName} gatilhos={string.Join(",", triggers)}");
    }
}

public sealed class JobsDashboardTestsSqlite(SqliteSchedulerApp app) : JobsDashboardTests(app), IClassFixture<SqliteSchedulerApp>;

public sealed class JobsDashboardTestsPostgres(PostgresSchedulerApp app) : JobsDashboardTests(app), IClassFixture<PostgresSchedulerApp>;
