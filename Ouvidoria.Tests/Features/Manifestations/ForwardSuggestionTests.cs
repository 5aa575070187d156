using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Domain.Organization;
using Ouvidoria.Tests.Support.Integration;
using Ouvidoria.Web.Features.Administration.Themes;

namespace Ouvidoria.Tests.Features.Manifestations;

/// <summary>The theme's "unidade padrão" (set in the administration) is offered first to the ombudsman who forwards.</summary>
public abstract class ForwardSuggestionTests(OuvidoriaAppFactory app)
{
    [Fact]
    public async Task ThemeWithDefaultUnit_IsSuggestedToTheOmbudsmanUntilForwardedThere()
    {
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var manager = await app.ActorAsync(DemoStaff.Manager);
        var health = await app.UnitIdAsync(DemoStaff.HealthUnit);
        var themeName = $"Vigilância sanitária {Guid.NewGuid():N}"[..40];
        var themeId = await ThemeAsync(themeName, health);
        var receipt = await app.RegisterOkAsync(Registrations.Identified(themeId, ManifestationType.Complaint, "A lanchonete da rodoviária vende alimentos vencidos."));
        Assert.Null((await app.OpenOkAsync(receipt.Id, ombudsman, recordAccess: false)).ForwardSuggestion); // not yet in triage: no forwarding
        await app.WorkflowOkAsync(w => w.StartTriageAsync(receipt.Id, ombudsman));

        var triage = await app.OpenOkAsync(receipt.Id, ombudsman, recordAccess: false);

        Assert.Equal(new Ouvidoria.Web.Features.Manifestations.ForwardSuggestion(health, DemoStaff.HealthUnit, themeName), triage.ForwardSuggestion);
        Assert.Null((await app.OpenOkAsync(receipt.Id, manager, recordAccess: false)).ForwardSuggestion);

        await app.WorkflowOkAsync(w => w.WriteExtractAsync(receipt.Id, "Relato de venda de alimentos vencidos em estabelecimento.", ombudsman));
        await app.WorkflowOkAsync(w => w.ForwardAsync(receipt.Id, health, AssignmentRole.Responsible, null, null, ombudsman));
        Assert.Null((await app.OpenOkAsync(receipt.Id, ombudsman, recordAccess: false)).ForwardSuggestion);
    }

    [Fact]
    public async Task ThemeWithoutDefaultUnit_SuggestsNothing()
    {
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var id = await app.CreateInStatusAsync(ManifestationStatus.InTriage);

        var details = await app.OpenOkAsync(id, ombudsman, recordAccess: false);

        Assert.True(details.Can.Forward);
        Assert.Null(details.ForwardSuggestion);
    }

    private async Task<Guid> ThemeAsync(string name, Guid defaultUnit)
    {
        var admin = await app.ActorAsync(DemoStaff.Administrator);
        var created = await app.WithAsync<ThemeAdministration, Result<Guid>>(t => t.CreateAsync(new ThemeInput(name, PersonalDataRequirement.Name, defaultUnit), admin));
        Assert.True(created.IsSuccess, created.Error?.Message);
        return created.Value;
    }
}

public sealed class ForwardSuggestionTestsSqlite(SqliteDemoApp app) : ForwardSuggestionTests(app), IClassFixture<SqliteDemoApp>;

public sealed class ForwardSuggestionTestsPostgres(PostgresDemoApp app) : ForwardSuggestionTests(app), IClassFixture<PostgresDemoApp>;
