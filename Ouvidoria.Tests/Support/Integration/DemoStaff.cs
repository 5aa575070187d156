using Ouvidoria.Infrastructure.Seeding;

namespace Ouvidoria.Tests.Support.Integration;

/// <summary>The demo accounts of <see cref="DemoSeeder.Accounts"/>, by role, and their units.</summary>
public static class DemoStaff
{
    public const string Ombudsman = "ouvidoria@demo.gov.br";

    /// <summary>Collaborator of <see cref="HealthUnit"/> ("unit A" in the tests).</summary>
    public const string HealthCollaborator = "saude@demo.gov.br";

    /// <summary>Collaborator of <see cref="EducationUnit"/> ("unit B" in the tests).</summary>
    public const string EducationCollaborator = "educacao@demo.gov.br";

    /// <summary>A second collaborator of the health unit (identity grants are personal).</summary>
    public const string SecondHealthCollaborator = "saude2@demo.gov.br";

    /// <summary>An eventual collaborator of the education unit, inactive until assigned.</summary>
    public const string EventualEducationCollaborator = "professor@demo.gov.br";

    public const string Manager = "gestor@demo.gov.br";

    public const string Administrator = "admin@demo.gov.br";

    public const string HealthUnit = "Secretaria de Saúde";

    public const string EducationUnit = "Secretaria de Educação";

    public const string Password = DemoSeeder.DemoPassword;

    public static string NameOf(string email) => DemoSeeder.Accounts.Single(a => a.Email == email).Name;
}
