using Ouvidoria.Domain.Common;

namespace Ouvidoria.Domain.Manifestations;

/// <summary>
/// A legal deadline: when it falls due, and whether its one extension (with a recorded
/// justification) was used. Immutable; transitions return a new value.
/// </summary>
public sealed record Deadline
{
    private Deadline()
    {
    }

    public Deadline(DateTimeOffset dueAt)
    {
        DueAt = dueAt;
    }

    public DateTimeOffset DueAt { get; private init; }

    public bool Extended { get; private init; }

    public string? ExtensionJustification { get; private init; }

    /// <summary>Extends once by <paramref name="days"/>, with a mandatory justification.</summary>
    public Deadline Extend(int days, string justification)
    {
        if (Extended)
        {
            throw new DomainException("O prazo já foi prorrogado uma vez e não pode ser prorrogado novamente.");
        }

        if (string.IsNullOrWhiteSpace(justification))
        {
            throw new DomainException("Informe a justificativa da prorrogação do prazo.");
        }

        TextLimits.Check(justification, TextLimits.Justification, "A justificativa");

        return this with { DueAt = DueAt.AddDays(days), Extended = true, ExtensionJustification = justification.Trim() };
    }

    /// <summary>Moves the due date by a paused interval (the complement clock).</summary>
    public Deadline Shift(TimeSpan interval) => this with { DueAt = DueAt + interval };

    public Priority PriorityAt(DateTimeOffset now) => DeadlinePolicy.PriorityOf(DueAt, now);

    /// <summary>Whole calendar days left (negative when overdue).</summary>
    public int DaysLeftAt(DateTimeOffset now) => DeadlinePolicy.DaysLeft(DueAt, now);
}

/// <summary>How close a deadline is: drives the queue's ordering and colours.</summary>
public enum Priority
{
    /// <summary>Past the deadline.</summary>
    Overdue,

    /// <summary>Due within <see cref="DeadlinePolicy.CriticalDays"/> days.</summary>
    Critical,

    /// <summary>Due within <see cref="DeadlinePolicy.AttentionDays"/> days.</summary>
    Attention,

    /// <summary>Plenty of time.</summary>
    Normal,
}

/// <summary>The legal deadlines (Lei 13.460/2017 art. 16) in calendar days.</summary>
public static class DeadlinePolicy
{
    /// <summary>Conclusive answer to the citizen.</summary>
    public const int CitizenAnswerDays = 30;

    /// <summary>The one extension of the citizen deadline.</summary>
    public const int CitizenExtensionDays = 30;

    /// <summary>Answer of a unit to the ombudsman.</summary>
    public const int UnitAnswerDays = 20;

    /// <summary>The one extension of a unit's deadline.</summary>
    public const int UnitExtensionDays = 20;

    /// <summary>Time the citizen has to answer a complement request.</summary>
    public const int ComplementDays = 20;

    public const int CriticalDays = 5;

    public const int AttentionDays = 10;

    public static int DaysLeft(DateTimeOffset dueAt, DateTimeOffset now) =>
        (int)Math.Floor((dueAt - now).TotalDays);

    public static Priority PriorityOf(DateTimeOffset dueAt, DateTimeOffset now)
    {
        if (now > dueAt)
        {
            return Priority.Overdue;
        }

        var left = dueAt - now;
        return left <= TimeSpan.FromDays(CriticalDays) ? Priority.Critical
            : left <= TimeSpan.FromDays(AttentionDays) ? Priority.Attention
            : Priority.Normal;
    }

    public static string Label(this Priority priority) => priority switch
    {
        Priority.Overdue => "Vencido",
        Priority.Critical => "Crítico",
        Priority.Attention => "Atenção",
        Priority.Normal => "No prazo",
    };
}
