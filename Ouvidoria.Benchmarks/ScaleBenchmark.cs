using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Ouvidoria.Domain.Common;
using Ouvidoria.Infrastructure.Identity;
using Ouvidoria.Infrastructure.Persistence;
using Ouvidoria.Infrastructure.Reporting;
using Ouvidoria.Web.Features.Jobs;
using Ouvidoria.Web.Features.Queue;
using Ouvidoria.Web.Features.Reports;

namespace Ouvidoria.Benchmarks;

/// <summary>
/// Scale benchmark (issue "Background jobs, e-mail and managers' reports"): a fresh database built by
/// the real migrations, 1,000,000 manifestations bulk-loaded, then the deadline sweep, the reports and
/// the queue measured through the app's real code (its service provider, demo seed off).
/// Usage: dotnet run -c Release --project Ouvidoria.Benchmarks -- scale --provider sqlite|postgres --connection "..." [--rows 1000000] [--repetitions 20] [--out docs/benchmarks.md]
/// The sweep's first run is measured like every other row (warm-up runs, then the samples), each
/// after deleting the deadline alerts from the outbox so that every alert is owed again; the very
/// first run of the process (JIT included) is shown on a row of its own. The e-mail dispatcher is
/// off throughout. With --reuse the database of an earlier run is kept (no fresh database, no bulk
/// load) and only the sweep and the queue are measured (the queue's statements one by one, on the
/// console). Nothing is written then (--out is ignored).
/// </summary>
internal static class ScaleBenchmark
{
    private const int Warmup = 2;

