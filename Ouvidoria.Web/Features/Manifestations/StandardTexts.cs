using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Domain.Templates;
using Ouvidoria.Infrastructure.Persistence;
using Ouvidoria.Web.Components.Shared;

namespace Ouvidoria.Web.Features.Manifestations;

/// <summary>
/// The standard texts of the treatment (sem competência, identity requisition, identity-view
/// justification) as the administrators edited them (/administracao/modelos), with this case's
/// markers filled; the catalog's default stands in should a row be missing.
/// </summary>
public sealed class StandardTexts(IDbContextFactory<OuvidoriaDbContext> factory)
{
    private static readonly CultureInfo PtBr = new("pt-BR");

    public async Task<string> GetAsync(TextTemplateKey key, Guid manifestationId, string? unitName = null, string? area = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var body = await db.TextTemplates.AsNoTracking().Where(t => t.Key == key).Select(t => t.Body).FirstOrDefaultAsync(ct)
            ?? TextTemplateCatalog.Get(key).DefaultBody;
        var m = await db.Manifestations.AsNoTracking().Where(x => x.Id == manifestationId)
            .Select(x => new { x.Nup, x.Type, x.Subject, x.RegisteredAt }).FirstOrDefaultAsync(ct);
        var values = new Dictionary<string, string>
        {
            [TemplatePlaceholders.Nup] = m?.Nup.ToString() ?? string.Empty,
            [TemplatePlaceholders.TypeName] = m?.Type.Label().ToLower(PtBr) ?? string.Empty,
            [TemplatePlaceholders.Subject] = m?.Subject ?? string.Empty,
            [TemplatePlaceholders.Unit] = unitName ?? "Ouvidoria",
            [TemplatePlaceholders.RegisteredOn] = m is null ? string.Empty : Formats.Date(m.RegisteredAt),
            [TemplatePlaceholders.Area] = area?.Trim() ?? string.Empty,
        };
        return TemplatePlaceholders.Fill(body, values);
    }

    public Task<string> NoCompetenceAsync(Guid manifestationId, string unitName, string? rightArea, CancellationToken ct = default) =>
        string.IsNullOrWhiteSpace(rightArea)
            ? GetAsync(TextTemplateKey.NoCompetenceUnknownArea, manifestationId, unitName, null, ct)
            : GetAsync(TextTemplateKey.NoCompetenceKnownArea, manifestationId, unitName, rightArea, ct);
}
