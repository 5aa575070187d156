using Ouvidoria.Domain.Organization;
using Ouvidoria.Tests.Support;

namespace Ouvidoria.Tests.Domain;

/// <summary>The theme's "unidade padrão" is the unit the ombudsman is offered first when forwarding.</summary>
public sealed class ForwardSuggestionTests
{
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public void SuggestedForwardUnit_ThemeWithDefaultUnit_IsThatUnit()
    {
        var theme = new Theme("Saúde", defaultUnitId: Actors.UnitA);
        var m = new ManifestationBuilder().WithTheme(theme.Id).WithClock(_clock).WithExtract().InTriage().Build();

        Assert.Equal(Actors.UnitA, m.SuggestedForwardUnit(theme));
    }

    [Fact]
    public void SuggestedForwardUnit_NoDefaultUnitOrAnotherTheme_IsNull()
    {
        var withDefault = new Theme("Saúde", defaultUnitId: Actors.UnitA);
        var m = new ManifestationBuilder().WithTheme(withDefault.Id).WithClock(_clock).InTriage().Build();

        Assert.Null(m.SuggestedForwardUnit(new Theme("Educação")));
        Assert.Null(m.SuggestedForwardUnit(new Theme("Transporte", defaultUnitId: Actors.UnitB)));
        Assert.Null(m.SuggestedForwardUnit(null));
    }

    [Fact]
    public void SuggestedForwardUnit_UnitAlreadyTreatingIt_IsNull_UntilItsTreatmentEnds()
    {
        var theme = new Theme("Saúde", defaultUnitId: Actors.UnitA);
        var m = new ManifestationBuilder().WithTheme(theme.Id).WithClock(_clock).InTreatment(Actors.UnitA).Build();

        Assert.Null(m.SuggestedForwardUnit(theme));

        m.FinalizeTreatment(m.Assignments[0].Id, Actors.CollaboratorOf(Actors.UnitA), _clock.GetUtcNow());
        Assert.Equal(Actors.UnitA, m.SuggestedForwardUnit(theme));
    }
}
