using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Audit;
using Ouvidoria.Tests.Support.Integration;
using Ouvidoria.Web.Features.Audit;

namespace Ouvidoria.Tests.Infrastructure.Audit;

/// <summary>
/// Someone with write access to the database edits the access log behind the application's back
/// (raw SQL): the verifier names the manifestation and the first entry that no longer verifies.
/// Each test tampers with a manifestation of its own.
/// </summary>
public abstract class HistoryTamperTests(OuvidoriaAppFactory app)
{
    private sealed record Prepared(Guid Id, string Nup, IReadOnlyList<HistoryEntry> Entries)
    {
        public int Last => Entries[^1].Sequence;

        public int SequenceOf(HistoryAction action) => Entries.Single(e => e.Action == action).Sequence;
    }

    /// <summary>A forwarded case that the unit's collaborator then opened (the last entry is that access).</summary>
    private async Task<Prepared> PrepareAsync()
    {
        var prepared = await app.PrepareForwardedAsync(await app.UnitIdAsync(DemoStaff.HealthUnit));
        app.Clock.Advance(TimeSpan.FromHours(1));
        await app.OpenOkAsync(prepared.Id, await app.ActorAsync(DemoStaff.HealthCollaborator));
        await using var db = app.CreateDbContext();
        var entries = await db.History.AsNoTracking().Where(h => h.ManifestationId == prepared.Id).OrderBy(h => h.Sequence).ToListAsync();
        Assert.Equal(Enumerable.Range(1, entries.Count), entries.Select(e => e.Sequence));
        Assert.Equal(HistoryAction.Viewed, entries[^1].Action);
        Assert.Null(await VerifyAsync(prepared.Id));
        return new Prepared(prepared.Id, prepared.Nup, entries);
    }

    private Task<BrokenChain?> VerifyAsync(Guid id) => app.Services.GetRequiredService<HistoryVerifier>().VerifyAsync(id);

    /// <summary>Runs one statement as an attacker would; it must hit exactly one row.</summary>
    private async Task TamperAsync(FormattableString sql)
    {
        await using var db = app.CreateDbContext();
        Assert.Equal(1, await db.Database.ExecuteSqlAsync(sql));
    }

    [Fact]
    public async Task Verify_DetailsEditedWithSql_ReportsThatEntry()
    {
        var m = await PrepareAsync();
        var forwarded = m.SequenceOf(HistoryAction.Forwarded);

        await TamperAsync($"UPDATE \"History\" SET \"Details\" = {"Encaminhada a outra unidade"} WHERE \"ManifestationId\" = {m.Id} AND \"Sequence\" = {forwarded}");

        var broken = Assert.IsType<BrokenChain>(await VerifyAsync(m.Id));
        Assert.Equal((m.Id, m.Nup, forwarded), (broken.ManifestationId, broken.Nup, broken.Sequence));
        Assert.Equal("Conteúdo alterado: ação, autor, detalhes ou data diferem do que foi selado.", broken.Problem);
        Assert.Equal("Encaminhada", broken.ActionLabel);
    }

    [Fact]
    public async Task Verify_AccessAttributedToSomeoneElseWithSql_ReportsThatEntry()
    {
        var m = await PrepareAsync();

        await TamperAsync($"UPDATE \"History\" SET \"ActorName\" = {"Ana Ribeiro"}, \"ActorId\" = NULL WHERE \"ManifestationId\" = {m.Id} AND \"Sequence\" = {m.Last}");

        var broken = Assert.IsType<BrokenChain>(await VerifyAsync(m.Id));
        Assert.Equal(m.Last, broken.Sequence);
        Assert.Equal("Acesso à manifestação", broken.ActionLabel);
        Assert.StartsWith("Conteúdo alterado", broken.Problem);
    }

    [Fact]
    public async Task Verify_MiddleEntryDeleted_ReportsTheMissingPosition()
    {
        var m = await PrepareAsync();

        await TamperAsync($"DELETE FROM \"History\" WHERE \"ManifestationId\" = {m.Id} AND \"Sequence\" = {3}");

        var broken = Assert.IsType<BrokenChain>(await VerifyAsync(m.Id));
        Assert.Equal(3, broken.Sequence);
        Assert.Equal("Registro nº 3 ausente: a sequência salta para 4.", broken.Problem);
    }

    [Fact]
    public async Task Verify_NewestEntryDeleted_ReportsTheTruncation()
    {
        var m = await PrepareAsync();

        await TamperAsync($"DELETE FROM \"History\" WHERE \"ManifestationId\" = {m.Id} AND \"Sequence\" = {m.Last}");

        var broken = Assert.IsType<BrokenChain>(await VerifyAsync(m.Id));
        Assert.Equal(m.Last, broken.Sequence);
        Assert.Equal($"Registros finais ausentes: a cadeia selada tem {m.Last} registros, restam {m.Last - 1}.", broken.Problem);
    }

