using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Audit;
using Ouvidoria.Infrastructure.Persistence;
using Ouvidoria.Infrastructure.Seeding;
using Ouvidoria.Tests.Support.Integration;
using Ouvidoria.Web.Features.Audit;
using Ouvidoria.Web.Features.Manifestations;

namespace Ouvidoria.Tests.Infrastructure.Audit;

/// <summary>
/// The history chain as the application writes it: the demo database verifies clean, and staff
/// opening the same manifestation at the same instant never fork its chain (each access is logged,
/// in one line of consecutive entries).
/// </summary>
public abstract class HistoryIntegrityTests(OuvidoriaAppFactory app)
{
    private Task<BrokenChain?> VerifyAsync(Guid id) => app.Services.GetRequiredService<HistoryVerifier>().VerifyAsync(id);

    private async Task<(int Version, int Length, List<(int Sequence, HistoryAction Action, string Actor)> Entries)> ChainAsync(Guid id)
    {
        await using var db = app.CreateDbContext();
        var row = await db.Manifestations.AsNoTracking().Where(m => m.Id == id)
            .Select(m => new { m.Version, Length = EF.Property<int>(m, OuvidoriaDbContext.HistoryLength) }).SingleAsync();
        var entries = await db.History.AsNoTracking().Where(h => h.ManifestationId == id).OrderBy(h => h.Sequence)
            .Select(h => new { h.Sequence, h.Action, h.ActorName }).ToListAsync();
        return (row.Version, row.Length, entries.Select(e => (e.Sequence, e.Action, e.ActorName)).ToList());
    }

    [Fact]
    public async Task VerifyAll_DemoDatabase_IsIntact()
    {
        var result = await app.Services.GetRequiredService<HistoryVerifier>().VerifyAllAsync();

        Assert.True(result.Intact, string.Join(Environment.NewLine, result.Broken.Select(b => $"{b.Nup} nº {b.Sequence}: {b.Problem}")));
        Assert.True(result.Manifestations >= DemoSeeder.ManifestationCount, $"{result.Manifestations} manifestações verificadas");
        Assert.True(result.Entries > 2 * result.Manifestations, $"{result.Entries} registros verificados");
    }

    [Fact]
    public async Task VerifyHistoryCommand_IntactDatabase_PrintsIntactAndExitsWithZero()
    {
        var output = new StringWriter();

        var exitCode = await VerifyHistoryCommand.RunAsync(app.Services, output);

        Assert.Equal(0, exitCode);
        Assert.Matches(@"^Histórico de ações íntegro: \d+ manifestações, \d+ registros verificados\.", output.ToString());
    }

    [Fact]
    public async Task RecordAccess_SixStaffOpenTheSameManifestationAtOnce_EveryAccessLoggedInOneLinearChain()
    {
        var prepared = await app.PrepareForwardedAsync(await app.UnitIdAsync(DemoStaff.HealthUnit));
        var viewers = new[] { DemoStaff.Ombudsman, DemoStaff.HealthCollaborator, DemoStaff.Manager, DemoStaff.Ombudsman, DemoStaff.HealthCollaborator, DemoStaff.Manager };
        var actors = await Task.WhenAll(viewers.Select(app.ActorAsync));
        var before = await ChainAsync(prepared.Id);

        Result<ManifestationDetails>[] opened;
        using (app.Rendezvous.Arm(participants: viewers.Length))
        {
            // All six load the same chain head before any of them saves: the race is certain.
            opened = await Task.WhenAll(actors.Select(actor => Task.Run(() => app.OpenAsync(prepared.Id, actor))));
        }

        Assert.All(opened, r => Assert.True(r.IsSuccess, r.Error?.Message));
        var after = await ChainAsync(prepared.Id);
        Assert.Equal(Enumerable.Range(1, before.Length + viewers.Length), after.Entries.Select(e => e.Sequence));
        Assert.Equal(before.Length + viewers.Length, after.Length);
        var accesses = after.Entries.Skip(before.Length).ToList();
        Assert.All(accesses, e => Assert.Equal(HistoryAction.Viewed, e.Action));
        Assert.Equal(actors.Select(a => a.Name).Order(), accesses.Select(e => e.Actor).Order());
        Assert.Equal(before.Version, after.Version);
        Assert.Null(await VerifyAsync(prepared.Id));
    }

