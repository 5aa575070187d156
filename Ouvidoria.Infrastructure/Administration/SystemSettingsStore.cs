using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Ouvidoria.Domain.Administration;
using Ouvidoria.Domain.Common;
using Ouvidoria.Infrastructure.Persistence;

namespace Ouvidoria.Infrastructure.Administration;

/// <summary>
/// The office's effective settings: the saved row, or — until an administrator saves one — the
/// configuration's values (<c>Office:Name</c>, <c>Nup:UnitCode</c>, <c>Jobs:AlertDaysBefore</c>,
/// <c>Jobs:ChannelLogDays</c>, <c>Jobs:ClosedCaseFilesDays</c>, <c>Session:IdleTimeoutMinutes</c>,
/// <c>Security:TwoFactorRequiredRoles</c>). Read often (every request checks 2FA and the idle
/// time), so the value is kept for <see cref="CacheFor"/>: a save on this node applies at once
/// (<see cref="Invalidate"/>), other nodes follow within that time.
/// </summary>
public sealed class SystemSettingsStore(IDbContextFactory<OuvidoriaDbContext> factory, IConfiguration configuration, TimeProvider clock)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private (SystemSettings Settings, DateTimeOffset ReadAt)? _cached;

    /// <summary>The values the configuration gives (used until the row exists).</summary>
    public SettingsValues Defaults()
    {
        var alerts = configuration.GetSection("Jobs:AlertDaysBefore").Get<int[]>() is { Length: > 0 } configured
            ? configured.Where(d => d > 0).Distinct().OrderDescending().ToArray()
            : [5, 1];
        var roles = (configuration["Security:TwoFactorRequiredRoles"] ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(r => Enum.TryParse<ActorKind>(r, ignoreCase: true, out var kind) ? kind : (ActorKind?)null)
            .OfType<ActorKind>().ToHashSet();
        return new SettingsValues(
            configuration["Office:Name"] is { Length: > 0 } office ? office : "Ouvidoria",
            configuration.GetValue("Nup:UnitCode", 12345).ToString("D5", CultureInfo.InvariantCulture),
            alerts.ElementAtOrDefault(0) is > 0 and var first ? first : 5,
            alerts.ElementAtOrDefault(1),
            configuration.GetValue("Jobs:ChannelLogDays", 7),
            configuration.GetValue("Jobs:ClosedCaseFilesDays", 0),
            configuration.GetValue("Session:IdleTimeoutMinutes", 30),
            roles);
    }

    public async Task<SystemSettings> GetAsync(CancellationToken ct = default)
    {
        if (Fresh() is { } cached)
        {
            return cached;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        return Keep(await db.SystemSettings.AsNoTracking().FirstOrDefaultAsync(ct));
    }

    /// <summary>Synchronous read for callers that cannot await (document renderers).</summary>
    public SystemSettings Get()
    {
        if (Fresh() is { } cached)
        {
            return cached;
        }

        using var db = factory.CreateDbContext();
        return Keep(db.SystemSettings.AsNoTracking().FirstOrDefault());
    }

    /// <summary>Called after a save on this node.</summary>
    public void Invalidate()
    {
        lock (_gate)
        {
            _cached = null;
        }
    }

    private SystemSettings? Fresh()
    {
        lock (_gate)
        {
            return _cached is { } c && clock.GetUtcNow() - c.ReadAt < CacheFor ? c.Settings : null;
        }
    }

    private SystemSettings Keep(SystemSettings? saved)
    {
        var settings = saved ?? SystemSettings.Create(Defaults());
        lock (_gate)
        {
            _cached = (settings, clock.GetUtcNow());
        }

        return settings;
    }
}
