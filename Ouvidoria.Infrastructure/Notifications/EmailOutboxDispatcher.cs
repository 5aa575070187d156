using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ouvidoria.Infrastructure.Persistence;

namespace Ouvidoria.Infrastructure.Notifications;

/// <summary>
/// Sends what is due in the e-mail outbox, oldest first. Each message is first CLAIMED with one
/// conditional UPDATE (so two dispatchers — two nodes, or a manual run — never send the same one),
/// then marked sent right after the SMTP server accepted it. An outage only delays: failed sends
/// are retried with backoff and nothing already accepted is sent again. Only a crash between the
/// server's acceptance and the mark can repeat one message, after the claim expires.
/// </summary>
public sealed class EmailOutboxDispatcher(
    IDbContextFactory<OuvidoriaDbContext> factory,
    IEmailSender sender,
    IOptions<EmailOptions> options,
    TimeProvider clock,
    ILogger<EmailOutboxDispatcher> logger)
{
    public const int BatchSize = 50;

    public static readonly TimeSpan ClaimDuration = TimeSpan.FromMinutes(2);

    /// <summary>One pass; returns how many messages were sent.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var due = await db.EmailOutbox
            .Where(n => n.SentAt == null && n.FailedAt == null && n.NextAttemptAt <= now && (n.ClaimedUntil == null || n.ClaimedUntil < now))
            .OrderBy(n => n.CreatedAt).ThenBy(n => n.Id)
            .Take(BatchSize)
            .ToListAsync(ct);
        var sent = 0;
        foreach (var message in due)
        {
            var until = clock.GetUtcNow() + ClaimDuration;
            var claimed = await db.EmailOutbox
                .Where(n => n.Id == message.Id && n.SentAt == null && (n.ClaimedUntil == null || n.ClaimedUntil < now))
                .ExecuteUpdateAsync(u => u.SetProperty(n => n.ClaimedUntil, until), ct);
            if (claimed == 0)
            {
                continue;
            }

            try
            {
                await sender.SendAsync(message, ct);
                message.MarkSent(clock.GetUtcNow());
                sent++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                message.MarkFailed(e.Message, options.Value.MaxAttempts, clock.GetUtcNow());
                logger.LogWarning("Falha ao enviar o e-mail {Id} ({Kind}), tentativa {Attempt}: {Error}", message.Id, message.Kind, message.Attempts, e.Message);
            }

            // The claim was set by the UPDATE above, behind the tracker's back: release it explicitly.
            db.Entry(message).Property(n => n.ClaimedUntil).IsModified = true;
            await db.SaveChangesAsync(CancellationToken.None);
        }

        return sent;
    }
}
