namespace Ouvidoria.Infrastructure.Persistence;

/// <summary>Configuration key <c>Database:Provider</c> (environment: <c>Database__Provider</c>).</summary>
public enum DatabaseProvider
{
    /// <summary>Embedded default: a file under the app's data folder, WAL journal.</summary>
    Sqlite,

    /// <summary>PostgreSQL server (several nodes).</summary>
    Postgres,
}

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations at start-up (default true).</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
