using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Ouvidoria.Domain.Manifestations;

namespace Ouvidoria.Infrastructure.Persistence;

/// <summary>Configuration of the NUPs this office issues (<c>Nup:UnitCode</c>): the default until an administrator saves the settings.</summary>
public sealed class NupOptions
{
    public const string Section = "Nup";

    /// <summary>The 5-digit code of the registering unit (the ombudsman office).</summary>
    public int UnitCode { get; set; } = 12345;
}

/// <summary>
/// Hands out the next NUP of a year. One atomic upsert (<c>INSERT … ON CONFLICT DO UPDATE …
/// RETURNING</c>, the same text on SQLite ≥ 3.35 and PostgreSQL) so concurrent registrations — on
/// one node or many — never get the same sequence; the sequence restarts each year by keying on it.
/// Call it inside the transaction that inserts the manifestation so a failed registration leaves no gap.
/// </summary>
public sealed class NupAllocator(IOptions<NupOptions> options)
{
    private const string Sql = """
        INSERT INTO "NupSequences" ("UnitCode", "Year", "LastValue") VALUES (@unit, @year, 1)
        ON CONFLICT ("UnitCode", "Year") DO UPDATE SET "LastValue" = "NupSequences"."LastValue" + 1
        RETURNING "LastValue"
        """;

    public async Task<Nup> NextAsync(OuvidoriaDbContext db, int year, CancellationToken cancellationToken = default)
    {
        // The administrators' setting (read in this transaction, never cached: a NUP must carry the code in force).
        var unitCode = await db.SystemSettings.AsNoTracking().Select(s => (int?)s.NupUnitCode).FirstOrDefaultAsync(cancellationToken) ?? options.Value.UnitCode;
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        await using var command = connection.CreateCommand();
        command.CommandText = Sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        AddParameter(command, "@unit", unitCode);
        AddParameter(command, "@year", year);
        var value = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        return Nup.Create(unitCode, value, year);
    }

    private static void AddParameter(DbCommand command, string name, int value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
