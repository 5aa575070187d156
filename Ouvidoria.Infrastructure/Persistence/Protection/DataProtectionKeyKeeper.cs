using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ouvidoria.Infrastructure.Persistence.Protection;

/// <summary>
/// Creates Data Protection keys ahead of need, outside any request: at start-up (before the demo
/// seeder, whose SQLite transaction would otherwise wait on the key write of another connection) and
/// then hourly, two weeks before the newest key expires (its successor activates when it expires, so
/// every node has read it long before). Data Protection therefore never has to create a key inside a
/// user's transaction.
/// </summary>
public sealed class DataProtectionKeyKeeper(IKeyManager keys, IOptions<KeyManagementOptions> options, ILogger<DataProtectionKeyKeeper> logger)
    : BackgroundService
{
    /// <summary>How long before the newest key expires its successor is created.</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromDays(14);

    private static readonly TimeSpan CheckEvery = TimeSpan.FromHours(1);

    /// <summary>Data Protection's own clock is the system clock, not the app's TimeProvider.</summary>
    public void EnsureKeys()
    {
        var now = DateTimeOffset.UtcNow;
        var lifetime = options.Value.NewKeyLifetime;
        var usable = keys.GetAllKeys().Where(k => !k.IsRevoked).ToList();
        if (!usable.Any(k => k.ActivationDate <= now && k.ExpirationDate > now))
        {
            keys.CreateNewKey(now, now + lifetime);
            logger.LogInformation("Chave de Data Protection criada (ativa até {Expiration:u}).", now + lifetime);
            return;
        }

        var horizon = usable.Max(k => k.ExpirationDate);
        if (horizon - now < RenewBefore)
        {
            keys.CreateNewKey(horizon, horizon + lifetime);
            logger.LogInformation("Chave sucessora de Data Protection criada (ativa a partir de {Activation:u}).", horizon);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(CheckEvery);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                EnsureKeys();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Falha ao verificar as chaves de Data Protection; nova tentativa em {Interval}.", CheckEvery);
            }
        }
    }
}
