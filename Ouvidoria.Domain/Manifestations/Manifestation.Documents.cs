using Ouvidoria.Domain.Common;

namespace Ouvidoria.Domain.Manifestations;

/// <summary>Documents the system generates from a manifestation for one person (PDFs).</summary>
public sealed partial class Manifestation
{
    /// <summary>
    /// Records that <paramref name="actor"/> generated the extract as a PDF: a copy of restricted
    /// content leaves the system, so it is in the access log like a download. Only the extract is
    /// exported, never the original text, so it needs one.
    /// </summary>
    public void RecordExtractPdf(Actor actor, DateTimeOffset now)
    {
        if (!CanBeReadBy(actor))
        {
            throw new DomainException("Você não tem acesso a esta manifestação.");
        }

        if (Extract is null)
        {
            throw new DomainException("Esta manifestação ainda não tem extrato: a Ouvidoria registra o extrato (pseudonimização) antes que ele possa ser gerado em PDF.");
        }

        // An access, not a change: LastChangedAt and the concurrency token stay as they are.
        _history.Add(new HistoryEntry(Id, HistoryAction.ExtractPdfGenerated, actor.UserId, actor.Name, null, now));
    }
}
