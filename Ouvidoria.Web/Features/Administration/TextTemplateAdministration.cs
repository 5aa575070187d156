using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Administration;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Templates;
using Ouvidoria.Infrastructure.Persistence;
using Ouvidoria.Web.Components.Shared;

namespace Ouvidoria.Web.Features.Administration;

public sealed record TemplateListItem(TextTemplateKey Key, TextTemplateGroup Group, string Title, bool IsDefault, bool InUse);

/// <summary>One template as the editor shows it; <see cref="Version"/> goes back with the save.</summary>
public sealed record TemplateEditorView(
    TextTemplateKey Key,
    TextTemplateGroup Group,
    string Title,
    string Body,
    int Version,
    bool IsDefault,
    TextTemplateDefinition Definition,
    DateTimeOffset UpdatedAt,
    string UpdatedByName,
    IReadOnlyList<TemplateChangeView> Changes);

public sealed record TemplateChangeView(string Summary, string UserName, DateTimeOffset At, string? Before, string? After);

/// <summary>
/// "Modelos de texto" for administrators: list, open, save (optimistic concurrency on the version
/// the editor loaded) and restore the default. Each change and its audit row are saved together.
/// </summary>
public sealed class TextTemplateAdministration(IDbContextFactory<OuvidoriaDbContext> factory, TimeProvider clock)
{
    public const int ShownChanges = 20;

    public async Task<Result<IReadOnlyList<TemplateListItem>>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        if (!IsAdministrator(actor))
        {
            return Forbidden();
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var templates = await db.TextTemplates.AsNoTracking().ToListAsync(ct);
        return templates
            .OrderBy(t => t.Definition.Group).ThenBy(t => t.Key)
            .Select(t => new TemplateListItem(t.Key, t.Definition.Group, t.Title, t.IsDefault, t.Definition.InUse))
            .ToList();
    }

    public async Task<Result<TemplateEditorView>> GetAsync(TextTemplateKey key, Actor actor, CancellationToken ct = default)
    {
        if (!IsAdministrator(actor))
        {
            return Forbidden();
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var template = await db.TextTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Key == key, ct);
        return template is null ? NotFound() : await ViewAsync(db, template, ct);
    }

    /// <param name="expectedVersion">The version the editor loaded: another administrator's save in between is a conflict.</param>
    public Task<Result<TemplateEditorView>> SaveAsync(TextTemplateKey key, string? title, string? body, int expectedVersion, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(key, expectedVersion, actor, (t, now) => t.Edit(title, body, actor, now), ct);

    public Task<Result<TemplateEditorView>> RestoreDefaultAsync(TextTemplateKey key, int expectedVersion, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(key, expectedVersion, actor, (t, now) => t.RestoreDefault(actor, now), ct);

    private async Task<Result<TemplateEditorView>> ChangeAsync(TextTemplateKey key, int expectedVersion, Actor actor, Func<TextTemplate, DateTimeOffset, AdministrativeChange> change, CancellationToken ct)
    {
        if (!IsAdministrator(actor))
        {
            return Forbidden();
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var template = await db.TextTemplates.FirstOrDefaultAsync(t => t.Key == key, ct);
        if (template is null)
        {
            return NotFound();
        }

        if (template.Version != expectedVersion)
        {
            return Conflict(template);
        }

        try
        {
            db.AdministrativeChanges.Add(change(template, clock.GetUtcNow()));
            await db.SaveChangesAsync(ct);
        }
        catch (DomainException e)
        {
            return Error.Validation(e.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Saved by someone else between our read and our write.
            await using var fresh = await factory.CreateDbContextAsync(ct);
            return Conflict(await fresh.TextTemplates.AsNoTracking().SingleAsync(t => t.Key == key, ct));
        }

        return await ViewAsync(db, template, ct);
    }

    private static async Task<TemplateEditorView> ViewAsync(OuvidoriaDbContext db, TextTemplate t, CancellationToken ct)
    {
        var key = t.Key.ToString();
        var changes = await db.AdministrativeChanges.AsNoTracking()
            .Where(c => c.EntityType == TextTemplate.EntityType && c.EntityKey == key)
            .OrderByDescending(c => c.At).Take(ShownChanges)
            .Select(c => new TemplateChangeView(c.Summary, c.UserName, c.At, c.Before, c.After))
            .ToListAsync(ct);
        return new TemplateEditorView(t.Key, t.Definition.Group, t.Title, t.Body, t.Version, t.IsDefault, t.Definition, t.UpdatedAt, t.UpdatedByName, changes);
    }

    private static bool IsAdministrator(Actor actor) => actor.Kind == ActorKind.Administrator;

    private static Error Forbidden() => Error.Forbidden("Somente administradores gerenciam os textos padrão.");

    private static Error NotFound() => Error.NotFound("Texto padrão não encontrado.");

    public static string ConflictMessage(string updatedBy, DateTimeOffset updatedAt) =>
        $"Este texto foi alterado por {updatedBy} em {Formats.DateTime(updatedAt)} enquanto você editava. Nada do que você escreveu foi salvo nem perdido: " +
        "o seu texto continua no editor. Recarregue a versão atual, compare e aplique de novo as suas alterações.";

    private static Error Conflict(TextTemplate current) => Error.Conflict(ConflictMessage(current.UpdatedByName, current.UpdatedAt));
}
