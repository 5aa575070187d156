using Microsoft.EntityFrameworkCore;
using Ouvidoria.Infrastructure.Persistence;

namespace Ouvidoria.Web.Features.Reports;

/// <summary>
/// Builds the report's SQL for the two providers. The aggregates are plain SQL (GROUP BY, COUNT,
/// conditional SUM, ROW_NUMBER) because LINQ cannot bucket a date by month nor subtract two dates on
/// SQLite, where dates are stored as UTC ticks (<c>UtcTicksConverter</c>). Only two fragments differ
/// per provider — a duration in days and the Brasília month of a date — and the parameters (ticks and
/// upper-case text ids on SQLite, timestamptz and uuid on PostgreSQL). Everything else is shared.
/// </summary>
internal sealed class ReportSql
{
    /// <summary>Statuses in which the office still owes a conclusive answer (ManifestationStatusLabels.IsOpen).</summary>
    public const string OpenStatuses = "('Registered', 'InTriage', 'AwaitingComplement', 'InTreatment')";

    /// <summary>How many of the rows are still owed a conclusive answer (the cells' and the totals' definition).</summary>
    public const string OpenCount = $"COALESCE(SUM(CASE WHEN m.\"Status\" IN {OpenStatuses} THEN 1 ELSE 0 END), 0)";

    public const string AnsweredCount = "COALESCE(SUM(CASE WHEN m.\"AnsweredAt\" IS NOT NULL THEN 1 ELSE 0 END), 0)";

    /// <summary>Answered on or before the citizen deadline (with its extension).</summary>
    public const string AnsweredOnTimeCount = "COALESCE(SUM(CASE WHEN m.\"AnsweredAt\" IS NOT NULL AND m.\"AnsweredAt\" <= m.\"CitizenDueAt\" THEN 1 ELSE 0 END), 0)";

    private const long UnixEpochTicks = 621_355_968_000_000_000;

    private readonly List<object> _parameters = [];

    private ReportSql(bool sqlite) => IsSqlite = sqlite;

    public bool IsSqlite { get; }

    public IReadOnlyList<object> Parameters => _parameters;

    public static ReportSql For(OuvidoriaDbContext db) => new(db.Database.IsSqlite());

    /// <summary>
    /// Runs <paramref name="sql"/>: only this class's fixed fragments are interpolated into it, every
    /// value (dates, ids, enum names) is a parameter added with <see cref="Param"/>.
    /// </summary>
    public IQueryable<T> Query<T>(OuvidoriaDbContext db, string sql) => db.Database.SqlQueryRaw<T>(sql, [.. _parameters]);

    /// <summary>Runs a statement built the same way as <see cref="Query{T}"/> (the report cells' refresh).</summary>
    public Task<int> ExecuteAsync(OuvidoriaDbContext db, string sql, CancellationToken ct) => db.Database.ExecuteSqlRawAsync(sql, [.. _parameters], ct);

    /// <summary>Adds a parameter and returns its placeholder (<c>{n}</c>, as SqlQueryRaw expects).</summary>
    public string Param(object value)
    {
        _parameters.Add(value);
        return $"{{{_parameters.Count - 1}}}";
    }

    public string Time(DateTimeOffset value) => IsSqlite ? Param(value.UtcTicks) : Param(value.ToUniversalTime());

    public string Id(Guid value) => IsSqlite ? Param(value.ToString().ToUpperInvariant()) : Param(value);

    /// <summary>(later − earlier) in days, as a floating-point number.</summary>
    public string DurationDays(string later, string earlier) => IsSqlite
        ? $"(({later}) - ({earlier})) / 864000000000.0"
        : $"CAST(EXTRACT(EPOCH FROM (({later}) - ({earlier}))) / 86400.0 AS double precision)";

    /// <summary>Concluded with "Demanda resolvida = Não".</summary>
    public string UnresolvedCount() =>
        $"COALESCE(SUM(CASE WHEN m.\"Status\" = 'Concluded' AND m.\"Resolved\" = {Param(false)} THEN 1 ELSE 0 END), 0)";

    public string CitizenExtendedCount() =>
        $"COALESCE(SUM(CASE WHEN m.\"CitizenDeadlineExtended\" = {Param(true)} THEN 1 ELSE 0 END), 0)";

    /// <summary>
    /// A unit treatment whose deadline was extended: the bare boolean column (INTEGER 0/1 on SQLite),
    /// written exactly as the filter of the partial index IX_Assignments_Extended so both databases use it.
    /// </summary>
    public static string UnitExtended(string alias) => $"{alias}.\"DeadlineExtended\"";

    /// <summary>The unit treatments of the manifestations counted whose deadline was extended (each treatment once).</summary>
    public static string UnitExtendedCount() =>
        $"COALESCE(SUM((SELECT COUNT(*) FROM \"Assignments\" x WHERE x.\"ManifestationId\" = m.\"Id\" AND {UnitExtended("x")})), 0)";

