using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Tests.Support.Integration;
using Ouvidoria.Web.Features.Home;
using Ouvidoria.Web.Features.Queue;

namespace Ouvidoria.Tests.Features.Queue;

/// <summary>The home cards drill into the queue: each number must equal the queue total it links to.</summary>
public abstract class HomeSummaryTests(OuvidoriaAppFactory app)
{
    private Task<IReadOnlyList<SummaryCard>> CardsAsync(Actor actor) =>
        app.WithAsync<HomeSummaryQuery, IReadOnlyList<SummaryCard>>(q => q.ExecuteAsync(actor));

    private async Task<int> QueueTotalAsync(QueueFilter filter, Actor actor)
    {
        var result = await app.WithAsync<QueueQuery, Result<QueuePage>>(q => q.ExecuteAsync(filter, actor, 0, 1));
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value.Total;
    }

    [Fact]
    public async Task HomeSummaryQuery_OmbudsmanCards_EqualTheQueueTotalsTheyLinkTo()
    {
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        foreach (var status in new[] { ManifestationStatus.Registered, ManifestationStatus.InTriage, ManifestationStatus.AwaitingComplement, ManifestationStatus.InTreatment })
        {
            await app.CreateInStatusAsync(status);
        }

        var cards = (await CardsAsync(ombudsman)).ToDictionary(c => c.Link, c => c.Value);

        Assert.Equal(await QueueTotalAsync(new QueueFilter { Status = ManifestationStatus.Registered }, ombudsman), cards["/tratar?status=Registered"]);
        Assert.Equal(await QueueTotalAsync(new QueueFilter { Status = ManifestationStatus.InTriage }, ombudsman), cards["/tratar?status=InTriage"]);
        Assert.Equal(await QueueTotalAsync(new QueueFilter { Status = ManifestationStatus.InTreatment }, ombudsman), cards["/tratar?status=InTreatment"]);
        Assert.Equal(await QueueTotalAsync(new QueueFilter { Status = ManifestationStatus.AwaitingComplement }, ombudsman), cards["/tratar?status=AwaitingComplement"]);
        Assert.Equal(await QueueTotalAsync(new QueueFilter { OverdueOnly = true }, ombudsman), cards["/tratar?vencidas=true"]);
        Assert.Equal(await QueueTotalAsync(new QueueFilter { Resolved = false }, ombudsman), cards["/tratar?resolvida=false"]);
        Assert.All(cards.Values, v => Assert.True(v > 0));
    }

    [Theory]
    [InlineData(DemoStaff.HealthCollaborator)]
    [InlineData(DemoStaff.EducationCollaborator)]
    public async Task HomeSummaryQuery_CollaboratorOverdueCard_EqualsTheQueueTotalItLinksTo(string email)
    {
        var collaborator = await app.ActorAsync(email);

        var cards = await CardsAsync(collaborator);

        var overdue = cards.Single(c => c.Link == "/tratar?vencidas=true");
        Assert.Equal(await QueueTotalAsync(new QueueFilter { OverdueOnly = true }, collaborator), overdue.Value);
    }
}

public sealed class HomeSummaryTestsSqlite(SqliteDemoApp app) : HomeSummaryTests(app), IClassFixture<SqliteDemoApp>;

public sealed class HomeSummaryTestsPostgres(PostgresDemoApp app) : HomeSummaryTests(app), IClassFixture<PostgresDemoApp>;
