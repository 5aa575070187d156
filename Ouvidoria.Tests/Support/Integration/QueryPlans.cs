using Microsoft.EntityFrameworkCore;

namespace Ouvidoria.Tests.Support.Integration;

/// <summary>The plan of a statement a test recorded (<see cref="CommandRecorder"/>), on either database.</summary>
public static class QueryPlans
{
    /// <summary>
    /// The statement's plan, with the values it ran with. On PostgreSQL sequential scans are
    /// switched off for the statement: on a test-sized table the planner would rightly prefer one;
    /// what matters is that the predicates match the partial indexes.
    /// </summary>
    public static async Task<string> ExplainAsync(OuvidoriaAppFactory app, RecordedCommand recorded)
    {
        await using var db = app.CreateDbContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var postgres = app.Database == TestDatabase.Postgres;
        if (postgres)
        {
            await using var off = connection.CreateCommand();
            off.CommandText = "SET enable_seqscan = off";
            await off.ExecuteNonQueryAsync();
        }

        await using var command = connection.CreateCommand();
        command.CommandText = (postgres ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + recorded.Sql;
        foreach (var (name, value, type) in recorded.Parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            parameter.DbType = type;
            command.Parameters.Add(parameter);
        }

        var plan = new System.Text.StringBuilder();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.AppendLine(reader.GetValue(postgres ? 0 : 3)?.ToString());
        }

        return plan.ToString();
    }
}