    [Fact]
    public async Task RecordAccess_SixteenParallelOpenings_NoneFailsAndTheChainStaysLinear()
    {
        var prepared = await app.PrepareForwardedAsync(await app.UnitIdAsync(DemoStaff.HealthUnit));
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var before = await ChainAsync(prepared.Id);

        var opened = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => app.OpenAsync(prepared.Id, ombudsman))));

        Assert.All(opened, r => Assert.True(r.IsSuccess, r.Error?.Message));
        var after = await ChainAsync(prepared.Id);
        Assert.Equal(Enumerable.Range(1, before.Length + 16), after.Entries.Select(e => e.Sequence));
        Assert.Null(await VerifyAsync(prepared.Id));
    }

    [Fact]
    public async Task RecordAccess_WhileAnEditIsSaved_BothSucceedAndTheChainStaysLinear()
    {
        var prepared = await app.PrepareForwardedAsync(await app.UnitIdAsync(DemoStaff.HealthUnit));
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var collaborator = await app.ActorAsync(DemoStaff.HealthCollaborator);
        var before = await ChainAsync(prepared.Id);

        Result<Done> edited;
        Result<ManifestationDetails> opened;
        using (app.Rendezvous.Arm(participants: 2))
        {
            var edit = Task.Run(() => app.WorkflowAsync(w => w.WriteInternalNoteAsync(prepared.Id, "Nota escrita durante um acesso.", ombudsman)));
            var open = Task.Run(() => app.OpenAsync(prepared.Id, collaborator));
            (edited, opened) = (await edit, await open);
        }

        // An access does not conflict with an edit: only the chain moved, so the loser is re-linked.
        Assert.True(edited.IsSuccess, edited.Error?.Message);
        Assert.True(opened.IsSuccess, opened.Error?.Message);
        var after = await ChainAsync(prepared.Id);
        Assert.Equal(before.Version + 1, after.Version);
        Assert.Equal(Enumerable.Range(1, before.Length + 2), after.Entries.Select(e => e.Sequence));
        Assert.Equal(new[] { HistoryAction.InternalNoteWritten, HistoryAction.Viewed }.Order(), after.Entries.Skip(before.Length).Select(e => e.Action).Order());
        Assert.Null(await VerifyAsync(prepared.Id));
    }

    [Fact]
    public async Task SaveChanges_AccessLoadedBeforeAnEditWasSaved_IsLinkedAfterTheEdit()
    {
        var prepared = await app.PrepareForwardedAsync(await app.UnitIdAsync(DemoStaff.HealthUnit));
        var collaborator = await app.ActorAsync(DemoStaff.HealthCollaborator);
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var before = await ChainAsync(prepared.Id);
        await using var stale = app.CreateDbContext();
        var staleCopy = await stale.Manifestations.Include(m => m.Assignments).SingleAsync(m => m.Id == prepared.Id);
        staleCopy.RecordAccess(collaborator, app.Clock.GetUtcNow());

        await app.WorkflowOkAsync(w => w.WriteInternalNoteAsync(prepared.Id, "Nota salva antes do registro do acesso.", ombudsman));
        await stale.SaveChangesAsync();

        var after = await ChainAsync(prepared.Id);
        Assert.Equal([(before.Length + 1, HistoryAction.InternalNoteWritten), (before.Length + 2, HistoryAction.Viewed)], after.Entries.Skip(before.Length).Select(e => (e.Sequence, e.Action)));
        Assert.Equal(before.Version + 1, after.Version);
        Assert.Null(await VerifyAsync(prepared.Id));
    }

    [Fact]
    public async Task SaveChanges_EditLoadedBeforeAnAccessWasLogged_IsLinkedAfterTheAccess()
    {
        var prepared = await app.PrepareForwardedAsync(await app.UnitIdAsync(DemoStaff.HealthUnit));
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var before = await ChainAsync(prepared.Id);
        await using var stale = app.CreateDbContext();
        var staleCopy = await stale.Manifestations.SingleAsync(m => m.Id == prepared.Id);
        staleCopy.WriteInternalNote("Nota escrita enquanto outra pessoa abria a manifestação.", ombudsman, app.Clock.GetUtcNow());

        await app.OpenOkAsync(prepared.Id, await app.ActorAsync(DemoStaff.HealthCollaborator));
        await stale.SaveChangesAsync();

        var after = await ChainAsync(prepared.Id);
        Assert.Equal([(before.Length + 1, HistoryAction.Viewed), (before.Length + 2, HistoryAction.InternalNoteWritten)], after.Entries.Skip(before.Length).Select(e => (e.Sequence, e.Action)));
        Assert.Equal(before.Version + 1, after.Version);
        Assert.Null(await VerifyAsync(prepared.Id));
    }

    [Fact]
    public async Task SaveChanges_HistoryEntryModified_IsRefusedAsTheLogIsAppendOnly()
    {
        var prepared = await app.PrepareForwardedAsync(await app.UnitIdAsync(DemoStaff.HealthUnit));
        await using var db = app.CreateDbContext();
        var entry = await db.History.FirstAsync(h => h.ManifestationId == prepared.Id);
        db.Entry(entry).Property(h => h.Details).CurrentValue = "Reescrito pela aplicação";

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());

        Assert.Equal("O histórico de ações é somente de acréscimo: seus registros não são alterados nem excluídos.", error.Message);
        Assert.Null(await VerifyAsync(prepared.Id));
    }
}

public sealed class HistoryIntegrityTestsSqlite(SqliteDemoApp app) : HistoryIntegrityTests(app), IClassFixture<SqliteDemoApp>;

public sealed class HistoryIntegrityTestsPostgres(PostgresDemoApp app) : HistoryIntegrityTests(app), IClassFixture<PostgresDemoApp>;
