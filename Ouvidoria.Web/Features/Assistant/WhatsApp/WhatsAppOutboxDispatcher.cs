using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ouvidoria.Domain.Assistant;
using Ouvidoria.Infrastructure.Persistence;
using Ouvidoria.Infrastructure.WhatsApp;
using Ouvidoria.Infrastructure.WhatsApp.Store;

namespace Ouvidoria.Web.Features.Assistant.WhatsApp;

/// <summary>
/// Sends the outbox in order through the Graph API: retries with exponential backoff, honours
/// throttling (429 / 130429, Retry-After), gives up after <see cref="MaxAttempts"/>; the recipient
/// is erased from the row once sent or abandoned.
/// </summary>
public sealed class WhatsAppOutboxDispatcher(
    IServiceScopeFactory scopes,
    IDbContextFactory<OuvidoriaDbContext> factory,
    PhoneProtector phones,
    WhatsAppSignals signals,
    TimeProvider clock,
    IOptions<WhatsAppOptions> options,
    ILogger<WhatsAppOutboxDispatcher> logger) : BackgroundService
{
    public const int MaxAttempts = 8;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.ProcessingEnabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SendDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Falha ao enviar mensagens do WhatsApp.");
            }

            try
            {
                await signals.Outbox.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async Task SendDueAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var due = await db.WhatsAppOutbox
            .Where(m => m.SentAt == null && m.FailedAt == null)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Sequence)
            .Take(50)
            .ToListAsync(ct);
        if (due.Count == 0)
        {
            // Nothing to send: an instance without WhatsApp credentials never builds the Graph client.
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var graph = scope.ServiceProvider.GetRequiredService<GraphApiClient>();
        var blocked = new HashSet<string>();
        foreach (var message in due)
        {
            // Replies of one conversation go out in order: a waiting one holds the later ones back.
            if (blocked.Contains(message.ConversationKey) || message.NextAttemptAt > now)
            {
                blocked.Add(message.ConversationKey);
                continue;
            }

            var result = await SendAsync(graph, message, ct);
            message.Attempts++;
            switch (result)
            {
                case SendResult.Sent sent:
                    message.SentAt = clock.GetUtcNow();
                    message.SentMessageId = sent.MessageId;
                    message.ProtectedTo = null;
                    break;
                case SendResult.Throttled throttled:
                    message.NextAttemptAt = clock.GetUtcNow() + (throttled.RetryAfter ?? Backoff(message.Attempts));
                    blocked.Add(message.ConversationKey);
                    break;
                case SendResult.RetryableFailure failure:
                    message.LastError = failure.Reason;
                    message.NextAttemptAt = clock.GetUtcNow() + Backoff(message.Attempts);
                    blocked.Add(message.ConversationKey);
                    break;
                case SendResult.PermanentFailure failure:
                    message.LastError = $"{failure.Code}: {failure.Message}";
                    message.FailedAt = clock.GetUtcNow();
                    message.ProtectedTo = null;
                    break;
            }

            if (message.SentAt is null && message.FailedAt is null && message.Attempts >= MaxAttempts)
            {
                message.FailedAt = clock.GetUtcNow();
                message.ProtectedTo = null;
            }

            // Saved after every send: a restart never sends an acknowledged message again.
            await db.SaveChangesAsync(ct);
        }
    }

    private async Task<SendResult> SendAsync(GraphApiClient graph, WhatsAppOutboxMessage message, CancellationToken ct)
    {
        var to = phones.Unprotect(message.ProtectedTo!);
        return OutboundCodec.Deserialize(message.PayloadJson) switch
        {
            TextOut t => await graph.SendTextAsync(to, t.Body, ct),
            ButtonsOut b => await graph.SendButtonsAsync(to, b.Body, b.Buttons.Select(c => (c.Id, c.Title)).ToList(), ct),
            ListOut l => await graph.SendListAsync(to, l.Body, l.ButtonText, l.Rows.Select(c => (c.Id, c.Title, c.Description)).ToList(), ct),
            var other => throw new InvalidOperationException($"Resposta desconhecida: {other.GetType().Name}"),
        };
    }

    private static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, attempts)));
}
