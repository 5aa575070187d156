using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Organization;
using Ouvidoria.Infrastructure.Persistence;

namespace Ouvidoria.Web.Features.Administration.Themes;

public sealed record ThemeRow(Guid Id, string Name, PersonalDataRequirement PersonalData, Guid? DefaultUnitId, string? DefaultUnitName, bool IsActive, int Manifestations);

/// <summary>What the theme form sends (create and edit).</summary>
public sealed record ThemeInput(string Name, PersonalDataRequirement PersonalData, Guid? DefaultUnitId);

/// <summary>
/// "Temáticas": the list the citizen channels offer, the personal data each one requires (LGPD
/// necessity: the registration form and Bel ask for exactly that) and the unit suggested first
/// when forwarding. Administrators only; every change with its audit row. Themes are deactivated,
/// never deleted: registered manifestations keep theirs.
/// </summary>
public sealed class ThemeAdministration(IDbContextFactory<OuvidoriaDbContext> factory, TimeProvider clock)
{
    public const string EntityType = "Theme";

    public async Task<Result<IReadOnlyList<ThemeRow>>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        if (!AdminChanges.MayAdminister(actor))
        {
            return AdminChanges.Forbidden();
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Themes.AsNoTracking().OrderBy(t => t.Name)
            .Select(t => new ThemeRow(t.Id, t.Name, t.PersonalData, t.DefaultUnitId,
                db.Units.Where(u => u.Id == t.DefaultUnitId).Select(u => u.Name).FirstOrDefault(), t.IsActive,
                db.Manifestations.Count(m => m.ThemeId == t.Id)))
            .ToListAsync(ct);
    }

    public async Task<Result<Guid>> CreateAsync(ThemeInput input, Actor actor, CancellationToken ct = default)
    {
        if (!AdminChanges.MayAdminister(actor))
        {
            return AdminChanges.Forbidden();
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        if (await CheckUnitAsync(db, input.DefaultUnitId, ct) is { } invalid)
        {
            return invalid;
        }

        Theme theme;
        try
        {
            theme = new Theme(input.Name, input.PersonalData, input.DefaultUnitId);
        }
        catch (DomainException e)
        {
            return Error.Validation(e.Message);
        }

        if (await db.Themes.AnyAsync(t => t.Name == theme.Name, ct))
        {
            return NameConflict(theme.Name);
        }

        db.Themes.Add(theme);
        db.AdministrativeChanges.Add(AdminChanges.Of(EntityType, theme.Id, $"Temática criada: {theme.Name}", null, Snapshot(theme), actor, clock.GetUtcNow()));
        return await SaveAsync(db, theme, ct);
    }

    public Task<Result<Guid>> EditAsync(Guid id, ThemeInput input, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(id, actor, "Temática alterada", async (db, theme) =>
        {
            if (await CheckUnitAsync(db, input.DefaultUnitId, ct) is { } invalid)
            {
                return invalid;
            }

            theme.Rename(input.Name);
            theme.RequirePersonalData(input.PersonalData);
            theme.SetDefaultUnit(input.DefaultUnitId);
            return await db.Themes.AnyAsync(t => t.Name == theme.Name && t.Id != theme.Id, ct) ? NameConflict(theme.Name) : null;
        }, ct);

    public Task<Result<Guid>> DeactivateAsync(Guid id, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(id, actor, "Temática desativada", (_, theme) =>
        {
            theme.Deactivate();
            return Task.FromResult<Error?>(null);
        }, ct);

    public Task<Result<Guid>> ActivateAsync(Guid id, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(id, actor, "Temática reativada", (_, theme) =>
        {
            theme.Activate();
            return Task.FromResult<Error?>(null);
        }, ct);

    private async Task<Result<Guid>> ChangeAsync(Guid id, Actor actor, string summary, Func<OuvidoriaDbContext, Theme, Task<Error?>> change, CancellationToken ct)
    {
        if (!AdminChanges.MayAdminister(actor))
        {
            return AdminChanges.Forbidden();
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var theme = await db.Themes.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (theme is null)
        {
            return Error.NotFound("Temática não encontrada.");
        }

        var before = Snapshot(theme);
        try
        {
            if (await change(db, theme) is { } error)
            {
                return error;
            }
        }
        catch (DomainException e)
        {
            return Error.Validation(e.Message);
        }

        db.AdministrativeChanges.Add(AdminChanges.Of(EntityType, theme.Id, $"{summary}: {theme.Name}", before, Snapshot(theme), actor, clock.GetUtcNow()));
        return await SaveAsync(db, theme, ct);
    }

    private static async Task<Error?> CheckUnitAsync(OuvidoriaDbContext db, Guid? unitId, CancellationToken ct) =>
        unitId is { } id && !await db.Units.AnyAsync(u => u.Id == id && u.IsActive, ct)
            ? Error.Validation("A unidade padrão deve ser uma unidade ativa.")
            : null;

    private static async Task<Result<Guid>> SaveAsync(OuvidoriaDbContext db, Theme theme, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return theme.Id;
        }
        catch (DbUpdateException)
        {
            return NameConflict(theme.Name);
        }
    }

    private static Error NameConflict(string name) => Error.Conflict($"Já existe uma temática chamada \"{name}\".");

    private static object Snapshot(Theme t) => new { t.Name, PersonalData = t.PersonalData.ToString(), t.DefaultUnitId, t.IsActive };
}
