using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Ouvidoria.Infrastructure.Audit;
using Ouvidoria.Infrastructure.Persistence.Protection;

namespace Ouvidoria.Infrastructure.Persistence;

public static class PersistenceRegistration
{
    public const string ConnectionStringName = "Ouvidoria";

    /// <summary>Data Protection's application name: the same on every node, whatever its path.</summary>
    public const string DataProtectionApplicationName = "Ouvidoria";

    /// <summary>
    /// Registers <see cref="IDbContextFactory{OuvidoriaDbContext}"/> (and a scoped context for
    /// ASP.NET Core Identity) on the configured provider, with what the context needs: ASP.NET Core
    /// Data Protection with its key ring in the database (identity columns, WhatsApp numbers) and the
    /// history chain's key (<c>Audit:HistoryKey</c>).
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
        services.AddSingleton<Administration.SystemSettingsStore>();
        services.AddSingleton<Integration.IdempotencyStore>();

        services.AddSingleton(sp => HistoryChain.FromConfiguration(configuration, sp.GetRequiredService<IHostEnvironment>()));
        services.AddSingleton<HistoryVerifier>();
        services.AddSingleton<AuditIntegrityUpgrade>();

        services.AddDataProtection().SetApplicationName(DataProtectionApplicationName);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(
            options => options.XmlRepository = new DatabaseXmlRepository(sp.GetRequiredService<IDbContextFactory<OuvidoriaDbContext>>())));
        services.AddSingleton<DataProtectionKeyKeeper>();
        services.AddHostedService(sp => sp.GetRequiredService<DataProtectionKeyKeeper>());
        return services;
    }

    /// <summary>Shared by the app and the design-time factories of the two migrations assemblies.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString) =>
        (provider switch
        {
            DatabaseProvider.Sqlite => options.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly("Ouvidoria.Migrations.Sqlite")),
            DatabaseProvider.Postgres => options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly("Ouvidoria.Migrations.Postgres")),
        }).ReplaceService<IModelCacheKeyFactory, OuvidoriaModelCacheKeyFactory>();
}
