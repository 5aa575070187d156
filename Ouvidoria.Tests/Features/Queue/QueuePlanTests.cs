using Ouvidoria.Domain.Common;
using Ouvidoria.Tests.Support.Integration;
using Ouvidoria.Web.Features.Queue;

namespace Ouvidoria.Tests.Features.Queue;

/// <summary>
/// What the default queue of a unit asks the database (ADR 0015): the pager's total and the page's
/// ids come from the treatments' partial queue indexes alone — no manifestation is read until the
/// page's own rows — so a unit's first page costs the same whatever the size of the office's
/// history. The 1M-row benchmark shows the times; this shows the shape, on both databases.
/// </summary>
public abstract class QueuePlanTests(OuvidoriaAppFactory app)
{
    [Theory]
    [InlineData(QueueSort.Oldest)]
    [InlineData(QueueSort.Newest)]
    public async Task QueueQuery_CollaboratorDefaultQueue_CountsAndPagesFromTheQueueIndexesWithoutReadingManifestations(QueueSort sort)
    {
        var collaborator = await app.ActorAsync(DemoStaff.HealthCollaborator);
        IReadOnlyList<RecordedCommand> commands;
        Result<QueuePage> result;
        using (var recording = app.Commands.Listen())
        {
            result = await app.WithAsync<QueueQuery, Result<QueuePage>>(q => q.ExecuteAsync(new QueueFilter { OpenOnly = true, Sort = sort }, collaborator, 0, 20));
            commands = recording.Commands;
        }

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.NotEmpty(result.Value.Items);
        // The total, the page's ids, then the page's rows and their units.
        Assert.True(commands.Count >= 3, string.Join("\n\n", commands.Select(c => c.Sql)));
        foreach (var command in commands.Take(2))
        {
            Assert.DoesNotContain("\"Manifestations\"", command.Sql, StringComparison.Ordinal);
            var plan = await QueryPlans.ExplainAsync(app, command);
            // The unit's treatments from the unit's queue index; those named to the collaborator from an
            // index on the collaborator (on a test-sized table PostgreSQL may take the plain one: both are few rows).
            Assert.True(plan.Contains("IX_Assignments_UnitQueue", StringComparison.Ordinal), plan + "\n" + command.Sql);
            Assert.Matches("IX_Assignments_Collaborator(Queue|Id)", plan);
            if (app.Database == TestDatabase.Postgres)
            {
                Assert.DoesNotContain("Seq Scan", plan, StringComparison.Ordinal);
            }
            else
            {
                Assert.DoesNotMatch(@"(?m)SCAN a\b", plan);
            }
        }
    }
}

public sealed class QueuePlanTestsSqlite(SqliteDemoApp app) : QueuePlanTests(app), IClassFixture<SqliteDemoApp>;

public sealed class QueuePlanTestsPostgres(PostgresDemoApp app) : QueuePlanTests(app), IClassFixture<PostgresDemoApp>;