    /// <summary>Completed days between the two instants (later ≥ earlier), as an integer.</summary>
    public string DurationWholeDays(string later, string earlier) => IsSqlite
        ? $"((({later}) - ({earlier})) / 864000000000)"
        : $"CAST(FLOOR(EXTRACT(EPOCH FROM (({later}) - ({earlier}))) / 86400) AS integer)";

    /// <summary>The yyyy-MM month of an instant in Brasília (UTC−3, see <see cref="ReportTime"/>).</summary>
    public string MonthKey(string column) => IsSqlite
        ? $"strftime('%Y-%m', (({column}) - {UnixEpochTicks}) / 10000000 - 10800, 'unixepoch')"
        : $"to_char(({column}) AT TIME ZONE 'UTC' - INTERVAL '3 hours', 'YYYY-MM')";

    /// <summary>The yyyy-MM-dd day of an instant in Brasília.</summary>
    public string DayKey(string column) => IsSqlite
        ? $"strftime('%Y-%m-%d', (({column}) - {UnixEpochTicks}) / 10000000 - 10800, 'unixepoch')"
        : $"to_char(({column}) AT TIME ZONE 'UTC' - INTERVAL '3 hours', 'YYYY-MM-DD')";

    /// <summary>The hour of the day (00–23) of an instant in Brasília.</summary>
    public string HourOfDay(string column) => IsSqlite
        ? $"strftime('%H', (({column}) - {UnixEpochTicks}) / 10000000 - 10800, 'unixepoch')"
        : $"to_char(({column}) AT TIME ZONE 'UTC' - INTERVAL '3 hours', 'HH24')";

    /// <summary>The WHERE conditions of the filters on <c>m</c> (the Manifestations alias).</summary>
    public string Where(ReportFilter filter)
    {
        var conditions = new List<string> { "1 = 1" };
        if (filter.FromUtc is { } from)
        {
            conditions.Add($"m.\"RegisteredAt\" >= {Time(from)}");
        }

        if (filter.ToUtcExclusive is { } to)
        {
            conditions.Add($"m.\"RegisteredAt\" < {Time(to)}");
        }

        AddTypeAndChannel(conditions, filter, "m");

        if (filter.UnitId is { } unit)
        {
            // Forwarded to the unit: its treatments (any role), within the period by the registration
            // date they carry, so that the unit's few thousand treatments of the period are read once
            // rather than every manifestation of the period probed. Two disjoint halves, each written
            // as its partial index's filter so that both databases read them from the index alone:
            // those in the queue (IX_Assignments_UnitQueue) and all the others (IX_Assignments_UnitHistory).
            var forwarded = new List<string> { $"f.\"UnitId\" = {Id(unit)}" };
            if (filter.FromUtc is { } start)
            {
                forwarded.Add($"f.\"ManifestationRegisteredAt\" >= {Time(start)}");
            }

            if (filter.ToUtcExclusive is { } end)
            {
                forwarded.Add($"f.\"ManifestationRegisteredAt\" < {Time(end)}");
            }

            var period = string.Join(" AND ", forwarded);
            // Two IN lists rather than one over a UNION: PostgreSQL cannot estimate the distinct ids of
            // a UNION (it assumes 200) and then probed the manifestations one by one (3× slower); each
            // IN list it hashes once, from its index alone.
            conditions.Add(
                $"(m.\"Id\" IN (SELECT f.\"ManifestationId\" FROM \"Assignments\" f WHERE f.\"InQueue\" AND {period}) " +
                $"OR m.\"Id\" IN (SELECT f.\"ManifestationId\" FROM \"Assignments\" f WHERE NOT f.\"InQueue\" AND {period}))");
        }

        return string.Join(" AND ", conditions);
    }

    /// <summary>
    /// The type and channel filters on <paramref name="alias"/> (the Manifestations table or the
    /// report cells, which store both the same way), plus registration within any of
    /// <paramref name="ranges"/> when given: the rows the report reads from the table.
    /// </summary>
    public string Where(ReportFilter filter, string alias, IReadOnlyList<(DateTimeOffset From, DateTimeOffset To)>? ranges = null)
    {
        var conditions = new List<string> { "1 = 1" };
        if (ranges is not null)
        {
            conditions.Add("(" + string.Join(" OR ", ranges.Select(r =>
                $"({alias}.\"RegisteredAt\" >= {Time(r.From)} AND {alias}.\"RegisteredAt\" < {Time(r.To)})")) + ")");
        }

        AddTypeAndChannel(conditions, filter, alias);
        return string.Join(" AND ", conditions);
    }

    private void AddTypeAndChannel(List<string> conditions, ReportFilter filter, string alias)
    {
        if (filter.Type is { } type)
        {
            conditions.Add($"{alias}.\"Type\" = {Param(type.ToString())}");
        }

        if (filter.Channel is { } channel)
        {
            conditions.Add($"{alias}.\"Channel\" = {Param(channel.ToString())}");
        }
    }

    /// <summary>Open, past the citizen deadline, clock running (as the queue's "Vencidas").</summary>
    public string Overdue(DateTimeOffset now) =>
        $"m.\"Status\" IN {OpenStatuses} AND m.\"ClockPausedAt\" IS NULL AND m.\"CitizenDueAt\" < {Time(now)}";
}
