namespace Ouvidoria.Infrastructure.Jobs;

/// <summary>One execution of a background job: the dashboard's last run / last error, and the proof (in a cluster) that a schedule ran once.</summary>
public sealed class JobRun
{
    private JobRun()
    {
        Job = string.Empty;
        FireInstanceId = string.Empty;
        Node = string.Empty;
    }

    public JobRun(string job, string fireInstanceId, DateTimeOffset? scheduledAt, string node, DateTimeOffset startedAt)
    {
        Id = Guid.NewGuid();
        Job = job;
        FireInstanceId = fireInstanceId;
        ScheduledAt = scheduledAt;
        Node = node;
        StartedAt = startedAt;
    }

    public Guid Id { get; private set; }

    public string Job { get; private set; }

    public string FireInstanceId { get; private set; }

    /// <summary>The schedule's fire time (null for a manual run).</summary>
    public DateTimeOffset? ScheduledAt { get; private set; }

    public string Node { get; private set; }

    public DateTimeOffset StartedAt { get; private set; }

    public DateTimeOffset? FinishedAt { get; private set; }

    public bool Succeeded { get; private set; }

    public string? Summary { get; private set; }

    public string? Error { get; private set; }

    public void Finish(bool succeeded, string? summary, string? error, DateTimeOffset now)
    {
        FinishedAt = now;
        Succeeded = succeeded;
        Summary = summary is { Length: > 500 } ? summary[..500] : summary;
        Error = error is { Length: > 2000 } ? error[..2000] : error;
    }
}