    public static async Task<int> RunAsync(IReadOnlyList<string> arguments)
    {
        var provider = Option(arguments, "--provider")?.ToLowerInvariant();
        var connection = Option(arguments, "--connection");
        var rows = int.Parse(Option(arguments, "--rows") ?? "1000000", CultureInfo.InvariantCulture);
        var repetitions = int.Parse(Option(arguments, "--repetitions") ?? "20", CultureInfo.InvariantCulture);
        var output = Option(arguments, "--out");
        if (provider is not ("sqlite" or "postgres") || string.IsNullOrWhiteSpace(connection))
        {
            Console.Error.WriteLine("uso: dotnet run -c Release --project Ouvidoria.Benchmarks -- scale --provider sqlite|postgres --connection \"...\" [--rows N] [--repetitions N] [--out arquivo.md] [--reuse]");
            return 2;
        }

        var sqlite = provider == "sqlite";
        if (arguments.Contains("--reuse"))
        {
            return await ReuseAsync(sqlite, connection, repetitions);
        }

        await FreshDatabaseAsync(sqlite, connection);
        var storage = Path.Combine(Path.GetTempPath(), $"ouvidoria-scale-files-{Guid.NewGuid():N}");
        var timings = new CommandTimings();
        await using var app = new ScaleFactory(sqlite, connection, storage, timings);
        try
        {
            var migrate = Stopwatch.StartNew();
            _ = app.Services;
            Console.WriteLine($"migrations applied: {migrate.Elapsed.TotalSeconds:F1} s");

            var now = DateTimeOffset.UtcNow;
            List<Guid> units;
            List<Guid> themes;
            await using (var db = app.CreateDbContext())
            {
                var raw = db.Database.GetDbConnection();
                await raw.OpenAsync();
                units = await ScaleLoader.CreateUnitsAsync(raw, sqlite, 30);
                themes = await db.Themes.Select(t => t.Id).ToListAsync();
            }

            var ombudsman = await CreateUserAsync(app, "ouvidora@bench.example", "Ouvidora", Roles.Ombudsman, null);
            var collaborator = await CreateUserAsync(app, "colaborador@bench.example", "Colaborador", Roles.Collaborator, units[0]);
            var manager = await CreateUserAsync(app, "gestor@bench.example", "Gestor", Roles.Manager, null);

            var load = Stopwatch.StartNew();
            var generated = ScaleLoader.Generate(rows, now, units, themes);
            var (manifestations, assignments) = sqlite
                ? ScaleLoader.LoadSqlite(connection, generated)
                : await ScaleLoader.LoadPostgresAsync(connection, generated);
            var loadSeconds = load.Elapsed.TotalSeconds;
            Console.WriteLine($"loaded {manifestations:N0} manifestations and {assignments:N0} assignments in {loadSeconds:F1} s ({manifestations / loadSeconds:N0} manifestations/s)");

            var results = new List<Measured>();
            var plans = new StringBuilder();
            await using (var db = app.CreateDbContext())
            {
                var limit = now.AddDays(5);
                var (open, candidates) = (
                    await db.Assignments.CountAsync(a => a.Status == Domain.Manifestations.TreatmentStatus.Open),
                    await DeadlineSweep.CandidateAssignments(db, limit).CountAsync());
                Console.WriteLine($"open assignments: {open:N0}; sweep unit candidates (due within 5 days or past): {candidates:N0}; citizen candidates: {await DeadlineSweep.CandidateManifestations(db, limit).CountAsync():N0}");
                plans.AppendLine("Sweep candidate queries (" + (sqlite ? "EXPLAIN QUERY PLAN" : "EXPLAIN") + "):").AppendLine();
                plans.AppendLine("```");
                foreach (var (name, sql) in new[]
                {
                    ("unit treatments", DeadlineSweep.CandidateAssignments(db, limit).ToQueryString()),
                    ("citizen deadlines", DeadlineSweep.CandidateManifestations(db, limit).ToQueryString()),
                })
                {
                    var plan = await PlanAsync(db, sql, sqlite);
                    plans.AppendLine($"-- {name}").AppendLine(plan.TrimEnd());
                    Console.WriteLine($"plan ({name}):\n{plan}");
                }

                plans.AppendLine("```");
            }

            // The sweep: the first run queues the alerts (once per threshold), later runs find them queued.
            // The very first one also pays this process's JIT: shown, then measured like every other
            // row (warm-up runs, then the samples), each after deleting the deadline alerts.
            var sweepWatch = Stopwatch.StartNew();
            var cold = await app.WithAsync<DeadlineSweep, SweepResult>(s => s.RunAsync(CancellationToken.None));
            var coldMs = sweepWatch.Elapsed.TotalMilliseconds;
            Console.WriteLine($"sweep (first run, cold process): {coldMs:F0} ms, {cold.Candidates} candidates, {cold.AlertsQueued} alerts queued");
            results.Add(new Measured("deadline sweep — first run in a cold process (JIT included; once)", [coldMs], null, $"{cold.Candidates:N0} candidates, {cold.AlertsQueued:N0} alerts queued"));
            results.AddRange(await SweepAsync(app, repetitions));

            // The report cells: the bulk load bypassed the app, so mark every month as the ReportCells
            // migration does for existing data, and build them all (once); then the steady state —
            // the job rebuilding the month that keeps changing.
            await using (var db = app.CreateDbContext())
            {
                var month = sqlite
                    ? "strftime('%Y-%m', (\"RegisteredAt\" - 621355968000000000) / 10000000 - 10800, 'unixepoch')"
                    : "to_char(\"RegisteredAt\" AT TIME ZONE 'UTC' - INTERVAL '3 hours', 'YYYY-MM')";
                var markAll = $"INSERT INTO \"ReportDirtyMonths\" (\"Month\") SELECT DISTINCT {month} FROM \"Manifestations\"";
                await db.Database.ExecuteSqlRawAsync(markAll);
            }

            var cellsWatch = Stopwatch.StartNew();
            var built = await app.WithAsync<ReportCellsRefresh, ReportCellsRefreshResult>(r => r.RunAsync(CancellationToken.None));
            var cellsMs = cellsWatch.Elapsed.TotalMilliseconds;
            int cellRows;
            await using (var db = app.CreateDbContext())
            {
                cellRows = await db.ReportMonthCells.CountAsync() + await db.ReportAnswerDaysCells.CountAsync();
            }

            results.Add(new Measured("report cells — first build after the bulk load (every month)", [cellsMs], null, $"{built.Months} months, {cellRows:N0} cell rows"));
            Console.WriteLine($"report cells built: {cellsMs:F0} ms, {built.Months} months, {cellRows:N0} rows");
            var currentMonth = ReportMonths.Of(now);
            async Task MarkCurrentMonthAsync()
            {
                await using var db = app.CreateDbContext();
                db.ReportDirtyMonths.Add(new ReportDirtyMonth(currentMonth));
                await db.SaveChangesAsync();
            }

            results.Add(await MeasureAsync("report cells job — steady state (the current month changed)", 2000, Math.Max(3, repetitions / 4), async () =>
            {
                await MarkCurrentMonthAsync();
                await app.WithAsync<ReportCellsRefresh, ReportCellsRefreshResult>(r => r.RunAsync(CancellationToken.None));
            }));

            // As in operation, a little worse: the current and the previous month have changed since
            // the job's last run (both read from the table).
            await MarkCurrentMonthAsync();
            await using (var db = app.CreateDbContext())
            {
                db.ReportDirtyMonths.Add(new ReportDirtyMonth(ReportMonths.Of(now.AddMonths(-1))));
                await db.SaveChangesAsync();
            }

            var managerActor = new Actor(manager, "Gestor", ActorKind.Manager);
            var today = DateOnly.FromDateTime(now.AddHours(-3).Date);
            var year = new ReportFilter { From = today.AddMonths(-12), To = today };
            var period = year with { UnitId = units[0] };
            ManagementReport? report = null;
            foreach (var (label, filter) in new[] { ("no filter", new ReportFilter()), ("12 months", year), ("12 months + unit", period) })
            {
                timings.Clear();
                results.Add(await MeasureAsync($"report (ReportsQuery, all sections) — {label}", null, repetitions, async () =>
                    report = (await app.WithAsync<ReportsQuery, Result<ManagementReport>>(q => q.ExecuteAsync(filter, managerActor))).Value));
                results[^1] = results[^1] with { Note = $"registered {report!.Totals.Registered:N0}, open {report.Totals.Open:N0}, overdue {report.Totals.Overdue:N0}, answered {report.Totals.Answered:N0} (on time {report.Totals.OnTimeShare:P0}), median {report.AnswerTimes.MedianDays:F1} d, {report.OpenByUnit.Count} units" };
                Console.WriteLine($"report {label}: {results[^1].Note}");
                results.AddRange(timings.Summaries($"— {label}", 500));

                timings.Clear();
                AssistantUsageReport? usage = null;
                results.Add(await MeasureAsync($"assistant usage report (AssistantUsageQuery) — {label}", 500, repetitions, async () =>
                    usage = (await app.WithAsync<AssistantUsageQuery, Result<AssistantUsageReport>>(q => q.ExecuteAsync(filter, managerActor))).Value));

                ReportListPage? list = null;
                results.Add(await MeasureAsync($"report list first page (ReportListQuery, 50 rows) — {label}", 500, repetitions, async () =>
                    list = (await app.WithAsync<ReportListQuery, Result<ReportListPage>>(q => q.ExecuteAsync(filter, ReportDrill.All, managerActor, 0, 50))).Value));
                results[^1] = results[^1] with { Note = $"total {list!.Total:N0}" };
            }

            var ombudsmanActor = new Actor(ombudsman, "Ouvidora", ActorKind.Ombudsman);
            var collaboratorActor = new Actor(collaborator, "Colaborador", ActorKind.Collaborator, units[0]);
            foreach (var (label, actor) in new[] { ("ombudsman", ombudsmanActor), ("collaborator of the busiest unit", collaboratorActor) })
            {
                QueuePage? page = null;
                var filter = new QueueFilter { OpenOnly = true };
                results.Add(await MeasureAsync($"queue first page (QueueQuery, 20 rows, open, oldest first) — {label}", 20, repetitions, async () =>
                    page = (await app.WithAsync<QueueQuery, Result<QueuePage>>(q => q.ExecuteAsync(filter, actor, 0, 20))).Value));
                results[^1] = results[^1] with { Note = $"total {page!.Total:N0}" };
            }

            foreach (var r in results)
            {
                Console.WriteLine($"{r.Name}: p50 {r.P50:F1} ms, p95 {r.P95:F1} ms{(r.Target is { } t ? $" (target {t} ms: {(r.P95 < t ? "met" : "NOT met")})" : string.Empty)} {r.Note}");
            }

            if (output is not null)
            {
                Write(output, Section(provider, sqlite, rows, loadSeconds, manifestations, assignments, repetitions, results, plans.ToString()));
            }

            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            NpgsqlConnection.ClearAllPools();
            if (Directory.Exists(storage))
            {
                Directory.Delete(storage, recursive: true);
            }
        }
    }

