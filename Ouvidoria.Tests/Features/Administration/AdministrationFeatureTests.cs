using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ouvidoria.Domain.Administration;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Organization;
using Ouvidoria.Infrastructure.Administration;
using Ouvidoria.Infrastructure.Identity;
using Ouvidoria.Tests.Support.Integration;
using Ouvidoria.Web.Features.Administration.Settings;
using Ouvidoria.Web.Features.Administration.Themes;
using Ouvidoria.Web.Features.Administration.Units;
using Ouvidoria.Web.Features.Administration.Users;

namespace Ouvidoria.Tests.Features.Administration;

/// <summary>
/// Units, users, themes and settings through the real use cases and database: administrators only
/// (refused at the use case for every other role, nothing changed), one audit row per change with
/// before/after, the org chart never loops, at least one active administrator remains, settings
/// validated and wired (NUP unit code). Each test works on its own units/users: the class shares one database.
/// </summary>
public abstract class AdministrationFeatureTests(OuvidoriaAppFactory app)
{
    private static string Unique(string prefix) => $"{prefix} {Guid.NewGuid():N}"[..(prefix.Length + 9)];

    private Task<Actor> AdminAsync() => app.ActorAsync(DemoStaff.Administrator);

    private async Task<T> OkAsync<T>(Func<Task<Result<T>>> action)
    {
        var result = await action();
        Assert.True(result.IsSuccess, result.Error?.Message);
        // Audit rows of successive steps get distinct, ordered times.
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        return result.Value;
    }

    private Task<Result<TResult>> Units<TResult>(Func<UnitAdministration, Task<Result<TResult>>> action) => app.WithAsync(action);

    private Task<Result<TResult>> Users<TResult>(Func<UserAdministration, Task<Result<TResult>>> action) => app.WithAsync(action);

    private async Task<List<AdministrativeChange>> ChangesAsync(string type, object key)
    {
        await using var db = app.CreateDbContext();
        var k = key.ToString()!;
        return await db.AdministrativeChanges.AsNoTracking().Where(c => c.EntityType == type && c.EntityKey == k).OrderBy(c => c.At).ThenBy(c => c.Summary).ToListAsync();
    }

    private async Task<OrganizationalUnit> UnitAsync(Guid id)
    {
        await using var db = app.CreateDbContext();
        return await db.Units.AsNoTracking().SingleAsync(u => u.Id == id);
    }

    private async Task<ApplicationUser> UserAsync(string id)
    {
        await using var db = app.CreateDbContext();
        return await db.Users.AsNoTracking().SingleAsync(u => u.Id == id);
    }

    private async Task<Guid> UnitIdAsync(string name)
    {
        await using var db = app.CreateDbContext();
        return await db.Units.Where(u => u.Name == name).Select(u => u.Id).SingleAsync();
    }

    // ---------- permissions ----------

