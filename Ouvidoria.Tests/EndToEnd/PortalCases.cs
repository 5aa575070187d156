using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Identity;
using Ouvidoria.Infrastructure.Persistence;
using Ouvidoria.Tests.Support.Integration;
using Ouvidoria.Web.Features.Citizen;
using Ouvidoria.Web.Features.Manifestations;

namespace Ouvidoria.Tests.EndToEnd;

/// <summary>
/// Prepares cases for browser tests through the portal's own use cases, so a test can start where
/// its flow starts (e.g. a denúncia already forwarded) instead of clicking through every step.
/// </summary>
public static class PortalCases
{
    public static async Task<Actor> ActorAsync(this PortalFixture portal, string email)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No user {email}.");
        return new Actor(user.Id, user.FullName, Roles.ToActorKind(await users.GetRolesAsync(user)), user.UnitId);
    }

    /// <summary>Registers an identified manifestation of <paramref name="type"/> and forwards it, with an extract, to the units as responsible.</summary>
    public static async Task<(Guid Id, string Nup)> PrepareForwardedAsync(this PortalFixture portal, ManifestationType type, string description, string extract, params string[] responsibleUnits)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = await services.GetRequiredService<IDbContextFactory<OuvidoriaDbContext>>().CreateDbContextAsync();
        await using (db)
        {
            var themeId = await db.Themes.Where(t => t.Name == Registrations.ThemeRequiringEmail).Select(t => t.Id).SingleAsync();
            var receipt = await services.GetRequiredService<RegisterManifestation>().ExecuteAsync(Registrations.Identified(themeId, type, description));
            Assert.True(receipt.IsSuccess, receipt.Error?.Message);
            var id = receipt.Value.Id;
            var workflow = services.GetRequiredService<ManifestationWorkflow>();
            var ombudsman = await portal.ActorAsync(DemoStaff.Ombudsman);
            Ok(await workflow.StartTriageAsync(id, ombudsman));
            Ok(await workflow.WriteExtractAsync(id, extract, ombudsman));
            foreach (var unitName in responsibleUnits)
            {
                var unitId = await db.Units.Where(u => u.Name == unitName).Select(u => u.Id).SingleAsync();
                Ok(await workflow.ForwardAsync(id, unitId, AssignmentRole.Responsible, null, "Favor apurar e responder.", ombudsman));
            }

            return (id, receipt.Value.Nup);
        }
    }

    private static void Ok(Result<Done> result) => Assert.True(result.IsSuccess, result.Error?.Message);
}
