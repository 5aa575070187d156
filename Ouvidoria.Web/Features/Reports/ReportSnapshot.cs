using System.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Ouvidoria.Infrastructure.Persistence;

namespace Ouvidoria.Web.Features.Reports;

/// <summary>
/// A read-only snapshot for the statements of one report, so the cells, the dirty marks and the
/// rows read from the table all describe the same moment: on PostgreSQL a REPEATABLE READ
/// transaction; on SQLite (WAL) a deferred transaction, which reads one snapshot and — unlike
/// EF's default BEGIN IMMEDIATE — never takes the write lock away from registrations.
/// </summary>
internal static class ReportSnapshot
{
    public static async Task<IDbContextTransaction> BeginAsync(OuvidoriaDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsSqlite())
        {
            return await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        }

        await db.Database.OpenConnectionAsync(ct);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        return await db.Database.UseTransactionAsync(connection.BeginTransaction(deferred: true), ct)
            ?? throw new InvalidOperationException("A transação de leitura do relatório não pôde ser iniciada.");
    }
}
