using Ouvidoria.Domain.Common;

namespace Ouvidoria.Domain.Manifestations;

public sealed partial class Manifestation
{
    /// <summary>
    /// Stores as the extract a redacted version of the original (versão tarjada, Portaria CGU 581/2021
    /// art. 35 §2): the identifying elements the ombudsman accepted replaced by tarjas ("[NOME]", "[CPF]"…).
    /// Same rules as <see cref="WriteExtract"/>; the history records that it is a redacted version, with
    /// how many elements were redacted and whether the ombudsman edited the text afterwards.
    /// </summary>
    public void WriteRedactedExtract(string extract, int redactedElements, bool editedAfterwards, Actor actor, DateTimeOffset now)
    {
        RequireOmbudsman(actor, "registrar o extrato");
        RequireStatus("registrar o extrato", ManifestationStatus.InTriage, ManifestationStatus.AwaitingComplement, ManifestationStatus.InTreatment);
        if (string.IsNullOrWhiteSpace(extract))
        {
            throw new DomainException("O extrato não pode ser vazio: escreva uma síntese sem elementos que identifiquem o manifestante.");
        }

        if (redactedElements < 0)
        {
            throw new DomainException("O número de elementos tarjados não pode ser negativo.");
        }

        if (extract.Trim() == Description)
        {
            throw new DomainException("A versão tarjada é igual ao relato original: marque ao menos um elemento para tarjar, ou escreva um extrato.");
        }

        Extract = extract.Trim();
        var elements = redactedElements == 1 ? "1 elemento" : $"{redactedElements} elementos";
        Record(HistoryAction.ExtractWritten, actor, $"Versão tarjada ({elements}{(editedAfterwards ? ", editada pela Ouvidoria" : string.Empty)})", now);
    }
}
