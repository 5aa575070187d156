using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Domain.Organization;
using Ouvidoria.Infrastructure.Persistence;

namespace Ouvidoria.Web.Features.Administration.Units;

/// <summary>One unit in the org chart, in tree order (<see cref="Depth"/> 0 = top level).</summary>
public sealed record UnitRow(Guid Id, string Name, string? Email, Guid? ParentId, bool IsActive, int Depth, int OpenTreatments, int Users);

/// <summary>
/// "Unidades": the org chart of the units that treat manifestations. Administrators only (checked
/// here). Every change is saved with its <c>AdministrativeChange</c> row in one transaction.
/// A unit with open treatments cannot be deactivated: its collaborators would stop receiving the
/// alerts of cases still running (the ombudsman redirects or closes them first); forwarding already
/// refuses inactive units.
/// </summary>
public sealed class UnitAdministration(IDbContextFactory<OuvidoriaDbContext> factory, TimeProvider clock)
{
    public const string EntityType = "OrganizationalUnit";

    public async Task<Result<IReadOnlyList<UnitRow>>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        if (!AdminChanges.MayAdminister(actor))
        {
            return AdminChanges.Forbidden();
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var units = await db.Units.AsNoTracking()
            .Select(u => new
            {
                u.Id, u.Name, u.Email, u.ParentId, u.IsActive,
                Open = db.Assignments.Count(a => a.UnitId == u.Id && a.Status == TreatmentStatus.Open),
                Users = db.Users.Count(x => x.UnitId == u.Id && x.IsActive),
            })
            .ToListAsync(ct);
        var children = units.ToLookup(u => u.ParentId);
        var rows = new List<UnitRow>(units.Count);
        var known = units.Select(u => u.Id).ToHashSet();

        void Add(Guid? parent, int depth)
        {
            foreach (var u in children[parent].OrderBy(u => u.Name, StringComparer.CurrentCulture))
            {
                rows.Add(new UnitRow(u.Id, u.Name, u.Email, u.ParentId, u.IsActive, depth, u.Open, u.Users));
                Add(u.Id, depth + 1);
            }
        }

        Add(null, 0);
        return rows;
    }

    public async Task<Result<Guid>> CreateAsync(string name, string? email, Guid? parentId, Actor actor, CancellationToken ct = default)
    {
        if (!AdminChanges.MayAdminister(actor))
        {
            return AdminChanges.Forbidden();
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        if (parentId is { } parent && !await db.Units.AnyAsync(u => u.Id == parent, ct))
        {
            return Error.NotFound("Unidade superior não encontrada.");
        }

        OrganizationalUnit unit;
        try
        {
            unit = new OrganizationalUnit(name, email, parentId);
        }
        catch (DomainException e)
        {
            return Error.Validation(e.Message);
        }

        if (await NameTakenAsync(db, unit.Name, null, ct))
        {
            return NameConflict(unit.Name);
        }

        db.Units.Add(unit);
        db.AdministrativeChanges.Add(AdminChanges.Of(EntityType, unit.Id, $"Unidade criada: {unit.Name}", null, Snapshot(unit), actor, clock.GetUtcNow()));
        return await SaveAsync(db, unit.Id, unit.Name, ct);
    }

    public Task<Result<Guid>> RenameAsync(Guid id, string name, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(id, actor, "Unidade renomeada", async (db, unit) =>
        {
            unit.Rename(name);
            return await NameTakenAsync(db, unit.Name, unit.Id, ct) ? NameConflict(unit.Name) : null;
        }, ct);

    public Task<Result<Guid>> ChangeEmailAsync(Guid id, string? email, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(id, actor, "E-mail de alertas alterado", (_, unit) =>
        {
            unit.ChangeEmail(email);
            return Task.FromResult<Error?>(null);
        }, ct);

    public Task<Result<Guid>> MoveAsync(Guid id, Guid? parentId, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(id, actor, "Unidade movida no organograma", async (db, unit) =>
        {
            var parents = await db.Units.AsNoTracking().Select(u => new { u.Id, u.ParentId }).ToDictionaryAsync(u => u.Id, u => u.ParentId, ct);
            if (parentId is { } parent && !parents.ContainsKey(parent))
            {
                return Error.NotFound("Unidade superior não encontrada.");
            }

            unit.MoveTo(parentId, parents);
            return null;
        }, ct);

    public Task<Result<Guid>> DeactivateAsync(Guid id, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(id, actor, "Unidade desativada", async (db, unit) =>
        {
            var open = await db.Assignments.CountAsync(a => a.UnitId == unit.Id && a.Status == TreatmentStatus.Open, ct);
            if (open > 0)
            {
                return Error.Conflict($"A unidade tem {open} tratamento(s) em aberto. A Ouvidoria deve concluí-los ou encaminhá-los a outra unidade antes da desativação.");
            }

            unit.Deactivate();
            return null;
        }, ct);

    public Task<Result<Guid>> ActivateAsync(Guid id, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(id, actor, "Unidade reativada", (_, unit) =>
        {
            unit.Activate();
            return Task.FromResult<Error?>(null);
        }, ct);

    private async Task<Result<Guid>> ChangeAsync(Guid id, Actor actor, string summary, Func<OuvidoriaDbContext, OrganizationalUnit, Task<Error?>> change, CancellationToken ct)
    {
        if (!AdminChanges.MayAdminister(actor))
        {
            return AdminChanges.Forbidden();
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null)
        {
            return Error.NotFound("Unidade não encontrada.");
        }

        var before = Snapshot(unit);
        try
        {
            if (await change(db, unit) is { } error)
            {
                return error;
            }
        }
        catch (DomainException e)
        {
            return Error.Validation(e.Message);
        }

        db.AdministrativeChanges.Add(AdminChanges.Of(EntityType, unit.Id, $"{summary}: {unit.Name}", before, Snapshot(unit), actor, clock.GetUtcNow()));
        return await SaveAsync(db, unit.Id, unit.Name, ct);
    }

    private static async Task<Result<Guid>> SaveAsync(OuvidoriaDbContext db, Guid id, string name, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return id;
        }
        catch (DbUpdateException)
        {
            // The unique index settles two administrators creating the same name at once.
            return NameConflict(name);
        }
    }

    private static Task<bool> NameTakenAsync(OuvidoriaDbContext db, string name, Guid? except, CancellationToken ct) =>
        db.Units.AnyAsync(u => u.Name == name && u.Id != except, ct);

    private static Error NameConflict(string name) => Error.Conflict($"Já existe uma unidade chamada \"{name}\".");

    private static object Snapshot(OrganizationalUnit u) => new { u.Name, u.Email, u.ParentId, u.IsActive };
}