    /// <summary>
    /// The sweep on a database already loaded (--reuse): <paramref name="repetitions"/> first runs,
    /// each after deleting the deadline alerts (e-mails with a dedup key), then the steady state.
    /// </summary>
    private static async Task<int> ReuseAsync(bool sqlite, string connection, int repetitions)
    {
        var storage = Path.Combine(Path.GetTempPath(), $"ouvidoria-scale-files-{Guid.NewGuid():N}");
        var timings = new CommandTimings();
        await using var app = new ScaleFactory(sqlite, connection, storage, timings);
        try
        {
            List<Actor> actors;
            await using (var db = app.CreateDbContext())
            {
                Console.WriteLine($"reusing {await db.Manifestations.CountAsync():N0} manifestations and {await db.Assignments.CountAsync():N0} assignments");
                // The queue's two readers, as the full run created them.
                var users = await db.Users.AsNoTracking().Where(u => u.Email == "ouvidora@bench.example" || u.Email == "colaborador@bench.example").ToListAsync();
                actors = users.OrderByDescending(u => u.Email).Select(u => u.UnitId is { } unit
                    ? new Actor(u.Id, u.FullName, ActorKind.Collaborator, unit)
                    : new Actor(u.Id, u.FullName, ActorKind.Ombudsman)).ToList();
            }

            var results = await SweepAsync(app, repetitions);
            foreach (var actor in actors)
            {
                timings.Clear();
                QueuePage? page = null;
                results.Add(await MeasureAsync($"queue first page (QueueQuery, 20 rows, open, oldest first) — {actor.Kind}", 20, repetitions, async () =>
                    page = (await app.WithAsync<QueueQuery, Result<QueuePage>>(q => q.ExecuteAsync(new QueueFilter { OpenOnly = true }, actor, 0, 20))).Value));
                results[^1] = results[^1] with { Note = $"total {page!.Total:N0}" };
                foreach (var (sql, samples) in timings.Statements())
                {
                    var statement = new Measured(string.Empty, samples.Skip(Warmup).ToList(), null);
                    var oneLine = string.Join(' ', sql.Split('\n').Select(l => l.Trim()));
                    Console.WriteLine($"  statement p50 {statement.P50:F1} ms, p95 {statement.P95:F1} ms: {oneLine}");
                }
            }

            foreach (var r in results)
            {
                Console.WriteLine($"{r.Name}: p50 {r.P50:F1} ms, p95 {r.P95:F1} ms (target {r.Target} ms: {(r.P95 < r.Target ? "met" : "NOT met")}) {r.Note}");
            }

            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            NpgsqlConnection.ClearAllPools();
            if (Directory.Exists(storage))
            {
                Directory.Delete(storage, recursive: true);
            }
        }
    }

