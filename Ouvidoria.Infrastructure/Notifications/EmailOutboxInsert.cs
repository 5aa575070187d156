using System.Buffers;
using System.Data.Common;
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
/// Many e-mails queued at once (the deadline sweep's alerts), without change tracking: a few
/// parameters per statement however many rows — on SQLite ONE, a JSON array of rows (each an array
/// of its columns' stored values) read by <c>INSERT … SELECT … FROM json_each(@rows)</c>; on
/// PostgreSQL one typed array per column, sent in binary and read by <c>SELECT * FROM unnest(…)</c>
/// — and <c>ON CONFLICT ("DedupKey") DO NOTHING</c>, up to <see cref="RowsPerStatement"/> rows per
/// statement. The unique index on the key is not partial, so the bare column is the conflict
/// target. A message whose dedup key is already in the outbox — queued by an earlier run, or by
/// another node at any moment before the statement, even one still in its transaction — is skipped
/// by the database itself, and the rows the statements report are exactly the messages this call
/// queued. The columns, their names and the stored form of each value (UTC ticks and upper-case
/// GUID text on SQLite, say) come from the EF model and its value converters, so the rows are
/// those SaveChanges would have written (EmailOutboxInsertTests compares them column by column).
/// </summary>
/// <remarks>
/// Why not a multi-row <c>VALUES</c> list: it needs a parameter per value, and Microsoft.Data.Sqlite
/// finds each named parameter by a linear search among the statement's names (when parsing and when
/// binding), so a statement's cost grows with the square of its parameters: statements had to stay
/// at ~300 parameters (~20 rows), hundreds of them per sweep. With the rows in one parameter the
/// database parses them once; on PostgreSQL the arrays need no parsing at all (a JSON parameter
/// there, cast to jsonb, cost ~40 ms per 2,000 rows to parse). Measured on 25,000 alerts (31 MB):
/// docs/benchmarks.md.
/// </remarks>
public static class EmailOutboxInsert
{
    /// <summary>Rows per statement: a few MB of parameters (the alerts are ~1.3 KB each).</summary>
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
            : $"* FROM unnest({string.Join(", ", columns.Select((_, i) => sql.GenerateParameterNamePlaceholder($"c{i}")))})";
        var statement =
            $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)))}) " +
            $"SELECT {select} ON CONFLICT ({sql.DelimitIdentifier(entity.FindProperty(nameof(EmailNotification.DedupKey))!.GetColumnName(table)!)}) DO NOTHING";

        var keys = new HashSet<string>(StringComparer.Ordinal);
        var unique = messages.Where(m => m.DedupKey is not { } key || keys.Add(key)).ToList();

        // A command only to create the parameters (their types inferred from the values).
        await using var factory = db.Database.GetDbConnection().CreateCommand();
        var (own, deferred) = db.Database.CurrentTransaction is null ? await BeginAsync(db, ct) : (null, null);
        try
        {
            var queued = 0;
            var buffer = new ArrayBufferWriter<byte>(1 << 20);
            foreach (var chunk in unique.Chunk(RowsPerStatement))
            {
                DbParameter[] rows;
                if (sqlite)
                {
                    buffer.ResetWrittenCount();
                    WriteRows(buffer, chunk, columns);
                    rows = [Parameter(factory, sql.GenerateParameterName("rows"), Encoding.UTF8.GetString(buffer.WrittenSpan))];
                }
                else
                {
                    rows = columns.Select((c, i) => Parameter(factory, sql.GenerateParameterName($"c{i}"), c.StoredValues(chunk))).ToArray();
                }

                queued += await db.Database.ExecuteSqlRawAsync(statement, rows, ct);
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
    private static void WriteRows(IBufferWriter<byte> buffer, IEnumerable<EmailNotification> messages, Column[] columns)
    {
        using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            SkipValidation = true,
            // Read by the database, never embedded in a page: only what JSON itself requires is
            // escaped (the HTML bodies' tags and accents as they are: a sixth fewer bytes to send and parse).
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        json.WriteStartArray();
        foreach (var message in messages)
        {
            json.WriteStartArray();
            foreach (var column in columns)
            {
                WriteValue(json, column.StoredValue(message));
            }

            json.WriteEndArray();
        }

        json.WriteEndArray();
    }

    /// <summary>
    /// A stored value as SQLite would be given it: GUIDs as upper-case text (EF's TEXT mapping) and
    /// everything else already converted to a number or text by the model's converters (timestamps
    /// to UTC ticks).
    /// </summary>
    private static void WriteValue(Utf8JsonWriter json, object? value)
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
                json.WriteStringValue(g.ToString().ToUpperInvariant());
                break;
            case long l:
                json.WriteNumberValue(l);
                break;
            case int i:
                json.WriteNumberValue(i);
                break;
            case bool b:
                json.WriteNumberValue(b ? 1 : 0);
                break;
            default:
                throw new NotSupportedException($"EmailOutboxInsert: no stored form for {value.GetType().Name} on SQLite.");
        }
    }

    private static DbParameter Parameter(DbCommand factory, string name, object value)
    {
        var parameter = factory.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        return parameter;
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

    /// <summary>A column of the outbox: its name and how a message's value is stored.</summary>
    private sealed class Column(IProperty property, StoreObjectIdentifier table)
    {
        private readonly IClrPropertyGetter _getter = property.GetGetter();
        private readonly ValueConverter? _converter = property.GetTypeMapping().Converter;

        /// <summary>The stored values' type, nullable where the column is (a PostgreSQL array's element type).</summary>
        private readonly Type _element = ElementType(property);

        public string Name { get; } = property.GetColumnName(table)!;

        public object? StoredValue(EmailNotification message) =>
            _getter.GetClrValueUsingContainingEntity(message) is { } value ? _converter is null ? value : _converter.ConvertToProvider(value) : null;

        /// <summary>The column of <paramref name="messages"/> as a typed array (Guid[], string[], DateTimeOffset?[]…): Npgsql sends it as the matching PostgreSQL array, in binary.</summary>
        public Array StoredValues(IReadOnlyList<EmailNotification> messages)
        {
            var values = Array.CreateInstance(_element, messages.Count);
            for (var i = 0; i < messages.Count; i++)
            {
                values.SetValue(StoredValue(messages[i]), i);
            }

            return values;
        }

        private static Type ElementType(IProperty property)
        {
            var type = property.GetTypeMapping().Converter?.ProviderClrType ?? property.ClrType;
            var underlying = Nullable.GetUnderlyingType(type) ?? type;
            return property.IsNullable && underlying.IsValueType ? typeof(Nullable<>).MakeGenericType(underlying) : underlying;
        }
    }
}
