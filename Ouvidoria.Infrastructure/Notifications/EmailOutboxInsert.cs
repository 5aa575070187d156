using System.Data.Common;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Ouvidoria.Infrastructure.Persistence;

namespace Ouvidoria.Infrastructure.Notifications;

/// <summary>
/// Many e-mails queued at once (the deadline sweep's alerts), without change tracking: multi-row
/// <c>INSERT … ON CONFLICT ("DedupKey") DO NOTHING</c> statements (SQLite and PostgreSQL alike; the
/// unique index on the key is not partial, so the bare column is the conflict target). A message
/// whose dedup key is already in the outbox — queued by an earlier run, or by another node at any
/// moment before this statement, even one still in its transaction — is skipped by the database
/// itself, and the rows the statements report are exactly the messages this call queued. The
/// columns, their names and the stored form of each value (UTC ticks on SQLite, say) come from the
/// EF model, so the rows are those SaveChanges would have written. Equal values of a column share a
/// parameter within a statement (the run's timestamp, a kind, a manifestation's id, the texts of an
/// alert sent to several recipients).
/// </summary>
public static class EmailOutboxInsert
{
    /// <summary>
    /// Parameters per statement on SQLite. It finds a named parameter by a linear search among the
    /// statement's names (when parsing and again when binding), so a statement's cost grows with the
    /// square of its parameters: a few hundred keep that negligible (measured on 25,000 alerts:
    /// ~1,000 parameters per statement took three times as long as ~300, 20,000 ten times).
    /// </summary>
    public const int SqliteParameters = 300;

    /// <summary>
    /// Parameters per statement on PostgreSQL (limit 65,535; Npgsql looks names up in a dictionary):
    /// large statements, few round trips.
    /// </summary>
    public const int PostgresParameters = 20_000;

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

        var budget = db.Database.IsSqlite() ? SqliteParameters : PostgresParameters;
        var sql = db.GetService<ISqlGenerationHelper>();
        var entity = db.Model.FindEntityType(typeof(EmailNotification))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties()
            .Select(p => (Name: sql.DelimitIdentifier(p.GetColumnName(table)!), Mapping: p.GetRelationalTypeMapping(), Getter: p.GetGetter()))
            .ToArray();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => c.Name))}) VALUES ";
        var tail = $" ON CONFLICT ({sql.DelimitIdentifier(entity.FindProperty(nameof(EmailNotification.DedupKey))!.GetColumnName(table)!)}) DO NOTHING";

        // A command only to create the parameters (each through its column's type mapping, converter included).
        await using var factory = db.Database.GetDbConnection().CreateCommand();
        var (own, deferred) = db.Database.CurrentTransaction is null ? await BeginAsync(db, ct) : (null, null);
        try
        {
            var queued = 0;
            var statement = new StringBuilder(head);
            var parameters = new List<DbParameter>();
            var shared = new Dictionary<(int Column, object Value), string>();
            var keys = new HashSet<string>(StringComparer.Ordinal);
            var rows = 0;
            foreach (var message in messages)
            {
                if (message.DedupKey is { } key && !keys.Add(key))
                {
                    continue;
                }

                if (parameters.Count + columns.Length > budget)
                {
                    queued += await db.Database.ExecuteSqlRawAsync(statement.Append(tail).ToString(), parameters, ct);
                    statement.Clear().Append(head);
                    parameters.Clear();
                    shared.Clear();
                    rows = 0;
                }

                statement.Append(rows++ == 0 ? "(" : ", (");
                for (var i = 0; i < columns.Length; i++)
                {
                    statement.Append(i == 0 ? string.Empty : ", ");
                    if (columns[i].Getter.GetClrValueUsingContainingEntity(message) is not { } value)
                    {
                        statement.Append("NULL");
                    }
                    else if (shared.TryGetValue((i, value), out var name))
                    {
                        statement.Append(name);
                    }
                    else
                    {
                        var invariant = "p" + parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                        parameters.Add(columns[i].Mapping.CreateParameter(factory, sql.GenerateParameterName(invariant), value, nullable: false));
                        name = shared[(i, value)] = sql.GenerateParameterNamePlaceholder(invariant);
                        statement.Append(name);
                    }
                }

                statement.Append(')');
            }

            queued += await db.Database.ExecuteSqlRawAsync(statement.Append(tail).ToString(), parameters, ct);
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
}
