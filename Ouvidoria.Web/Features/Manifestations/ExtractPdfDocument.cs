using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Administration;
using Ouvidoria.Infrastructure.Pdf;
using Ouvidoria.Infrastructure.Persistence;
using Ouvidoria.Web.Components.Shared;

namespace Ouvidoria.Web.Features.Manifestations;

/// <summary>A generated file, ready to stream.</summary>
public sealed record GeneratedPdf(string FileName, byte[] Content);

/// <summary>
/// "Baixar extrato (PDF)": the pseudonymized extract as a PDF marked with the staff member's name
/// and the date on every page. Like <see cref="ManifestationDetailsQuery"/> it is a read with an
/// entry in the access log: it checks that THIS actor may read THIS manifestation, records the
/// generation through the aggregate, and only then hands the bytes out. The document is built from
/// the extract alone — never the original text nor the requester — whoever asks for it.
/// </summary>
public sealed class ExtractPdfDocument(IDbContextFactory<OuvidoriaDbContext> factory, TimeProvider clock, SystemSettingsStore settings)
{
    public async Task<Result<GeneratedPdf>> ExecuteAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var m = await ManifestationWorkflow.LoadAsync(db, id, ct);
        if (m is null)
        {
            return Error.NotFound("Manifestação não encontrada.");
        }

        if (!m.CanBeReadBy(actor))
        {
            return Error.Forbidden("Você não tem acesso a esta manifestação.");
        }

        if (m.Extract is null)
        {
            return Error.NotFound("Esta manifestação ainda não tem extrato.");
        }

        var now = clock.GetUtcNow();
        try
        {
            m.RecordExtractPdf(actor, now);
        }
        catch (DomainException e)
        {
            return Error.Validation(e.Message);
        }

        var theme = m.ThemeId is { } themeId
            ? await db.Themes.AsNoTracking().Where(t => t.Id == themeId).Select(t => t.Name).FirstOrDefaultAsync(ct)
            : null;
        var officeName = (await settings.GetAsync(ct)).OfficeName;
        var pdf = ExtractPdf.Render(Content(m, theme, actor, officeName), new PdfRecipient(actor.Name, Formats.DateTime(now)));
        // Logged only once the document exists: a failed rendering leaves no trace of a copy.
        await db.SaveChangesAsync(ct);
        return new GeneratedPdf($"extrato-{m.Nup.Digits}.pdf", pdf);
    }

    private static ExtractPdfContent Content(Manifestation m, string? theme, Actor actor, string officeName)
    {
        var viewerDeadline = m.DeadlineFor(actor);
        var citizenNotes = new List<string>();
        if (m.CitizenDeadline.Extended)
        {
            // The extension's length is the office's term at the time (at most the law's 30 days): not restated here.
            citizenNotes.Add("prorrogado uma vez");
        }

        if (m.ClockPausedAt is not null)
        {
            citizenNotes.Add("suspenso: aguardando complementação");
        }

        return new ExtractPdfContent
        {
            // The administrators' setting; Office:Name until they save one.
            OfficeName = officeName,
            Nup = m.Nup.ToString(),
            TypeLabel = m.Type.Label(),
            Theme = theme,
            Subject = m.Subject,
            RegisteredAt = Formats.DateTime(m.RegisteredAt),
            CitizenDeadline = Formats.Date(m.CitizenDeadline.DueAt),
            CitizenDeadlineNote = citizenNotes.Count == 0 ? null : string.Join("; ", citizenNotes),
            // Same rule as the page's "Prazo da sua unidade": shown when the viewer's deadline is the unit's.
            UnitDeadline = viewerDeadline != m.CitizenDeadline
                ? Formats.Date(viewerDeadline.DueAt) + (viewerDeadline.Extended ? " (prorrogado uma vez)" : string.Empty)
                : null,
            Extract = m.Extract!,
        };
    }
}
