namespace Ouvidoria.Web.Features.Jobs;

/// <summary>Background jobs (section "Jobs").</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>False on a node that must not run jobs (with PostgreSQL the cluster shares them anyway).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The Quartz scheduler name: the same on every node of a cluster.</summary>
    public string SchedulerName { get; set; } = "Ouvidoria";

    /// <summary>Days before a deadline when an alert goes out, once each (e.g. 5 and 1).</summary>
    public int[] AlertDaysBefore { get; set; } = [5, 1];

    public TimeSpan DeadlineSweepInterval { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan ComplementExpiryInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the report cells of the months changed since the last run are rebuilt.</summary>
    public TimeSpan ReportCellsInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Cron (Quartz syntax, Brasília time) of the retention job; default 03:00 every day.</summary>
    public string RetentionCron { get; set; } = "0 0 3 * * ?";

    /// <summary>Days a processed WhatsApp inbox/outbox row is kept (the number is already erased).</summary>
    public int ChannelLogDays { get; set; } = 7;

    /// <summary>Days after archiving/conclusion when the files of a closed case are erased; 0 keeps them.</summary>
    public int ClosedCaseFilesDays { get; set; }
}
