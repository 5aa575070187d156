using Ouvidoria.Domain.Common;

namespace Ouvidoria.Domain.Organization;

/// <summary>A unit of the organization (secretaria, diretoria...) that treats manifestations.</summary>
public sealed class OrganizationalUnit
{
    private OrganizationalUnit()
    {
        Name = string.Empty;
    }

    public OrganizationalUnit(string name, string? email)
    {
        Id = Guid.NewGuid();
        Name = RequireName(name);
        Email = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        IsActive = true;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    /// <summary>Address that receives the unit's alerts.</summary>
    public string? Email { get; private set; }

    public bool IsActive { get; private set; }

    public void Rename(string name) => Name = RequireName(name);

    public void Deactivate() => IsActive = false;

    public void Activate() => IsActive = true;

    private static string RequireName(string name) =>
        string.IsNullOrWhiteSpace(name) ? throw new DomainException("Informe o nome da unidade.") : name.Trim();
}
