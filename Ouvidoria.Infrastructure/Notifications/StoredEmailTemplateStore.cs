using Microsoft.EntityFrameworkCore;
using Ouvidoria.Infrastructure.Persistence;

namespace Ouvidoria.Infrastructure.Notifications;

/// <summary>
/// The e-mail templates as the administrators edited them (/administracao/modelos, group
/// "E-mails": the title is the subject); the built-in default when a row is missing.
/// </summary>
public sealed class StoredEmailTemplateStore(IDbContextFactory<OuvidoriaDbContext> factory) : IEmailTemplateStore
{
    public async Task<EmailTemplate> GetAsync(string key, CancellationToken ct)
    {
        var fallback = EmailTemplates.Default(key);
        var textKey = EmailTemplates.Keys[key];
        await using var db = await factory.CreateDbContextAsync(ct);
        var stored = await db.TextTemplates.AsNoTracking().Where(t => t.Key == textKey).Select(t => new { t.Title, t.Body }).FirstOrDefaultAsync(ct);
        return stored is null ? fallback : fallback with { Subject = stored.Title, Body = stored.Body };
    }
}