    /// <summary>
    /// The sweep's two regimes: a first run (every alert owed: the deadline alerts deleted before
    /// each run, outside the timing) and the steady state (all of them already queued).
    /// </summary>
    private static async Task<List<Measured>> SweepAsync(ScaleFactory app, int repetitions)
    {
        SweepResult? first = null;
        var firstRun = await MeasureAsync(
            "deadline sweep — first run (queues the alerts)",
            2000,
            repetitions,
            async () => first = await app.WithAsync<DeadlineSweep, SweepResult>(s => s.RunAsync(CancellationToken.None)),
            setup: async () =>
            {
                await using var db = app.CreateDbContext();
                await db.EmailOutbox.Where(n => n.DedupKey != null).ExecuteDeleteAsync();
            });
        SweepResult? steady = null;
        var steadyState = await MeasureAsync("deadline sweep — steady state (alerts already queued)", 2000, repetitions, async () =>
            steady = await app.WithAsync<DeadlineSweep, SweepResult>(s => s.RunAsync(CancellationToken.None)));
        return
        [
            firstRun with { Note = $"{first!.Candidates:N0} candidates, {first.AlertsQueued:N0} alerts queued" },
            steadyState with { Note = $"{steady!.Candidates:N0} candidates, {steady.AlertsQueued} alerts queued" },
        ];
    }

