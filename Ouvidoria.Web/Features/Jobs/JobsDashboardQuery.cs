using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Common;
using Ouvidoria.Infrastructure.Persistence;
using Quartz;

namespace Ouvidoria.Web.Features.Jobs;

public sealed record JobStatus(
    JobDefinition Definition,
    DateTimeOffset? LastStartedAt,
    DateTimeOffset? LastFinishedAt,
    bool? LastSucceeded,
    string? LastSummary,
    string? LastNode,
    DateTimeOffset? LastErrorAt,
    string? LastError,
    DateTimeOffset? NextRunAt,
    bool Scheduled);

/// <summary>
/// The administrators' view of the jobs: last run and error (from JobRuns), next run (from the
/// scheduler), and "Executar agora". Administrators only, checked here and not only by the page's
/// policy: a manual run of the retention job deletes data.
/// </summary>
public sealed class JobsDashboardQuery(IDbContextFactory<OuvidoriaDbContext> factory, IServiceProvider services)
{
    public static bool MayManage(Actor actor) => actor.Kind == ActorKind.Administrator;

    public static Error Forbidden() => Error.Forbidden("Somente administradores podem consultar e executar as tarefas agendadas.");

    public async Task<Result<IReadOnlyList<JobStatus>>> ExecuteAsync(Actor actor, CancellationToken ct = default)
    {
        if (!MayManage(actor))
        {
            return Forbidden();
        }

        var scheduler = services.GetService<ISchedulerFactory>() is { } schedulers ? await schedulers.GetScheduler(ct) : null;
        await using var db = await factory.CreateDbContextAsync(ct);
        var list = new List<JobStatus>();
        foreach (var job in JobCatalog.All)
        {
            var last = await db.JobRuns.AsNoTracking().Where(r => r.Job == job.Key).OrderByDescending(r => r.StartedAt).FirstOrDefaultAsync(ct);
            var error = await db.JobRuns.AsNoTracking().Where(r => r.Job == job.Key && r.Error != null).OrderByDescending(r => r.StartedAt).FirstOrDefaultAsync(ct);
            var trigger = scheduler is null ? null : await scheduler.GetTrigger(JobCatalog.TriggerOf(job), ct);
            list.Add(new JobStatus(job, last?.StartedAt, last?.FinishedAt, last?.FinishedAt is null ? null : last.Succeeded, last?.Summary, last?.Node,
                error?.StartedAt, error?.Error, trigger?.NextFireTimeUtc, trigger is not null));
        }

        return list;
    }

    /// <summary>"Executar agora": one extra fire on whichever node acquires it.</summary>
    public async Task<Result<Done>> RunNowAsync(string key, Actor actor, CancellationToken ct = default)
    {
        if (!MayManage(actor))
        {
            return Forbidden();
        }

        var job = JobCatalog.All.FirstOrDefault(j => j.Key == key);
        if (job is null)
        {
            return Error.NotFound("Tarefa inexistente.");
        }

        if (services.GetService<ISchedulerFactory>() is not { } schedulers)
        {
            return Error.Validation("As tarefas agendadas estão desativadas neste servidor (Jobs:Enabled=false).");
        }

        var scheduler = await schedulers.GetScheduler(ct);
        await scheduler.TriggerJob(JobCatalog.KeyOf(job), null, ct);
        return Result.Ok;
    }
}
