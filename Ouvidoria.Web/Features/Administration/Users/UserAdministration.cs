using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Common;
using Ouvidoria.Infrastructure.Identity;
using Ouvidoria.Infrastructure.Persistence;

namespace Ouvidoria.Web.Features.Administration.Users;

public sealed record UserRow(
    string Id, string FullName, string Email, string? Role, Guid? UnitId, string? UnitName,
    bool IsActive, bool IsEventual, bool IsLockedOut, bool TwoFactorEnabled, bool MustChangePassword, bool DeactivatedAutomatically = false);

public sealed record UserFilter(string? Text = null, string? Role = null, Guid? UnitId = null, bool IncludeInactive = true);

/// <summary>What an administrator fills in to create (or change the access of) a staff member.</summary>
public sealed record StaffAccess(string Role, Guid? UnitId, bool IsEventual);

/// <summary>A password shown once to the administrator, who hands it to the person.</summary>
public sealed record OneTimePassword(string UserId, string Password);

/// <summary>
/// "Usuários": staff accounts. Administrators only (checked here). Each operation runs in its own DI
/// scope — its own <see cref="UserManager{TUser}"/> and DbContext, never a circuit's — inside one
/// transaction with its <c>AdministrativeChange</c> row. Changes that must end open sessions
/// (role, unit, deactivation, password, 2FA reset, "encerrar sessões") renew the security stamp:
/// cookies fail validation and open circuits are revalidated (<c>StaffAuthenticationStateProvider</c>).
/// There is always at least one active administrator, and nobody deactivates their own account.
/// An administrator's deactivation is authoritative: the treatment workflow reactivates only the
/// eventual collaborators it deactivated itself (<c>ApplicationUser.DeactivatedAutomatically</c>).
/// </summary>
public sealed class UserAdministration(IServiceScopeFactory scopes, TimeProvider clock)
{
    public const string EntityType = "ApplicationUser";

