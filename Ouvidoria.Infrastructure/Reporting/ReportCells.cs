namespace Ouvidoria.Infrastructure.Reporting;

/// <summary>
/// The managers' report, precomputed per Brasília month of registration (docs/decisions/0016-report-cells.md):
/// one row per (month, type, channel, theme) with the counts the report adds up. Derived data only —
/// rebuilt month by month from the Manifestations table by the refresh job, never edited; a month with
/// a pending <see cref="ReportDirtyMonth"/> mark is read from the Manifestations table instead.
/// </summary>
public sealed class ReportMonthCell
{
    public long Id { get; private set; }

    /// <summary>yyyy-MM of the registration date in Brasília (<see cref="ReportMonths.Of"/>).</summary>
    public string Month { get; private set; } = string.Empty;

    /// <summary>The <c>ManifestationType</c> name, as the Manifestations table stores it.</summary>
    public string Type { get; private set; } = string.Empty;

    /// <summary>The <c>Channel</c> name, as the Manifestations table stores it.</summary>
    public string Channel { get; private set; } = string.Empty;

    public Guid? ThemeId { get; private set; }

    public long Registered { get; private set; }

    /// <summary>Still owed a conclusive answer (the open statuses).</summary>
    public long Open { get; private set; }

    /// <summary>Concluded with "Demanda resolvida = Não".</summary>
    public long Unresolved { get; private set; }

    public long Answered { get; private set; }

    public long AnsweredOnTime { get; private set; }

    public long CitizenExtended { get; private set; }

    /// <summary>Unit treatments of these manifestations whose deadline was extended ("prorrogações de prazo de unidades").</summary>
    public long UnitExtended { get; private set; }

    /// <summary>Sum of the answered ones' registration → conclusive answer times, in days (for the exact average).</summary>
    public double AnswerDaysSum { get; private set; }
}

/// <summary>
/// Histogram of the time to the conclusive answer, in whole days, per (month, type, channel): the
/// report's nearest-rank percentiles are read from it.
/// </summary>
public sealed class ReportAnswerDaysCell
{
    public long Id { get; private set; }

    public string Month { get; private set; } = string.Empty;

    public string Type { get; private set; } = string.Empty;

    public string Channel { get; private set; } = string.Empty;

    /// <summary>Completed days from registration to the conclusive answer.</summary>
    public int Days { get; private set; }

    public long Count { get; private set; }
}

/// <summary>
/// "The cells of this month may be stale": written by <c>OuvidoriaDbContext</c> in the same
/// transaction as any change to a manifestation registered in that month, deleted by the refresh
/// job once it has rebuilt the month. Append-only, so concurrent saves never contend on it.
/// </summary>
public sealed class ReportDirtyMonth
{
    private ReportDirtyMonth()
    {
    }

    public ReportDirtyMonth(string month)
    {
        Month = month;
    }

    public long Id { get; private set; }

    public string Month { get; private set; } = string.Empty;
}

/// <summary>The report's months: Brasília civil time (UTC−3, no daylight saving time since 2019).</summary>
public static class ReportMonths
{
    public static readonly TimeSpan BrasiliaOffset = TimeSpan.FromHours(-3);

    /// <summary>yyyy-MM of <paramref name="instant"/> in Brasília — the same key as the report's SQL month bucket.</summary>
    public static string Of(DateTimeOffset instant) =>
        instant.ToOffset(BrasiliaOffset).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
}
