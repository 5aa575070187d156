namespace Ouvidoria.Tests.Support.Integration;

/// <summary>
/// A controllable <see cref="TimeProvider"/> for the integration tests: frozen at a fixed UTC
/// instant so queries, deadlines and expected counts computed by the test agree on "now".
/// </summary>
public sealed class TestClock : TimeProvider
{
    private DateTimeOffset _now;

    public TestClock(DateTimeOffset start) => _now = start.ToUniversalTime();

    /// <summary>Now, truncated to the second (stores identically on SQLite and PostgreSQL).</summary>
    public static TestClock StartingNow()
    {
        var now = DateTimeOffset.UtcNow;
        return new TestClock(new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, TimeSpan.Zero));
    }

    public override DateTimeOffset GetUtcNow() => _now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public void Advance(TimeSpan interval) => _now = _now.Add(interval);

    public void Set(DateTimeOffset now) => _now = now.ToUniversalTime();
}
