using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Ouvidoria.Tests.Support.Integration;

/// <summary>A statement the app sent to the database, with its parameters' values.</summary>
public sealed record RecordedCommand(string Sql, IReadOnlyList<(string Name, object? Value, DbType Type)> Parameters);

/// <summary>
/// Records the queries the app sends while a test listens (<see cref="Listen"/>), so that a test
/// can check what a use case asks the database — which tables, which plan — without reaching into
/// how the use case builds its queries. A no-op otherwise.
/// </summary>
public sealed class CommandRecorder : DbCommandInterceptor
{
    private ConcurrentQueue<RecordedCommand>? _commands;

    /// <summary>Starts recording; the returned list fills until it is disposed.</summary>
    public Recording Listen()
    {
        var commands = new ConcurrentQueue<RecordedCommand>();
        _commands = commands;
        return new Recording(this, commands);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    private void Record(DbCommand command) =>
        _commands?.Enqueue(new RecordedCommand(
            command.CommandText,
            command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value, p.DbType)).ToList()));

    /// <summary>What was recorded since <see cref="Listen"/>; stops recording when disposed.</summary>
    public sealed class Recording(CommandRecorder owner, ConcurrentQueue<RecordedCommand> commands) : IDisposable
    {
        public IReadOnlyList<RecordedCommand> Commands => commands.ToList();

        public void Dispose()
        {
            if (ReferenceEquals(owner._commands, commands))
            {
                owner._commands = null;
            }
        }
    }
}
