using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Integration;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Integration;
using Ouvidoria.Infrastructure.Jobs;
using Ouvidoria.Infrastructure.Storage;
using Ouvidoria.Infrastructure.WhatsApp.Store;
using Ouvidoria.Tests.Support;
using Ouvidoria.Tests.Support.Integration;
using Ouvidoria.Web.Features.Administration.Settings;
using Ouvidoria.Web.Features.Assistant;
using Ouvidoria.Web.Features.Jobs;
using Ouvidoria.Web.Features.Shared;

namespace Ouvidoria.Tests.Features.Jobs;

/// <summary>
/// The retention job on the app's fake clock: idle assistant conversations, processed WhatsApp
/// rows past <c>ChannelLogDays</c>, the API's idempotency records past 24 h, and — only when the
/// office sets <c>ClosedCaseFilesDays</c> (0 keeps them) — the files of closed cases past that
/// period; never those of a demand concluded as unresolved nor of a case still open.
/// </summary>
public abstract class RetentionTests(OuvidoriaAppFactory app)
{
    private static readonly Actor Ombudsman = new("ouvidoria-retencao", "Analista da Ouvidoria", ActorKind.Ombudsman);
    private static readonly Actor Administrator = new("admin-retencao", "Administradora", ActorKind.Administrator);

    private async Task<RetentionResult> RunAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Retention>().RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Retention_ClosedCaseFiles_ErasedOnlyPastThePeriod_NeverForUnresolvedOrOpenCases_AndZeroKeepsThem()
    {
        var start = app.Clock.GetUtcNow();
        var resolved = await CaseWithFileAsync(ConcludeAsync(resolved: true));
        var archived = await CaseWithFileAsync(id => app.WorkflowOkAsync(w => w.ArchiveAsync(id, ArchiveReason.Duplicate, "Já registrada anteriormente.", Ombudsman)));
        var unresolved = await CaseWithFileAsync(ConcludeAsync(resolved: false));
        var resolvedLater = await CaseWithFileAsync(ConcludeAsync(resolved: false));
        var open = await CaseWithFileAsync(_ => Task.CompletedTask);
        var all = new[] { resolved, archived, unresolved, resolvedLater, open };

        // Twenty days after the conclusion the unit's proof arrives and the resolution is recorded.
        app.Clock.Set(start.AddDays(20));
        await app.WorkflowOkAsync(w => w.RecordResolutionAsync(resolvedLater.Id, "A sindicância concluiu e o servidor foi advertido.", Ombudsman));

        await SaveClosedCaseFilesDaysAsync(30);
        app.Clock.Set(start.AddDays(29));
        Assert.Equal((0, 0), Purged(await RunAsync()));
        await AssertFilesKeptAsync(all);

        // 0 = keep, however old the cases are.
        app.Clock.Set(start.AddDays(31));
        await SaveClosedCaseFilesDaysAsync(0);
        Assert.Equal((0, 0), Purged(await RunAsync()));
        await AssertFilesKeptAsync(all);

        await SaveClosedCaseFilesDaysAsync(30);
        Assert.Equal((2, 2), Purged(await RunAsync()));
        await AssertFilesErasedAsync(resolved, archived);
        await AssertFilesKeptAsync(unresolved, resolvedLater, open);

        // The period of a demand resolved later counts from the record of its resolution.
        app.Clock.Set(start.AddDays(51));
        Assert.Equal((1, 1), Purged(await RunAsync()));
        await AssertFilesErasedAsync(resolvedLater);

        // "Demanda resolvida = Não" and cases still open keep their files for good.
        app.Clock.Set(start.AddDays(3650));
        Assert.Equal((0, 0), Purged(await RunAsync()));
        await AssertFilesKeptAsync(unresolved, open);
        Assert.Equal(ManifestationStatus.InTriage, (await LoadAsync(open.Id)).Status);
    }

