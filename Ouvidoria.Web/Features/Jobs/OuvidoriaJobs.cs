using Microsoft.EntityFrameworkCore;
using Ouvidoria.Infrastructure.Jobs;
using Ouvidoria.Infrastructure.Persistence;
using Quartz;

namespace Ouvidoria.Web.Features.Jobs;

/// <summary>What the dashboard shows of a job, and how it is scheduled (one place: <see cref="JobCatalog"/>).</summary>
public sealed record JobDefinition(string Key, string Name, string Description)
{
    /// <summary>The Quartz job detail (typed: Quartz 4 builds jobs from a generic type).</summary>
    public required Func<JobDefinition, IJobDetail> CreateDetail { get; init; }
}

/// <summary>Every recurring job of the system.</summary>
public static class JobCatalog
{
    public const string Group = "ouvidoria";

    public static readonly JobDefinition DeadlineSweep = new("deadline-sweep", "Varredura de prazos",
        "Alerta por e-mail as unidades e a Ouvidoria sobre prazos próximos do vencimento ou vencidos (uma vez por limite).")
    {
        CreateDetail = d => JobBuilder.Create<DeadlineSweepJob>().WithIdentity(KeyOf(d)).WithDescription(d.Name).Build(),
    };

    public static readonly JobDefinition ComplementExpiry = new("complement-expiry", "Complementação não atendida",
        "Arquiva as manifestações cujo pedido de complementação ficou 20 dias sem resposta.")
    {
        CreateDetail = d => JobBuilder.Create<ComplementExpiryJob>().WithIdentity(KeyOf(d)).WithDescription(d.Name).Build(),
    };

    public static readonly JobDefinition Retention = new("retention", "Retenção de dados",
        "Descarta conversas inativas do assistente, registros antigos do canal WhatsApp, chaves de idempotência da API com mais de 24 h, registros de execução das tarefas com mais de 90 dias e, se configurado, anexos de casos encerrados (nunca os de demandas não resolvidas).")
    {
        CreateDetail = d => JobBuilder.Create<RetentionJob>().WithIdentity(KeyOf(d)).WithDescription(d.Name).Build(),
    };

    public static readonly JobDefinition ReportCells = new("report-cells", "Consolidação dos relatórios",
        "Recalcula os totais mensais dos relatórios gerenciais dos meses com manifestações alteradas desde a última execução (até lá, esses meses são lidos diretamente das manifestações).")
    {
        CreateDetail = d => JobBuilder.Create<ReportCellsJob>().WithIdentity(KeyOf(d)).WithDescription(d.Name).Build(),
    };

    public static IReadOnlyList<JobDefinition> All { get; } = [DeadlineSweep, ComplementExpiry, Retention, ReportCells];

    public static JobKey KeyOf(JobDefinition job) => new(job.Key, Group);

    public static TriggerKey TriggerOf(JobDefinition job) => new(job.Key + "-trigger", Group);
}

/// <summary>Records each execution in <see cref="JobRun"/> (start, end, outcome, node).</summary>
public sealed class JobRunLog(IDbContextFactory<OuvidoriaDbContext> factory, TimeProvider clock, ILogger<JobRunLog> logger)
{
    public async Task RunAsync(IJobExecutionContext context, string job, Func<CancellationToken, Task<string>> work, CancellationToken ct)
    {
        var node = await context.Scheduler.GetSchedulerInstanceId();
        var run = new JobRun(job, context.FireInstanceId, context.ScheduledFireTimeUtc, $"{Environment.MachineName}/{node}", clock.GetUtcNow());
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            db.JobRuns.Add(run);
            await db.SaveChangesAsync(ct);
        }

        string? summary = null;
        Exception? failure = null;
        try
        {
            summary = await work(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            failure = e;
            logger.LogError(e, "A tarefa {Job} falhou.", job);
        }

        await using (var db = await factory.CreateDbContextAsync(CancellationToken.None))
        {
            db.JobRuns.Attach(run);
            run.Finish(failure is null, summary, failure?.Message, clock.GetUtcNow());
            await db.SaveChangesAsync(CancellationToken.None);
        }
    }
}

[DisallowConcurrentExecution]
public sealed class DeadlineSweepJob(DeadlineSweep sweep, JobRunLog log) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct) =>
        await log.RunAsync(context, JobCatalog.DeadlineSweep.Key, async token =>
        {
            var result = await sweep.RunAsync(token);
            return $"{result.Candidates} prazo(s) verificado(s), {result.AlertsQueued} alerta(s) na fila de e-mail.";
        }, ct);
}

[DisallowConcurrentExecution]
public sealed class ComplementExpiryJob(ComplementExpiry expiry, JobRunLog log) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct) =>
        await log.RunAsync(context, JobCatalog.ComplementExpiry.Key, async token => $"{await expiry.RunAsync(token)} manifestação(ões) arquivada(s).", ct);
}

[DisallowConcurrentExecution]
public sealed class RetentionJob(Retention retention, JobRunLog log) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct) =>
        await log.RunAsync(context, JobCatalog.Retention.Key, async token =>
        {
            var r = await retention.RunAsync(token);
            return $"{r.Conversations} conversa(s), {r.ChannelRows} registro(s) do canal, {r.IdempotencyRecords} chave(s) de idempotência da API, {r.FilesDeleted} anexo(s) de {r.CasesPurged} caso(s) encerrado(s) e {r.JobRuns} registro(s) antigo(s) de execução de tarefas eliminados.";
        }, ct);
}

[DisallowConcurrentExecution]
public sealed class ReportCellsJob(Reports.ReportCellsRefresh refresh, JobRunLog log) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct) =>
        await log.RunAsync(context, JobCatalog.ReportCells.Key, async token =>
        {
            var result = await refresh.RunAsync(token);
            return $"{result.Months} mês(es) recalculado(s) ({result.Marks} alteração(ões) registrada(s)).";
        }, ct);
}
