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
    private Theme()
    {
        Name = string.Empty;
    }

    public Theme(string name, PersonalDataRequirement personalData = PersonalDataRequirement.Name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException("Informe o nome da temática.");
        }

        Id = Guid.NewGuid();
        Name = name.Trim();
        PersonalData = personalData;
        IsActive = true;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    public PersonalDataRequirement PersonalData { get; private set; }

    public bool IsActive { get; private set; }

    public void Deactivate() => IsActive = false;
}