    [Fact]
    public async Task Retention_IdleConversations_ProcessedChannelRowsAndOldIdempotencyRecords_AreDeleted_TheRestKept()
    {
        var now = app.Clock.GetUtcNow();
        var apiKey = ApiKey.Issue("Sistema de protocolo", [ApiScope.Register], 60, Administrator, now).Key;
        await using (var db = app.CreateDbContext())
        {
            db.ApiKeys.Add(apiKey);
            await db.SaveChangesAsync();
        }

        var idempotency = app.Services.GetRequiredService<IdempotencyStore>();
        await idempotency.StartAsync(apiKey.Id, $"antiga-{Guid.NewGuid():N}", new string('a', 64));

        // A day later: what the job finds.
        app.Clock.Set(now.AddHours(25));
        now = app.Clock.GetUtcNow();
        var recentKey = $"recente-{Guid.NewGuid():N}";
        await idempotency.StartAsync(apiKey.Id, recentKey, new string('b', 64));
        var tag = Guid.NewGuid().ToString("N")[..8];
        await using (var db = app.CreateDbContext())
        {
            db.AssistantConversations.AddRange(
                new AssistantConversation { Key = $"ociosa-{tag}", StateJson = "{}", UpdatedAt = now - AssistantHost.DefaultIdleTimeout - TimeSpan.FromMinutes(1) },
                new AssistantConversation { Key = $"ativa-{tag}", StateJson = "{}", UpdatedAt = now - TimeSpan.FromMinutes(5) });
            db.WhatsAppInbox.AddRange(
                Inbound($"wamid.velha-{tag}", now.AddDays(-9), processedAt: now.AddDays(-8)),
                Inbound($"wamid.recente-{tag}", now.AddDays(-6), processedAt: now.AddDays(-6)),
                Inbound($"wamid.pendente-{tag}", now.AddDays(-30), processedAt: null));
            db.WhatsAppOutbox.AddRange(
                Outbound($"enviada-velha-{tag}", now.AddDays(-9), sentAt: now.AddDays(-8), failedAt: null),
                Outbound($"falhou-velha-{tag}", now.AddDays(-9), sentAt: null, failedAt: now.AddDays(-8)),
                Outbound($"enviada-recente-{tag}", now.AddDays(-2), sentAt: now.AddDays(-1), failedAt: null),
                Outbound($"pendente-{tag}", now.AddDays(-30), sentAt: null, failedAt: null));
            await db.SaveChangesAsync();
        }

        var result = await RunAsync();

        Assert.Equal((1, 3, 1), (result.Conversations, result.ChannelRows, result.IdempotencyRecords));
        await using var check = app.CreateDbContext();
        Assert.Equal([$"ativa-{tag}"], await check.AssistantConversations.Where(c => c.Key.EndsWith(tag)).Select(c => c.Key).ToListAsync());
        Assert.Equal(new[] { $"wamid.pendente-{tag}", $"wamid.recente-{tag}" }, (await check.WhatsAppInbox.Where(m => m.Wamid.EndsWith(tag)).Select(m => m.Wamid).ToListAsync()).Order());
        Assert.Equal(new[] { $"enviada-recente-{tag}", $"pendente-{tag}" }, (await check.WhatsAppOutbox.Where(m => m.ConversationKey.EndsWith(tag)).Select(m => m.ConversationKey).ToListAsync()).Order());
        Assert.Equal([recentKey], await check.IdempotencyRecords.Where(r => r.ApiKeyId == apiKey.Id).Select(r => r.Key).ToListAsync());

        var again = await RunAsync();
        Assert.Equal((0, 0, 0), (again.Conversations, again.ChannelRows, again.IdempotencyRecords));
    }

    [Fact]
    public async Task Retention_JobRuns_OlderThan90DaysDeleted_ButTheLatestRunOfEachJobIsKept()
    {
        var now = app.Clock.GetUtcNow();
        var (busy, idle) = ($"busy-{Guid.NewGuid():N}"[..20], $"idle-{Guid.NewGuid():N}"[..20]);
        JobRun Run(string job, int daysAgo) => new(job, Guid.NewGuid().ToString("N"), null, "node-a", now.AddDays(-daysAgo));
        await using (var db = app.CreateDbContext())
        {
            // A job that runs often, and one that last ran long ago (paused): its only run stays on the dashboard.
            db.JobRuns.AddRange(Run(busy, 200), Run(busy, 91), Run(busy, 89), Run(busy, 1), Run(idle, 300));
            await db.SaveChangesAsync();
        }

        var result = await RunAsync();

        Assert.Equal(2, result.JobRuns);
        await using var check = app.CreateDbContext();
        var left = (await check.JobRuns.AsNoTracking().Where(r => r.Job == busy || r.Job == idle).ToListAsync())
            .Select(r => (r.Job, DaysAgo: (int)Math.Round((now - r.StartedAt).TotalDays))).Order().ToList();
        Assert.Equal([(busy, 1), (busy, 89), (idle, 300)], left);
        Assert.Equal(0, (await RunAsync()).JobRuns);
    }

