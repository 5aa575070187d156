using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Ouvidoria.Infrastructure.Persistence;

namespace Ouvidoria.Infrastructure.Notifications;

/// <summary>
/// Many e-mails queued at once (the deadline sweep's alerts), without change tracking: the rows go
/// to the database as ONE parameter — a JSON array of arrays, a column per position — and one
/// <c>INSERT … SELECT … FROM json_each(@rows) … ON CONFLICT ("DedupKey") DO NOTHING</c> (SQLite;
/// <c>json_array_elements(@rows::json)</c> and a cast to each column's store type on PostgreSQL)
/// writes up to <see cref="RowsPerStatement"/> of them. The unique index on the key is not partial,
/// so the bare column is the conflict target. A message whose dedup key is already in the outbox —
/// queued by an earlier run, or by another node at any moment before the statement, even one still
/// in its transaction — is skipped by the database itself, and the rows the statements report are
/// exactly the messages this call queued. The columns, their names and the stored form of each
/// value (UTC ticks and upper-case GUID text on SQLite, say) come from the EF model and its value
/// converters, so the rows are those SaveChanges would have written (EmailOutboxInsertTests
/// compares them column by column).
/// </summary>
/// <remarks>
/// Why one JSON parameter: a multi-row <c>VALUES</c> list needs a parameter per value, and
/// Microsoft.Data.Sqlite finds each named parameter by a linear search among the statement's names
/// (when parsing and when binding), so its cost grows with the square of the parameters: statements
/// had to stay at ~300 parameters (~20 rows), hundreds of statements per sweep. The JSON form is
/// parsed once by the database, whatever the number of rows (measured on 25,000 alerts, 31 MB:
/// docs/benchmarks.md).
/// </remarks>
public static class EmailOutboxInsert
{
    /// <summary>Rows per statement: a few MB of JSON (the alerts are ~1.3 KB each).</summary>
    public const int RowsPerStatement = 2_000;