    public async Task<Result<IReadOnlyList<UserRow>>> ListAsync(UserFilter filter, Actor actor, CancellationToken ct = default)
    {
        if (!AdminChanges.MayAdminister(actor))
        {
            return AdminChanges.Forbidden();
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OuvidoriaDbContext>();
        var now = clock.GetUtcNow();
        var query = db.Users.AsNoTracking();
        if (!filter.IncludeInactive)
        {
            query = query.Where(u => u.IsActive);
        }

        if (filter.UnitId is { } unitId)
        {
            query = query.Where(u => u.UnitId == unitId);
        }

        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var text = filter.Text.Trim().ToUpperInvariant();
            query = query.Where(u => u.FullName.ToUpper().Contains(text) || u.NormalizedEmail!.Contains(text));
        }

        if (!string.IsNullOrWhiteSpace(filter.Role))
        {
            query = query.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == filter.Role)));
        }

        var users = await query
            .OrderBy(u => u.FullName)
            .Select(u => new
            {
                u,
                Role = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).FirstOrDefault(),
                Unit = db.Units.Where(x => x.Id == u.UnitId).Select(x => x.Name).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return users.Select(x => new UserRow(x.u.Id, x.u.FullName, x.u.Email ?? string.Empty, x.Role, x.u.UnitId, x.Unit,
            x.u.IsActive, x.u.IsEventual, x.u.LockoutEnd > now, x.u.TwoFactorEnabled, x.u.MustChangePassword, x.u.DeactivatedAutomatically)).ToList();
    }

    /// <summary>Creates a staff account with a one-time password (the person must change it at the first sign-in).</summary>
    public async Task<Result<OneTimePassword>> CreateAsync(string fullName, string email, StaffAccess access, Actor actor, CancellationToken ct = default)
    {
        if (!AdminChanges.MayAdminister(actor))
        {
            return AdminChanges.Forbidden();
        }

        fullName = fullName?.Trim() ?? string.Empty;
        email = email?.Trim() ?? string.Empty;
        if (fullName.Length == 0)
        {
            return Error.Validation("Informe o nome completo.");
        }

        if (fullName.Length > TextLimits.Name)
        {
            return Error.Validation($"O nome deve ter no máximo {TextLimits.Name} caracteres.");
        }

        if (!EmailAddresses.IsPlausible(email) || email.Length > TextLimits.Email)
        {
            return Error.Validation("E-mail inválido: use o formato nome@dominio.gov.br.");
        }

        await using var scope = scopes.CreateAsyncScope();
        var (users, db) = Services(scope);
        if (await ValidateAccessAsync(db, access, ct) is { } invalid)
        {
            return invalid;
        }

        if (await users.FindByEmailAsync(email) is not null)
        {
            return Error.Conflict($"Já existe um usuário com o e-mail {email}.");
        }

        var password = NewPassword();
        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            FullName = fullName,
            UnitId = access.Role == Roles.Collaborator ? access.UnitId : null,
            IsEventual = access.Role == Roles.Collaborator && access.IsEventual,
            IsActive = true,
            MustChangePassword = true,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return Error.Validation(string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(user, access.Role);
        db.AdministrativeChanges.Add(AdminChanges.Of(EntityType, user.Id, $"Usuário criado: {user.FullName} ({access.Role})", null, Snapshot(user, access.Role), actor, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new OneTimePassword(user.Id, password);
    }

    /// <summary>Changes role, unit and the eventual flag; ends the person's open sessions.</summary>
    public Task<Result<Done>> ChangeAccessAsync(string userId, StaffAccess access, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(userId, actor, "Perfil/unidade alterados", async (users, db, user, role) =>
        {
            if (await ValidateAccessAsync(db, access, ct) is { } invalid)
            {
                return invalid;
            }

            if (role == Roles.Administrator && access.Role != Roles.Administrator && await IsLastActiveAdministratorAsync(users, user))
            {
                return Error.Conflict("Este é o único administrador ativo: cadastre ou reative outro administrador antes de mudar o perfil desta conta.");
            }

            if (role != access.Role)
            {
                if (role is not null)
                {
                    await users.RemoveFromRoleAsync(user, role);
                }

                await users.AddToRoleAsync(user, access.Role);
            }

            user.UnitId = access.Role == Roles.Collaborator ? access.UnitId : null;
            user.IsEventual = access.Role == Roles.Collaborator && access.IsEventual;
            // Only eventual collaborators are (re)activated by the system.
            user.DeactivatedAutomatically &= user.IsEventual;
            await users.UpdateSecurityStampAsync(user);
            return null;
        }, ct);

    public Task<Result<Done>> DeactivateAsync(string userId, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(userId, actor, "Usuário desativado", async (users, _, user, role) =>
        {
            if (user.Id == actor.UserId)
            {
                return Error.Conflict("Você não pode desativar a sua própria conta.");
            }

            // An eventual collaborator the system deactivated may still be deactivated by an
            // administrator: from then on a new assignment no longer reactivates them.
            if (!user.IsActive && !user.DeactivatedAutomatically)
            {
                return Error.Conflict("O usuário já está desativado.");
            }

            if (role == Roles.Administrator && await IsLastActiveAdministratorAsync(users, user))
            {
                return Error.Conflict("Este é o único administrador ativo: cadastre ou reative outro administrador antes de desativá-lo.");
            }

            user.IsActive = false;
            user.DeactivatedAutomatically = false;
            await users.UpdateSecurityStampAsync(user);
            return null;
        }, ct);

    public Task<Result<Done>> ReactivateAsync(string userId, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(userId, actor, "Usuário reativado", async (users, _, user, _) =>
        {
            if (user.IsActive)
            {
                return Error.Conflict("O usuário já está ativo.");
            }

            user.IsActive = true;
            user.DeactivatedAutomatically = false;
            await users.UpdateAsync(user);
            return null;
        }, ct);

    /// <summary>A new one-time password (shown once); ends the person's sessions and lifts a lockout.</summary>
    public async Task<Result<OneTimePassword>> ResetPasswordAsync(string userId, Actor actor, CancellationToken ct = default)
    {
        var password = NewPassword();
        var result = await ChangeAsync(userId, actor, "Senha redefinida", async (users, _, user, _) =>
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var reset = await users.ResetPasswordAsync(user, token, password);
            if (!reset.Succeeded)
            {
                return Error.Validation(string.Join(" ", reset.Errors.Select(e => e.Description)));
            }

            user.MustChangePassword = true;
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            return null;
        }, ct);
        return result.IsSuccess ? new OneTimePassword(userId, password) : result.Error!;
    }

    /// <summary>Lifts a lockout (repeated wrong passwords or codes).</summary>
    public Task<Result<Done>> UnlockAsync(string userId, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(userId, actor, "Bloqueio removido", async (users, _, user, _) =>
        {
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            return null;
        }, ct);

    /// <summary>Ends every open session of the person (their next request or circuit check signs them out).</summary>
    public Task<Result<Done>> SignOutEverywhereAsync(string userId, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(userId, actor, "Sessões encerradas pelo administrador", async (users, _, user, _) =>
        {
            await users.UpdateSecurityStampAsync(user);
            return null;
        }, ct);

    /// <summary>Turns two-factor sign-in off and forgets the authenticator key (a lost phone): the person enrols again.</summary>
    public Task<Result<Done>> ResetTwoFactorAsync(string userId, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(userId, actor, "Verificação em duas etapas redefinida", async (users, _, user, _) =>
        {
            await users.SetTwoFactorEnabledAsync(user, false);
            await users.ResetAuthenticatorKeyAsync(user);
            await users.UpdateSecurityStampAsync(user);
            return null;
        }, ct);

    private async Task<Result<Done>> ChangeAsync(
        string userId, Actor actor, string summary,
        Func<UserManager<ApplicationUser>, OuvidoriaDbContext, ApplicationUser, string?, Task<Error?>> change,
        CancellationToken ct)
    {
        if (!AdminChanges.MayAdminister(actor))
        {
            return AdminChanges.Forbidden();
        }

        await using var scope = scopes.CreateAsyncScope();
        var (users, db) = Services(scope);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return Error.NotFound("Usuário não encontrado.");
        }

        var role = (await users.GetRolesAsync(user)).FirstOrDefault();
        var before = Snapshot(user, role);
        if (await change(users, db, user, role) is { } error)
        {
            return error;
        }

        var after = Snapshot(user, (await users.GetRolesAsync(user)).FirstOrDefault());
        db.AdministrativeChanges.Add(AdminChanges.Of(EntityType, user.Id, $"{summary}: {user.FullName}", before, after, actor, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Result.Ok;
    }

    private static (UserManager<ApplicationUser> Users, OuvidoriaDbContext Db) Services(AsyncServiceScope scope) =>
        (scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>(), scope.ServiceProvider.GetRequiredService<OuvidoriaDbContext>());

    private static async Task<Error?> ValidateAccessAsync(OuvidoriaDbContext db, StaffAccess access, CancellationToken ct)
    {
        if (!Roles.All.Contains(access.Role))
        {
            return Error.Validation("Escolha o perfil: Ouvidoria, Colaborador, Gestor ou Administrador.");
        }

        if (access.Role != Roles.Collaborator)
        {
            return access.IsEventual ? Error.Validation("Somente colaboradores podem ser eventuais.") : null;
        }

        if (access.UnitId is not { } unitId)
        {
            return Error.Validation("Colaboradores precisam de uma unidade.");
        }

        return await db.Units.AnyAsync(u => u.Id == unitId && u.IsActive, ct) ? null : Error.Validation("Escolha uma unidade ativa.");
    }

    private static async Task<bool> IsLastActiveAdministratorAsync(UserManager<ApplicationUser> users, ApplicationUser user) =>
        user.IsActive && (await users.GetUsersInRoleAsync(Roles.Administrator)).Count(u => u.IsActive && u.Id != user.Id) == 0;

    private static object Snapshot(ApplicationUser u, string? role) =>
        new { u.FullName, u.Email, Role = role, u.UnitId, u.IsActive, u.IsEventual, u.DeactivatedAutomatically, u.TwoFactorEnabled, u.LockoutEnd, u.MustChangePassword };

    /// <summary>12 characters from unambiguous sets, with every class the password policy asks for.</summary>
    public static string NewPassword()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", lower = "abcdefghijkmnpqrstuvwxyz", digits = "23456789", symbols = "@#$%&*!?";
        const string all = upper + lower + digits + symbols;
        var chars = new List<char>
        {
            upper[RandomNumberGenerator.GetInt32(upper.Length)],
            lower[RandomNumberGenerator.GetInt32(lower.Length)],
            digits[RandomNumberGenerator.GetInt32(digits.Length)],
            symbols[RandomNumberGenerator.GetInt32(symbols.Length)],
        };
        while (chars.Count < 12)
        {
            chars.Add(all[RandomNumberGenerator.GetInt32(all.Length)]);
        }

        RandomNumberGenerator.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(chars));
        return new string([.. chars]);
    }
}
