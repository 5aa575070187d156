using Microsoft.Extensions.Options;
using Ouvidoria.Infrastructure.Notifications;

namespace Ouvidoria.Web.Features.Notifications;

/// <summary>
/// Runs the e-mail outbox dispatcher: right after a commit that queued messages, and every
/// <see cref="EmailOptions.PollSeconds"/> for retries. <c>Email__DispatchEnabled=false</c> turns it
/// off on a node (another node sends).
/// </summary>
public sealed class EmailDispatchService(EmailOutboxDispatcher dispatcher, EmailSignal signal, IOptions<EmailOptions> options, IConfiguration configuration, ILogger<EmailDispatchService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Email:DispatchEnabled", true))
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Keep going while full batches come back.
                while (await dispatcher.SendDueAsync(stoppingToken) == EmailOutboxDispatcher.BatchSize)
                {
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Falha no envio de e-mails.");
            }

            try
            {
                await signal.Pending.WaitAsync(TimeSpan.FromSeconds(Math.Max(1, options.Value.PollSeconds)), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
