using Ouvidoria.Domain.Common;

namespace Ouvidoria.Web.Features.Manifestations;

public sealed partial class ManifestationWorkflow
{
    /// <summary>
    /// Saves the redacted version (versão tarjada) built with the "Sugestões de tarja" assistant as the
    /// extract units will read; the history says it is a redacted version and how many elements it hides.
    /// </summary>
    public Task<Result<Done>> WriteRedactedExtractAsync(Guid id, string extract, int redactedElements, bool editedAfterwards, Actor actor, CancellationToken ct = default) =>
        ExecuteAsync(id, actor, (m, now) => m.WriteRedactedExtract(extract, redactedElements, editedAfterwards, actor, now), ct);
}
