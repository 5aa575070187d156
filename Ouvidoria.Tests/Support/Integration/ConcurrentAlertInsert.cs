using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Ouvidoria.Infrastructure.Notifications;
using Ouvidoria.Infrastructure.Persistence;

namespace Ouvidoria.Tests.Support.Integration;

/// <summary>
/// "Another node" queuing an alert at the worst moment: once armed, the next statement that inserts
/// deadline alerts into the outbox (the sweep's INSERT … SELECT of a few parameters, see <see cref="EmailOutboxInsert"/>)
/// is held while the other node commits — through a context and transaction of its own, with the
/// ordinary SaveChanges — the same e-mail (same key, recipient and texts) as the statement's first
/// row. The statement then meets the outbox's unique index, as when two nodes sweep at once. It is
/// the first statement of the sweep's batch transaction: on SQLite that is the last moment another
/// node can still commit (later statements of the transaction hold the write lock). Fires once; a
/// no-op unless armed.
/// </summary>
public sealed partial class ConcurrentAlertInsert(Func<OuvidoriaDbContext> otherNode) : DbCommandInterceptor
{
    private bool _armed;

    /// <summary>The dedup key the other node queued (null until it fired).</summary>
    public string? InsertedKey { get; private set; }

    /// <summary>The id of the other node's e-mail (the one the outbox must keep).</summary>
    public Guid? InsertedId { get; private set; }

    /// <summary>How many manifestations the statement that met the other node's alert carried alerts for.</summary>
    public int ManifestationsInTheStatement { get; private set; }

    public IDisposable Arm()
    {
        _armed = true;
        InsertedKey = null;
        InsertedId = null;
        ManifestationsInTheStatement = 0;
        return new Disarm(this);
    }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (_armed && Rows(command) is { Count: > 0 } rows
            && rows.FirstOrDefault(r => r["DedupKey"] is string) is { } row && AsGuid(row["ManifestationId"]) is { } id)
        {
            _armed = false;
            ManifestationsInTheStatement = rows.Select(r => AsGuid(r["ManifestationId"])).Distinct().Count();
            await using var other = otherNode();
            var alert = new EmailNotification(
                (string)row["Kind"]!, (string)row["Recipient"]!, new RenderedEmail((string)row["Subject"]!, (string)row["TextBody"]!, (string)row["HtmlBody"]!),
                id, (string)row["DedupKey"]!, AsTime(row["CreatedAt"]));
            other.EmailOutbox.Add(alert);
            await other.SaveChangesAsync(cancellationToken);
            InsertedKey = alert.DedupKey;
            InsertedId = alert.Id;
        }

        return result;
    }

    /// <summary>
    /// The rows (column → value) of an INSERT into the outbox — on SQLite its one JSON parameter, on
    /// PostgreSQL its arrays, one per column; empty for any other statement.
    /// </summary>
    private static List<Dictionary<string, object?>> Rows(DbCommand command)
    {
        var insert = InsertPattern().Match(command.CommandText);
        if (!insert.Success)
        {
            return [];
        }

        var columns = insert.Groups["columns"].Value.Split(',').Select(c => c.Trim().Trim('"')).ToArray();
        if (command.Parameters.Count == 1 && command.Parameters[0].Value is string json)
        {
            using var rows = JsonDocument.Parse(json);
            return rows.RootElement.EnumerateArray()
                .Select(row => columns.Zip(row.EnumerateArray()).ToDictionary(p => p.First, p => Value(p.Second)))
                .ToList();
        }

        var arrays = command.Parameters.Cast<DbParameter>().Select(p => (Array)p.Value!).ToArray();
        return Enumerable.Range(0, arrays[0].Length)
            .Select(i => columns.Zip(arrays).ToDictionary(p => p.First, p => p.Second.GetValue(i)))
            .ToList();
    }

    private static object? Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetInt64(),
        _ => throw new InvalidOperationException($"unexpected value {value}"),
    };

    private static Guid? AsGuid(object? value) => value switch
    {
        Guid g => g,
        string s when Guid.TryParse(s, out var g) => g,
        _ => null,
    };

    /// <summary>A timestamp as the provider stores it: UTC ticks on SQLite, timestamptz on PostgreSQL.</summary>
    private static DateTimeOffset AsTime(object? value) => value switch
    {
        long ticks => new DateTimeOffset(ticks, TimeSpan.Zero),
        DateTimeOffset time => time,
        _ => throw new InvalidOperationException($"unexpected timestamp {Convert.ToString(value, CultureInfo.InvariantCulture)}"),
    };

    [GeneratedRegex("""^INSERT INTO "EmailOutbox" \((?<columns>[^)]*)\) SELECT .* ON CONFLICT""", RegexOptions.Singleline)]
    private static partial Regex InsertPattern();

    private sealed class Disarm(ConcurrentAlertInsert owner) : IDisposable
    {
        public void Dispose() => owner._armed = false;
    }
}

/// <summary>An app (demo data) where another node can queue a deadline alert during a sweep.</summary>
public abstract class ConcurrentAlertApp : OuvidoriaAppFactory
{
    protected ConcurrentAlertApp(TestDatabase database)
        : base(database, seedDemo: true) =>
        OtherNode = new ConcurrentAlertInsert(CreateDbContext);

    public ConcurrentAlertInsert OtherNode { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
            services.ConfigureDbContext<OuvidoriaDbContext>((_, options) => options.AddInterceptors(OtherNode), ServiceLifetime.Singleton));
    }
}

public sealed class SqliteConcurrentAlertApp() : ConcurrentAlertApp(TestDatabase.Sqlite);

public sealed class PostgresConcurrentAlertApp() : ConcurrentAlertApp(TestDatabase.Postgres);
