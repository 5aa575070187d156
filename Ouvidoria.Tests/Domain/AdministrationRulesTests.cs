using Ouvidoria.Domain.Administration;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Organization;
using Ouvidoria.Tests.Support;

namespace Ouvidoria.Tests.Domain;

public sealed class AdministrationRulesTests
{
    private static SettingsValues Valid() => new("Ouvidoria-Geral", "01234", 5, 1, 7, 0, 30, new HashSet<ActorKind>());

    [Fact]
    public void MoveTo_ParentBelowTheUnit_ThrowsAndKeepsTheParent()
    {
        var top = new OrganizationalUnit("Secretaria", null);
        var middle = new OrganizationalUnit("Diretoria", null, top.Id);
        var bottom = new OrganizationalUnit("Coordenação", null, middle.Id);
        var parents = new Dictionary<Guid, Guid?> { [top.Id] = null, [middle.Id] = top.Id, [bottom.Id] = middle.Id };

        var e = DomainAssert.Throws(() => top.MoveTo(bottom.Id, parents));

        Assert.Equal("Não é possível subordinar a unidade a uma unidade que está abaixo dela: o organograma ficaria em ciclo.", e.Message);
        Assert.Null(top.ParentId);
    }

    [Fact]
    public void MoveTo_Itself_Throws()
    {
        var unit = new OrganizationalUnit("Secretaria", null);

        DomainAssert.Throws(() => unit.MoveTo(unit.Id, new Dictionary<Guid, Guid?> { [unit.Id] = null }));
    }

    [Fact]
    public void MoveTo_SiblingBranch_Moves()
    {
        var a = new OrganizationalUnit("A", null);
        var b = new OrganizationalUnit("B", null);
        var child = new OrganizationalUnit("Filha de A", null, a.Id);

        child.MoveTo(b.Id, new Dictionary<Guid, Guid?> { [a.Id] = null, [b.Id] = null, [child.Id] = a.Id });

        Assert.Equal(b.Id, child.ParentId);
    }

    [Theory]
    [InlineData("sem-arroba")]
    [InlineData("a@b")]
    [InlineData("com espaço@x.gov.br")]
    public void ChangeEmail_Implausible_Throws(string email)
    {
        var unit = new OrganizationalUnit("Secretaria", "ok@x.gov.br");

        DomainAssert.Throws(() => unit.ChangeEmail(email));

        Assert.Equal("ok@x.gov.br", unit.Email);
    }

    [Fact]
    public void DeactivateAndActivate_Twice_Throw()
    {
        var unit = new OrganizationalUnit("Secretaria", null);
        var theme = new Theme("Saúde");

        unit.Deactivate();
        theme.Deactivate();

        DomainAssert.Throws(unit.Deactivate);
        DomainAssert.Throws(theme.Deactivate);
        unit.Activate();
        theme.Activate();
        DomainAssert.Throws(unit.Activate);
        DomainAssert.Throws(theme.Activate);
    }

    [Theory]
    [InlineData("1234")]
    [InlineData("123456")]
    [InlineData("12a45")]
    [InlineData("")]
    public void Validate_NupUnitCodeNotFiveDigits_IsAProblem(string code)
    {
        Assert.Equal(["O código da unidade no NUP deve ter exatamente 5 dígitos (ex.: 12345)."], SystemSettings.Validate(Valid() with { NupUnitCode = code }));
    }

    [Fact]
    public void Create_ValidValues_KeepsLeadingZerosOfTheUnitCodeAndTheRoles()
    {
        var settings = SystemSettings.Create(Valid() with { SecondAlertDays = 0, TwoFactorRequiredFor = new HashSet<ActorKind> { ActorKind.Manager, ActorKind.Ombudsman } });

        Assert.Equal(1234, settings.NupUnitCode);
        Assert.Equal("01234", settings.Values.NupUnitCode);
        Assert.Equal([5], settings.AlertDaysBefore);
        Assert.Equal(new HashSet<ActorKind> { ActorKind.Manager, ActorKind.Ombudsman }, settings.TwoFactorRequiredFor);
    }

    [Fact]
    public void Change_InvalidValues_ThrowsNamingEveryProblemAndKeepsTheOldValues()
    {
        var settings = SystemSettings.Create(Valid());

        var e = DomainAssert.Throws(() => settings.Change(Valid() with { OfficeName = "", IdleTimeoutMinutes = 1000 }));

        Assert.Equal("Informe o nome da ouvidoria. O tempo de inatividade deve ser de 5 a 480 minutos.", e.Message);
        Assert.Equal(("Ouvidoria-Geral", 30), (settings.OfficeName, settings.IdleTimeoutMinutes));
    }
}
