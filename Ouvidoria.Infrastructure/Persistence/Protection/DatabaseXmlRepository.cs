using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;

namespace Ouvidoria.Infrastructure.Persistence.Protection;

/// <summary>
/// Data Protection's key ring in the <c>DataProtectionKeys</c> table: every node reading the same
/// database decrypts what any other node encrypted. Keys are stored as Data Protection writes them
/// (no XML encryptor configured): see docs/decisions/0011-tamper-evident-history.md for what that means.
/// </summary>
public sealed class DatabaseXmlRepository(IDbContextFactory<OuvidoriaDbContext> factory) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var db = factory.CreateDbContext();
        return db.DataProtectionKeys.AsNoTracking().OrderBy(k => k.Id).Select(k => k.Xml).ToList()
            .Select(xml => XElement.Parse(xml))
            .ToList()
            .AsReadOnly();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var db = factory.CreateDbContext();
        db.DataProtectionKeys.Add(new DataProtectionKey(friendlyName, element.ToString(SaveOptions.DisableFormatting)));
        db.SaveChanges();
    }
}