    private static (int Cases, int Files) Purged(RetentionResult r) => (r.CasesPurged, r.FilesDeleted);

    private static WhatsAppInboxMessage Inbound(string wamid, DateTimeOffset receivedAt, DateTimeOffset? processedAt) =>
        new() { Id = Guid.NewGuid(), Wamid = wamid, ConversationKey = "conversa", ReceivedAt = receivedAt, ProcessedAt = processedAt };

    private static WhatsAppOutboxMessage Outbound(string conversation, DateTimeOffset createdAt, DateTimeOffset? sentAt, DateTimeOffset? failedAt) =>
        new() { Id = Guid.NewGuid(), ConversationKey = conversation, PayloadJson = "{}", CreatedAt = createdAt, NextAttemptAt = createdAt, SentAt = sentAt, FailedAt = failedAt };

    private Func<Guid, Task> ConcludeAsync(bool resolved) => async id =>
    {
        await app.WorkflowOkAsync(w => w.AnswerAsync(id, "Resposta conclusiva da Ouvidoria.", conclusive: true, Ombudsman));
        await app.WorkflowOkAsync(w => w.ConcludeAsync(id, resolved, Ombudsman));
    };

    /// <summary>A registration with one PDF, taken into triage, then <paramref name="close"/>d (or left open).</summary>
    private async Task<(Guid Id, string Key)> CaseWithFileAsync(Func<Guid, Task> close)
    {
        var pdf = SampleFiles.Pdf;
        var request = Registrations.Identified(await app.ThemeIdAsync(Registrations.ThemeWithoutPersonalData)) with
        {
            Attachments = [new UploadedFile("comprovante.pdf", "application/pdf", pdf.Length, () => new MemoryStream(pdf))],
        };
        var id = (await app.RegisterOkAsync(request)).Id;
        await app.WorkflowOkAsync(w => w.StartTriageAsync(id, Ombudsman));
        await close(id);
        await using var db = app.CreateDbContext();
        return (id, await db.Attachments.Where(a => a.ManifestationId == id).Select(a => a.StorageKey).SingleAsync());
    }

    private async Task SaveClosedCaseFilesDaysAsync(int days)
    {
        var current = await app.WithAsync<SettingsAdministration, Result<SettingsView>>(s => s.GetAsync(Administrator));
        var saved = await app.WithAsync<SettingsAdministration, Result<SettingsView>>(s => s.SaveAsync(current.Value.Values with { ClosedCaseFilesDays = days }, Administrator));
        Assert.True(saved.IsSuccess, saved.Error?.Message);
    }

    private async Task<Manifestation> LoadAsync(Guid id)
    {
        await using var db = app.CreateDbContext();
        return await db.Manifestations.AsNoTracking().SingleAsync(m => m.Id == id);
    }

    private async Task AssertFilesKeptAsync(params (Guid Id, string Key)[] cases)
    {
        var files = app.Services.GetRequiredService<FileStore>();
        await using var db = app.CreateDbContext();
        foreach (var (id, key) in cases)
        {
            Assert.True(await db.Attachments.AnyAsync(a => a.ManifestationId == id), $"A manifestação {id} perdeu o registro do anexo.");
            Assert.True(files.Exists(key), $"O arquivo da manifestação {id} foi apagado.");
            Assert.False(await db.History.AnyAsync(h => h.ManifestationId == id && h.Action == HistoryAction.FilesPurged));
        }
    }

    private async Task AssertFilesErasedAsync(params (Guid Id, string Key)[] cases)
    {
        var files = app.Services.GetRequiredService<FileStore>();
        await using var db = app.CreateDbContext();
        foreach (var (id, key) in cases)
        {
            Assert.False(await db.Attachments.AnyAsync(a => a.ManifestationId == id));
            Assert.False(files.Exists(key), $"O arquivo da manifestação {id} continua no disco.");
            Assert.Single(await db.History.Where(h => h.ManifestationId == id && h.Action == HistoryAction.FilesPurged).ToListAsync());
            // The record itself stays.
            Assert.NotNull(await db.Manifestations.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id));
        }
    }
}

public sealed class RetentionTestsSqlite(SqliteEmptyApp app) : RetentionTests(app), IClassFixture<SqliteEmptyApp>;

public sealed class RetentionTestsPostgres(PostgresEmptyApp app) : RetentionTests(app), IClassFixture<PostgresEmptyApp>;
