using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Tests.Support;

namespace Ouvidoria.Tests.Domain;

/// <summary>Generating the extract as a PDF: a copy of restricted content leaves the system, so it is logged.</summary>
public sealed class ManifestationDocumentsTests
{
    private readonly FakeTimeProvider _clock = new();

    private static Actor CollaboratorA => Actors.CollaboratorOf(Actors.UnitA);

    [Fact]
    public void RecordExtractPdf_CollaboratorOfTheForwardedUnit_LogsWhoAndWhenWithoutChangingTheCase()
    {
        var m = new ManifestationBuilder().WithClock(_clock).InTreatment(unitId: Actors.UnitA).Build();
        var lastChanged = m.LastChangedAt;
        _clock.Advance(TimeSpan.FromHours(2));
        var now = _clock.GetUtcNow();

        m.RecordExtractPdf(CollaboratorA, now);

        var entry = DomainAssert.LastHistory(m, HistoryAction.ExtractPdfGenerated, CollaboratorA, now);
        Assert.Equal("PDF do extrato gerado", entry.Action.Label());
        Assert.Equal(lastChanged, m.LastChangedAt);
    }

    [Fact]
    public void RecordExtractPdf_Manager_IsAllowedAndLogged()
    {
        var m = new ManifestationBuilder().WithClock(_clock).InTreatment().Build();

        m.RecordExtractPdf(Actors.Manager, _clock.GetUtcNow());

        DomainAssert.LastHistory(m, HistoryAction.ExtractPdfGenerated, Actors.Manager, _clock.GetUtcNow());
    }

    [Fact]
    public void RecordExtractPdf_CollaboratorOfAnotherUnit_ThrowsAndKeepsState()
    {
        var m = new ManifestationBuilder().WithClock(_clock).InTreatment(unitId: Actors.UnitA).Build();

        var error = DomainAssert.ThrowsAndKeepsState(m, () => m.RecordExtractPdf(Actors.CollaboratorOf(Actors.UnitB), _clock.GetUtcNow()));

        Assert.Equal("Você não tem acesso a esta manifestação.", error.Message);
    }

    [Fact]
    public void RecordExtractPdf_BeforeTheExtractIsWritten_ThrowsAndKeepsState()
    {
        var m = new ManifestationBuilder().WithClock(_clock).InTriage().Build();

        var error = DomainAssert.ThrowsAndKeepsState(m, () => m.RecordExtractPdf(Actors.Ombudsman, _clock.GetUtcNow()));

        Assert.Contains("ainda não tem extrato", error.Message, StringComparison.Ordinal);
    }
}
