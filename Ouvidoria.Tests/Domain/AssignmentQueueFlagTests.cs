using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Tests.Support;

namespace Ouvidoria.Tests.Domain;

/// <summary>
/// The copies a treatment keeps of its manifestation for the units' queue (ADR 0015):
/// <see cref="Assignment.ManifestationOpen"/>, <see cref="Assignment.ManifestationRegisteredAt"/> and
/// the derived <see cref="Assignment.InQueue"/> ("the unit's default queue lists the manifestation
/// through this treatment": still owed an answer, or this responsible treatment reopened after it).
/// They must follow every change of the aggregate, whoever makes it; every legal transition is
/// checked in <see cref="ManifestationLifecycleTests"/> too.
/// </summary>
public sealed class AssignmentQueueFlagTests
{
    private static readonly Actor Ombudsman = Actors.Ombudsman;
    private static readonly Actor CollaboratorA = Actors.CollaboratorOf(Actors.UnitA);

    private readonly FakeTimeProvider _clock = new();

    private DateTimeOffset Now => _clock.GetUtcNow();

    [Fact]
    public void Forward_NewTreatments_AreInTheQueueWithTheManifestationsRegistration()
    {
        var m = new ManifestationBuilder().WithClock(_clock).InTreatment(Actors.UnitA).Build();
        _clock.Advance(TimeSpan.FromDays(2));

        var observer = m.Forward(Actors.UnitB, AssignmentRole.Observer, null, null, "Para ciência.", Ombudsman, Now, DeadlineTerms.Legal);

        Assert.All(m.Assignments, a =>
        {
            Assert.True(a.ManifestationOpen);
            Assert.True(a.InQueue);
            Assert.Equal(m.RegisteredAt, a.ManifestationRegisteredAt);
        });
        Assert.NotEqual(Now, observer.ManifestationRegisteredAt);
    }

    [Fact]
    public void Lifecycle_FinalizeAnswerReopenFinalize_TheFlagsFollowEachStep()
    {
        var m = new ManifestationBuilder().WithClock(_clock).InTreatment(Actors.UnitA).Build();
        var responsible = m.Assignments.Single();
        var observer = m.Forward(Actors.UnitB, AssignmentRole.Observer, null, null, "Para ciência.", Ombudsman, Now, DeadlineTerms.Legal);

        // Finalized, but the manifestation is still owed an answer: both still listed.
        m.FinalizeTreatment(responsible.Id, CollaboratorA, Now);
        Assert.Equal((true, true), (responsible.ManifestationOpen, responsible.InQueue));
        Assert.True(observer.InQueue);

        // The conclusive answer: nothing is owed any more (the open observer does not keep it listed).
        m.Answer("Resposta conclusiva.", conclusive: true, Ombudsman, Now);
        Assert.Equal((false, false), (responsible.ManifestationOpen, responsible.InQueue));
        Assert.Equal((false, false), (observer.ManifestationOpen, observer.InQueue));

        // A responsible treatment reopened after the answer lists the manifestation again, for that unit only.
        m.ReopenTreatment(responsible.Id, null, null, CollaboratorA, Now, DeadlineTerms.Legal);
        Assert.Equal((false, true), (responsible.ManifestationOpen, responsible.InQueue));
        Assert.False(observer.InQueue);

        m.Conclude(true, Ombudsman, Now);
        Assert.True(responsible.InQueue);

        m.FinalizeTreatment(responsible.Id, CollaboratorA, Now);
        Assert.False(responsible.InQueue);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Archive_InTreatment_TakesEveryTreatmentOutOfTheQueue(bool finalizedFirst)
    {
        var m = new ManifestationBuilder().WithClock(_clock).InTreatment(Actors.UnitA).Build();
        if (finalizedFirst)
        {
            m.FinalizeTreatment(m.Assignments[0].Id, CollaboratorA, Now);
        }

        m.Archive(ArchiveReason.Duplicate, "Duplicada.", Ombudsman, Now);

        var a = Assert.Single(m.Assignments);
        Assert.Equal((false, false), (a.ManifestationOpen, a.InQueue));
    }

    /// <summary>From every status a manifestation reaches, with every kind of treatment: the definition holds.</summary>
    [Theory]
    [InlineData(ManifestationStatus.InTreatment)]
    [InlineData(ManifestationStatus.Answered)]
    [InlineData(ManifestationStatus.Concluded)]
    [InlineData(ManifestationStatus.Archived)]
    public void EveryStatus_EveryTreatment_FollowsTheDefinition(ManifestationStatus status)
    {
        var builder = new ManifestationBuilder().WithClock(_clock);
        var m = status == ManifestationStatus.Archived ? builder.Archived(from: ManifestationStatus.InTreatment).Build() : builder.InStatus(status).Build();

        Assert.NotEmpty(m.Assignments);
        Assert.All(m.Assignments, a =>
        {
            Assert.Equal(m.Status.IsOpen(), a.ManifestationOpen);
            Assert.Equal(m.Status.IsOpen() || (a.IsOpen && a.Role == AssignmentRole.Responsible), a.InQueue);
            Assert.Equal(m.RegisteredAt, a.ManifestationRegisteredAt);
        });
    }
}
