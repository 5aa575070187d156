using System.Text.Json;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Ouvidoria.Infrastructure.Persistence;
using Ouvidoria.Infrastructure.WhatsApp;
using Ouvidoria.Infrastructure.WhatsApp.Store;

namespace Ouvidoria.Web.Features.Assistant.WhatsApp;

/// <summary>
/// Group commit for the webhook: requests hand their messages to one writer, which inserts
/// everything waiting in ONE transaction (deduplicating by wamid) and completes each request only
/// after that commit — durable before the 200, without one write transaction per request fighting
/// for SQLite's single write lock (docs/benchmarks.md).
/// </summary>
public sealed class WhatsAppInboxWriter : BackgroundService
{
    private const int MaxBatch = 500;

    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IDbContextFactory<OuvidoriaDbContext> factory;
    private readonly PhoneProtector phones;
    private readonly WhatsAppSignals signals;
    private readonly TimeProvider clock;
    private readonly ILogger<WhatsAppInboxWriter> logger;

    public WhatsAppInboxWriter(IDbContextFactory<OuvidoriaDbContext> factory, PhoneProtector phones, WhatsAppSignals signals, TimeProvider clock, ILogger<WhatsAppInboxWriter> logger)
    {
        this.factory = factory;
        this.phones = phones;
        this.signals = signals;
        this.clock = clock;
        this.logger = logger;
    }

    /// <summary>Completes once the messages are committed (or were already stored).</summary>
    public Task StoreAsync(IReadOnlyList<IncomingMessage> messages, CancellationToken ct)
    {
        // Encrypting and hashing here keeps the writer's critical section short.
        var rows = messages.DistinctBy(m => m.Wamid).Select(m => new WhatsAppInboxMessage
        {
            Id = Guid.NewGuid(),
            Wamid = m.Wamid,
            ConversationKey = phones.ConversationKey(m.From),
            ProtectedFrom = phones.Protect(m.From),
            PayloadJson = JsonSerializer.Serialize(m with { From = string.Empty, ContactName = null }),
        }).ToList();
        var pending = new Pending(rows, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("A caixa de entrada do WhatsApp está encerrada.");
        }

        return pending.Done.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync(stoppingToken))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            try
            {
                await CommitAsync(batch, stoppingToken);
                batch.ForEach(p => p.Done.TrySetResult());
                WhatsAppSignals.Wake(signals.Inbox);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Falha ao gravar {Count} mensagens do WhatsApp.", batch.Count);
                batch.ForEach(p => p.Done.TrySetException(e));
            }
        }
    }

    private async Task CommitAsync(List<Pending> batch, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var rows = batch.SelectMany(p => p.Rows).DistinctBy(r => r.Wamid).ToList();
        try
        {
            await InsertNewAsync(rows, now, ct);
        }
        catch (DbUpdateException)
        {
            // Another node stored one of these wamids in between: retry one by one.
            foreach (var row in rows)
            {
                try
                {
                    await InsertNewAsync([row], now, ct);
                }
                catch (DbUpdateException)
                {
                    await using var db = await factory.CreateDbContextAsync(ct);
                    if (!await db.WhatsAppInbox.AnyAsync(m => m.Wamid == row.Wamid, ct))
                    {
                        throw;
                    }
                }
            }
        }
    }

    private async Task InsertNewAsync(List<WhatsAppInboxMessage> rows, DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var wamids = rows.Select(r => r.Wamid).ToList();
        var existing = (await db.WhatsAppInbox.Where(m => wamids.Contains(m.Wamid)).Select(m => m.Wamid).ToListAsync(ct)).ToHashSet();
        foreach (var row in rows.Where(r => !existing.Contains(r.Wamid)))
        {
            db.WhatsAppInbox.Add(new WhatsAppInboxMessage
            {
                Id = row.Id,
                Wamid = row.Wamid,
                ConversationKey = row.ConversationKey,
                ProtectedFrom = row.ProtectedFrom,
                PayloadJson = row.PayloadJson,
                ReceivedAt = now,
            });
        }

        await db.SaveChangesAsync(ct);
    }

    private sealed record Pending(IReadOnlyList<WhatsAppInboxMessage> Rows, TaskCompletionSource Done);
}
