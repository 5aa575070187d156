using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Audit;
using Ouvidoria.Infrastructure.Persistence;
using Ouvidoria.Tests.Support.Integration;

namespace Ouvidoria.Tests.Infrastructure.Audit;

/// <summary>
/// A database created before the AuditIntegrity migration, with plain-text identities and unchained
/// history written in SQL as the old version left them, then opened by this version: the start-up
/// that migrates it encrypts the identities and seals the history, which then verifies and grows.
/// </summary>
public abstract class AuditUpgradeTests(LegacyDatabaseApp app)
{
    [Fact]
    public async Task Startup_LegacyDatabase_HistoryNumberedByTimeAndSealed()
    {
        await using var db = app.CreateDbContext();
        var actions = await db.History.AsNoTracking().Where(h => h.ManifestationId == app.Identified).OrderBy(h => h.Sequence).Take(3)
            .Select(h => new { h.Sequence, h.Action }).ToListAsync();

        Assert.Equal([(1, HistoryAction.Registered), (2, HistoryAction.TriageStarted), (3, HistoryAction.Viewed)], actions.Select(a => (a.Sequence, a.Action)));
        var result = await app.Services.GetRequiredService<HistoryVerifier>().VerifyAllAsync();
        Assert.True(result.Intact, string.Join("; ", result.Broken.Select(b => $"{b.Nup} nº {b.Sequence}: {b.Problem}")));
        Assert.Equal(2, result.Manifestations);
        Assert.True(result.Entries >= 4, $"{result.Entries} registros");
    }

    [Fact]
    public async Task Startup_LegacyDatabase_IdentityEncryptedAndStillReadable()
    {
        await using var db = app.CreateDbContext();
        var raw = await db.Database.SqlQuery<string>($"SELECT \"RequesterName\" AS \"Value\" FROM \"Manifestations\" WHERE \"Id\" = {app.Identified}").SingleAsync();
        var rawEmail = await db.Database.SqlQuery<string>($"SELECT \"RequesterEmail\" AS \"Value\" FROM \"Manifestations\" WHERE \"Id\" = {app.Identified}").SingleAsync();
        var requesters = await db.Manifestations.AsNoTracking().OrderBy(m => m.RegisteredAt).Select(m => m.Requester).ToListAsync();

        Assert.DoesNotContain("Legada", raw);
        Assert.DoesNotContain("legada@", rawEmail);
        Assert.Equal(new Requester?[] { new(LegacyDatabaseApp.Name, LegacyDatabaseApp.Email, null), null }, requesters);
    }

    [Fact]
    public async Task Startup_LegacyDatabase_NewAccessesContinueTheSealedChain()
    {
        var ombudsman = new Actor("legacy-ombudsman", "Analista da Ouvidoria", ActorKind.Ombudsman);

        var opened = await app.OpenOkAsync(app.Identified, ombudsman);

        Assert.Equal(LegacyDatabaseApp.Name, opened.RequesterName);
        await using var db = app.CreateDbContext();
        var last = await db.History.Where(h => h.ManifestationId == app.Identified).OrderByDescending(h => h.Sequence).FirstAsync();
        Assert.Equal((4, HistoryAction.Viewed, "Analista da Ouvidoria"), (last.Sequence, last.Action, last.ActorName));
        Assert.Null(await app.Services.GetRequiredService<HistoryVerifier>().VerifyAsync(app.Identified));
    }
}

/// <summary>
/// The app on a database that the previous version created and filled: before the host starts, the
/// database is migrated only up to the migration before AuditIntegrity and rows are inserted with SQL.
/// </summary>
public abstract class LegacyDatabaseApp(TestDatabase database) : OuvidoriaAppFactory(database, seedDemo: false)
{
    public const string Name = "Joana Legada dos Santos";
    public const string Email = "joana.legada@exemplo.com.br";

    public Guid Identified { get; } = Guid.NewGuid();

    public Guid Anonymous { get; } = Guid.NewGuid();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        CreateLegacyDatabase();
        base.ConfigureWebHost(builder);
    }

    private void CreateLegacyDatabase()
    {
        var options = new DbContextOptionsBuilder<OuvidoriaDbContext>();
        PersistenceRegistration.Configure(options, Database == TestDatabase.Postgres ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite, ConnectionString);
        using var db = new OuvidoriaDbContext(options.Options, new EphemeralDataProtectionProvider(), HistoryChain.ForDevelopment());
        var previous = db.Database.GetMigrations().TakeWhile(m => !m.EndsWith("_" + AuditIntegrityUpgrade.MigrationName, StringComparison.Ordinal)).Last();
        db.GetService<IMigrator>().Migrate(previous);

        var t0 = new DateTimeOffset(2026, 10, 1, 12, 0, 0, TimeSpan.Zero);
        // The old SQLite schema stores timestamps as UTC ticks; PostgreSQL as timestamptz.
        object At(DateTimeOffset at) => Database == TestDatabase.Sqlite ? at.UtcTicks : at;
        void Manifestation(Guid id, int sequence, string type, string? name, string? email)
        {
            var nup = Nup.Create(12345, sequence, 2026).Digits;
            var at = At(t0.AddMinutes(sequence));
            db.Database.ExecuteSql($"""
                INSERT INTO "Manifestations" ("Id", "Nup", "Type", "Channel", "Subject", "Description", "Status", "ConsentToShare", "PasswordHash",
                    "RegisteredAt", "LastChangedAt", "ClockPauseUsed", "Version", "CitizenDueAt", "CitizenDeadlineExtended")
                VALUES ({id}, {nup}, {type}, {"Web"}, {"Assunto antigo"}, {"Relato registrado pela versão anterior."}, {"InTriage"}, {name != null}, {"v1.1.AAAA.AAAA"},
                    {at}, {at}, {false}, {3}, {At(t0.AddDays(30))}, {false})
                """);
            if (name is not null && email is not null)
            {
                db.Database.ExecuteSql($"""UPDATE "Manifestations" SET "RequesterName" = {name}, "RequesterEmail" = {email} WHERE "Id" = {id}""");
            }
        }

        void History(Guid manifestation, string action, string actor, int minutes) => db.Database.ExecuteSql($"""
            INSERT INTO "History" ("Id", "ManifestationId", "Action", "ActorName", "At")
            VALUES ({Guid.NewGuid()}, {manifestation}, {action}, {actor}, {At(t0.AddMinutes(minutes))})
            """);

        Manifestation(Identified, 1, "Complaint", Name, Email);
        Manifestation(Anonymous, 2, "Communication", null, null);
        // Inserted out of order: the migration numbers them by time.
        History(Identified, "Viewed", "Analista da Ouvidoria", 30);
        History(Identified, "Registered", "Cidadão", 1);
        History(Identified, "TriageStarted", "Analista da Ouvidoria", 20);
        History(Anonymous, "Registered", "Cidadão", 2);
    }
}

public sealed class SqliteLegacyDatabaseApp() : LegacyDatabaseApp(TestDatabase.Sqlite);

public sealed class PostgresLegacyDatabaseApp() : LegacyDatabaseApp(TestDatabase.Postgres);

public sealed class AuditUpgradeTestsSqlite(SqliteLegacyDatabaseApp app) : AuditUpgradeTests(app), IClassFixture<SqliteLegacyDatabaseApp>;

public sealed class AuditUpgradeTestsPostgres(PostgresLegacyDatabaseApp app) : AuditUpgradeTests(app), IClassFixture<PostgresLegacyDatabaseApp>;
