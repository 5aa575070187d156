using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ouvidoria.Infrastructure.Persistence;

namespace Ouvidoria.Infrastructure.Notifications;

/// <summary>
/// Sends what is due in the e-mail outbox, oldest first. Each message is first CLAIMED with one
/// conditional UPDATE (so two dispatchers — two nodes, or a manual run — never send the same one),
/// then marked sent right after the SMTP server accepted it. An outage only delays: failed sends
/// are retried with a capped backoff (<see cref="EmailOptions.MaxRetryDelay"/>) without a limit of
/// attempts, and nothing already accepted is sent again. Only a refusal of the message itself
/// (<see cref="EmailRejectedException"/>) stops it, visibly, until an administrator requeues it.
/// Only a crash between the server's acceptance and the mark can repeat one message, after the
/// claim expires.
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
            // Still due and unclaimed: another dispatcher may have sent, refused or retried it since the read.
            var claimed = await db.EmailOutbox
                .Where(n => n.Id == message.Id && n.SentAt == null && n.FailedAt == null && n.NextAttemptAt <= now && (n.ClaimedUntil == null || n.ClaimedUntil < now))
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
            catch (EmailRejectedException e)
            {
                message.MarkRejected(e.Message, clock.GetUtcNow());
                logger.LogError("E-mail {Id} ({Kind}) recusado pelo servidor; não será reenviado sem a ação de um administrador: {Error}", message.Id, message.Kind, e.Message);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                message.MarkFailed(Describe(e), options.Value.MaxRetryDelay, clock.GetUtcNow());
                logger.LogWarning("Falha ao enviar o e-mail {Id} ({Kind}), tentativa {Attempt}, nova tentativa em {Next:O}: {Error}", message.Id, message.Kind, message.Attempts, message.NextAttemptAt, message.LastError);
            }

            // The claim was set by the UPDATE above, behind the tracker's back: release it explicitly.
            db.Entry(message).Property(n => n.ClaimedUntil).IsModified = true;
            await db.SaveChangesAsync(CancellationToken.None);
        }

        return sent;
    }

    /// <summary>The error and its causes ("Failure sending mail." alone says nothing of a refused connection).</summary>
    private static string Describe(Exception e)
    {
        var parts = new List<string>();
        for (Exception? current = e; current is not null && parts.Count < 3; current = current.InnerException)
        {
            parts.Add(current.Message);
        }

        return string.Join(" → ", parts.Distinct());
    }
}
