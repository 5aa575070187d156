using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ouvidoria.Domain.Assistant;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Administration;
using Ouvidoria.Infrastructure.Persistence;
using Ouvidoria.Infrastructure.Storage;
using Ouvidoria.Infrastructure.WhatsApp;
using Ouvidoria.Infrastructure.WhatsApp.Store;

namespace Ouvidoria.Web.Features.Assistant.WhatsApp;

/// <summary>
/// Works the durable inbox after the webhook acknowledged it: one message at a time, oldest first
/// (so each conversation's order holds), surviving restarts (unprocessed rows are simply picked up
/// again). For each: media is downloaded and checked, Bel runs, the new state and the replies (to
/// the outbox) are saved with the message marked processed and its payload erased.
/// Also purges idle conversations (their data is discarded after the idle timeout).
/// </summary>
public sealed class WhatsAppInboxProcessor(
    IServiceScopeFactory scopes,
    IDbContextFactory<OuvidoriaDbContext> factory,
    WhatsAppSignals signals,
    FileStore files,
    SystemSettingsStore settings,
    TimeProvider clock,
    IOptions<WhatsAppOptions> options,
    ILogger<WhatsAppInboxProcessor> logger) : BackgroundService
{
    private const int MaxAttempts = 5;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.ProcessingEnabled)
        {
            return;
        }

        var lastPurge = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await ProcessNextAsync(stoppingToken))
                {
                }

                if (clock.GetUtcNow() - lastPurge > TimeSpan.FromMinutes(1))
                {
                    await PurgeIdleConversationsAsync(stoppingToken);
                    lastPurge = clock.GetUtcNow();
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Falha ao processar a caixa de entrada do WhatsApp.");
            }

            try
            {
                await signals.Inbox.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <returns>True when a message was handled (there may be more).</returns>
    public async Task<bool> ProcessNextAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await db.WhatsAppInbox
            .Where(m => m.ProcessedAt == null && m.Attempts < MaxAttempts)
            .OrderBy(m => m.ReceivedAt).ThenBy(m => m.Id)
            .FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return false;
        }

        try
        {
            await HandleAsync(db, row, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            db.ChangeTracker.Clear();
            await using var retry = await factory.CreateDbContextAsync(ct);
            var failed = await retry.WhatsAppInbox.FirstAsync(m => m.Id == row.Id, ct);
            failed.Attempts++;
            failed.LastError = e.GetType().Name;
            if (failed.Attempts >= MaxAttempts)
            {
                failed.ProcessedAt = clock.GetUtcNow();
                failed.ProtectedFrom = null;
                failed.PayloadJson = null;
            }

            await retry.SaveChangesAsync(ct);
            logger.LogWarning(e, "Mensagem do WhatsApp {Wamid} falhou (tentativa {Attempt}).", row.Wamid, failed.Attempts);
        }

        return true;
    }

    private async Task HandleAsync(OuvidoriaDbContext db, WhatsAppInboxMessage row, CancellationToken ct)
    {
        var message = JsonSerializer.Deserialize<IncomingMessage>(row.PayloadJson!)!;
        // The number stays encrypted: the replies carry the same protected value to the outbox.
        var protectedFrom = row.ProtectedFrom!;
        var now = clock.GetUtcNow();
        var conversation = await db.AssistantConversations.FirstOrDefaultAsync(c => c.Key == row.ConversationKey, ct);
        var state = conversation is null ? ConversationState.New(now) : JsonSerializer.Deserialize<ConversationState>(conversation.StateJson)!;

        await using var scope = scopes.CreateAsyncScope();
        var input = await ToInboundAsync(scope.ServiceProvider.GetRequiredService<GraphApiClient>(), message, ct);
        var turn = await scope.ServiceProvider.GetRequiredService<AssistantHost>().HandleAsync(state, input, Channel.WhatsApp, ct);

        if (conversation is null)
        {
            conversation = new AssistantConversation { Key = row.ConversationKey };
            db.AssistantConversations.Add(conversation);
        }

        conversation.StateJson = JsonSerializer.Serialize(turn.State);
        conversation.UpdatedAt = now;
        var sequence = 0;
        foreach (var reply in turn.Replies)
        {
            db.WhatsAppOutbox.Add(new WhatsAppOutboxMessage
            {
                Id = Guid.NewGuid(),
                ConversationKey = row.ConversationKey,
                ProtectedTo = protectedFrom,
                PayloadJson = OutboundCodec.Serialize(reply),
                CreatedAt = now,
                Sequence = sequence++,
                NextAttemptAt = now,
            });
        }

        row.ProcessedAt = now;
        row.ProtectedFrom = null;
        row.PayloadJson = null;
        await db.SaveChangesAsync(ct);
        WhatsAppSignals.Wake(signals.Outbox);
    }

    private async Task<Inbound> ToInboundAsync(GraphApiClient graph, IncomingMessage message, CancellationToken ct) => message.Kind switch
    {
        IncomingMessageKind.Text => new TextIn(message.Text ?? string.Empty),
        IncomingMessageKind.ButtonReply or IncomingMessageKind.ListReply => new ChoiceIn(message.ChoiceId ?? string.Empty),
        IncomingMessageKind.Image or IncomingMessageKind.Video or IncomingMessageKind.Audio or IncomingMessageKind.Document => await DownloadAsync(graph, message, ct),
        IncomingMessageKind.Location or IncomingMessageKind.Unsupported or IncomingMessageKind.Other =>
            new MediaRejected("Ainda não consigo receber esse tipo de mensagem. Envie texto, foto, vídeo, áudio ou documento."),
    };

    /// <summary>Downloads the media to a temporary file, checks size, hash and magic bytes, then stores it.</summary>
    private async Task<Inbound> DownloadAsync(GraphApiClient graph, IncomingMessage message, CancellationToken ct)
    {
        var temp = Path.Combine(Path.GetTempPath(), "ouvidoria-media-" + Guid.NewGuid().ToString("N"));
        try
        {
            var metadata = await graph.GetMediaAsync(message.MediaId!, ct);
            // No single file beyond the office's total (the assistant then checks the running total).
            var limit = Math.Min(MediaValidator.MaxBytes(message.Kind), (await settings.GetAsync(ct)).AttachmentLimits.MaxTotalBytes);
            MediaDownloadResult download;
            await using (var target = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite))
            {
                download = await graph.DownloadMediaAsync(metadata, target, limit, ct);
            }

            if (!download.IsOk)
            {
                return new MediaRejected(download.Status == MediaDownloadStatus.TooLarge
                    ? "O arquivo é maior do que o permitido para este tipo."
                    : "Não consegui baixar o arquivo com segurança. Tente enviá-lo de novo.");
            }

            await using var stored = File.OpenRead(temp);
            var header = new byte[MediaValidator.HeaderBytes];
            var headerLength = await stored.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, ct);
            var validation = MediaValidator.Validate(message.Kind, metadata.MimeType, header.AsSpan(0, headerLength), download.BytesWritten);
            if (!validation.IsValid)
            {
                return new MediaRejected(validation.Reason ?? "Arquivo não aceito.");
            }

            stored.Position = 0;
            var saved = await files.SaveAsync(stored, limit, clock.GetUtcNow(), ct);
            return new MediaIn(KindOf(message.Kind), FileNameFor(message, metadata.MimeType), metadata.MimeType, saved.SizeBytes, saved.Key);
        }
        catch (GraphApiException)
        {
            return new MediaRejected("Não consegui obter o arquivo no WhatsApp. Tente enviá-lo de novo.");
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static MediaKind KindOf(IncomingMessageKind kind) => kind switch
    {
        IncomingMessageKind.Image => MediaKind.Image,
        IncomingMessageKind.Video => MediaKind.Video,
        IncomingMessageKind.Audio => MediaKind.Audio,
        _ => MediaKind.Document,
    };

    private string FileNameFor(IncomingMessage message, string mimeType)
    {
        if (!string.IsNullOrWhiteSpace(message.FileName))
        {
            return message.FileName;
        }

        var extension = mimeType.Split(';')[0].Trim().ToLowerInvariant() switch
        {
            "image/jpeg" => ".jpg",
            "image/png" => ".png",
            "video/mp4" => ".mp4",
            "audio/mpeg" => ".mp3",
            "application/pdf" => ".pdf",
            _ => ".bin",
        };
        var label = message.Kind switch
        {
            IncomingMessageKind.Image => "foto",
            IncomingMessageKind.Video => "video",
            IncomingMessageKind.Audio => "audio",
            _ => "documento",
        };
        return $"{label}-whatsapp-{clock.GetUtcNow():yyyyMMdd-HHmmss}{extension}";
    }

    private async Task PurgeIdleConversationsAsync(CancellationToken ct)
    {
        var limit = clock.GetUtcNow() - AssistantHost.DefaultIdleTimeout;
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.AssistantConversations.Where(c => c.UpdatedAt < limit).ExecuteDeleteAsync(ct);
    }
}
