using Ouvidoria.Domain.Common;

namespace Ouvidoria.Domain.Organization;

/// <summary>
/// A unit of the organization (secretaria, diretoria...) that treats manifestations. Units form a
/// tree like an org chart (<see cref="ParentId"/>); the tree never has a cycle.
/// </summary>
public sealed class OrganizationalUnit
{
    private OrganizationalUnit()
    {
        Name = string.Empty;
    }

    public OrganizationalUnit(string name, string? email, Guid? parentId = null)
    {
        Id = Guid.NewGuid();
        Name = RequireName(name);
        Email = RequireEmail(email);
        ParentId = parentId;
        IsActive = true;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    /// <summary>Address that receives the unit's alerts.</summary>
    public string? Email { get; private set; }

    /// <summary>The unit above this one in the org chart (null: a top-level unit).</summary>
    public Guid? ParentId { get; private set; }

    public bool IsActive { get; private set; }

    public void Rename(string name) => Name = RequireName(name);

    /// <summary>Sets (or clears, with null or blank) the address that receives the unit's alerts.</summary>
    public void ChangeEmail(string? email) => Email = RequireEmail(email);

    /// <summary>
    /// Moves the unit under <paramref name="parentId"/> (null: top level). <paramref name="parentOf"/>
    /// gives the current parent of every unit: the move is refused when the new parent is the unit
    /// itself or one of the units below it (the chart would loop).
    /// </summary>
    public void MoveTo(Guid? parentId, IReadOnlyDictionary<Guid, Guid?> parentOf)
    {
        var visited = new HashSet<Guid>();
        for (var current = parentId; current is { } id; current = parentOf.GetValueOrDefault(id))
        {
            if (id == Id)
            {
                throw new DomainException(parentId == Id
                    ? "Uma unidade não pode ficar subordinada a ela mesma."
                    : "Não é possível subordinar a unidade a uma unidade que está abaixo dela: o organograma ficaria em ciclo.");
            }

            if (!visited.Add(id))
            {
                break;
            }
        }

        ParentId = parentId;
    }

    public void Deactivate()
    {
        if (!IsActive)
        {
            throw new DomainException("A unidade já está desativada.");
        }

        IsActive = false;
    }

    public void Activate()
    {
        if (IsActive)
        {
            throw new DomainException("A unidade já está ativa.");
        }

        IsActive = true;
    }

    private static string RequireName(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException("Informe o nome da unidade.");
        }

        TextLimits.Check(name, TextLimits.Name, "O nome da unidade");
        return name.Trim();
    }

    private static string? RequireEmail(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return null;
        }

        email = email.Trim();
        TextLimits.Check(email, TextLimits.Email, "O e-mail da unidade");
        return EmailAddresses.IsPlausible(email) ? email : throw new DomainException("E-mail da unidade inválido: use o formato nome@dominio.gov.br.");
    }
}
