namespace Ouvidoria.Infrastructure.Persistence.Protection;

/// <summary>
/// One ASP.NET Core Data Protection key (its XML), stored in the database so that every node shares
/// the key ring. Same shape as Microsoft.AspNetCore.DataProtection.EntityFrameworkCore's entity,
/// which the package mirror lacks.
/// </summary>
public sealed class DataProtectionKey
{
    private DataProtectionKey()
    {
        Xml = string.Empty;
    }

    public DataProtectionKey(string? friendlyName, string xml)
    {
        FriendlyName = friendlyName;
        Xml = xml;
    }

    public int Id { get; private set; }

    public string? FriendlyName { get; private set; }

    public string Xml { get; private set; }
}
