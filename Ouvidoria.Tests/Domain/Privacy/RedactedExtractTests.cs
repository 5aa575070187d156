using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Domain.Privacy;
using Ouvidoria.Tests.Support;

namespace Ouvidoria.Tests.Domain.Privacy;

/// <summary>Manifestation.WriteRedactedExtract: the versão tarjada becomes the extract, and the history says so.</summary>
public sealed class RedactedExtractTests
{
    private const string Description = "Sou Maria da Silva, CPF 529.982.247-25, telefone (31) 98765-4321, e o posto está fechado.";

    private static Manifestation InStatus(ManifestationStatus status, out FakeTimeProvider clock)
    {
        var builder = new ManifestationBuilder().WithDescription(Description).InStatus(status);
        var m = builder.Build();
        clock = builder.Clock;
        return m;
    }

    [Theory]
    [InlineData(ManifestationStatus.InTriage)]
    [InlineData(ManifestationStatus.AwaitingComplement)]
    [InlineData(ManifestationStatus.InTreatment)]
    public void WriteRedactedExtract_AllowedStatus_StoresTheRedactedTextAndRecordsIt(ManifestationStatus status)
    {
        var m = InStatus(status, out var clock);
        var elements = IdentifyingElementDetector.Detect(m.Description, [m.Requester!.Name]);
        var redacted = Redactor.Apply(m.Description, elements);

        m.WriteRedactedExtract(redacted, elements.Count, editedAfterwards: false, Actors.Ombudsman, clock.GetUtcNow());

        Assert.Equal("Sou [NOME], CPF [CPF], telefone [TELEFONE], e o posto está fechado.", m.Extract);
        var entry = DomainAssert.LastHistory(m, HistoryAction.ExtractWritten, Actors.Ombudsman, clock.GetUtcNow());
        Assert.Equal("Versão tarjada (3 elementos)", entry.Details);
        Assert.Equal(status, m.Status);
    }

    [Fact]
    public void WriteRedactedExtract_OneElementEditedAfterwards_SaysSoInTheHistory()
    {
        var m = InStatus(ManifestationStatus.InTriage, out var clock);

        m.WriteRedactedExtract("Manifestante [NOME] relata posto fechado.", 1, editedAfterwards: true, Actors.Ombudsman, clock.GetUtcNow());

        Assert.Equal("Versão tarjada (1 elemento, editada pela Ouvidoria)", m.History[^1].Details);
    }

    [Fact]
    public void WriteRedactedExtract_ByCollaborator_ThrowsAndKeepsState()
    {
        var m = InStatus(ManifestationStatus.InTreatment, out var clock);

        DomainAssert.ThrowsAndKeepsState(m, () => m.WriteRedactedExtract("Sou [NOME].", 1, false, Actors.CollaboratorOf(Actors.UnitA), clock.GetUtcNow()));
    }

    [Theory]
    [InlineData(ManifestationStatus.Registered)]
    [InlineData(ManifestationStatus.Answered)]
    [InlineData(ManifestationStatus.Archived)]
    public void WriteRedactedExtract_ForbiddenStatus_ThrowsAndKeepsState(ManifestationStatus status)
    {
        var m = InStatus(status, out var clock);

        DomainAssert.ThrowsAndKeepsState(m, () => m.WriteRedactedExtract("Sou [NOME].", 1, false, Actors.Ombudsman, clock.GetUtcNow()));
    }

    [Theory]
    [InlineData(" ", 1)]
    [InlineData("Sou [NOME].", -1)]
    [InlineData(Description, 0)] // nothing redacted: the original is not an extract
    public void WriteRedactedExtract_EmptyNegativeOrUnchanged_ThrowsAndKeepsState(string extract, int elements)
    {
        var m = InStatus(ManifestationStatus.InTriage, out var clock);

        DomainAssert.ThrowsAndKeepsState(m, () => m.WriteRedactedExtract(extract, elements, false, Actors.Ombudsman, clock.GetUtcNow()));
    }
}
