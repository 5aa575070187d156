using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Administration;
using Ouvidoria.Infrastructure.Integration;
using Ouvidoria.Infrastructure.Persistence;
using Ouvidoria.Infrastructure.Storage;
using Ouvidoria.Web.Features.Assistant;
using Ouvidoria.Web.Features.Manifestations;

namespace Ouvidoria.Web.Features.Jobs;

public sealed record RetentionResult(int Conversations, int ChannelRows, int CasesPurged, int FilesDeleted, int IdempotencyRecords, int JobRuns = 0);

/// <summary>
/// Data is kept only as long as it is needed: idle assistant conversations (the citizen's
/// conversation data is discarded once done), processed WhatsApp inbox/outbox rows after
/// <see cref="JobsOptions.ChannelLogDays"/>, the integration API's idempotency records after
/// <see cref="IdempotencyStore.Retention"/>, the jobs' own run records after <see cref="JobRunHistory"/>
/// (the latest run of each job is always kept, for the dashboard), and — when the office configures it — the files of
/// cases closed more than <see cref="JobsOptions.ClosedCaseFilesDays"/> days ago. "Closed" means
/// archived, or concluded as resolved: a demand concluded as NOT resolved keeps its files (the unit
/// may still report the resolution, with proof), and once its resolution is recorded the period
/// counts from that record.
/// </summary>
public sealed class Retention(IDbContextFactory<OuvidoriaDbContext> factory, FileStore files, SystemSettingsStore settingsStore, IdempotencyStore idempotency, TimeProvider clock, ILogger<Retention> logger)
{
    public const int CaseBatch = 200;

    /// <summary>How long the jobs dashboard keeps each run (the report cells job alone records one every 5 minutes).</summary>
    public static readonly TimeSpan JobRunHistory = TimeSpan.FromDays(90);

    public async Task<RetentionResult> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // Retention periods: the administrators' settings (Jobs:* until they save them).
        var settings = await settingsStore.GetAsync(ct);
        int conversations, channel, jobRuns;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var idle = now - AssistantHost.DefaultIdleTimeout;
            conversations = await db.AssistantConversations.Where(c => c.UpdatedAt < idle).ExecuteDeleteAsync(ct);
            var old = now.AddDays(-Math.Max(1, settings.ChannelLogDays));
            channel = await db.WhatsAppInbox.Where(m => m.ProcessedAt != null && m.ProcessedAt < old).ExecuteDeleteAsync(ct)
                + await db.WhatsAppOutbox.Where(m => (m.SentAt != null && m.SentAt < old) || (m.FailedAt != null && m.FailedAt < old)).ExecuteDeleteAsync(ct);
            var runsBefore = now - JobRunHistory;
            jobRuns = await db.JobRuns
                .Where(r => r.StartedAt < runsBefore && db.JobRuns.Any(later => later.Job == r.Job && later.StartedAt > r.StartedAt))
                .ExecuteDeleteAsync(ct);
        }

        var idempotencyRecords = await idempotency.PurgeAsync(ct);
        var (cases, deleted) = settings.ClosedCaseFilesDays > 0 ? await PurgeClosedCaseFilesAsync(settings.ClosedCaseFilesDays, now, ct) : (0, 0);
        return new RetentionResult(conversations, channel, cases, deleted, idempotencyRecords, jobRuns);
    }

    /// <summary>
    /// Closed at least <paramref name="closedBefore"/> with files left: archived, or concluded as
    /// resolved — never a demand concluded as unresolved, nor one whose resolution was recorded
    /// after <paramref name="closedBefore"/> (its proof files are recent).
    /// </summary>
    public static IQueryable<Guid> FilePurgeCandidates(OuvidoriaDbContext db, DateTimeOffset closedBefore) =>
        db.Manifestations.AsNoTracking()
            .Where(m => ((m.Status == ManifestationStatus.Archived && m.ArchivedAt <= closedBefore)
                    || (m.Status == ManifestationStatus.Concluded && m.Resolved == true && m.ConcludedAt <= closedBefore
                        && !db.History.Any(h => h.ManifestationId == m.Id && h.Action == HistoryAction.ResolutionRecorded && h.At > closedBefore)))
                && db.Attachments.Any(a => a.ManifestationId == m.Id))
            .Select(m => m.Id);

    private async Task<(int Cases, int Files)> PurgeClosedCaseFilesAsync(int days, DateTimeOffset now, CancellationToken ct)
    {
        var closedBefore = now.AddDays(-days);
        List<Guid> ids;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            ids = await FilePurgeCandidates(db, closedBefore).Take(CaseBatch).ToListAsync(ct);
        }

        var (cases, deleted) = (0, 0);
        foreach (var id in ids)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var m = await ManifestationWorkflow.LoadAsync(db, id, ct);
            // Checked again on the loaded aggregate: "Demanda resolvida = Não" keeps its files whatever the query said.
            if (m is null || (m.Status == ManifestationStatus.Concluded && m.Resolved != true))
            {
                continue;
            }

            try
            {
                var keys = m.PurgeFilesForRetention(days, now);
                await db.SaveChangesAsync(ct);
                foreach (var key in keys)
                {
                    files.Delete(key);
                }

                cases++;
                deleted += keys.Count;
            }
            catch (Exception e) when (e is DbUpdateConcurrencyException or Domain.Common.DomainException)
            {
                logger.LogInformation("Retenção: manifestação {Id} ignorada nesta execução ({Reason}).", id, e.Message);
            }
        }

        return (cases, deleted);
    }
}
