using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using Ouvidoria.Domain.Manifestations;

namespace Ouvidoria.Benchmarks;

/// <summary>One generated manifestation row (only the columns the app needs or the reports read).</summary>
internal sealed record ScaleManifestation(
    Guid Id,
    string Nup,
    ManifestationType Type,
    Channel Channel,
    Guid? ThemeId,
    string Subject,
    string Description,
    ManifestationStatus Status,
    DateTimeOffset RegisteredAt,
    DateTimeOffset LastChangedAt,
    DateTimeOffset CitizenDueAt,
    bool CitizenDeadlineExtended,
    DateTimeOffset? ClockPausedAt,
    DateTimeOffset? ComplementDueAt,
    DateTimeOffset? AnsweredAt,
    DateTimeOffset? ConcludedAt,
    bool? Resolved,
    string? ArchiveReason,
    DateTimeOffset? ArchivedAt);

internal sealed record ScaleAssignment(
    Guid Id,
    Guid ManifestationId,
    Guid UnitId,
    AssignmentRole Role,
    TreatmentStatus Status,
    DateTimeOffset AssignedAt,
    DateTimeOffset? FinalizedAt,
    DateTimeOffset DueAt,
    bool DeadlineExtended,
    DateTimeOffset ManifestationRegisteredAt,
    bool ManifestationOpen)
{
    /// <summary>As <see cref="Assignment.InQueue"/> derives it.</summary>
    public bool InQueue => ManifestationOpen || (Status == TreatmentStatus.Open && Role == AssignmentRole.Responsible);
}

/// <summary>
/// Generates a realistic office history (five years, ~550 registrations a day, most concluded, a
/// recent open backlog with unit deadlines spread around "now") and bulk-loads it with raw ADO.NET:
/// multi-row INSERTs in big transactions on SQLite, binary COPY on PostgreSQL. Values are stored as
/// the EF model stores them: enums as their names, DateTimeOffset as UTC ticks on SQLite and
/// timestamptz on PostgreSQL, Guids as upper-case text on SQLite, the NUP as its 17 digits.
/// </summary>
internal static class ScaleLoader
{
    private static readonly string[] ManifestationColumns =
    [
        "Id", "Nup", "Type", "Channel", "ThemeId", "Subject", "Description", "Extract", "Status", "ConsentToShare", "PasswordHash",
        "RegisteredAt", "LastChangedAt", "CitizenDueAt", "CitizenDeadlineExtended", "ClockPausedAt", "ClockPauseUsed", "ComplementDueAt",
        "AnsweredAt", "ConcludedAt", "Resolved", "ArchiveReason", "ArchivedAt", "Version", "HistoryLength",
    ];

    private static readonly string[] AssignmentColumns =
    [
        "Id", "ManifestationId", "UnitId", "Role", "Status", "AssignedAt", "FinalizedAt", "DueAt", "DeadlineExtended",
        "ManifestationRegisteredAt", "ManifestationOpen", "InQueue",
    ];

