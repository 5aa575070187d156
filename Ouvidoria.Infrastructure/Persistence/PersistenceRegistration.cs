using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ouvidoria.Infrastructure.Persistence;

public static class PersistenceRegistration
{
    public const string ConnectionStringName = "Ouvidoria";

    /// <summary>
    /// Registers <see cref="IDbContextFactory{OuvidoriaDbContext}"/> (and a scoped context for
    /// ASP.NET Core Identity) on the configured provider.
    /// </summary>
    public static IServiceCollection AddOuvidoriaPersistence(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (database.Provider == DatabaseProvider.Postgres)
            {
                throw new InvalidOperationException("Database__Provider=Postgres requer ConnectionStrings__Ouvidoria (ex.: Host=localhost;Database=ouvidoria;Username=...;Password=...).");
            }

            var dataDirectory = Path.Combine(contentRoot, "App_Data");
            Directory.CreateDirectory(dataDirectory);
            connectionString = $"Data Source={Path.Combine(dataDirectory, "ouvidoria.db")}";
        }

        services.Configure<DatabaseOptions>(configuration.GetSection(DatabaseOptions.Section));
        services.Configure<NupOptions>(configuration.GetSection(NupOptions.Section));
        services.AddDbContextFactory<OuvidoriaDbContext>(options => Configure(options, database.Provider, connectionString));
        services.AddSingleton<NupAllocator>();
        return services;
    }

    /// <summary>Shared by the app and the design-time factories of the two migrations assemblies.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString) =>
        provider switch
        {
            DatabaseProvider.Sqlite => options.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly("Ouvidoria.Migrations.Sqlite")),
            DatabaseProvider.Postgres => options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly("Ouvidoria.Migrations.Postgres")),
        };
}
