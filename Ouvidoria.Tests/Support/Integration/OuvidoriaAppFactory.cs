using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Ouvidoria.Domain.Common;
using Ouvidoria.Infrastructure.Identity;
using Ouvidoria.Infrastructure.Persistence;

namespace Ouvidoria.Tests.Support.Integration;

/// <summary>
/// The real app (Program.cs, TestServer) on a fresh database of its own: a temp SQLite file, or a
/// uniquely named database on the PostgreSQL server given by <c>OUVIDORIA_TEST_POSTGRES</c>
/// (started by <c>bash scripts/test.sh</c>). Migrations and the optional demo seed run at start-up,
/// exactly as in production. The database is deleted/dropped on dispose. Use one per test class
/// (xunit class fixture): see <see cref="SqliteDemoApp"/> and friends.
/// </summary>
public abstract class OuvidoriaAppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string PostgresVariable = "OUVIDORIA_TEST_POSTGRES";

    private readonly string? _sqlitePath;
    private readonly string? _postgresAdmin;
    private readonly string? _postgresDatabase;
    private int _dropped;

    protected OuvidoriaAppFactory(TestDatabase database, bool seedDemo)
    {
        Database = database;
        SeedDemo = seedDemo;
        switch (database)
        {
            case TestDatabase.Sqlite:
                _sqlitePath = Path.Combine(Path.GetTempPath(), $"ouvidoria-test-{Guid.NewGuid():N}.db");
                ConnectionString = $"Data Source={_sqlitePath}";
                break;
            case TestDatabase.Postgres:
                _postgresAdmin = Environment.GetEnvironmentVariable(PostgresVariable);
                if (string.IsNullOrWhiteSpace(_postgresAdmin))
                {
                    throw new InvalidOperationException(
                        $"The PostgreSQL integration tests need a server: the environment variable {PostgresVariable} is not set " +
                        "(e.g. Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres). " +
                        "Run the tests with `bash scripts/test.sh`, which starts a throwaway PostgreSQL server and sets it.");
                }

                _postgresDatabase = $"ouvidoria_test_{Guid.NewGuid():N}";
                ConnectionString = new NpgsqlConnectionStringBuilder(_postgresAdmin) { Database = _postgresDatabase }.ConnectionString;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(database));
        }
    }

    public TestDatabase Database { get; }

    public bool SeedDemo { get; }

    /// <summary>Where this app stores attachment bytes (<c>Storage:Root</c>): a temp folder, deleted on dispose.</summary>
    public string StorageRoot { get; } = Path.Combine(Path.GetTempPath(), $"ouvidoria-test-files-{Guid.NewGuid():N}");

    public string ConnectionString { get; }

    /// <summary>The app's <see cref="TimeProvider"/>: frozen; tests may move it.</summary>
    public TestClock Clock { get; } = TestClock.StartingNow();

    /// <summary>Armed by concurrency tests to make two saves race deterministically.</summary>
    public SaveRendezvous Rendezvous { get; } = new();

    /// <summary>Records the app's queries while a test listens (plan and shape checks).</summary>
    public CommandRecorder Commands { get; } = new();

    public virtual async Task InitializeAsync()
    {
        if (Database == TestDatabase.Postgres)
        {
            await using var admin = new NpgsqlConnection(_postgresAdmin);
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_postgresDatabase}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        // Starts the host: migrations and seeding happen now, once per test class.
        _ = Services;
    }

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Interlocked.Exchange(ref _dropped, 1) == 1)
        {
            return;
        }

        if (Directory.Exists(StorageRoot))
        {
            Directory.Delete(StorageRoot, recursive: true);
        }

        if (_sqlitePath is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { _sqlitePath, _sqlitePath + "-wal", _sqlitePath + "-shm" })
            {
                File.Delete(file);
            }
        }

        if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(_postgresAdmin);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }

        GC.SuppressFinalize(this);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = Database == TestDatabase.Postgres ? nameof(DatabaseProvider.Postgres) : nameof(DatabaseProvider.Sqlite),
            ["Database:MigrateOnStartup"] = "true",
            ["ConnectionStrings:Ouvidoria"] = ConnectionString,
            ["Seed:Demo"] = SeedDemo ? "true" : "false",
            ["Storage:Root"] = StorageRoot,
            ["Email:PickupDirectory"] = Path.Combine(StorageRoot, "mail"),
            // Jobs run when a test calls them (fake clock); the jobs tests switch the scheduler on.
            ["Jobs:Enabled"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Error",
        };

        AddSettings(settings);
        builder.UseEnvironment("Development");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(settings));
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton(Rendezvous);
            services.ConfigureDbContext<OuvidoriaDbContext>((_, options) => options.AddInterceptors(Rendezvous, Commands), ServiceLifetime.Singleton);
        });
    }

    /// <summary>Lets a derived app change or add configuration (e.g. a real SMTP server).</summary>
    protected virtual void AddSettings(Dictionary<string, string?> settings)
    {
    }

    /// <summary>A fresh short-lived context, as the use cases use them.</summary>
    public OuvidoriaDbContext CreateDbContext() =>
        Services.GetRequiredService<IDbContextFactory<OuvidoriaDbContext>>().CreateDbContext();

    /// <summary>Resolves a use case in its own DI scope (as a request or a circuit would).</summary>
    public async Task<TResult> WithAsync<TService, TResult>(Func<TService, Task<TResult>> action)
        where TService : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>The domain actor of a staff account, built from the user, its roles and its unit.</summary>
    public async Task<Actor> ActorAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No user {email}.");
        var roles = await users.GetRolesAsync(user);
        return new Actor(user.Id, user.FullName, Roles.ToActorKind(roles), user.UnitId);
    }
}

/// <summary>SQLite, with the demo data set (units, one account per role, 320 manifestations).</summary>
public sealed class SqliteDemoApp() : OuvidoriaAppFactory(TestDatabase.Sqlite, seedDemo: true);

/// <summary>PostgreSQL, with the demo data set.</summary>
public sealed class PostgresDemoApp() : OuvidoriaAppFactory(TestDatabase.Postgres, seedDemo: true);

/// <summary>SQLite, migrated, with only the baseline themes and roles.</summary>
public sealed class SqliteEmptyApp() : OuvidoriaAppFactory(TestDatabase.Sqlite, seedDemo: false);

/// <summary>PostgreSQL, migrated, with only the baseline themes and roles.</summary>
public sealed class PostgresEmptyApp() : OuvidoriaAppFactory(TestDatabase.Postgres, seedDemo: false);