    public static IEnumerable<(ScaleManifestation Manifestation, List<ScaleAssignment> Assignments)> Generate(
        int rows, DateTimeOffset now, IReadOnlyList<Guid> units, IReadOnlyList<Guid> themes)
    {
        var random = new Random(20261202);
        var span = TimeSpan.FromDays(5 * 365);
        var start = now - span;
        var sequences = new Dictionary<int, int>();
        var types = Enum.GetValues<ManifestationType>();
        var channels = Enum.GetValues<Channel>();
        for (var i = 0; i < rows; i++)
        {
            // Registrations spread evenly over five years, in order (as ids and NUPs are issued).
            var registeredAt = start + TimeSpan.FromTicks((long)(span.Ticks * ((i + random.NextDouble()) / rows)));
            var age = now - registeredAt;
            var year = registeredAt.AddHours(-3).Year;
            sequences[year] = sequences.GetValueOrDefault(year) + 1;
            var nup = Domain.Manifestations.Nup.Create(1, sequences[year], year).Digits;
            var type = Pick(random, types, [45, 8, 4, 6, 10, 25, 2]);
            var channel = Pick(random, channels, [20, 45, 12, 10, 8, 2, 3]);
            Guid? theme = random.NextDouble() < 0.05 ? null : themes[random.Next(themes.Count)];
            var citizenExtended = random.NextDouble() < 0.08;
            var citizenDue = registeredAt.AddDays(DeadlinePolicy.CitizenAnswerDays + (citizenExtended ? DeadlinePolicy.CitizenExtensionDays : 0));
            var status = StatusFor(random, age);
            DateTimeOffset? answeredAt = null, concludedAt = null, pausedAt = null, complementDue = null, archivedAt = null;
            bool? resolved = null;
            string? archiveReason = null;
            var lastChanged = registeredAt;
            if (status is ManifestationStatus.Answered or ManifestationStatus.Concluded)
            {
                // Answer time: mostly within the deadline, a tail after it; never in the future.
                var days = random.NextDouble() < 0.85 ? 2 + (random.NextDouble() * 26) : 30 + (random.NextDouble() * 40);
                var answer = registeredAt.AddDays(Math.Min(days, Math.Max(0.5, age.TotalDays - 0.1)));
                answeredAt = answer;
                lastChanged = answer;
                if (status == ManifestationStatus.Concluded)
                {
                    concludedAt = answer.AddDays(Math.Min(random.NextDouble() * 10, Math.Max(0, (now - answer).TotalDays - 0.01)));
                    resolved = random.NextDouble() < 0.72;
                    lastChanged = concludedAt.Value;
                }
            }
            else if (status == ManifestationStatus.Archived)
            {
                archivedAt = registeredAt.AddDays(Math.Min(1 + (random.NextDouble() * 20), Math.Max(0.1, age.TotalDays - 0.05)));
                archiveReason = random.NextDouble() < 0.5 ? nameof(ArchiveReason.ComplementNotAnswered) : nameof(ArchiveReason.Duplicate);
                lastChanged = archivedAt.Value;
            }
            else if (status == ManifestationStatus.AwaitingComplement)
            {
                pausedAt = registeredAt.AddDays(Math.Min(1, age.TotalDays / 2));
                complementDue = pausedAt.Value.AddDays(DeadlinePolicy.ComplementDays);
                lastChanged = pausedAt.Value;
            }

            var id = Guid.CreateVersion7(registeredAt);
            var text = $"Relato {i} sobre o atendimento na unidade, com detalhes do ocorrido, datas e o pedido de providências do cidadão.";
            var manifestation = new ScaleManifestation(id, nup, type, channel, theme, $"Manifestação {i}", text, status, registeredAt, lastChanged,
                citizenDue, citizenExtended, pausedAt, complementDue, answeredAt, concludedAt, resolved, archiveReason, archivedAt);

            var assignments = new List<ScaleAssignment>(2);
            if (status is ManifestationStatus.InTreatment or ManifestationStatus.Answered or ManifestationStatus.Concluded)
            {
                var count = random.NextDouble() < 0.15 ? 2 : 1;
                for (var a = 0; a < count; a++)
                {
                    var assignedAt = registeredAt.AddDays(Math.Min(0.2 + (random.NextDouble() * 3), Math.Max(0.01, age.TotalDays * 0.5)));
                    var extended = random.NextDouble() < 0.07;
                    var due = assignedAt.AddDays(DeadlinePolicy.UnitAnswerDays + (extended ? DeadlinePolicy.UnitExtensionDays : 0));
                    var open = status == ManifestationStatus.InTreatment && (a == 0 || random.NextDouble() < 0.6);
                    DateTimeOffset? finalizedAt = open ? null : Min(assignedAt.AddDays(1 + (random.NextDouble() * 18)), answeredAt ?? now.AddMinutes(-1));
                    assignments.Add(new ScaleAssignment(Guid.CreateVersion7(assignedAt), id, Unit(random, units), AssignmentRole.Responsible,
                        open ? TreatmentStatus.Open : TreatmentStatus.Finalized, assignedAt, finalizedAt, due, extended, registeredAt, status.IsOpen()));
                }

                if (random.NextDouble() < 0.08)
                {
                    var assignedAt = registeredAt.AddDays(Math.Min(1, age.TotalDays * 0.5));
                    assignments.Add(new ScaleAssignment(Guid.CreateVersion7(assignedAt), id, Unit(random, units), AssignmentRole.Observer,
                        status == ManifestationStatus.InTreatment ? TreatmentStatus.Open : TreatmentStatus.Finalized, assignedAt,
                        status == ManifestationStatus.InTreatment ? null : answeredAt, assignedAt.AddDays(DeadlinePolicy.UnitAnswerDays), false, registeredAt, status.IsOpen()));
                }
            }

            yield return (manifestation, assignments);
        }

    }

