using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Administration;
using Ouvidoria.Domain.Common;
using Ouvidoria.Infrastructure.Administration;
using Ouvidoria.Infrastructure.Persistence;

namespace Ouvidoria.Web.Features.Administration.Settings;

/// <summary>The settings as the page shows them: the effective values and whether they were ever saved.</summary>
public sealed record SettingsView(SettingsValues Values, bool Saved);

/// <summary>
/// "Configurações": one row of <see cref="SystemSettings"/>, validated together (every problem named),
/// saved with its audit row. Until the first save, the configuration's values apply.
/// </summary>
public sealed class SettingsAdministration(IDbContextFactory<OuvidoriaDbContext> factory, SystemSettingsStore store, TimeProvider clock)
{
    public async Task<Result<SettingsView>> GetAsync(Actor actor, CancellationToken ct = default)
    {
        if (!AdminChanges.MayAdminister(actor))
        {
            return AdminChanges.Forbidden();
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var saved = await db.SystemSettings.AsNoTracking().FirstOrDefaultAsync(ct);
        return new SettingsView(saved?.Values ?? store.Defaults(), saved is not null);
    }

    public async Task<Result<SettingsView>> SaveAsync(SettingsValues values, Actor actor, CancellationToken ct = default)
    {
        if (!AdminChanges.MayAdminister(actor))
        {
            return AdminChanges.Forbidden();
        }

        if (SystemSettings.Validate(values) is { Count: > 0 } problems)
        {
            return Error.Validation(string.Join(" ", problems));
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var settings = await db.SystemSettings.FirstOrDefaultAsync(ct);
        var before = settings?.Values ?? store.Defaults();
        if (settings is null)
        {
            settings = SystemSettings.Create(values);
            db.SystemSettings.Add(settings);
        }
        else
        {
            settings.Change(values);
        }

        db.AdministrativeChanges.Add(AdminChanges.Of(SystemSettings.EntityType, SystemSettings.SingletonId, "Configurações alteradas", Snapshot(before), Snapshot(settings.Values), actor, clock.GetUtcNow()));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two administrators saving the very first row at once: the primary key keeps one.
            return Error.Conflict("Outro administrador salvou as configurações ao mesmo tempo. Recarregue a página e confira os valores.");
        }

        store.Invalidate();
        return new SettingsView(settings.Values, true);
    }

    /// <summary>The audit snapshot: flat, one field per setting (the history page diffs these names).</summary>
    private static object Snapshot(SettingsValues v) => new
    {
        v.OfficeName, v.NupUnitCode, v.FirstAlertDays, v.SecondAlertDays, v.ChannelLogDays, v.ClosedCaseFilesDays, v.IdleTimeoutMinutes,
        TwoFactorRequiredFor = v.TwoFactorRequiredFor.Order().Select(k => k.ToString()).ToArray(),
        v.Deadlines.CitizenAnswerDays, v.Deadlines.CitizenExtensionDays, v.Deadlines.UnitAnswerDays, v.Deadlines.UnitExtensionDays, v.Deadlines.ComplementDays,
        MaxAttachmentFiles = v.Attachments.MaxFiles, MaxAttachmentMegabytes = v.Attachments.MaxTotalMegabytes,
        ForeignWords = v.ForeignWords.ToArray(),
    };
}
