namespace Ouvidoria.Tests.Support;

/// <summary>
/// A hand-driven clock for tests (Microsoft.Extensions.TimeProvider.Testing is not on the mirror).
/// Time only moves when a test moves it; like the Microsoft one, it never goes backwards.
/// </summary>
public sealed class FakeTimeProvider : TimeProvider
{
    /// <summary>Monday, 10 March 2025, 12:00 UTC (09:00 in Brasília): an arbitrary, fixed start.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private static readonly TimeZoneInfo SaoPaulo = FindSaoPaulo();

    private readonly Lock _gate = new();
    private DateTimeOffset _utcNow;

    public FakeTimeProvider()
        : this(DefaultStart)
    {
    }

    public FakeTimeProvider(DateTimeOffset startUtc)
    {
        _utcNow = startUtc.ToUniversalTime();
    }

    /// <summary>The current instant, always with a zero offset.</summary>
    public DateTimeOffset UtcNow
    {
        get
        {
            lock (_gate)
            {
                return _utcNow;
            }
        }

        set => SetUtcNow(value);
    }

    public override TimeZoneInfo LocalTimeZone => SaoPaulo;

    public override DateTimeOffset GetUtcNow() => UtcNow;

    /// <summary>Moves the clock forward by <paramref name="delta"/> (zero is allowed, negative is not).</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        lock (_gate)
        {
            _utcNow += delta;
        }
    }

    /// <summary>Sets the clock to <paramref name="value"/>, which must not be earlier than now.</summary>
    public void SetUtcNow(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        lock (_gate)
        {
            if (utc < _utcNow)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, $"The fake clock cannot go back from {_utcNow:O}.");
            }

            _utcNow = utc;
        }
    }

    private static TimeZoneInfo FindSaoPaulo()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo");
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
