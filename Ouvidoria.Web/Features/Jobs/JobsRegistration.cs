using Microsoft.Extensions.Options;
using Ouvidoria.Infrastructure.Persistence;
using Quartz;

namespace Ouvidoria.Web.Features.Jobs;

public static class JobsRegistration
{
    /// <summary>
    /// Quartz: in memory on SQLite (one node, schedules recreated at start), a clustered AdoJobStore
    /// on PostgreSQL (QRTZ_ tables created if missing; each fire runs on one node). See
    /// docs/decisions/0008-jobs-and-email.md.
    /// </summary>
    public static IServiceCollection AddOuvidoriaJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<JobsOptions>(configuration.GetSection(JobsOptions.Section));
        services.AddScoped<DeadlineSweep>();
        services.AddScoped<ComplementExpiry>();
        services.AddScoped<Retention>();
        services.AddScoped<Reports.ReportCellsRefresh>();
        services.AddSingleton<JobRunLog>();
        services.AddScoped<JobsDashboardQuery>();
        // The dashboard's e-mail outbox section (also when this node runs no jobs).
        services.AddScoped<Notifications.EmailOutboxAdministration>();

        var options = configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        if (!options.Enabled)
        {
            return services;
        }

        var postgres = configuration.GetValue<DatabaseProvider>("Database:Provider") == DatabaseProvider.Postgres;
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o =>
            {
                // Nodes of one cluster share the name; two apps in one process (tests) need two names.
                o.InstanceName = options.SchedulerName;
                o.GenerateInstanceId = postgres;
                o.IdleWaitTime = TimeSpan.FromSeconds(5);
            });
            if (postgres)
            {
                var connectionString = configuration.GetConnectionString("Ouvidoria")
                    ?? throw new InvalidOperationException("ConnectionStrings:Ouvidoria é obrigatória com Database:Provider=Postgres.");
                q.UsePersistentStore(store =>
                {
                    store.UsePostgres(connectionString);
                    store.UseSystemTextJsonSerializer();
                    store.UseClustering(c => c.CheckinInterval = TimeSpan.FromSeconds(7.5));
                    store.ProvisionSchema();
                });
            }
            else
            {
                q.UseInMemoryStore();
            }
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddHostedService<JobScheduleRegistrar>();
        return services;
    }
}

/// <summary>
/// Schedules the recurring jobs from ONE place at start-up, with fixed keys: on a shared store a
/// second node finds them and only replaces a trigger whose schedule changed in configuration.
/// </summary>
public sealed class JobScheduleRegistrar(ISchedulerFactory schedulers, IOptions<JobsOptions> options, ILogger<JobScheduleRegistrar> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var settings = options.Value;
        await EnsureAsync(scheduler, JobCatalog.DeadlineSweep, settings.DeadlineSweepInterval.ToString(), (job, key, signature) =>
            TriggerBuilder.Create().WithIdentity(key).ForJob(job).WithDescription(signature).StartNow()
                .WithSimpleSchedule(s => s.WithInterval(settings.DeadlineSweepInterval).RepeatForever()).Build(), cancellationToken);
        await EnsureAsync(scheduler, JobCatalog.ComplementExpiry, settings.ComplementExpiryInterval.ToString(), (job, key, signature) =>
            TriggerBuilder.Create().WithIdentity(key).ForJob(job).WithDescription(signature).StartNow()
                .WithSimpleSchedule(s => s.WithInterval(settings.ComplementExpiryInterval).RepeatForever()).Build(), cancellationToken);
        await EnsureAsync(scheduler, JobCatalog.ReportCells, settings.ReportCellsInterval.ToString(), (job, key, signature) =>
            TriggerBuilder.Create().WithIdentity(key).ForJob(job).WithDescription(signature).StartNow()
                .WithSimpleSchedule(s => s.WithInterval(settings.ReportCellsInterval).RepeatForever()).Build(), cancellationToken);
        await EnsureAsync(scheduler, JobCatalog.Retention, settings.RetentionCron, (job, key, signature) =>
            TriggerBuilder.Create().WithIdentity(key).ForJob(job).WithDescription(signature)
                .WithCronSchedule(settings.RetentionCron, c => c.InTimeZone(Brasilia())).Build(), cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task EnsureAsync(IScheduler scheduler, JobDefinition definition, string signature, Func<IJobDetail, TriggerKey, string, ITrigger> buildTrigger, CancellationToken ct)
    {
        var triggerKey = JobCatalog.TriggerOf(definition);
        var existing = await scheduler.GetTrigger(triggerKey, ct);
        if (existing is not null && existing.Description == signature)
        {
            return;
        }

        var job = definition.CreateDetail(definition);
        var trigger = buildTrigger(job, triggerKey, signature);
        try
        {
            await scheduler.ScheduleJob(job, trigger, new ScheduleJobOptions { Replace = true }, ct);
            logger.LogInformation("Tarefa {Job} agendada ({Schedule}).", definition.Key, signature);
        }
        catch (ObjectAlreadyExistsException)
        {
            // Another node scheduled it at the same instant: one trigger, as intended.
        }
    }

    private static TimeZoneInfo Brasilia() =>
        TimeZoneInfo.TryFindSystemTimeZoneById("America/Sao_Paulo", out var zone) ? zone : TimeZoneInfo.Utc;
}