    internal sealed record Measured(string Name, IReadOnlyList<double> Samples, int? Target, string Note = "")
    {
        public double P50 => Percentile(0.50);

        public double P95 => Percentile(0.95);

        private double Percentile(double p)
        {
            var sorted = Samples.Order().ToArray();
            return sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        }
    }

    /// <summary><see cref="Warmup"/> runs, then <paramref name="repetitions"/> timed ones; <paramref name="setup"/> before each, untimed.</summary>
    private static async Task<Measured> MeasureAsync(string name, int? target, int repetitions, Func<Task> action, Func<Task>? setup = null)
    {
        for (var i = 0; i < Warmup; i++)
        {
            await (setup?.Invoke() ?? Task.CompletedTask);
            await action();
        }

        var samples = new List<double>(repetitions);
        for (var i = 0; i < repetitions; i++)
        {
            await (setup?.Invoke() ?? Task.CompletedTask);
            var started = Stopwatch.GetTimestamp();
            await action();
            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return new Measured(name, samples, target);
    }

    private static async Task FreshDatabaseAsync(bool sqlite, string connection)
    {
        if (sqlite)
        {
            var path = new SqliteConnectionStringBuilder(connection).DataSource;
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }

            return;
        }

        var builder = new NpgsqlConnectionStringBuilder(connection);
        var database = builder.Database ?? throw new ArgumentException("the PostgreSQL connection string needs a Database");
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connection) { Database = "postgres" }.ConnectionString);
        await admin.OpenAsync();
        await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin))
        {
            await drop.ExecuteNonQueryAsync();
        }

        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", admin);
        await create.ExecuteNonQueryAsync();
    }

    private static async Task<string> CreateUserAsync(ScaleFactory app, string email, string name, string role, Guid? unit)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, FullName = name, UnitId = unit };
        var created = await users.CreateAsync(user, "Bench-Senha-123!");
        if (!created.Succeeded || !(await users.AddToRoleAsync(user, role)).Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        }

        return user.Id;
    }

    private static async Task<string> PlanAsync(DbContext db, string sql, bool sqlite)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync();
        }

        await using var command = connection.CreateCommand();
        command.CommandText = (sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN ") + InlineParameters(sql);
        var plan = new StringBuilder();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.AppendLine(reader.GetValue(sqlite ? 3 : 0)?.ToString());
        }

        return plan.ToString();
    }

    /// <summary>ToQueryString declares the parameters as SQL text (".param set" on SQLite, "-- @p='…'" on PostgreSQL): inline them.</summary>
    private static string InlineParameters(string sql)
    {
        var lines = sql.Split('\n');
        var body = string.Join('\n', lines.Where(l => !l.StartsWith(".param", StringComparison.Ordinal) && !l.StartsWith("--", StringComparison.Ordinal)));
        foreach (var line in lines)
        {
            var sqliteParameter = Regex.Match(line, @"^\.param set (@\w+) (.+)$");
            var postgresParameter = Regex.Match(line, @"^-- (@\w+)='([^']*)'");
            if (sqliteParameter.Success)
            {
                body = body.Replace(sqliteParameter.Groups[1].Value, sqliteParameter.Groups[2].Value.Trim(), StringComparison.Ordinal);
            }
            else if (postgresParameter.Success)
            {
                body = body.Replace(postgresParameter.Groups[1].Value, $"'{postgresParameter.Groups[2].Value}'", StringComparison.Ordinal);
            }
        }

        return body;
    }

    private static string Title(string provider) => $"## Scale: deadline sweep, reports and queue over 1,000,000 manifestations — {(provider == "sqlite" ? "SQLite" : "PostgreSQL")}";

    private static string Section(string provider, bool sqlite, int rows, double loadSeconds, int manifestations, int assignments, int repetitions, List<Measured> results, string plans)
    {
        var builder = new StringBuilder();
        builder.AppendLine(Title(provider)).AppendLine();
        builder.AppendLine($"Command: `bash scripts/bench-scale.sh` (this part: `dotnet run -c Release --project Ouvidoria.Benchmarks -- scale --provider {provider} --connection \"…\" --rows {rows} --out docs/benchmarks.md`)");
        builder.AppendLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; run on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC{LoadAverage()}.");
        builder.AppendLine($"Setup: a fresh {(sqlite ? "SQLite file (WAL)" : "PostgreSQL database (throwaway server of scripts/bench-scale.sh: fsync off)")} created by the real migrations; {manifestations:N0} manifestations");
        builder.AppendLine($"and {assignments:N0} assignments (five years, ~550 a day; a recent open backlog, a small old one; 30 units with skewed loads; every type,");
        builder.AppendLine($"status, channel and theme) bulk-loaded in **{loadSeconds:F1} s** ({(sqlite ? "multi-row INSERTs, 500 rows each, in 100,000-row transactions" : "binary COPY, then VACUUM (ANALYZE), as autovacuum would")}). Then the app's real");
        builder.AppendLine("code (its service provider, demo seed off, real clock): each measure is the use case's call, 2 warm-up runs, then the repetitions");
        builder.AppendLine($"({repetitions}; {Math.Max(3, repetitions / 4)} for the report cells job; before each first run of the sweep the deadline alerts are deleted, untimed; the e-mail");
        builder.AppendLine("dispatcher is off); nearest-rank p50/p95. Rows in *italics* are the single SQL statements of the report");
        builder.AppendLine("(timed by a command interceptor during the report's runs) — the \"each report query < 500 ms\" target applies to them.");
        builder.AppendLine();
        builder.AppendLine("| measure | p50 | p95 | target | met | notes |");
        builder.AppendLine("| --- | ---: | ---: | ---: | --- | --- |");
        foreach (var r in results)
        {
            var name = r.Name.StartsWith("  ", StringComparison.Ordinal) ? $"*{r.Name.Trim()}*" : r.Name;
            var target = r.Target is { } t ? $"< {t:N0} ms" : "—";
            var met = r.Target is { } limit ? (r.P95 < limit ? "yes" : "**no**") : "—";
            builder.AppendLine($"| {name} | {r.P50:F1} ms | {r.P95:F1} ms | {target} | {met} | {r.Note} |");
        }

        builder.AppendLine();
        builder.Append(plans);
        return builder.ToString();
    }

    private static string LoadAverage()
    {
        const string path = "/proc/loadavg";
        var parts = File.Exists(path) ? File.ReadAllText(path).Split(' ') : [];
        return parts.Length >= 3 ? $", load average {parts[0]} / {parts[1]} / {parts[2]} at the end" : string.Empty;
    }

    /// <summary>Replaces this section (up to the next "## ") or appends it; other sections stay.</summary>
    private static void Write(string path, string section)
    {
        var title = section[..section.IndexOf('\n', StringComparison.Ordinal)];
        var existing = File.Exists(path) ? File.ReadAllText(path) : "# Benchmarks\n\nResults of the project's benchmark commands (never asserted in tests).\n";
        var start = existing.IndexOf(title, StringComparison.Ordinal);
        if (start < 0)
        {
            File.WriteAllText(path, existing.TrimEnd() + "\n\n" + section);
            return;
        }

        var end = existing.IndexOf("\n## ", start + title.Length, StringComparison.Ordinal);
        var after = end >= 0 ? "\n" + existing[(end + 1)..] : string.Empty;
        File.WriteAllText(path, existing[..start] + section + after);
    }

    private static string? Option(IReadOnlyList<string> arguments, string name)
    {
        for (var i = 0; i < arguments.Count - 1; i++)
        {
            if (arguments[i] == name)
            {
                return arguments[i + 1];
            }
        }

        return null;
    }

    /// <summary>Durations of the SQL statements the app sends, grouped by statement (the report's single queries).</summary>
    internal sealed class CommandTimings : DbCommandInterceptor
    {
        private readonly ConcurrentQueue<(string Sql, double Ms)> _samples = new();

        public void Clear() => _samples.Clear();

        public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            _samples.Enqueue((command.CommandText, eventData.Duration.TotalMilliseconds));
            return ValueTask.FromResult(result);
        }

        /// <summary>Every statement seen since <see cref="Clear"/>, with its durations in order.</summary>
        public IEnumerable<(string Sql, List<double> Samples)> Statements() =>
            _samples.GroupBy(s => s.Sql).Select(g => (g.Key, g.Select(s => s.Ms).ToList())).ToList();

        public IEnumerable<Measured> Summaries(string suffix, int target) =>
            _samples.GroupBy(s => s.Sql)
                .Where(g => Tables.Any(t => g.Key.Contains($"FROM \"{t}\"", StringComparison.Ordinal)))
                .Select(g => new Measured($"  {Describe(g.Key)} {suffix}", g.Select(s => s.Ms).Skip(Warmup).ToList(), target))
                .ToList();

        private static readonly string[] Tables = ["Manifestations", "Assignments", "ReportMonthCells", "ReportAnswerDaysCells", "ReportDirtyMonths"];

        /// <summary>A short name for a report statement: where it reads (cells or table) and what (its GROUP BY key, or its figures).</summary>
        private static string Describe(string sql)
        {
            var source = sql.Contains("FROM \"ReportMonthCells\"", StringComparison.Ordinal) || sql.Contains("FROM \"ReportAnswerDaysCells\"", StringComparison.Ordinal)
                ? "cells"
                : sql.Contains("FROM \"ReportDirtyMonths\"", StringComparison.Ordinal) ? "marks" : "table";
            return $"{source}: {What(sql)}";
        }

        private static string What(string sql)
        {
            var group = Regex.Match(sql, "GROUP BY ([^\\n]+)");
            if (group.Success)
            {
                var key = group.Groups[1].Value.Trim();
                return "group by " + (key.Contains("strftime", StringComparison.Ordinal) || key.Contains("to_char", StringComparison.Ordinal) ? "month"
                    : key.Contains("AnsweredAt", StringComparison.Ordinal) || key.Contains("\"Days\"", StringComparison.Ordinal) ? "answer days (percentiles)"
                    : key.Replace("\"", string.Empty, StringComparison.Ordinal));
            }

            if (sql.Contains("AS \"Sum\"", StringComparison.Ordinal))
            {
                return "answer-time count and sum";
            }

            if (sql.Contains("\"DeadlineExtended\"", StringComparison.Ordinal) && sql.Contains("FROM \"Assignments\" a JOIN", StringComparison.Ordinal))
            {
                return "unit extensions count";
            }

            if (sql.Contains("\"ClockPausedAt\" IS NULL", StringComparison.Ordinal))
            {
                return "overdue count";
            }

            if (sql.Contains("FROM \"ReportDirtyMonths\"", StringComparison.Ordinal))
            {
                return "dirty months";
            }

            return sql.Contains("AS \"Registered\"", StringComparison.Ordinal) ? "totals (conditional sums)" : "statement";
        }
    }

    private sealed class ScaleFactory(bool sqlite, string connection, string storage, CommandTimings timings) : WebApplicationFactory<Ouvidoria.Web.Features.Assistant.AssistantHost>
    {
        public OuvidoriaDbContext CreateDbContext() => Services.GetRequiredService<IDbContextFactory<OuvidoriaDbContext>>().CreateDbContext();

        public async Task<TResult> WithAsync<TService, TResult>(Func<TService, Task<TResult>> action)
            where TService : notnull
        {
            await using var scope = Services.CreateAsyncScope();
            return await action(scope.ServiceProvider.GetRequiredService<TService>());
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Database:Provider", sqlite ? "Sqlite" : "Postgres");
            builder.UseSetting("Database:MigrateOnStartup", "true");
            builder.UseSetting("ConnectionStrings:Ouvidoria", connection);
            builder.UseSetting("Seed:Demo", "false");
            builder.UseSetting("Jobs:Enabled", "false");
            builder.UseSetting("Storage:Root", storage);
            builder.UseSetting("Email:PickupDirectory", Path.Combine(storage, "mail"));
            builder.UseSetting("Audit:HistoryKey", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
            builder.UseSetting("WhatsApp:ProcessingEnabled", "false");
            // No dispatcher: the sweep's 25,000 alerts are not what is measured, and sending them
            // (to the pickup folder) during the measurements would load the machine under them.
            builder.UseSetting("Email:DispatchEnabled", "false");
            builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
            builder.ConfigureTestServices(services =>
                services.ConfigureDbContext<OuvidoriaDbContext>((_, options) => options.AddInterceptors(timings), ServiceLifetime.Singleton));
        }
    }
}