    [Theory]
    [InlineData(DemoStaff.Ombudsman)]
    [InlineData(DemoStaff.HealthCollaborator)]
    [InlineData(DemoStaff.Manager)]
    public async Task EveryAdministrationUseCase_NonAdministrator_IsForbiddenAndChangesNothing(string email)
    {
        var actor = await app.ActorAsync(email);
        var admin = await AdminAsync();
        var unitId = await OkAsync(() => Units(u => u.CreateAsync(Unique("Unidade P"), null, null, admin)));
        var created = await OkAsync(() => Users(u => u.CreateAsync("Pessoa Permissão", $"{Guid.NewGuid():N}@p.gov.br", new StaffAccess(Roles.Ombudsman, null, false), admin)));
        var themeId = await OkAsync(() => app.WithAsync<ThemeAdministration, Result<Guid>>(t => t.CreateAsync(new ThemeInput(Unique("Tema P"), PersonalDataRequirement.Name, null), admin)));
        int before;
        await using (var db = app.CreateDbContext())
        {
            before = await db.AdministrativeChanges.CountAsync();
        }

        var errors = new List<Error?>
        {
            (await Units(u => u.ListAsync(actor))).Error,
            (await Units(u => u.CreateAsync("Unidade indevida", null, null, actor))).Error,
            (await Units(u => u.RenameAsync(unitId, "Outro nome", actor))).Error,
            (await Units(u => u.ChangeEmailAsync(unitId, "x@y.gov.br", actor))).Error,
            (await Units(u => u.MoveAsync(unitId, null, actor))).Error,
            (await Units(u => u.DeactivateAsync(unitId, actor))).Error,
            (await Units(u => u.ActivateAsync(unitId, actor))).Error,
            (await Users(u => u.ListAsync(new UserFilter(), actor))).Error,
            (await Users(u => u.CreateAsync("Indevido", "indevido@p.gov.br", new StaffAccess(Roles.Administrator, null, false), actor))).Error,
            (await Users(u => u.ChangeAccessAsync(created.UserId, new StaffAccess(Roles.Administrator, null, false), actor))).Error,
            (await Users(u => u.DeactivateAsync(created.UserId, actor))).Error,
            (await Users(u => u.ReactivateAsync(created.UserId, actor))).Error,
            (await Users(u => u.ResetPasswordAsync(created.UserId, actor))).Error,
            (await Users(u => u.UnlockAsync(created.UserId, actor))).Error,
            (await Users(u => u.SignOutEverywhereAsync(created.UserId, actor))).Error,
            (await Users(u => u.ResetTwoFactorAsync(created.UserId, actor))).Error,
            (await app.WithAsync<ThemeAdministration, Result<IReadOnlyList<ThemeRow>>>(t => t.ListAsync(actor))).Error,
            (await app.WithAsync<ThemeAdministration, Result<Guid>>(t => t.CreateAsync(new ThemeInput("Tema indevido", PersonalDataRequirement.None, null), actor))).Error,
            (await app.WithAsync<ThemeAdministration, Result<Guid>>(t => t.EditAsync(themeId, new ThemeInput("Outro", PersonalDataRequirement.None, null), actor))).Error,
            (await app.WithAsync<ThemeAdministration, Result<Guid>>(t => t.DeactivateAsync(themeId, actor))).Error,
            (await app.WithAsync<SettingsAdministration, Result<SettingsView>>(s => s.GetAsync(actor))).Error,
            (await app.WithAsync<SettingsAdministration, Result<SettingsView>>(s => s.SaveAsync(ValidSettings() with { OfficeName = "Indevida" }, actor))).Error,
        };

        Assert.All(errors, e => Assert.Equal(ErrorKind.Forbidden, e?.Kind));
        await using var after = app.CreateDbContext();
        Assert.Equal(before, await after.AdministrativeChanges.CountAsync());
        Assert.True((await UnitAsync(unitId)).IsActive);
        Assert.Null(await after.Users.FirstOrDefaultAsync(u => u.Email == "indevido@p.gov.br"));
        Assert.True((await UserAsync(created.UserId)).IsActive);
    }

    // ---------- units ----------

