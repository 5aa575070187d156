using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Administration;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Identity;
using Ouvidoria.Tests.Support.Integration;
using Ouvidoria.Web.Features.Administration.Users;
using Ouvidoria.Web.Features.Shared;

namespace Ouvidoria.Tests.Features.Manifestations;

/// <summary>
/// Eventual collaborators (manual 2.4 passo 2) through the real use cases: deactivated when their
/// treatments end and reactivated when needed, each time an audited change by "Sistema"; an
/// administrator's deactivation is never undone by a treatment action.
/// </summary>
public abstract class EventualCollaboratorTests(OuvidoriaAppFactory app)
{
    [Fact]
    public async Task AdministratorsDeactivation_IsNotUndoneByTreatmentActionsOnACaseTheyStillObserve()
    {
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var carlos = await app.ActorAsync(DemoStaff.HealthCollaborator);
        var admin = await app.ActorAsync(DemoStaff.Administrator);
        var education = await app.UnitIdAsync(DemoStaff.EducationUnit);
        var eventual = await NewEventualAsync(education);
        var prepared = await app.PrepareForwardedAsync(carlos.UnitId!.Value);
        await app.WorkflowOkAsync(w => w.ForwardAsync(prepared.Id, education, AssignmentRole.Observer, eventual, "Contribua com a apuração.", ombudsman));
        Assert.True((await UserAsync(eventual)).IsActive);

        await AdminOkAsync(u => u.DeactivateAsync(eventual, admin));
        await app.WorkflowOkAsync(w => w.PostMessageAsync(prepared.Id, "Aguardamos o relatório da escola.", MessageVisibility.Team, carlos));
        await app.WorkflowOkAsync(w => w.ExtendDeadlineAsync(prepared.Id, "Apuração depende de relatório externo.", ombudsman));

        var user = await UserAsync(eventual);
        Assert.Equal((false, false), (user.IsActive, user.DeactivatedAutomatically));
        Assert.Empty(await SystemChangesAsync(eventual));
        // Nobody offers or assigns the account while the administrator keeps it deactivated.
        Assert.DoesNotContain(await app.WithAsync<Lookups, IReadOnlyList<CollaboratorItem>>(l => l.CollaboratorsOfAsync(education)), c => c.Id == eventual);
        var other = await app.PrepareForwardedAsync(carlos.UnitId!.Value);
        Assert.False((await app.WorkflowAsync(w => w.ForwardAsync(other.Id, education, AssignmentRole.Observer, eventual, null, ombudsman))).IsSuccess);

        await AdminOkAsync(u => u.ReactivateAsync(eventual, admin));
        Assert.True((await UserAsync(eventual)).IsActive);
    }