    /// <summary>Status by age: a recent open backlog, a small old backlog (the overdue cases), the rest answered, concluded or archived.</summary>
    private static ManifestationStatus StatusFor(Random random, TimeSpan age)
    {
        var r = random.NextDouble();
        if (age < TimeSpan.FromDays(2))
        {
            return r < 0.55 ? ManifestationStatus.Registered : r < 0.85 ? ManifestationStatus.InTriage : ManifestationStatus.InTreatment;
        }

        if (age < TimeSpan.FromDays(45))
        {
            return r < 0.03 ? ManifestationStatus.Registered
                : r < 0.08 ? ManifestationStatus.InTriage
                : r < 0.12 ? ManifestationStatus.AwaitingComplement
                : r < 0.62 ? ManifestationStatus.InTreatment
                : r < 0.85 ? ManifestationStatus.Answered
                : r < 0.97 ? ManifestationStatus.Concluded
                : ManifestationStatus.Archived;
        }

        if (age < TimeSpan.FromDays(120))
        {
            return r < 0.06 ? ManifestationStatus.InTreatment
                : r < 0.25 ? ManifestationStatus.Answered
                : r < 0.95 ? ManifestationStatus.Concluded
                : ManifestationStatus.Archived;
        }

        return r < 0.003 ? ManifestationStatus.InTreatment
            : r < 0.10 ? ManifestationStatus.Answered
            : r < 0.95 ? ManifestationStatus.Concluded
            : ManifestationStatus.Archived;
    }

    /// <summary>Units get very different loads (the first ones the most), as in a real office.</summary>
    private static Guid Unit(Random random, IReadOnlyList<Guid> units) =>
        units[Math.Min(units.Count - 1, (int)(units.Count * Math.Pow(random.NextDouble(), 2.2)))];

    private static T Pick<T>(Random random, T[] values, int[] weights)
    {
        var roll = random.Next(weights.Sum());
        for (var i = 0; i < values.Length; i++)
        {
            roll -= weights[i];
            if (roll < 0)
            {
                return values[i];
            }
        }

        return values[^1];
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    public static (int Manifestations, int Assignments) LoadSqlite(string connectionString, IEnumerable<(ScaleManifestation, List<ScaleAssignment>)> rows)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous=OFF; PRAGMA cache_size=-200000;";
            pragma.ExecuteNonQuery();
        }

        const int batch = 500;
        var manifestations = new List<ScaleManifestation>(batch);
        var assignments = new List<ScaleAssignment>(batch * 2);
        var counts = (Manifestations: 0, Assignments: 0);
        var transaction = connection.BeginTransaction();
        foreach (var (m, a) in rows)
        {
            manifestations.Add(m);
            assignments.AddRange(a);
            if (manifestations.Count == batch)
            {
                Flush();
                if (counts.Manifestations % 100_000 == 0)
                {
                    transaction.Commit();
                    transaction.Dispose();
                    transaction = connection.BeginTransaction();
                }
            }
        }

        Flush();
        transaction.Commit();
        transaction.Dispose();
        return counts;

