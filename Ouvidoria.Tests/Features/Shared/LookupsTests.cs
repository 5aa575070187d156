using Ouvidoria.Infrastructure.Persistence;
using Ouvidoria.Tests.Support.Integration;
using Ouvidoria.Web.Features.Shared;

namespace Ouvidoria.Tests.Features.Shared;

/// <summary>The reference lists behind the dropdowns (units, themes, collaborators of a unit).</summary>
public abstract class LookupsTests(OuvidoriaAppFactory app)
{
    [Fact]
    public async Task ActiveUnitsAsync_DemoData_ListsEveryUnitByName()
    {
        var units = await app.WithAsync<Lookups, IReadOnlyList<LookupItem>>(l => l.ActiveUnitsAsync());

        Assert.Equal(5, units.Count);
        Assert.Equal(units.Select(u => u.Name).Order(StringComparer.Ordinal), units.Select(u => u.Name));
        Assert.Contains(units, u => u.Name == DemoStaff.HealthUnit);
    }

    [Fact]
    public async Task ActiveThemesAsync_AfterStartup_ListsTheBaselineThemesWithTheirDataRequirement()
    {
        var themes = await app.WithAsync<Lookups, IReadOnlyList<ThemeItem>>(l => l.ActiveThemesAsync());

        var baseline = DefaultThemes.Create().ToDictionary(t => t.Name, t => t.PersonalData);
        Assert.Equal(baseline.Count, themes.Count);
        Assert.All(themes, t => Assert.Equal(baseline[t.Name], t.PersonalData));
    }

    [Fact]
    public async Task CollaboratorsOfAsync_Unit_ListsOnlyThatUnitsCollaborators()
    {
        var unitA = await app.UnitIdAsync(DemoStaff.HealthUnit);
        var unitWithoutAccounts = await app.UnitIdAsync("Secretaria de Obras");
        var collaboratorA = await app.ActorAsync(DemoStaff.HealthCollaborator);

        var ofA = await app.WithAsync<Lookups, IReadOnlyList<CollaboratorItem>>(l => l.CollaboratorsOfAsync(unitA));
        var ofOther = await app.WithAsync<Lookups, IReadOnlyList<CollaboratorItem>>(l => l.CollaboratorsOfAsync(unitWithoutAccounts));

        Assert.Equal([DemoStaff.NameOf(DemoStaff.HealthCollaborator), DemoStaff.NameOf(DemoStaff.SecondHealthCollaborator)], ofA.Select(c => c.Name).Order());
        var carlos = ofA.Single(c => c.Id == collaboratorA.UserId);
        Assert.Equal((unitA, false), (carlos.UnitId, carlos.IsEventual));
        Assert.Empty(ofOther);
    }

    [Fact]
    public async Task CollaboratorsOfAsync_EventualCollaborator_ListedAndMarkedEvenWhileInactive()
    {
        var education = await app.UnitIdAsync(DemoStaff.EducationUnit);

        var ofEducation = await app.WithAsync<Lookups, IReadOnlyList<CollaboratorItem>>(l => l.CollaboratorsOfAsync(education));

        var eventual = Assert.Single(ofEducation, c => c.IsEventual);
        Assert.Equal("Rafael Souza (eventual)", eventual.Label);
    }
}

public sealed class LookupsTestsSqlite(SqliteDemoApp app) : LookupsTests(app), IClassFixture<SqliteDemoApp>;

public sealed class LookupsTestsPostgres(PostgresDemoApp app) : LookupsTests(app), IClassFixture<PostgresDemoApp>;
