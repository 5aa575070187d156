using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ouvidoria.Infrastructure.Identity;
using Ouvidoria.Infrastructure.Persistence;
using Ouvidoria.Tests.Support.Integration;

namespace Ouvidoria.Tests.Infrastructure;

/// <summary>Start-up on a fresh database: migrations (never EnsureCreated) and the baseline data.</summary>
public abstract class MigrationTests(OuvidoriaAppFactory app)
{
    [Fact]
    public async Task Startup_FreshDatabase_RunsOnTheConfiguredProvider()
    {
        await using var db = app.CreateDbContext();

        var expected = app.Database == TestDatabase.Postgres ? "Npgsql.EntityFrameworkCore.PostgreSQL" : "Microsoft.EntityFrameworkCore.Sqlite";
        Assert.Equal(expected, db.Database.ProviderName);
        Assert.Equal(app.ConnectionString, db.Database.GetConnectionString());
    }

    [Fact]
    public async Task Startup_FreshDatabase_AppliesEveryMigration()
    {
        await using var db = app.CreateDbContext();

        var all = db.Database.GetMigrations().ToList();
        var applied = (await db.Database.GetAppliedMigrationsAsync()).ToList();
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();

        Assert.NotEmpty(all);
        Assert.Equal(all, applied);
        Assert.Empty(pending);
    }

    [Fact]
    public async Task HasPendingModelChanges_ProviderModel_MigrationsMatchTheModel()
    {
        await using var db = app.CreateDbContext();

        Assert.False(db.Database.HasPendingModelChanges(),
            $"The {app.Database} migrations do not match the model: run scripts/add-migration.sh.");
    }

    [Fact]
    public async Task Startup_FreshDatabase_CreatesRolesAndBaselineThemes()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            Assert.True(await roles.RoleExistsAsync(role), $"role {role}");
        }

        await using var db = app.CreateDbContext();
        var themes = await db.Themes.Select(t => t.Name).OrderBy(n => n).ToListAsync();
        Assert.Equal(DefaultThemes.Create().Select(t => t.Name).Order().ToList(), themes);
    }

    [Fact]
    public async Task Startup_SeedDemoFalse_CreatesNoDemoData()
    {
        await using var db = app.CreateDbContext();

        Assert.Equal(0, await db.Units.CountAsync());
        Assert.Equal(0, await db.Users.CountAsync());
        Assert.Equal(0, await db.Manifestations.CountAsync());
    }
}

public sealed class MigrationTestsSqlite(SqliteEmptyApp app) : MigrationTests(app), IClassFixture<SqliteEmptyApp>;

public sealed class MigrationTestsPostgres(PostgresEmptyApp app) : MigrationTests(app), IClassFixture<PostgresEmptyApp>;
