using Ouvidoria.Domain.Common;

namespace Ouvidoria.Domain.Organization;

/// <summary>What personal data a theme needs from an identified citizen (LGPD necessity principle).</summary>
public enum PersonalDataRequirement
{
    /// <summary>Nothing beyond the manifestation itself.</summary>
    None,

    /// <summary>Name only.</summary>
    Name,

    /// <summary>Name and e-mail (for answers outside the channel).</summary>
    NameAndEmail,
}

/// <summary>A theme (temática / assunto) a citizen chooses when filing.</summary>
public sealed class Theme
{
    public const int MaxNameLength = 120;

    private Theme()
    {
        Name = string.Empty;
    }

    public Theme(string name, PersonalDataRequirement personalData = PersonalDataRequirement.Name, Guid? defaultUnitId = null)
    {
        Id = Guid.NewGuid();
        Name = RequireName(name);
        PersonalData = personalData;
        DefaultUnitId = defaultUnitId;
        IsActive = true;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    public PersonalDataRequirement PersonalData { get; private set; }

    /// <summary>The unit the ombudsman is offered first when forwarding a manifestation of this theme.</summary>
    public Guid? DefaultUnitId { get; private set; }

    public bool IsActive { get; private set; }

    public void Rename(string name) => Name = RequireName(name);

    public void RequirePersonalData(PersonalDataRequirement personalData) => PersonalData = personalData;

    public void SetDefaultUnit(Guid? unitId) => DefaultUnitId = unitId;

    public void Deactivate()
    {
        if (!IsActive)
        {
            throw new DomainException("A temática já está desativada.");
        }

        IsActive = false;
    }

    public void Activate()
    {
        if (IsActive)
        {
            throw new DomainException("A temática já está ativa.");
        }

        IsActive = true;
    }

    public static string Label(PersonalDataRequirement requirement) => requirement switch
    {
        PersonalDataRequirement.None => "Nenhum dado pessoal",
        PersonalDataRequirement.Name => "Nome",
        PersonalDataRequirement.NameAndEmail => "Nome e e-mail",
    };

    private static string RequireName(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException("Informe o nome da temática.");
        }

        TextLimits.Check(name, MaxNameLength, "O nome da temática");
        return name.Trim();
    }
}