        void Flush()
        {
            InsertSqlite(connection, transaction, "Manifestations", ManifestationColumns, manifestations, SqliteValues);
            for (var i = 0; i < assignments.Count; i += batch)
            {
                InsertSqlite(connection, transaction, "Assignments", AssignmentColumns, assignments.Skip(i).Take(batch).ToList(), SqliteValues);
            }

            counts = (counts.Manifestations + manifestations.Count, counts.Assignments + assignments.Count);
            manifestations.Clear();
            assignments.Clear();
        }
    }

    private static void InsertSqlite<T>(SqliteConnection connection, SqliteTransaction transaction, string table, string[] columns, List<T> rows, Func<T, object?[]> values)
    {
        if (rows.Count == 0)
        {
            return;
        }

        // Literal values, not parameters: Microsoft.Data.Sqlite binds each named parameter by a lookup
        // that is linear in the statement's parameter count, so 10,000-parameter statements crawl.
        // Every value here is generated by this loader (numbers, Guids, fixed texts without quotes).
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var sql = new System.Text.StringBuilder($"INSERT INTO \"{table}\" ({string.Join(",", columns.Select(c => $"\"{c}\""))}) VALUES ");
        var firstRow = true;
        foreach (var row in rows)
        {
            sql.Append(firstRow ? "(" : ",(");
            firstRow = false;
            var rowValues = values(row);
            for (var c = 0; c < rowValues.Length; c++)
            {
                if (c > 0)
                {
                    sql.Append(',');
                }

                sql.Append(rowValues[c] switch
                {
                    null => "NULL",
                    string text => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'",
                    long number => number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    int number => number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    var other => throw new InvalidOperationException($"unexpected value {other}"),
                });
            }

            sql.Append(')');
        }

        command.CommandText = sql.ToString();
        command.ExecuteNonQuery();
    }

    private static object? Ticks(DateTimeOffset? value) => value?.UtcTicks;

    private static object? Text(Guid? value) => value?.ToString().ToUpperInvariant();

    private static object?[] SqliteValues(ScaleManifestation m) =>
    [
        Text(m.Id), m.Nup, m.Type.ToString(), m.Channel.ToString(), Text(m.ThemeId), m.Subject, m.Description, m.Description, m.Status.ToString(), 1, "bench-hash",
        Ticks(m.RegisteredAt), Ticks(m.LastChangedAt), Ticks(m.CitizenDueAt), m.CitizenDeadlineExtended ? 1 : 0, Ticks(m.ClockPausedAt),
        m.ClockPausedAt is null ? 0 : 1, Ticks(m.ComplementDueAt), Ticks(m.AnsweredAt), Ticks(m.ConcludedAt), m.Resolved is { } r ? (r ? 1 : 0) : null,
        m.ArchiveReason, Ticks(m.ArchivedAt), 0, 0,
    ];

    private static object?[] SqliteValues(ScaleAssignment a) =>
    [
        Text(a.Id), Text(a.ManifestationId), Text(a.UnitId), a.Role.ToString(), a.Status.ToString(), Ticks(a.AssignedAt), Ticks(a.FinalizedAt),
        Ticks(a.DueAt), a.DeadlineExtended ? 1 : 0, Ticks(a.ManifestationRegisteredAt), a.ManifestationOpen ? 1 : 0, a.InQueue ? 1 : 0,
    ];

    public static async Task<(int Manifestations, int Assignments)> LoadPostgresAsync(string connectionString, IEnumerable<(ScaleManifestation, List<ScaleAssignment>)> rows)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var assignments = new List<ScaleAssignment>();
        var count = 0;
        await using (var writer = await connection.BeginBinaryImportAsync(
            $"COPY \"Manifestations\" ({string.Join(",", ManifestationColumns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (m, a) in rows)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(m.Id, NpgsqlDbType.Uuid);
                await writer.WriteAsync(m.Nup, NpgsqlDbType.Varchar);
                await writer.WriteAsync(m.Type.ToString(), NpgsqlDbType.Varchar);
                await writer.WriteAsync(m.Channel.ToString(), NpgsqlDbType.Varchar);
                await WriteNullableAsync(writer, m.ThemeId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(m.Subject, NpgsqlDbType.Varchar);
                await writer.WriteAsync(m.Description, NpgsqlDbType.Varchar);
                await writer.WriteAsync(m.Description, NpgsqlDbType.Text);
                await writer.WriteAsync(m.Status.ToString(), NpgsqlDbType.Varchar);
                await writer.WriteAsync(true, NpgsqlDbType.Boolean);
                await writer.WriteAsync("bench-hash", NpgsqlDbType.Varchar);
                await writer.WriteAsync(m.RegisteredAt, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(m.LastChangedAt, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(m.CitizenDueAt, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(m.CitizenDeadlineExtended, NpgsqlDbType.Boolean);
                await WriteNullableAsync(writer, m.ClockPausedAt, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(m.ClockPausedAt is not null, NpgsqlDbType.Boolean);
                await WriteNullableAsync(writer, m.ComplementDueAt, NpgsqlDbType.TimestampTz);
                await WriteNullableAsync(writer, m.AnsweredAt, NpgsqlDbType.TimestampTz);
                await WriteNullableAsync(writer, m.ConcludedAt, NpgsqlDbType.TimestampTz);
                await WriteNullableAsync(writer, m.Resolved, NpgsqlDbType.Boolean);
                await WriteNullableAsync(writer, m.ArchiveReason, NpgsqlDbType.Varchar);
                await WriteNullableAsync(writer, m.ArchivedAt, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(0, NpgsqlDbType.Integer);
                await writer.WriteAsync(0, NpgsqlDbType.Integer);
                assignments.AddRange(a);
                count++;
            }

            await writer.CompleteAsync();
        }

        await using (var writer = await connection.BeginBinaryImportAsync(
            $"COPY \"Assignments\" ({string.Join(",", AssignmentColumns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var a in assignments)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(a.Id, NpgsqlDbType.Uuid);
                await writer.WriteAsync(a.ManifestationId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(a.UnitId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(a.Role.ToString(), NpgsqlDbType.Varchar);
                await writer.WriteAsync(a.Status.ToString(), NpgsqlDbType.Varchar);
                await writer.WriteAsync(a.AssignedAt, NpgsqlDbType.TimestampTz);
                await WriteNullableAsync(writer, a.FinalizedAt, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(a.DueAt, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(a.DeadlineExtended, NpgsqlDbType.Boolean);
                await writer.WriteAsync(a.ManifestationRegisteredAt, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(a.ManifestationOpen, NpgsqlDbType.Boolean);
                await writer.WriteAsync(a.InQueue, NpgsqlDbType.Boolean);
            }

            await writer.CompleteAsync();
        }

        // What autovacuum does soon after a bulk load (an insert-triggered vacuum since PostgreSQL 13):
        // statistics, and the visibility map that lets index-only scans skip the heap. A page is only
        // marked all-visible when no transaction still running could miss its rows, and the app
        // running beside the load (its background services) may hold such a snapshot at that moment:
        // the first vacuum often marks few pages. So it is repeated, as autovacuum would come back,
        // until the map is set.
        for (var attempt = 1; ; attempt++)
        {
            await using (var vacuum = new NpgsqlCommand("VACUUM (ANALYZE)", connection) { CommandTimeout = 0 })
            {
                await vacuum.ExecuteNonQueryAsync();
            }

            await using var visible = new NpgsqlCommand(
                """SELECT coalesce(min(relallvisible::float8 / nullif(relpages, 0)), 1) FROM pg_class WHERE relname IN ('Manifestations', 'Assignments')""", connection);
            var share = Convert.ToDouble(await visible.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
            Console.WriteLine($"VACUUM (ANALYZE) #{attempt}: {share:P0} of the pages all-visible");
            if (share > 0.99 || attempt == 5)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        return (count, assignments.Count);
    }

    private static async Task WriteNullableAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type)
        where T : struct
    {
        if (value is { } v)
        {
            await writer.WriteAsync(v, type);
        }
        else
        {
            await writer.WriteNullAsync();
        }
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter writer, string? value, NpgsqlDbType type)
    {
        if (value is not null)
        {
            await writer.WriteAsync(value, type);
        }
        else
        {
            await writer.WriteNullAsync();
        }
    }

    /// <summary>Units (with an alert address) for the generated assignments.</summary>
    public static async Task<List<Guid>> CreateUnitsAsync(DbConnection connection, bool sqlite, int count)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var id = Guid.NewGuid();
            ids.Add(id);
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO \"Units\" (\"Id\", \"Name\", \"Email\", \"IsActive\") VALUES (@id, @name, @email, @active)";
            Add(command, "@id", sqlite ? id.ToString().ToUpperInvariant() : id);
            Add(command, "@name", $"Unidade {i + 1:D2}");
            Add(command, "@email", $"unidade{i + 1:D2}@bench.example");
            Add(command, "@active", true);
            await command.ExecuteNonQueryAsync();
        }

        return ids;

        static void Add(DbCommand command, string name, object value)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
    }
}
