using Microsoft.EntityFrameworkCore;
using Ouvidoria.Infrastructure.Identity;
using Ouvidoria.Infrastructure.Persistence;

namespace Ouvidoria.Web.Features.Shared;

public sealed record LookupItem(Guid Id, string Name);

public sealed record CollaboratorItem(string Id, string Name, Guid UnitId, bool IsEventual = false)
{
    /// <summary>How lists show the person: eventual collaborators are marked (they only observe).</summary>
    public string Label => IsEventual ? $"{Name} (eventual)" : Name;
}

/// <summary>Small reference lists for dropdowns (units, themes, collaborators).</summary>
public sealed class Lookups(IDbContextFactory<OuvidoriaDbContext> factory)
{
    public async Task<IReadOnlyList<LookupItem>> ActiveUnitsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Units.AsNoTracking().Where(u => u.IsActive).OrderBy(u => u.Name)
            .Select(u => new LookupItem(u.Id, u.Name)).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ThemeItem>> ActiveThemesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Themes.AsNoTracking().Where(t => t.IsActive).OrderBy(t => t.Name)
            .Select(t => new ThemeItem(t.Id, t.Name, t.PersonalData)).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Active collaborators of a unit, plus its eventual ones the system deactivated (reactivated
    /// when assigned), to forward to or reopen for a named person; never an account an
    /// administrator deactivated.
    /// </summary>
    public async Task<IReadOnlyList<CollaboratorItem>> CollaboratorsOfAsync(Guid unitId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var roleId = await db.Roles.Where(r => r.Name == Roles.Collaborator).Select(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        return await db.Users.AsNoTracking()
            .Where(u => u.UnitId == unitId && (u.IsActive || (u.IsEventual && u.DeactivatedAutomatically)) && db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == roleId))
            .OrderBy(u => u.FullName)
            .Select(u => new CollaboratorItem(u.Id, u.FullName, unitId, u.IsEventual))
            .ToListAsync(cancellationToken);
    }
}

public sealed record ThemeItem(Guid Id, string Name, Domain.Organization.PersonalDataRequirement PersonalData);