    /// <summary>
    /// Queues <paramref name="messages"/> except those whose dedup key is already in the outbox (or
    /// repeated in the list: the first wins), in one transaction — the caller's, or one of its own.
    /// Returns how many were queued.
    /// </summary>
    public static async Task<int> InsertSkippingQueuedAsync(OuvidoriaDbContext db, IReadOnlyList<EmailNotification> messages, CancellationToken ct)
    {
        if (messages.Count == 0)
        {
            return 0;
        }

        var sqlite = db.Database.IsSqlite();
        var sql = db.GetService<ISqlGenerationHelper>();
        var entity = db.Model.FindEntityType(typeof(EmailNotification))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().Select(p => new Column(p, table)).ToArray();
        var parameter = sql.GenerateParameterNamePlaceholder("rows");
        var select = sqlite
            ? string.Join(", ", columns.Select((_, i) => $"value ->> {i}")) + $" FROM json_each({parameter}) WHERE true"
            : string.Join(", ", columns.Select((c, i) => $"CAST(r ->> {i} AS {c.StoreType})")) + $" FROM jsonb_array_elements(CAST({parameter} AS jsonb)) AS r";
        var statement =
            $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)))}) " +
            $"SELECT {select} ON CONFLICT ({sql.DelimitIdentifier(entity.FindProperty(nameof(EmailNotification.DedupKey))!.GetColumnName(table)!)}) DO NOTHING";

        var keys = new HashSet<string>(StringComparer.Ordinal);
        var unique = messages.Where(m => m.DedupKey is not { } key || keys.Add(key)).ToList();

        // A command only to create the parameter (a string: text on both providers).
        await using var factory = db.Database.GetDbConnection().CreateCommand();
        var (own, deferred) = db.Database.CurrentTransaction is null ? await BeginAsync(db, ct) : (null, null);
        try
        {
            var queued = 0;
            var buffer = new ArrayBufferWriter<byte>(1 << 20);
            foreach (var chunk in unique.Chunk(RowsPerStatement))
            {
                buffer.ResetWrittenCount();
                WriteRows(buffer, chunk, columns, sqlite);
                var rows = factory.CreateParameter();
                rows.ParameterName = sql.GenerateParameterName("rows");
                rows.Value = Encoding.UTF8.GetString(buffer.WrittenSpan);
                queued += await db.Database.ExecuteSqlRawAsync(statement, [rows], ct);
            }

            if (own is not null)
            {
                await own.CommitAsync(ct);
            }

            return queued;
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }

            if (deferred is not null)
            {
                await deferred.DisposeAsync();
            }
        }
    }

    /// <summary>The messages as a JSON array of rows, each an array of its columns' stored values.</summary>
    private static void WriteRows(IBufferWriter<byte> buffer, IEnumerable<EmailNotification> messages, Column[] columns, bool sqlite)
    {
        using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            SkipValidation = true,
            // Read by the database, never embedded in a page: only what JSON itself requires is
            // escaped (the HTML bodies' tags and accents as they are: a third fewer bytes to send and parse).
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        json.WriteStartArray();
        foreach (var message in messages)
        {
            json.WriteStartArray();
            foreach (var column in columns)
            {
                WriteValue(json, column.StoredValue(message), sqlite);
            }

            json.WriteEndArray();
        }

        json.WriteEndArray();
    }

    /// <summary>
    /// A stored value as the provider would bind it: on SQLite GUIDs as upper-case text (EF's TEXT
    /// mapping) and everything else already converted to a number or text by the model's converters;
    /// on PostgreSQL the text form its cast reads back (timestamps in UTC to the microsecond, the
    /// precision of timestamptz, truncated as Npgsql does).
    /// </summary>
    private static void WriteValue(Utf8JsonWriter json, object? value, bool sqlite)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case string s:
                json.WriteStringValue(s);
                break;
            case Guid g:
                json.WriteStringValue(sqlite ? g.ToString().ToUpperInvariant() : g.ToString());
                break;
            case long l:
                json.WriteNumberValue(l);
                break;
            case int i:
                json.WriteNumberValue(i);
                break;
            case bool b when sqlite:
                json.WriteNumberValue(b ? 1 : 0);
                break;
            case bool b:
                json.WriteBooleanValue(b);
                break;
            case DateTimeOffset t when !sqlite:
                json.WriteStringValue(t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", CultureInfo.InvariantCulture));
                break;
            default:
                throw new NotSupportedException($"EmailOutboxInsert: no stored form for {value.GetType().Name} on {(sqlite ? "SQLite" : "PostgreSQL")}.");
        }
    }

    /// <summary>
    /// A transaction of its own. On SQLite a deferred one: the write lock is taken by the first
    /// INSERT, not by BEGIN (EF's default there is BEGIN IMMEDIATE), so it is held only while writing
    /// and another node's commit just before that INSERT is met by ON CONFLICT like anywhere else.
    /// </summary>
    private static async Task<(IDbContextTransaction Transaction, SqliteTransaction? Deferred)> BeginAsync(OuvidoriaDbContext db, CancellationToken ct)
    {
        if (db.Database.GetDbConnection() is not SqliteConnection sqlite)
        {
            return (await db.Database.BeginTransactionAsync(ct), null);
        }

        await db.Database.OpenConnectionAsync(ct);
        var deferred = sqlite.BeginTransaction(deferred: true);
        return (await db.Database.UseTransactionAsync(deferred, ct) ?? throw new InvalidOperationException("transaction not enlisted"), deferred);
    }

    /// <summary>A column of the outbox: its name, store type and how a message's value is stored.</summary>
    private sealed class Column(IProperty property, StoreObjectIdentifier table)
    {
        private readonly IClrPropertyGetter _getter = property.GetGetter();
        private readonly ValueConverter? _converter = property.GetTypeMapping().Converter;

        public string Name { get; } = property.GetColumnName(table)!;

        /// <summary>
        /// What the JSON text is cast to on PostgreSQL: the column's type, but texts to text — a cast
        /// to varchar(n) would cut a long value silently, while the assignment to the column refuses
        /// it, as SaveChanges' INSERT would.
        /// </summary>
        public string StoreType { get; } =
            (property.GetTypeMapping().Converter?.ProviderClrType ?? property.ClrType) == typeof(string) ? "text" : property.GetRelationalTypeMapping().StoreType;

        public object? StoredValue(EmailNotification message) =>
            _getter.GetClrValueUsingContainingEntity(message) is { } value ? _converter is null ? value : _converter.ConvertToProvider(value) : null;
    }
}