    [Fact]
    public async Task AutomaticDeactivationAndReactivation_AreAuditedBySystem_AndAnAdministratorMayMakeTheDeactivationFinal()
    {
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var carlos = await app.ActorAsync(DemoStaff.HealthCollaborator);
        var admin = await app.ActorAsync(DemoStaff.Administrator);
        var education = await app.UnitIdAsync(DemoStaff.EducationUnit);
        var eventual = await NewEventualAsync(education);
        var prepared = await app.PrepareForwardedAsync(carlos.UnitId!.Value);
        await app.WorkflowOkAsync(w => w.ForwardAsync(prepared.Id, education, AssignmentRole.Observer, eventual, "Contribua com a apuração.", ombudsman));
        var mine = (await app.OpenOkAsync(prepared.Id, carlos, recordAccess: false)).Team.Single(t => t.IsMine);
        Assert.Empty(await SystemChangesAsync(eventual));

        await app.WorkflowOkAsync(w => w.FinalizeTreatmentAsync(prepared.Id, mine.Id, carlos));

        var deactivated = await UserAsync(eventual);
        Assert.Equal((false, true), (deactivated.IsActive, deactivated.DeactivatedAutomatically));
        var off = Assert.Single(await SystemChangesAsync(eventual));
        Assert.Equal((UserAdministration.EntityType, Actor.System.Name, (string?)null), (off.EntityType, off.UserName, off.UserId));
        Assert.StartsWith("Colaborador eventual desativado automaticamente", off.Summary, StringComparison.Ordinal);
        Assert.Contains(prepared.Nup, off.Summary, StringComparison.Ordinal);
        Assert.Contains("\"IsActive\":true", off.Before, StringComparison.Ordinal);
        Assert.Contains("\"IsActive\":false", off.After, StringComparison.Ordinal);
        Assert.Contains(await app.WithAsync<Lookups, IReadOnlyList<CollaboratorItem>>(l => l.CollaboratorsOfAsync(education)), c => c.Id == eventual);

        await app.WorkflowOkAsync(w => w.ReopenTreatmentAsync(prepared.Id, mine.Id, null, ombudsman));

        Assert.Equal((true, false), ((await UserAsync(eventual)).IsActive, (await UserAsync(eventual)).DeactivatedAutomatically));
        var on = Assert.Single(await SystemChangesAsync(eventual), c => c.Id != off.Id);
        Assert.StartsWith("Colaborador eventual reativado automaticamente", on.Summary, StringComparison.Ordinal);
        Assert.Contains("\"IsActive\":true", on.After, StringComparison.Ordinal);

        // Deactivated by the system, then by an administrator: the next assignment no longer reactivates.
        await app.WorkflowOkAsync(w => w.FinalizeTreatmentAsync(prepared.Id, mine.Id, carlos));
        Assert.True((await UserAsync(eventual)).DeactivatedAutomatically);
        await AdminOkAsync(u => u.DeactivateAsync(eventual, admin));
        Assert.False((await UserAsync(eventual)).DeactivatedAutomatically);
        await app.WorkflowOkAsync(w => w.ReopenTreatmentAsync(prepared.Id, mine.Id, null, ombudsman));
        Assert.False((await UserAsync(eventual)).IsActive);
    }

    /// <summary>An eventual collaborator created by the administrator (active until their first treatment ends).</summary>
    private async Task<string> NewEventualAsync(Guid unitId)
    {
        var admin = await app.ActorAsync(DemoStaff.Administrator);
        var created = await app.WithAsync<UserAdministration, Result<OneTimePassword>>(u =>
            u.CreateAsync("Professora Eventual", $"eventual.{Guid.NewGuid():N}@demo.gov.br", new StaffAccess(Roles.Collaborator, unitId, IsEventual: true), admin));
        Assert.True(created.IsSuccess, created.Error?.Message);
        return created.Value.UserId;
    }

    private async Task AdminOkAsync(Func<UserAdministration, Task<Result<Done>>> action)
    {
        var result = await app.WithAsync(action);
        Assert.True(result.IsSuccess, result.Error?.Message);
    }

    private async Task<ApplicationUser> UserAsync(string id)
    {
        await using var db = app.CreateDbContext();
        return await db.Users.AsNoTracking().SingleAsync(u => u.Id == id);
    }

    /// <summary>The account's audited changes made by the system (not by an administrator).</summary>
    private async Task<List<AdministrativeChange>> SystemChangesAsync(string userId)
    {
        await using var db = app.CreateDbContext();
        var system = Actor.System.Name;
        return await db.AdministrativeChanges.AsNoTracking()
            .Where(c => c.EntityType == UserAdministration.EntityType && c.EntityKey == userId && c.UserName == system).ToListAsync();
    }
}

public sealed class EventualCollaboratorTestsSqlite(SqliteDemoApp app) : EventualCollaboratorTests(app), IClassFixture<SqliteDemoApp>;

public sealed class EventualCollaboratorTestsPostgres(PostgresDemoApp app) : EventualCollaboratorTests(app), IClassFixture<PostgresDemoApp>;
