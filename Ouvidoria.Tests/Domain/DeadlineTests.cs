using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Tests.Support;

namespace Ouvidoria.Tests.Domain;

/// <summary>
/// Lei 13.460/2017 art. 16: 30 days (+30 once, justified) for the citizen, 20 days (+20 once) for a
/// unit; priorities by how close the due date is; the complement request suspends the citizen's
/// clock only the first time. All on a fake clock.
/// </summary>
public sealed class DeadlineTests
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    private readonly FakeTimeProvider _clock = new();
    private readonly DateTimeOffset _t0;

    public DeadlineTests()
    {
        _t0 = _clock.GetUtcNow();
    }

    private DateTimeOffset Now => _clock.GetUtcNow();

    private ManifestationBuilder NewManifestation => new ManifestationBuilder().WithClock(_clock);

    // ---------------------------------------------------------------- the citizen deadline

    [Fact]
    public void Register_Any_CitizenDeadlineIsThirtyDaysAfterRegistration()
    {
        var m = NewManifestation.Registered().Build();

        Assert.Equal(_t0, m.RegisteredAt);
        Assert.Equal(_t0.AddDays(30), m.CitizenDeadline.DueAt);
        Assert.False(m.CitizenDeadline.Extended);
        Assert.Null(m.CitizenDeadline.ExtensionJustification);
    }

    [Fact]
    public void Register_InBrasiliaOffset_DeadlineIsTheSameInstantThirtyDaysLater()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 12, 31, 23, 30, 0, TimeSpan.FromHours(-3)));
        var localNow = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), clock.LocalTimeZone);

        var m = Manifestation.Register(
            ManifestationBuilder.NextNup(), ManifestationType.Suggestion, Channel.Web, null, null, "Sugestão.",
            ManifestationBuilder.DefaultRequester(), true, "hash", localNow, terms: DeadlineTerms.Legal);

        Assert.Equal(clock.GetUtcNow().AddDays(30), m.CitizenDeadline.DueAt);
    }

    [Fact]
    public void ExtendDeadline_FirstTime_AddsThirtyDaysToTheDueDateWithJustification()
    {
        var m = NewManifestation.InTriage().Build();
        _clock.Advance(TimeSpan.FromDays(25));

        m.ExtendDeadline("  Depende de vistoria da Defesa Civil.  ", Actors.Ombudsman, Now, terms: DeadlineTerms.Legal);

        Assert.Equal(_t0.AddDays(60), m.CitizenDeadline.DueAt);
        Assert.True(m.CitizenDeadline.Extended);
        Assert.Equal("Depende de vistoria da Defesa Civil.", m.CitizenDeadline.ExtensionJustification);
    }

    [Fact]
    public void ExtendDeadline_SecondTime_ThrowsAndKeepsState()
    {
        var m = NewManifestation.InTriage().Build();
        m.ExtendDeadline("Primeira prorrogação.", Actors.Ombudsman, Now, terms: DeadlineTerms.Legal);
        _clock.Advance(TimeSpan.FromDays(40));

        var exception = DomainAssert.ThrowsAndKeepsState(m, () => m.ExtendDeadline("Segunda prorrogação.", Actors.Ombudsman, Now, terms: DeadlineTerms.Legal));

        Assert.Contains("uma vez", exception.Message, StringComparison.Ordinal);
        Assert.Equal(_t0.AddDays(60), m.CitizenDeadline.DueAt);
        Assert.Equal("Primeira prorrogação.", m.CitizenDeadline.ExtensionJustification);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void ExtendDeadline_EmptyJustification_ThrowsAndLeavesTheExtensionAvailable(string justification)
    {
        var m = NewManifestation.InTriage().Build();

        DomainAssert.ThrowsAndKeepsState(m, () => m.ExtendDeadline(justification, Actors.Ombudsman, Now, terms: DeadlineTerms.Legal));

        Assert.False(m.CitizenDeadline.Extended);
        m.ExtendDeadline("Agora justificada.", Actors.Ombudsman, Now, terms: DeadlineTerms.Legal);
        Assert.Equal(_t0.AddDays(60), m.CitizenDeadline.DueAt);
    }

    [Fact]
    public void Extend_DeadlineValue_ReturnsANewValueAndLeavesTheOriginalUntouched()
    {
        var original = new Deadline(_t0);

        var extended = original.Extend(30, "Justificativa");

        Assert.Equal(_t0, original.DueAt);
        Assert.False(original.Extended);
        Assert.Equal(_t0.AddDays(30), extended.DueAt);
        Assert.True(extended.Extended);
        DomainAssert.Throws(() => extended.Extend(30, "De novo"));
    }

    // ---------------------------------------------------------------- the unit deadline

    [Fact]
    public void Forward_Any_UnitDeadlineIsTwentyDaysAfterForwarding()
    {
        var m = NewManifestation.WithExtract().InTriage().Build();
        _clock.Advance(TimeSpan.FromDays(3));

        var assignment = m.Forward(Actors.UnitA, AssignmentRole.Responsible, null, null, null, Actors.Ombudsman, Now, terms: DeadlineTerms.Legal);

        Assert.Equal(_t0.AddDays(23), assignment.Deadline.DueAt);
        Assert.False(assignment.Deadline.Extended);
        Assert.Equal(_t0.AddDays(30), m.CitizenDeadline.DueAt);
    }

    [Fact]
    public void ExtendUnitDeadline_FirstTime_AddsTwentyDaysOnlyToThatUnit()
    {
        var m = NewManifestation.InTreatment(Actors.UnitA).Build();
        var unitA = m.Assignments[0];
        var unitB = m.Forward(Actors.UnitB, AssignmentRole.Responsible, null, null, null, Actors.Ombudsman, Now, terms: DeadlineTerms.Legal);
        _clock.Advance(TimeSpan.FromDays(15));

        m.ExtendUnitDeadline(unitA.Id, "  Unidade aguarda laudo.  ", Actors.Ombudsman, Now, terms: DeadlineTerms.Legal);

        Assert.Equal(_t0.AddDays(40), unitA.Deadline.DueAt);
        Assert.True(unitA.Deadline.Extended);
        Assert.Equal("Unidade aguarda laudo.", unitA.Deadline.ExtensionJustification);
        Assert.Equal(_t0.AddDays(20), unitB.Deadline.DueAt);
        Assert.Equal(_t0.AddDays(30), m.CitizenDeadline.DueAt);
        Assert.False(m.CitizenDeadline.Extended);
        var entry = DomainAssert.LastHistory(m, HistoryAction.UnitDeadlineExtended, Actors.Ombudsman, Now);
        Assert.Equal("Unidade aguarda laudo.", entry.Details);
    }

    [Fact]
    public void ExtendUnitDeadline_SecondTime_ThrowsAndKeepsState()
    {
        var m = NewManifestation.InTreatment(Actors.UnitA).Build();
        m.ExtendUnitDeadline(m.Assignments[0].Id, "Primeira.", Actors.Ombudsman, Now, terms: DeadlineTerms.Legal);
        _clock.Advance(TimeSpan.FromDays(1));

        DomainAssert.ThrowsAndKeepsState(m, () => m.ExtendUnitDeadline(m.Assignments[0].Id, "Segunda.", Actors.Ombudsman, Now, terms: DeadlineTerms.Legal));

        Assert.Equal(_t0.AddDays(40), m.Assignments[0].Deadline.DueAt);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void ExtendUnitDeadline_EmptyJustification_ThrowsAndKeepsState(string justification)
    {
        var m = NewManifestation.InTreatment(Actors.UnitA).Build();

        DomainAssert.ThrowsAndKeepsState(m, () => m.ExtendUnitDeadline(m.Assignments[0].Id, justification, Actors.Ombudsman, Now, terms: DeadlineTerms.Legal));

        Assert.False(m.Assignments[0].Deadline.Extended);
    }

    [Fact]
    public void ExtendUnitDeadline_FinalizedTreatment_ThrowsAndKeepsState()
    {
        var m = NewManifestation.InTreatment(Actors.UnitA).Build();
        m.FinalizeTreatment(m.Assignments[0].Id, Actors.CollaboratorOf(Actors.UnitA), Now);
        _clock.Advance(TimeSpan.FromDays(1));

        DomainAssert.ThrowsAndKeepsState(m, () => m.ExtendUnitDeadline(m.Assignments[0].Id, "Tarde demais.", Actors.Ombudsman, Now, terms: DeadlineTerms.Legal));
    }

    [Fact]
    public void ExtendUnitDeadline_UnknownAssignment_ThrowsAndKeepsState()
    {
        var m = NewManifestation.InTreatment(Actors.UnitA).Build();

        DomainAssert.ThrowsAndKeepsState(m, () => m.ExtendUnitDeadline(Guid.NewGuid(), "Justificativa.", Actors.Ombudsman, Now, terms: DeadlineTerms.Legal));
    }

    [Fact]
    public void DeadlineFor_CollaboratorOfTheUnit_IsTheUnitDeadline()
    {
        var m = NewManifestation.InTreatment(Actors.UnitA).Build();

        Assert.Equal(_t0.AddDays(20), m.DeadlineFor(Actors.CollaboratorOf(Actors.UnitA)).DueAt);
        Assert.Equal(_t0.AddDays(30), m.DeadlineFor(Actors.Ombudsman).DueAt);
        Assert.Equal(_t0.AddDays(30), m.DeadlineFor(Actors.Manager).DueAt);
    }

    [Fact]
    public void DeadlineFor_CollaboratorInTwoOpenAssignments_IsTheEarliest()
    {
        var m = NewManifestation.InTreatment(Actors.UnitA).Build();
        _clock.Advance(TimeSpan.FromDays(5));
        m.Forward(Actors.UnitA, AssignmentRole.Responsible, "carla", "Carla", null, Actors.Ombudsman, Now, terms: DeadlineTerms.Legal);

        Assert.Equal(_t0.AddDays(20), m.DeadlineFor(Actors.CollaboratorOf(Actors.UnitA, "carla")).DueAt);
    }

    // ---------------------------------------------------------------- priorities

    /// <summary>Registered at t0, due at t0 + 30 days: priority after <paramref name="secondsAfterRegistration"/>.</summary>
    [Theory]
    [InlineData(0, Priority.Normal)]
    [InlineData((20 * 86_400) - 1, Priority.Normal)]
    [InlineData(20 * 86_400, Priority.Attention)]
    [InlineData((25 * 86_400) - 1, Priority.Attention)]
    [InlineData(25 * 86_400, Priority.Critical)]
    [InlineData(30 * 86_400, Priority.Critical)]
    [InlineData((30 * 86_400) + 1, Priority.Overdue)]
    [InlineData(45 * 86_400, Priority.Overdue)]
    public void PriorityAt_CitizenDeadline_FollowsTheBoundaries(long secondsAfterRegistration, Priority expected)
    {
        var m = NewManifestation.Registered().Build();

        _clock.Advance(TimeSpan.FromSeconds(secondsAfterRegistration));

        Assert.Equal(expected, m.CitizenDeadline.PriorityAt(Now));
    }

    [Fact]
    public void PriorityAt_OneTickAfterTheDueDate_IsOverdue()
    {
        var due = new Deadline(_t0);

        Assert.Equal(Priority.Critical, due.PriorityAt(_t0));
        Assert.Equal(Priority.Overdue, due.PriorityAt(_t0.AddTicks(1)));
    }

    [Theory]
    [InlineData(0, Priority.Normal)]
    [InlineData(10 * 86_400, Priority.Attention)]
    [InlineData((15 * 86_400) - 1, Priority.Attention)]
    [InlineData(15 * 86_400, Priority.Critical)]
    [InlineData((20 * 86_400) + 1, Priority.Overdue)]
    public void PriorityAt_UnitDeadline_FollowsTheBoundaries(long secondsAfterForwarding, Priority expected)
    {
        var m = NewManifestation.InTreatment(Actors.UnitA).Build();

        _clock.Advance(TimeSpan.FromSeconds(secondsAfterForwarding));

        Assert.Equal(expected, m.Assignments[0].Deadline.PriorityAt(Now));
    }

    [Fact]
    public void PriorityAt_AfterExtension_IsNormalAgain()
    {
        var m = NewManifestation.InTriage().Build();
        _clock.Advance(TimeSpan.FromDays(28));
        Assert.Equal(Priority.Critical, m.CitizenDeadline.PriorityAt(Now));

        m.ExtendDeadline("Aguardando perícia.", Actors.Ombudsman, Now, terms: DeadlineTerms.Legal);

        Assert.Equal(Priority.Normal, m.CitizenDeadline.PriorityAt(Now));
    }

    [Theory]
    [InlineData(0, 30)]
    [InlineData(86_400 / 2, 29)]
    [InlineData((30 * 86_400) - 1, 0)]
    [InlineData(30 * 86_400, 0)]
    [InlineData((30 * 86_400) + 1, -1)]
    [InlineData(32 * 86_400, -2)]
    public void DaysLeftAt_CitizenDeadline_CountsWholeDaysNegativeWhenOverdue(long secondsAfterRegistration, int expected)
    {
        var m = NewManifestation.Registered().Build();

        _clock.Advance(TimeSpan.FromSeconds(secondsAfterRegistration));

        Assert.Equal(expected, m.CitizenDeadline.DaysLeftAt(Now));
    }

    [Theory]
    [InlineData(Priority.Overdue, "Vencido")]
    [InlineData(Priority.Critical, "Crítico")]
    [InlineData(Priority.Attention, "Atenção")]
    [InlineData(Priority.Normal, "No prazo")]
    public void Label_EachPriority_IsPtBr(Priority priority, string expected)
    {
        Assert.Equal(expected, priority.Label());
    }

    // ---------------------------------------------------------------- the complement clock

    [Fact]
    public void RequestComplement_First_DueInTwentyDaysAndPausesTheCitizenClock()
    {
        var m = NewManifestation.InTriage().Build();
        _clock.Advance(TimeSpan.FromDays(5));

        m.RequestComplement("Informe o endereço.", Actors.Ombudsman, Now, terms: DeadlineTerms.Legal);

        Assert.Equal(_t0.AddDays(25), m.ComplementDueAt);
        Assert.Equal(_t0.AddDays(5), m.ClockPausedAt);
        Assert.True(m.ClockPauseUsed);
        Assert.Equal(_t0.AddDays(30), m.CitizenDeadline.DueAt);
    }

    [Fact]
    public void ReceiveComplement_AfterFirstRequest_ShiftsTheDueDateByThePausedTime()
    {
        var m = NewManifestation.InTriage().Build();
        _clock.Advance(TimeSpan.FromDays(5));
        m.RequestComplement("Informe o endereço.", Actors.Ombudsman, Now, terms: DeadlineTerms.Legal);
        var paused = TimeSpan.FromDays(7) + TimeSpan.FromHours(3) + TimeSpan.FromMinutes(17);
        _clock.Advance(paused);

        m.ReceiveComplement("Rua das Flores, 100.", Now);

        Assert.Equal(_t0.AddDays(30) + paused, m.CitizenDeadline.DueAt);
        Assert.Null(m.ClockPausedAt);
        Assert.True(m.ClockPauseUsed);
        Assert.False(m.CitizenDeadline.Extended);
    }

    [Fact]
    public void RequestComplement_Second_DueInTwentyDaysButDoesNotPauseTheClock()
    {
        var m = NewManifestation.InTriage().Build();
        m.RequestComplement("Primeiro pedido.", Actors.Ombudsman, Now, terms: DeadlineTerms.Legal);
        _clock.Advance(TimeSpan.FromDays(2));
        m.ReceiveComplement("Primeira resposta.", Now);
        var dueAfterFirst = m.CitizenDeadline.DueAt;
        Assert.Equal(_t0.AddDays(32), dueAfterFirst);
        _clock.Advance(TimeSpan.FromDays(3));

        m.RequestComplement("Segundo pedido.", Actors.Ombudsman, Now, terms: DeadlineTerms.Legal);

        Assert.Equal(ManifestationStatus.AwaitingComplement, m.Status);
        Assert.Null(m.ClockPausedAt);
        Assert.Equal(_t0.AddDays(25), m.ComplementDueAt);
        Assert.Equal(dueAfterFirst, m.CitizenDeadline.DueAt);
    }

    [Fact]
    public void ReceiveComplement_AfterSecondRequest_DoesNotShiftTheDueDate()
    {
        var m = NewManifestation.InTriage().Build();
        m.RequestComplement("Primeiro pedido.", Actors.Ombudsman, Now, terms: DeadlineTerms.Legal);
        _clock.Advance(TimeSpan.FromDays(2));
        m.ReceiveComplement("Primeira resposta.", Now);
        _clock.Advance(TimeSpan.FromDays(3));
        m.RequestComplement("Segundo pedido.", Actors.Ombudsman, Now, terms: DeadlineTerms.Legal);
        _clock.Advance(TimeSpan.FromDays(10));

        m.ReceiveComplement("Segunda resposta.", Now);

        Assert.Equal(_t0.AddDays(32), m.CitizenDeadline.DueAt);
        Assert.Null(m.ClockPausedAt);
        Assert.Equal(ManifestationStatus.InTriage, m.Status);
    }

    [Fact]
    public void ReceiveComplement_AfterExtensionDuringThePause_KeepsBothTheExtensionAndThePause()
    {
        var m = NewManifestation.InTriage().Build();
        m.RequestComplement("Informe o endereço.", Actors.Ombudsman, Now, terms: DeadlineTerms.Legal);
        _clock.Advance(TimeSpan.FromDays(4));
        m.ExtendDeadline("Caso complexo.", Actors.Ombudsman, Now, terms: DeadlineTerms.Legal);
        _clock.Advance(TimeSpan.FromDays(6));

        m.ReceiveComplement("Rua das Flores, 100.", Now);

        Assert.Equal(_t0.AddDays(30 + 30 + 10), m.CitizenDeadline.DueAt);
        Assert.True(m.CitizenDeadline.Extended);
        Assert.Equal("Caso complexo.", m.CitizenDeadline.ExtensionJustification);
    }

    [Fact]
    public void Shift_DeadlineValue_MovesOnlyTheDueDate()
    {
        var extended = new Deadline(_t0).Extend(30, "Justificativa");

        var shifted = extended.Shift(TimeSpan.FromHours(5));

        Assert.Equal(_t0.AddDays(30).AddHours(5), shifted.DueAt);
        Assert.True(shifted.Extended);
        Assert.Equal("Justificativa", shifted.ExtensionJustification);
    }
}
