using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Templates;
using Ouvidoria.Infrastructure.Persistence;

namespace Ouvidoria.Infrastructure.Seeding;

/// <summary>
/// Start-up, every environment: adds the catalog's default text of every template key the database
/// does not have yet (a new key in a new version appears on the next start). Never overwrites an
/// administrator's text.
/// </summary>
public static class DefaultTextTemplates
{
    /// <returns>How many templates were added.</returns>
    public static async Task<int> EnsureAsync(OuvidoriaDbContext db, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var existing = await db.TextTemplates.AsNoTracking().Select(t => t.Key).ToListAsync(cancellationToken);
        var missing = TextTemplateCatalog.All.Select(d => d.Key).Except(existing).ToList();
        if (missing.Count == 0)
        {
            return 0;
        }

        db.TextTemplates.AddRange(missing.Select(key => TextTemplate.CreateDefault(key, now)));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return missing.Count;
        }
        catch (DbUpdateException)
        {
            // Another node starting at the same time may have inserted them first (primary key).
            if (!await AllPresentAsync(db, cancellationToken))
            {
                throw;
            }

            return 0;
        }
    }

    private static async Task<bool> AllPresentAsync(OuvidoriaDbContext db, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var keys = await db.TextTemplates.AsNoTracking().Select(t => t.Key).ToListAsync(cancellationToken);
        return TextTemplateCatalog.All.All(d => keys.Contains(d.Key));
    }
}