    [Fact]
    public async Task UnitAdministration_CreateRenameEmailMove_ChangesTheTreeAndAuditsEachStepWithBeforeAndAfter()
    {
        var admin = await AdminAsync();
        var top = await OkAsync(() => Units(u => u.CreateAsync(Unique("Secretaria T"), "alertas@t.gov.br", null, admin)));
        var childName = Unique("Diretoria T");
        var child = await OkAsync(() => Units(u => u.CreateAsync(childName, null, top, admin)));

        await OkAsync(() => Units(u => u.RenameAsync(child, childName + " renomeada", admin)));
        await OkAsync(() => Units(u => u.ChangeEmailAsync(child, "  diretoria@t.gov.br ", admin)));
        await OkAsync(() => Units(u => u.MoveAsync(child, null, admin)));

        var stored = await UnitAsync(child);
        Assert.Equal((childName + " renomeada", "diretoria@t.gov.br", (Guid?)null), (stored.Name, stored.Email, stored.ParentId));
        var changes = await ChangesAsync(UnitAdministration.EntityType, child);
        Assert.Equal(4, changes.Count);
        Assert.Null(changes[0].Before);
        Assert.Equal(top.ToString(), JsonDocument.Parse(changes[0].After!).RootElement.GetProperty("ParentId").GetString());
        var move = changes.Single(c => c.Summary.StartsWith("Unidade movida", StringComparison.Ordinal));
        Assert.Equal(top.ToString(), JsonDocument.Parse(move.Before!).RootElement.GetProperty("ParentId").GetString());
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(move.After!).RootElement.GetProperty("ParentId").ValueKind);
        Assert.All(changes, c => Assert.Equal((admin.UserId, admin.Name), (c.UserId, c.UserName)));
        var list = await OkAsync(() => Units(u => u.ListAsync(admin)));
        Assert.Contains(list, r => r.Id == top && r.Depth == 0);
    }

    [Fact]
    public async Task MoveAsync_UnderItsOwnDescendant_IsRefusedAndTheTreeIsUnchanged()
    {
        var admin = await AdminAsync();
        var a = await OkAsync(() => Units(u => u.CreateAsync(Unique("Cadeia A"), null, null, admin)));
        var b = await OkAsync(() => Units(u => u.CreateAsync(Unique("Cadeia B"), null, a, admin)));
        var c = await OkAsync(() => Units(u => u.CreateAsync(Unique("Cadeia C"), null, b, admin)));

        var cycle = await Units(u => u.MoveAsync(a, c, admin));
        var self = await Units(u => u.MoveAsync(a, a, admin));

        Assert.Equal(ErrorKind.Validation, cycle.Error?.Kind);
        Assert.Equal("Não é possível subordinar a unidade a uma unidade que está abaixo dela: o organograma ficaria em ciclo.", cycle.Error!.Message);
        Assert.Equal("Uma unidade não pode ficar subordinada a ela mesma.", self.Error?.Message);
        Assert.Null((await UnitAsync(a)).ParentId);
        var list = await OkAsync(() => Units(u => u.ListAsync(admin)));
        Assert.Equal([0, 1, 2], new[] { a, b, c }.Select(id => list.Single(r => r.Id == id).Depth));
        Assert.Single(await ChangesAsync(UnitAdministration.EntityType, a));
    }

    [Fact]
    public async Task UnitAdministration_InvalidEmailOrDuplicateName_IsRefusedWithAClearMessage()
    {
        var admin = await AdminAsync();
        var name = Unique("Unidade D");
        var id = await OkAsync(() => Units(u => u.CreateAsync(name, null, null, admin)));

        var duplicate = await Units(u => u.CreateAsync(name, null, null, admin));
        var email = await Units(u => u.ChangeEmailAsync(id, "sem-arroba.gov.br", admin));

        Assert.Equal((ErrorKind.Conflict, $"Já existe uma unidade chamada \"{name}\"."), (duplicate.Error!.Kind, duplicate.Error.Message));
        Assert.Equal((ErrorKind.Validation, "E-mail da unidade inválido: use o formato nome@dominio.gov.br."), (email.Error!.Kind, email.Error.Message));
        Assert.Null((await UnitAsync(id)).Email);
    }

    [Fact]
    public async Task DeactivateAsync_UnitWithOpenTreatments_IsRefused_AndAnIdleUnitIsDeactivatedAndReactivated()
    {
        var admin = await AdminAsync();
        var health = await UnitIdAsync(DemoStaff.HealthUnit);
        var idle = await OkAsync(() => Units(u => u.CreateAsync(Unique("Unidade ociosa"), null, null, admin)));

        var busy = await Units(u => u.DeactivateAsync(health, admin));
        await OkAsync(() => Units(u => u.DeactivateAsync(idle, admin)));
        var inactive = (await UnitAsync(idle)).IsActive;
        var again = await Units(u => u.DeactivateAsync(idle, admin));
        await OkAsync(() => Units(u => u.ActivateAsync(idle, admin)));

        Assert.Equal(ErrorKind.Conflict, busy.Error?.Kind);
        Assert.Contains("tratamento(s) em aberto", busy.Error!.Message, StringComparison.Ordinal);
        Assert.True((await UnitAsync(health)).IsActive);
        Assert.False(inactive);
        Assert.Equal("A unidade já está desativada.", again.Error?.Message);
        Assert.True((await UnitAsync(idle)).IsActive);
    }

    // ---------- users ----------

    [Fact]
    public async Task CreateAsync_Collaborator_StoresTheAccountWithRoleUnitAndAOneTimePasswordThatSignsIn()
    {
        var admin = await AdminAsync();
        var unit = await UnitIdAsync(DemoStaff.EducationUnit);
        var email = $"novo.{Guid.NewGuid():N}@demo.gov.br";

        var created = await OkAsync(() => Users(u => u.CreateAsync("Nova Colaboradora", email, new StaffAccess(Roles.Collaborator, unit, true), admin)));

        var user = await UserAsync(created.UserId);
        Assert.Equal((email, "Nova Colaboradora", (Guid?)unit, true, true, true), (user.Email, user.FullName, user.UnitId, user.IsEventual, user.IsActive, user.MustChangePassword));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            Assert.True(await users.CheckPasswordAsync(user, created.Password));
            Assert.Equal([Roles.Collaborator], await users.GetRolesAsync(user));
        }

        var change = Assert.Single(await ChangesAsync(UserAdministration.EntityType, created.UserId));
        Assert.DoesNotContain(created.Password, change.After, StringComparison.Ordinal);
        Assert.DoesNotContain("PasswordHash", change.After, StringComparison.Ordinal);
        var list = await OkAsync(() => Users(u => u.ListAsync(new UserFilter(Text: "nova colab"), admin)));
        Assert.Equal((Roles.Collaborator, DemoStaff.EducationUnit), (list.Single().Role, list.Single().UnitName));
    }

    [Theory]
    [InlineData("Colaborador", false, false, "Colaboradores precisam de uma unidade.")]
    [InlineData("Gestor", false, true, "Somente colaboradores podem ser eventuais.")]
    [InlineData("Chefe", false, false, "Escolha o perfil: Ouvidoria, Colaborador, Gestor ou Administrador.")]
    public async Task CreateAsync_InvalidAccess_IsRefusedAndNoAccountIsCreated(string role, bool withUnit, bool eventual, string message)
    {
        var admin = await AdminAsync();
        var email = $"invalido.{Guid.NewGuid():N}@demo.gov.br";
        Guid? unit = withUnit ? await UnitIdAsync(DemoStaff.HealthUnit) : null;

        var result = await Users(u => u.CreateAsync("Pessoa Inválida", email, new StaffAccess(role, unit, eventual), admin));

        Assert.Equal((ErrorKind.Validation, message), (result.Error?.Kind, result.Error?.Message));
        await using var db = app.CreateDbContext();
        Assert.False(await db.Users.AnyAsync(u => u.Email == email));
    }

    [Fact]
    public async Task CreateAsync_ExistingEmail_IsAConflict()
    {
        var admin = await AdminAsync();

        var result = await Users(u => u.CreateAsync("Outra Pessoa", DemoStaff.Manager, new StaffAccess(Roles.Manager, null, false), admin));

        Assert.Equal((ErrorKind.Conflict, $"Já existe um usuário com o e-mail {DemoStaff.Manager}."), (result.Error?.Kind, result.Error?.Message));
    }

    [Fact]
    public async Task ChangeAccessAsync_RoleAndUnit_AreStoredAndTheSecurityStampChanges()
    {
        var admin = await AdminAsync();
        var created = await OkAsync(() => Users(u => u.CreateAsync("Pessoa Perfil", $"{Guid.NewGuid():N}@p.gov.br", new StaffAccess(Roles.Ombudsman, null, false), admin)));
        var stamp = (await UserAsync(created.UserId)).SecurityStamp;
        var unit = await UnitIdAsync(DemoStaff.HealthUnit);

        await OkAsync(() => Users(u => u.ChangeAccessAsync(created.UserId, new StaffAccess(Roles.Collaborator, unit, false), admin)));

        var user = await UserAsync(created.UserId);
        Assert.Equal((Guid?)unit, user.UnitId);
        Assert.NotEqual(stamp, user.SecurityStamp);
        Assert.Equal(Roles.Collaborator, (await app.ActorAsync(user.Email!)).Kind == ActorKind.Collaborator ? Roles.Collaborator : null);
        var change = (await ChangesAsync(UserAdministration.EntityType, created.UserId)).Last();
        Assert.Equal(Roles.Ombudsman, JsonDocument.Parse(change.Before!).RootElement.GetProperty("Role").GetString());
        Assert.Equal(Roles.Collaborator, JsonDocument.Parse(change.After!).RootElement.GetProperty("Role").GetString());
    }

    [Fact]
    public async Task DeactivateReactivateResetUnlockSignOut_ChangeTheAccountAndAreAudited()
    {
        var admin = await AdminAsync();
        var created = await OkAsync(() => Users(u => u.CreateAsync("Pessoa Ciclo", $"{Guid.NewGuid():N}@p.gov.br", new StaffAccess(Roles.Manager, null, false), admin)));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var u = await users.FindByIdAsync(created.UserId);
            await users.SetLockoutEndDateAsync(u!, app.Clock.GetUtcNow().AddMinutes(15));
        }

        await OkAsync(() => Users(u => u.UnlockAsync(created.UserId, admin)));
        var unlocked = await UserAsync(created.UserId);
        await OkAsync(() => Users(u => u.DeactivateAsync(created.UserId, admin)));
        var deactivated = await UserAsync(created.UserId);
        await OkAsync(() => Users(u => u.ReactivateAsync(created.UserId, admin)));
        var reset = await OkAsync(() => Users(u => u.ResetPasswordAsync(created.UserId, admin)));
        var afterReset = await UserAsync(created.UserId);
        await OkAsync(() => Users(u => u.SignOutEverywhereAsync(created.UserId, admin)));

        Assert.Null(unlocked.LockoutEnd);
        Assert.False(deactivated.IsActive);
        Assert.NotEqual(unlocked.SecurityStamp, deactivated.SecurityStamp);
        Assert.NotEqual(created.Password, reset.Password);
        Assert.True(afterReset.MustChangePassword);
        Assert.NotEqual(afterReset.SecurityStamp, (await UserAsync(created.UserId)).SecurityStamp);
        Assert.True((await UserAsync(created.UserId)).IsActive);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var u = await users.FindByIdAsync(created.UserId);
            Assert.True(await users.CheckPasswordAsync(u!, reset.Password));
            Assert.False(await users.CheckPasswordAsync(u!, created.Password));
        }

        Assert.Equal(
            ["Usuário criado", "Bloqueio removido", "Usuário desativado", "Usuário reativado", "Senha redefinida", "Sessões encerradas pelo administrador"],
            (await ChangesAsync(UserAdministration.EntityType, created.UserId)).OrderBy(c => c.At).Select(c => c.Summary.Split(':')[0]));
    }

    [Fact]
    public async Task LastActiveAdministrator_CannotBeDemotedOrDeactivated_AndNobodyDeactivatesThemselves()
    {
        // A fresh database: the demo administrator is the only one.
        var admin = await AdminAsync();
        var other = new Actor("outro-admin", "Outro Administrador", ActorKind.Administrator);
        var secondAdmins = await OkAsync(() => Users(u => u.ListAsync(new UserFilter(Role: Roles.Administrator, IncludeInactive: false), admin)));
        Assert.Single(secondAdmins);

        var self = await Users(u => u.DeactivateAsync(admin.UserId!, admin));
        var demote = await Users(u => u.ChangeAccessAsync(admin.UserId!, new StaffAccess(Roles.Manager, null, false), other));
        var deactivate = await Users(u => u.DeactivateAsync(admin.UserId!, other));

        Assert.Equal("Você não pode desativar a sua própria conta.", self.Error?.Message);
        Assert.Equal(ErrorKind.Conflict, demote.Error?.Kind);
        Assert.StartsWith("Este é o único administrador ativo", demote.Error!.Message, StringComparison.Ordinal);
        Assert.StartsWith("Este é o único administrador ativo", deactivate.Error?.Message, StringComparison.Ordinal);
        Assert.Equal(ActorKind.Administrator, (await app.ActorAsync(DemoStaff.Administrator)).Kind);
        Assert.True((await UserAsync(admin.UserId!)).IsActive);

        // With a second active administrator, the first may be demoted (by the other).
        var second = await OkAsync(() => Users(u => u.CreateAsync("Segunda Administradora", $"{Guid.NewGuid():N}@p.gov.br", new StaffAccess(Roles.Administrator, null, false), admin)));
        var secondActor = new Actor(second.UserId, "Segunda Administradora", ActorKind.Administrator);
        await OkAsync(() => Users(u => u.ChangeAccessAsync(admin.UserId!, new StaffAccess(Roles.Manager, null, false), secondActor)));
        var last = await Users(u => u.DeactivateAsync(second.UserId, other));
        await OkAsync(() => Users(u => u.ChangeAccessAsync(admin.UserId!, new StaffAccess(Roles.Administrator, null, false), secondActor)));

        Assert.StartsWith("Este é o único administrador ativo", last.Error?.Message, StringComparison.Ordinal);
    }

    // ---------- themes ----------

    [Fact]
    public async Task ThemeAdministration_CreateEditDeactivate_ChangesWhatTheCitizenChannelsOffer()
    {
        var admin = await AdminAsync();
        var unit = await UnitIdAsync(DemoStaff.HealthUnit);
        var name = Unique("Vigilância");
        var id = await OkAsync(() => app.WithAsync<ThemeAdministration, Result<Guid>>(t => t.CreateAsync(new ThemeInput(name, PersonalDataRequirement.None, null), admin)));

        await OkAsync(() => app.WithAsync<ThemeAdministration, Result<Guid>>(t => t.EditAsync(id, new ThemeInput(name + " sanitária", PersonalDataRequirement.NameAndEmail, unit), admin)));
        var offered = await app.WithAsync<Ouvidoria.Web.Features.Shared.Lookups, IReadOnlyList<Ouvidoria.Web.Features.Shared.ThemeItem>>(l => l.ActiveThemesAsync());
        await OkAsync(() => app.WithAsync<ThemeAdministration, Result<Guid>>(t => t.DeactivateAsync(id, admin)));
        var afterDeactivation = await app.WithAsync<Ouvidoria.Web.Features.Shared.Lookups, IReadOnlyList<Ouvidoria.Web.Features.Shared.ThemeItem>>(l => l.ActiveThemesAsync());
        var duplicate = await app.WithAsync<ThemeAdministration, Result<Guid>>(t => t.CreateAsync(new ThemeInput(name + " sanitária", PersonalDataRequirement.None, null), admin));

        Assert.Equal(PersonalDataRequirement.NameAndEmail, offered.Single(t => t.Id == id).PersonalData);
        Assert.DoesNotContain(afterDeactivation, t => t.Id == id);
        Assert.Equal(ErrorKind.Conflict, duplicate.Error?.Kind);
        var list = await OkAsync(() => app.WithAsync<ThemeAdministration, Result<IReadOnlyList<ThemeRow>>>(t => t.ListAsync(admin)));
        Assert.Equal((DemoStaff.HealthUnit, false), (list.Single(t => t.Id == id).DefaultUnitName, list.Single(t => t.Id == id).IsActive));
        var changes = await ChangesAsync(ThemeAdministration.EntityType, id);
        Assert.Equal(3, changes.Count);
        Assert.Contains("\"PersonalData\":\"None\"", changes[1].Before, StringComparison.Ordinal);
        Assert.Contains("\"PersonalData\":\"NameAndEmail\"", changes[1].After, StringComparison.Ordinal);
    }

    // ---------- settings ----------

    private static SettingsValues ValidSettings() =>
        new("Ouvidoria-Geral do Município", "54321", 7, 2, 10, 0, 20, new HashSet<ActorKind> { ActorKind.Administrator });

    [Fact]
    public async Task SaveAsync_InvalidSettings_NamesEveryProblemAndStoresNothing()
    {
        var admin = await AdminAsync();
        var invalid = new SettingsValues(" ", "1234", 0, 3, 0, -1, 2, new HashSet<ActorKind> { ActorKind.Citizen });

        var result = await app.WithAsync<SettingsAdministration, Result<SettingsView>>(s => s.SaveAsync(invalid, admin));

        Assert.Equal(ErrorKind.Validation, result.Error?.Kind);
        foreach (var expected in new[]
        {
            "Informe o nome da ouvidoria.", "O código da unidade no NUP deve ter exatamente 5 dígitos (ex.: 12345).",
            "O primeiro alerta de prazo deve ser de 1 a 30 dias antes do vencimento.", "O segundo alerta de prazo deve ser menor que o primeiro (ou 0 para não enviar).",
            "A retenção das mensagens processadas do WhatsApp deve ser de 1 a 365 dias.", "A retenção dos anexos de casos encerrados deve ser de 0 (manter) a 36500 dias.",
            "O tempo de inatividade deve ser de 5 a 480 minutos.", "A verificação em duas etapas só pode ser exigida de perfis de servidores.",
        })
        {
            Assert.Contains(expected, result.Error!.Message, StringComparison.Ordinal);
        }

        await using var db = app.CreateDbContext();
        Assert.False(await db.SystemSettings.AnyAsync(s => s.OfficeName == " "));
    }

    [Fact]
    public async Task SaveAsync_ValidSettings_AreStoredAuditedAndUsedByTheNupAllocatorAndTheStore()
    {
        var admin = await AdminAsync();
        var defaults = await OkAsync(() => app.WithAsync<SettingsAdministration, Result<SettingsView>>(s => s.GetAsync(admin)));

        var saved = await OkAsync(() => app.WithAsync<SettingsAdministration, Result<SettingsView>>(s => s.SaveAsync(ValidSettings(), admin)));

        Assert.False(defaults.Saved);
        Assert.Equal(("Ouvidoria", "12345"), (defaults.Values.OfficeName, defaults.Values.NupUnitCode));
        Assert.True(saved.Saved);
        var effective = await app.Services.GetRequiredService<SystemSettingsStore>().GetAsync();
        Assert.Equal(("Ouvidoria-Geral do Município", 54321, 20), (effective.OfficeName, effective.NupUnitCode, effective.IdleTimeoutMinutes));
        Assert.Equal([7, 2], effective.AlertDaysBefore);
        Assert.Equal([ActorKind.Administrator], effective.TwoFactorRequiredFor);
        await using (var db = app.CreateDbContext())
        {
            var nup = await app.Services.GetRequiredService<Ouvidoria.Infrastructure.Persistence.NupAllocator>().NextAsync(db, 2031);
            Assert.StartsWith("54321.", nup.ToString(), StringComparison.Ordinal);
        }

        var change = Assert.Single(await ChangesAsync(SystemSettings.EntityType, SystemSettings.SingletonId));
        Assert.Contains("\"NupUnitCode\":\"12345\"", change.Before, StringComparison.Ordinal);
        Assert.Contains("\"NupUnitCode\":\"54321\"", change.After, StringComparison.Ordinal);

        // Back to the defaults for the other tests of this class (one shared database).
        await OkAsync(() => app.WithAsync<SettingsAdministration, Result<SettingsView>>(s => s.SaveAsync(defaults.Values, admin)));
    }
}

public sealed class AdministrationFeatureTestsSqlite(SqliteDemoApp app) : AdministrationFeatureTests(app), IClassFixture<SqliteDemoApp>;

public sealed class AdministrationFeatureTestsPostgres(PostgresDemoApp app) : AdministrationFeatureTests(app), IClassFixture<PostgresDemoApp>;
