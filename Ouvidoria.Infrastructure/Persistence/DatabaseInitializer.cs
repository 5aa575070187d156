using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ouvidoria.Domain.Organization;
using Ouvidoria.Infrastructure.Audit;
using Ouvidoria.Infrastructure.Identity;
using Ouvidoria.Infrastructure.Persistence.Protection;
using Ouvidoria.Infrastructure.Seeding;

namespace Ouvidoria.Infrastructure.Persistence;

/// <summary>
/// Start-up: applies migrations (never EnsureCreated), turns on WAL for SQLite, makes sure a Data
/// Protection key exists (before any transaction needs one), upgrades a pre-existing database once
/// (<see cref="AuditIntegrityUpgrade"/>), creates the roles, the baseline themes and the default text templates (every environment), and — when
/// <c>Seed:Demo</c> is true — the demo data set.
/// </summary>
public static class DatabaseInitializer
{
    public static async Task InitializeDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        using var scope = services.CreateScope();
        var provider = scope.ServiceProvider;
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger("Ouvidoria.Database");
        var options = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var factory = provider.GetRequiredService<IDbContextFactory<OuvidoriaDbContext>>();

        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            if (db.Database.IsSqlite())
            {
                // WAL lets readers proceed while a registration writes; the setting persists in the file.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }

            var upgradeAudit = false;
            if (options.MigrateOnStartup)
            {
                var history = db.GetService<IHistoryRepository>();
                var applied = await history.ExistsAsync(cancellationToken)
                    ? (await history.GetAppliedMigrationsAsync(cancellationToken)).Select(m => m.MigrationId).ToList()
                    : [];
                upgradeAudit = AuditIntegrityUpgrade.IsNeededAfter(applied);
                await db.Database.MigrateAsync(cancellationToken);
            }

            provider.GetRequiredService<DataProtectionKeyKeeper>().EnsureKeys();
            if (upgradeAudit)
            {
                await provider.GetRequiredService<AuditIntegrityUpgrade>().RunAsync(cancellationToken);
                logger.LogWarning("Banco existente atualizado: dados de identificação cifrados e histórico selado.");
            }

            if (!await db.Themes.AnyAsync(cancellationToken))
            {
                db.Themes.AddRange(DefaultThemes.Create());
                await db.SaveChangesAsync(cancellationToken);
            }

            await DefaultTextTemplates.EnsureAsync(db, (provider.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow(), cancellationToken);
        }

        var roleManager = provider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roleManager.RoleExistsAsync(role))
            {
                await roleManager.CreateAsync(new IdentityRole(role));
            }
        }

        if (provider.GetRequiredService<IConfiguration>().GetValue("Seed:Demo", false))
        {
            var seeder = ActivatorUtilities.CreateInstance<DemoSeeder>(provider);
            await seeder.SeedAsync(cancellationToken);
            logger.LogInformation("Dados de demonstração verificados.");
        }
    }
}

/// <summary>The themes every office starts with (administrators edit them later).</summary>
public static class DefaultThemes
{
    public static IReadOnlyList<Theme> Create() =>
    [
        new("Saúde", PersonalDataRequirement.NameAndEmail),
        new("Educação", PersonalDataRequirement.NameAndEmail),
        new("Transporte e mobilidade", PersonalDataRequirement.Name),
        new("Obras e infraestrutura", PersonalDataRequirement.Name),
        new("Meio ambiente", PersonalDataRequirement.Name),
        new("Segurança pública", PersonalDataRequirement.NameAndEmail),
        new("Assistência social", PersonalDataRequirement.NameAndEmail),
        new("Servidores e conduta funcional", PersonalDataRequirement.NameAndEmail),
        new("Licitações e contratos", PersonalDataRequirement.Name),
        new("Atendimento ao cidadão", PersonalDataRequirement.None),
        new("Tributos e finanças", PersonalDataRequirement.NameAndEmail),
        new("Outros assuntos", PersonalDataRequirement.Name),
    ];
}
