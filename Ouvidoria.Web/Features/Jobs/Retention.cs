using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Administration;
using Ouvidoria.Infrastructure.Persistence;
using Ouvidoria.Infrastructure.Storage;
using Ouvidoria.Web.Features.Assistant;
using Ouvidoria.Web.Features.Manifestations;

namespace Ouvidoria.Web.Features.Jobs;

public sealed record RetentionResult(int Conversations, int ChannelRows, int CasesPurged, int FilesDeleted);

/// <summary>
/// Data is kept only as long as it is needed: idle assistant conversations (the citizen's
/// conversation data is discarded once done), processed WhatsApp inbox/outbox rows after
/// <see cref="JobsOptions.ChannelLogDays"/>, and — when the office configures it — the files of
/// cases closed more than <see cref="JobsOptions.ClosedCaseFilesDays"/> days ago.
/// </summary>
public sealed class Retention(IDbContextFactory<OuvidoriaDbContext> factory, FileStore files, SystemSettingsStore settingsStore, TimeProvider clock, ILogger<Retention> logger)
{
    public const int CaseBatch = 200;

    public async Task<RetentionResult> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // Retention periods: the administrators' settings (Jobs:* until they save them).
        var settings = await settingsStore.GetAsync(ct);
        int conversations, channel;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var idle = now - AssistantHost.DefaultIdleTimeout;
            conversations = await db.AssistantConversations.Where(c => c.UpdatedAt < idle).ExecuteDeleteAsync(ct);
            var old = now.AddDays(-Math.Max(1, settings.ChannelLogDays));
            channel = await db.WhatsAppInbox.Where(m => m.ProcessedAt != null && m.ProcessedAt < old).ExecuteDeleteAsync(ct)
                + await db.WhatsAppOutbox.Where(m => (m.SentAt != null && m.SentAt < old) || (m.FailedAt != null && m.FailedAt < old)).ExecuteDeleteAsync(ct);
        }

        var (cases, deleted) = settings.ClosedCaseFilesDays > 0 ? await PurgeClosedCaseFilesAsync(settings.ClosedCaseFilesDays, now, ct) : (0, 0);
        return new RetentionResult(conversations, channel, cases, deleted);
    }

    private async Task<(int Cases, int Files)> PurgeClosedCaseFilesAsync(int days, DateTimeOffset now, CancellationToken ct)
    {
        var closedBefore = now.AddDays(-days);
        List<Guid> ids;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            ids = await db.Manifestations.AsNoTracking()
                .Where(m => ((m.Status == ManifestationStatus.Archived && m.ArchivedAt <= closedBefore) || (m.Status == ManifestationStatus.Concluded && m.ConcludedAt <= closedBefore))
                    && db.Attachments.Any(a => a.ManifestationId == m.Id))
                .Select(m => m.Id).Take(CaseBatch).ToListAsync(ct);
        }

        var (cases, deleted) = (0, 0);
        foreach (var id in ids)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var m = await ManifestationWorkflow.LoadAsync(db, id, ct);
            if (m is null)
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