    [Fact]
    public async Task Verify_NewestEntryDeletedAndChainLengthRewritten_ReportsAnInvalidSeal()
    {
        var m = await PrepareAsync();

        await TamperAsync($"DELETE FROM \"History\" WHERE \"ManifestationId\" = {m.Id} AND \"Sequence\" = {m.Last}");
        await TamperAsync($"UPDATE \"Manifestations\" SET \"HistoryLength\" = {m.Last - 1} WHERE \"Id\" = {m.Id}");

        var broken = Assert.IsType<BrokenChain>(await VerifyAsync(m.Id));
        Assert.Equal(m.Last - 1, broken.Sequence);
        Assert.Equal("Selo da cadeia inválido: o comprimento ou o último registro não conferem.", broken.Problem);
    }

    [Fact]
    public async Task Verify_AccessTimestampMovedBeforeTheCaseWasForwarded_ReportsThatEntry()
    {
        var m = await PrepareAsync();
        Assert.True(m.Entries[^1].At > m.Entries[0].At);

        // The access now appears to have happened when the case was registered, before it reached the unit.
        await TamperAsync($"""
            UPDATE "History" SET "At" = (SELECT h."At" FROM "History" h WHERE h."ManifestationId" = {m.Id} AND h."Sequence" = 1)
            WHERE "ManifestationId" = {m.Id} AND "Sequence" = {m.Last}
            """);

        var broken = Assert.IsType<BrokenChain>(await VerifyAsync(m.Id));
        Assert.Equal(m.Last, broken.Sequence);
        Assert.Equal(m.Entries[0].At, broken.At);
        Assert.StartsWith("Conteúdo alterado", broken.Problem);
    }

    [Fact]
    public async Task Verify_UnknownActionWrittenWithSql_ReportsItInsteadOfFailing()
    {
        var m = await PrepareAsync();

        await TamperAsync($"UPDATE \"History\" SET \"Action\" = {"Apagado"} WHERE \"ManifestationId\" = {m.Id} AND \"Sequence\" = {m.Last}");

        var broken = Assert.IsType<BrokenChain>(await VerifyAsync(m.Id));
        Assert.Equal((m.Last, "Apagado"), (broken.Sequence, broken.ActionLabel));
        Assert.StartsWith("Conteúdo alterado", broken.Problem);
    }

    [Fact]
    public async Task Verify_NewAccessesAfterADeletion_KeepTheGapReported()
    {
        var m = await PrepareAsync();
        await TamperAsync($"DELETE FROM \"History\" WHERE \"ManifestationId\" = {m.Id} AND \"Sequence\" = {m.Last}");

        // The application keeps logging (availability) but cannot hide the hole.
        await app.OpenOkAsync(m.Id, await app.ActorAsync(DemoStaff.Ombudsman));

        var broken = Assert.IsType<BrokenChain>(await VerifyAsync(m.Id));
        Assert.Equal(m.Last, broken.Sequence);
        Assert.Equal($"Registro nº {m.Last} ausente: a sequência salta para {m.Last + 1}.", broken.Problem);
    }

    [Fact]
    public async Task VerifyAllAndCommand_OneChainEdited_ListItsNupAndFirstBadEntry()
    {
        var m = await PrepareAsync();
        var extract = m.SequenceOf(HistoryAction.ExtractWritten);
        await TamperAsync($"UPDATE \"History\" SET \"ActorName\" = {"Outra pessoa"} WHERE \"ManifestationId\" = {m.Id} AND \"Sequence\" = {extract}");

        var all = await app.Services.GetRequiredService<HistoryVerifier>().VerifyAllAsync();
        var output = new StringWriter();
        var exitCode = await VerifyHistoryCommand.RunAsync(app.Services, output);

        Assert.False(all.Intact);
        var broken = Assert.Single(all.Broken, b => b.ManifestationId == m.Id);
        Assert.Equal((m.Nup, extract), (broken.Nup, broken.Sequence));
        Assert.Equal(1, exitCode);
        Assert.Contains("Histórico de ações VIOLADO", output.ToString());
        Assert.Contains($"{m.Nup} — registro nº {extract} (Extrato (pseudonimização) registrado, ", output.ToString());
    }
}

public sealed class HistoryTamperTestsSqlite(SqliteDemoApp app) : HistoryTamperTests(app), IClassFixture<SqliteDemoApp>;

public sealed class HistoryTamperTestsPostgres(PostgresDemoApp app) : HistoryTamperTests(app), IClassFixture<PostgresDemoApp>;
