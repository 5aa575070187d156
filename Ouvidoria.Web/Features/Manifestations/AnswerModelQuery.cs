using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Domain.Templates;
using Ouvidoria.Infrastructure.Persistence;
using Ouvidoria.Web.Components.Shared;

namespace Ouvidoria.Web.Features.Manifestations;

public sealed record AnswerModel(string Title, string Text);

/// <summary>
/// "Usar modelo": the administrator-edited answer model of the manifestation's type, its markers
/// filled with this case's NUP, subject and answering unit. For the ombudsman (answer to the citizen)
/// and for a collaborator of an open RESPONSIBLE treatment (the unit's answer); never for an elogio,
/// which the Ouvidoria answers itself with its own procedure.
/// </summary>
public sealed class AnswerModelQuery(IDbContextFactory<OuvidoriaDbContext> factory)
{
    private static readonly CultureInfo PtBr = new("pt-BR");

    public async Task<Result<AnswerModel>> ExecuteAsync(Guid manifestationId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var m = await db.Manifestations.AsNoTracking().Include(x => x.Assignments).FirstOrDefaultAsync(x => x.Id == manifestationId, ct);
        if (m is null)
        {
            return Error.NotFound("Manifestação não encontrada.");
        }

        if (!m.CanBeReadBy(actor))
        {
            return Error.Forbidden("Você não tem acesso a esta manifestação.");
        }

        if (AnswerModels.KeyFor(m.Type) is not { } key)
        {
            return Error.Validation("Elogios são respondidos pela própria Ouvidoria: não há modelo de resposta para este tipo.");
        }

        if (!IsOffered(m, actor))
        {
            return Error.Forbidden("Modelos de resposta são usados pela Ouvidoria e pela unidade responsável com tratamento em aberto.");
        }

        // Seeded at start-up; the catalog's default stands in should the row be missing.
        var template = await db.TextTemplates.AsNoTracking().Where(t => t.Key == key).Select(t => new { t.Title, t.Body }).FirstOrDefaultAsync(ct)
            ?? new { Title = TextTemplateCatalog.Get(key).DefaultTitle, Body = TextTemplateCatalog.Get(key).DefaultBody };
        var values = new Dictionary<string, string>
        {
            [TemplatePlaceholders.Nup] = m.Nup.ToString(),
            [TemplatePlaceholders.TypeName] = m.Type.Label().ToLower(PtBr),
            [TemplatePlaceholders.Subject] = m.Subject,
            [TemplatePlaceholders.Unit] = await AnsweringUnitAsync(db, m, actor, ct),
            [TemplatePlaceholders.RegisteredOn] = Formats.Date(m.RegisteredAt),
        };
        return new AnswerModel(template.Title, TemplatePlaceholders.Fill(template.Body, values));
    }

    /// <summary>The page's rule: the ombudsman, or a collaborator whose unit must answer and still can.</summary>
    public static bool IsOffered(ManifestationType type, Actor actor, IEnumerable<(AssignmentRole Role, bool Open, bool Mine)> team) =>
        AnswerModels.KeyFor(type) is not null
        && (actor.IsOmbudsman || (actor.IsCollaborator && team.Any(a => a.Mine && a.Open && a.Role == AssignmentRole.Responsible)));

    private static bool IsOffered(Manifestation m, Actor actor) =>
        IsOffered(m.Type, actor, m.Assignments.Select(a => (a.Role, a.IsOpen, a.Includes(actor))));

    /// <summary>A collaborator answers for their unit; the ombudsman's answer names the responsible units.</summary>
    private static async Task<string> AnsweringUnitAsync(OuvidoriaDbContext db, Manifestation m, Actor actor, CancellationToken ct)
    {
        var unitIds = actor.IsCollaborator && actor.UnitId is { } own
            ? [own]
            : m.Assignments.Where(a => a.Role == AssignmentRole.Responsible).Select(a => a.UnitId).Distinct().ToList();
        var names = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).OrderBy(u => u.Name).Select(u => u.Name).ToListAsync(ct);
        return names.Count switch
        {
            0 => "Ouvidoria",
            1 => names[0],
            _ => string.Join(", ", names[..^1]) + " e " + names[^1],
        };
    }
}
