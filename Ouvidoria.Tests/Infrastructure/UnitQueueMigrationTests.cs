using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Tests.Support.Integration;

namespace Ouvidoria.Tests.Infrastructure;

/// <summary>
/// The UnitQueue migration on a database that already has treatments: its SQL gives every existing
/// treatment the same queue copies (<see cref="Assignment.ManifestationOpen"/>,
/// <see cref="Assignment.ManifestationRegisteredAt"/>, <see cref="Assignment.InQueue"/>) the
/// aggregate would have kept. Run on the demo data (every status, reached through the real
/// transitions) plus a treatment reopened after the answer, with the columns reset first.
/// </summary>
public abstract class UnitQueueMigrationTests(OuvidoriaAppFactory app)
{
    [Fact]
    public async Task UnitQueueMigration_ExistingTreatments_GetTheCopiesTheAggregateKeeps()
    {
        var health = await app.UnitIdAsync(DemoStaff.HealthUnit);
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var collaborator = await app.ActorAsync(DemoStaff.HealthCollaborator);
        var reopened = await app.PrepareForwardedAsync(health);
        var assignmentId = (await app.OpenOkAsync(reopened.Id, ombudsman, recordAccess: false)).Team.Single().Id;
        await app.WorkflowOkAsync(w => w.FinalizeTreatmentAsync(reopened.Id, assignmentId, collaborator));
        await app.WorkflowOkAsync(w => w.AnswerAsync(reopened.Id, "Resposta conclusiva.", true, ombudsman));
        await app.WorkflowOkAsync(w => w.ReopenTreatmentAsync(reopened.Id, assignmentId, null, collaborator));

        var expected = await CopiesAsync();
        // Every case the SQL must tell apart: open, no longer open, and listed only through a reopened treatment.
        Assert.Contains(expected, c => c.Open && c.InQueue);
        Assert.Contains(expected, c => !c.Open && !c.InQueue);
        Assert.Contains(expected, c => c.Id == assignmentId && !c.Open && c.InQueue);

        await using (var db = app.CreateDbContext())
        {
            await db.Assignments.ExecuteUpdateAsync(s => s
                .SetProperty(a => a.InQueue, false)
                .SetProperty(a => a.ManifestationOpen, false)
                .SetProperty(a => a.ManifestationRegisteredAt, DateTimeOffset.UnixEpoch));
            Assert.All(await CopiesAsync(), c => Assert.False(c.InQueue));
            foreach (var sql in UnitQueueMigration().UpOperations.OfType<SqlOperation>())
            {
                await db.Database.ExecuteSqlRawAsync(sql.Sql);
            }
        }

        Assert.Equal(expected, await CopiesAsync());
    }

    private Migration UnitQueueMigration() => app.Database == TestDatabase.Postgres
        ? new Ouvidoria.Migrations.Postgres.Migrations.UnitQueue()
        : new Ouvidoria.Migrations.Sqlite.Migrations.UnitQueue();

    private async Task<List<Copies>> CopiesAsync()
    {
        await using var db = app.CreateDbContext();
        return await db.Assignments.AsNoTracking().OrderBy(a => a.Id)
            .Select(a => new Copies(a.Id, a.ManifestationOpen, a.InQueue, a.ManifestationRegisteredAt))
            .ToListAsync();
    }

    private sealed record Copies(Guid Id, bool Open, bool InQueue, DateTimeOffset RegisteredAt);
}

public sealed class UnitQueueMigrationTestsSqlite(SqliteDemoApp app) : UnitQueueMigrationTests(app), IClassFixture<SqliteDemoApp>;

public sealed class UnitQueueMigrationTestsPostgres(PostgresDemoApp app) : UnitQueueMigrationTests(app), IClassFixture<PostgresDemoApp>;
