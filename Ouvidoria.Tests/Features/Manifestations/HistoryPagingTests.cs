using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Tests.Support.Integration;
using Ouvidoria.Web.Features.Manifestations;

namespace Ouvidoria.Tests.Features.Manifestations;

/// <summary>
/// "Histórico de ações" (manual 2.2: "o histórico simplificado e completo de todas as ações
/// executadas, inclusive quem acessou a manifestação") on a heavily accessed case: the simplified
/// view is filtered in SQL, so accesses never push the workflow actions out; the complete view is
/// paged ("Carregar mais") down to the very first entry.
/// </summary>
public abstract class HistoryPagingTests(OuvidoriaAppFactory app)
{
    private const int Accesses = 650;

    [Fact]
    public async Task ManyAccesses_SimplifiedViewStillShowsTheEarliestActions_CompleteViewPagesDownToTheFirstEntry()
    {
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var carlos = await app.ActorAsync(DemoStaff.HealthCollaborator);
        var prepared = await app.PrepareForwardedAsync(carlos.UnitId!.Value);
        await RecordAccessesAsync(prepared.Id, carlos, Accesses);
        await app.WorkflowOkAsync(w => w.PostMessageAsync(prepared.Id, "Visitamos o posto hoje.", MessageVisibility.Team, carlos));
        int total;
        await using (var db = app.CreateDbContext())
        {
            total = await db.History.CountAsync(h => h.ManifestationId == prepared.Id);
        }

        Assert.True(total > Accesses + 5);

        var details = await app.OpenOkAsync(prepared.Id, ombudsman, recordAccess: false);

        // Simplified: every workflow action, oldest included, and no access.
        Assert.False(details.WorkflowHistoryHasMore);
        Assert.DoesNotContain(details.WorkflowHistory, h => h.Action.IsAccess());
        Assert.Equal(HistoryAction.MessagePosted, details.WorkflowHistory[0].Action);
        Assert.Equal(HistoryAction.Registered, details.WorkflowHistory[^1].Action);
        Assert.Contains(details.WorkflowHistory, h => h.Action == HistoryAction.TriageStarted);
        Assert.Contains(details.WorkflowHistory, h => h.Action == HistoryAction.ExtractWritten);
        Assert.Contains(details.WorkflowHistory, h => h.Action == HistoryAction.Forwarded);

        // Complete: newest first, one page at a time, every entry exactly once, down to "cadastrada".
        Assert.Equal(ManifestationDetailsQuery.HistoryPageSize, details.History.Count);
        Assert.True(details.HistoryHasMore);
        var all = details.History.ToList();
        var hasMore = details.HistoryHasMore;
        var pages = 1;
        while (hasMore)
        {
            var page = await PageAsync(prepared.Id, ombudsman, complete: true, all[^1].Sequence);
            Assert.True(page.IsSuccess, page.Error?.Message);
            Assert.InRange(page.Value.Entries.Count, 1, ManifestationDetailsQuery.HistoryPageSize);
            all.AddRange(page.Value.Entries);
            hasMore = page.Value.HasMore;
            pages++;
        }

        Assert.Equal(total, all.Count);
        Assert.Equal((total + ManifestationDetailsQuery.HistoryPageSize - 1) / ManifestationDetailsQuery.HistoryPageSize, pages);
        Assert.Equal(Enumerable.Range(1, total).Reverse(), all.Select(h => h.Sequence));
        Assert.Equal(HistoryAction.Registered, all[^1].Action);
        Assert.Equal(Accesses, all.Count(h => h.Action == HistoryAction.Viewed && h.ActorName == carlos.Name));

        // The simplified view read again through the paging call gives the same entries.
        var simplified = await PageAsync(prepared.Id, carlos, complete: false, int.MaxValue);
        Assert.True(simplified.IsSuccess, simplified.Error?.Message);
        Assert.Equal(details.WorkflowHistory, simplified.Value.Entries);
    }

    [Fact]
    public async Task HistoryPageAsync_CollaboratorOfAnotherUnit_IsForbidden()
    {
        var prepared = await app.PrepareForwardedAsync(await app.UnitIdAsync(DemoStaff.HealthUnit));
        var outsider = await app.ActorAsync(DemoStaff.EducationCollaborator);

        var page = await PageAsync(prepared.Id, outsider, complete: true, int.MaxValue);

        Assert.Equal(ErrorKind.Forbidden, page.Error?.Kind);
    }

    private Task<Result<HistoryPage>> PageAsync(Guid id, Actor actor, bool complete, int before) =>
        app.WithAsync<ManifestationDetailsQuery, Result<HistoryPage>>(q => q.HistoryPageAsync(id, actor, complete, before));

    /// <summary>Many openings of the page (the access log), saved at once to keep the test fast.</summary>
    private async Task RecordAccessesAsync(Guid id, Actor actor, int count)
    {
        await using var db = app.CreateDbContext();
        var manifestation = await db.Manifestations.Include(m => m.Assignments).SingleAsync(m => m.Id == id);
        for (var i = 0; i < count; i++)
        {
            manifestation.RecordAccess(actor, app.Clock.GetUtcNow().AddSeconds(i));
        }

        await db.SaveChangesAsync();
    }
}

public sealed class HistoryPagingTestsSqlite(SqliteDemoApp app) : HistoryPagingTests(app), IClassFixture<SqliteDemoApp>;

public sealed class HistoryPagingTestsPostgres(PostgresDemoApp app) : HistoryPagingTests(app), IClassFixture<PostgresDemoApp>;
