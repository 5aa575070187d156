using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Notifications;
using Ouvidoria.Tests.Support.Integration;
using Ouvidoria.Web.Features.Jobs;

namespace Ouvidoria.Tests.Features.Jobs;

/// <summary>
/// The deadline sweep and the complement expiry on the app's fake clock: alerts queued once per
/// threshold (and again after an extension), candidates found through the partial indexes, and
/// unanswered complements archived after 20 days.
/// </summary>
public abstract class DeadlineSweepTests(OuvidoriaAppFactory app)
{
    private async Task<SweepResult> SweepAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DeadlineSweep>().RunAsync(CancellationToken.None);
    }

    private async Task<List<EmailNotification>> AlertsAsync(Guid id, string kind)
    {
        await using var db = app.CreateDbContext();
        return await db.EmailOutbox.AsNoTracking().Where(n => n.ManifestationId == id && n.Kind == kind).ToListAsync();
    }

    [Fact]
    public async Task DeadlineSweep_UnitDeadline_AlertsOncePerThresholdThenWhenPassed_AndAgainAfterExtension()
    {
        var prepared = await app.PrepareForwardedAsync(await app.UnitIdAsync(DemoStaff.HealthUnit));
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var assignment = (await app.OpenOkAsync(prepared.Id, ombudsman, recordAccess: false)).Team.Single();
        var dueAt = assignment.Deadline.DueAt;
        var start = app.Clock.GetUtcNow();
        try
        {
            await SweepAsync();
            Assert.Empty(await AlertsAsync(prepared.Id, EmailTemplates.DeadlineNear));

            app.Clock.Set(dueAt.AddDays(-4.5));
            await SweepAsync();
            await SweepAsync();
            var near = Assert.Single(await AlertsAsync(prepared.Id, EmailTemplates.DeadlineNear));
            Assert.Contains("vence em", near.TextBody, StringComparison.Ordinal);
            Assert.Equal(await UnitEmailAsync(DemoStaff.HealthUnit), near.Recipient);

            app.Clock.Set(dueAt.AddHours(-20));
            await SweepAsync();
            await SweepAsync();
            Assert.Equal(2, (await AlertsAsync(prepared.Id, EmailTemplates.DeadlineNear)).Count);

            app.Clock.Set(dueAt.AddHours(1));
            await SweepAsync();
            await SweepAsync();
            Assert.Single(await AlertsAsync(prepared.Id, EmailTemplates.DeadlinePassed));

            // An extension is a new deadline: its thresholds alert again.
            await app.WorkflowOkAsync(w => w.ExtendUnitDeadlineAsync(prepared.Id, assignment.Id, "Aguardando laudo técnico.", ombudsman));
            app.Clock.Set(dueAt.AddDays(DeadlinePolicy.UnitExtensionDays - 4.5));
            await SweepAsync();
            Assert.Equal(3, (await AlertsAsync(prepared.Id, EmailTemplates.DeadlineNear)).Count);
            Assert.Single(await AlertsAsync(prepared.Id, EmailTemplates.DeadlinePassed));
        }
        finally
        {
            app.Clock.Set(start);
        }
    }

    [Fact]
    public async Task DeadlineSweep_FinalizedTreatment_NeverAlerts_ButTheCitizenDeadlineAlertsTheOffice()
    {
        var prepared = await app.PrepareForwardedAsync(await app.UnitIdAsync(DemoStaff.EducationUnit));
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var collaborator = await app.ActorAsync(DemoStaff.EducationCollaborator);
        var page = await app.OpenOkAsync(prepared.Id, ombudsman, recordAccess: false);
        await app.WorkflowOkAsync(w => w.FinalizeTreatmentAsync(prepared.Id, page.Team.Single().Id, collaborator));
        var start = app.Clock.GetUtcNow();
        try
        {
            app.Clock.Set(page.CitizenDeadline.DueAt.AddHours(2));
            await SweepAsync();

            Assert.Empty(await AlertsAsync(prepared.Id, EmailTemplates.DeadlinePassed));
            var office = Assert.Single(await AlertsAsync(prepared.Id, EmailTemplates.CitizenDeadlinePassed));
            Assert.Equal(DemoStaff.Ombudsman, office.Recipient);
        }
        finally
        {
            app.Clock.Set(start);
        }
    }

    [Fact]
    public async Task DeadlineSweep_CandidateQueries_UseThePartialIndexes()
    {
        await using var db = app.CreateDbContext();
        var limit = app.Clock.GetUtcNow().AddDays(5);

        var assignments = await PlanAsync(db, DeadlineSweep.CandidateAssignments(db, limit).ToQueryString());
        Assert.Contains("IX_Assignments_OpenDueAt", assignments);
        AssertIndexOnly(assignments);
        // The planner may prefer the status index for these two (both narrow to open rows); never a full scan.
        AssertIndexOnly(await PlanAsync(db, DeadlineSweep.CandidateManifestations(db, limit).ToQueryString()));
        AssertIndexOnly(await PlanAsync(db, ComplementExpiry.Candidates(db, app.Clock.GetUtcNow()).ToQueryString()));
    }

    [Fact]
    public async Task ComplementExpiry_After20DaysWithoutAnswer_ArchivesAsComplementNotAnswered()
    {
        var id = await app.CreateInStatusAsync(ManifestationStatus.AwaitingComplement);
        var start = app.Clock.GetUtcNow();
        try
        {
            app.Clock.Set(start.AddDays(19));
            Assert.Equal(0, await ExpireAsync(id));
            app.Clock.Set(start.AddDays(20).AddMinutes(1));
            Assert.Equal(1, await ExpireAsync(id));

            await using var db = app.CreateDbContext();
            var m = await db.Manifestations.AsNoTracking().SingleAsync(x => x.Id == id);
            Assert.Equal((ManifestationStatus.Archived, ArchiveReason.ComplementNotAnswered), (m.Status, m.ArchiveReason));
            Assert.Contains(await db.History.AsNoTracking().Where(h => h.ManifestationId == id).ToListAsync(), h => h.Action == HistoryAction.Archived && h.ActorName == "Sistema");
        }
        finally
        {
            app.Clock.Set(start);
        }
    }

    private void AssertIndexOnly(string plan)
    {
        if (app.Database == TestDatabase.Postgres)
        {
            Assert.DoesNotContain("Seq Scan", plan, StringComparison.Ordinal);
            Assert.Contains("Index", plan, StringComparison.Ordinal);
        }
        else
        {
            Assert.Matches(@"SEARCH \w+ USING (COVERING )?INDEX", plan);
            Assert.DoesNotMatch(@"(?m)^SCAN ", plan);
        }
    }

    private async Task<int> ExpireAsync(Guid id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ComplementExpiry>().RunAsync(CancellationToken.None);
        await using var db = app.CreateDbContext();
        return await db.Manifestations.CountAsync(m => m.Id == id && m.Status == ManifestationStatus.Archived);
    }

    private async Task<string> UnitEmailAsync(string unit)
    {
        await using var db = app.CreateDbContext();
        return await db.Units.Where(u => u.Name == unit).Select(u => u.Email!).SingleAsync();
    }

    /// <summary>
    /// The query plan. On PostgreSQL sequential scans are switched off for the statement: on a
    /// test-sized table the planner would rightly prefer one, and what matters here is that the
    /// predicate matches the partial index (the 1M-row benchmark shows the chosen plan).
    /// </summary>
    private async Task<string> PlanAsync(Microsoft.EntityFrameworkCore.DbContext db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync();
        }

        await using var command = connection.CreateCommand();
        var isPostgres = app.Database == TestDatabase.Postgres;
        if (isPostgres)
        {
            await using var off = connection.CreateCommand();
            off.CommandText = "SET enable_seqscan = off";
            await off.ExecuteNonQueryAsync();
        }

        // ToQueryString declares parameters as SQL text; keep the statement and its values.
        command.CommandText = (isPostgres ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + InlineParameters(sql, isPostgres);
        var plan = new System.Text.StringBuilder();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.AppendLine(reader.GetValue(isPostgres ? 0 : 3)?.ToString());
        }

        return plan.ToString();
    }

    private static string InlineParameters(string sql, bool isPostgres)
    {
        // SQLite: ".param set @p 123" lines; PostgreSQL: "-- @p='...' (DbType = ...)" comments. Replace each parameter by its literal.
        var lines = sql.Split('\n');
        var body = string.Join('\n', lines.Where(l => !l.StartsWith(".param", StringComparison.Ordinal) && !l.StartsWith("--", StringComparison.Ordinal)));
        foreach (var line in lines)
        {
            var sqlite = System.Text.RegularExpressions.Regex.Match(line, @"^\.param set (@\w+) (.+)$");
            var postgres = System.Text.RegularExpressions.Regex.Match(line, @"^-- (@\w+)='([^']*)'");
            if (sqlite.Success)
            {
                body = body.Replace(sqlite.Groups[1].Value, sqlite.Groups[2].Value.Trim(), StringComparison.Ordinal);
            }
            else if (postgres.Success)
            {
                body = body.Replace(postgres.Groups[1].Value, $"'{postgres.Groups[2].Value}'", StringComparison.Ordinal);
            }
        }

        return isPostgres ? body : body;
    }
}

public sealed class DeadlineSweepTestsSqlite(SqliteDemoApp app) : DeadlineSweepTests(app), IClassFixture<SqliteDemoApp>;

public sealed class DeadlineSweepTestsPostgres(PostgresDemoApp app) : DeadlineSweepTests(app), IClassFixture<PostgresDemoApp>;
