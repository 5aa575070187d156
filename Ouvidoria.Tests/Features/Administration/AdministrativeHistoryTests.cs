using Ouvidoria.Domain.Administration;
using Ouvidoria.Domain.Common;
using Ouvidoria.Tests.Support.Integration;
using Ouvidoria.Web.Features.Administration.History;
using Ouvidoria.Web.Features.Administration.Settings;
using Ouvidoria.Web.Features.Reports;

namespace Ouvidoria.Tests.Features.Administration;

/// <summary>
/// "Histórico administrativo" through the real query: administrators only, newest first, the
/// changed fields of before/after, filters by type and Brasília period, keyset pages that neither
/// skip nor repeat rows of the same instant.
/// </summary>
public abstract class AdministrativeHistoryTests(OuvidoriaAppFactory app)
{
    private Task<Result<AdminHistoryPage>> ListAsync(AdminHistoryFilter filter, AdminHistoryCursor? cursor, Actor actor) =>
        app.WithAsync<AdministrativeHistory, Result<AdminHistoryPage>>(h => h.ListAsync(filter, cursor, actor));

    [Fact]
    public async Task ListAsync_AfterASettingsChange_ShowsWhoWhenAndTheChangedFieldsNewestFirst()
    {
        var admin = await app.ActorAsync(DemoStaff.Administrator);
        var original = (await app.WithAsync<SettingsAdministration, Result<SettingsView>>(s => s.GetAsync(admin))).Value.Values;
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var lowered = original with { Deadlines = original.Deadlines with { CitizenAnswerDays = 12 } };
        Assert.True((await app.WithAsync<SettingsAdministration, Result<SettingsView>>(s => s.SaveAsync(lowered, admin))).IsSuccess);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await app.WithAsync<SettingsAdministration, Result<SettingsView>>(s => s.SaveAsync(original, admin))).IsSuccess);

        var result = await ListAsync(new AdminHistoryFilter(SystemSettings.EntityType), null, admin);

        Assert.True(result.IsSuccess, result.Error?.Message);
        var rows = result.Value.Rows;
        Assert.True(rows.Count >= 2);
        Assert.True(rows.Zip(rows.Skip(1)).All(p => p.First.At >= p.Second.At), "newest first");
        var (restore, lower) = (rows[0], rows[1]);
        Assert.Equal(("Configurações", "Configurações alteradas", admin.Name), (lower.EntityLabel, lower.Summary, lower.UserName));
        var change = Assert.Single(lower.Changes);
        Assert.Equal(("CitizenAnswerDays", "Prazo de resposta ao cidadão (dias)", $"{original.Deadlines.CitizenAnswerDays}", "12"), (change.Field, change.Label, change.Before, change.After));
        Assert.Contains("\"CitizenAnswerDays\":12", lower.After, StringComparison.Ordinal);
        Assert.Equal(("12", $"{original.Deadlines.CitizenAnswerDays}"), (Assert.Single(restore.Changes).Before, restore.Changes[0].After));
    }

    [Theory]
    [InlineData(DemoStaff.Ombudsman)]
    [InlineData(DemoStaff.Manager)]
    [InlineData(DemoStaff.HealthCollaborator)]
    public async Task ListAsync_NotAnAdministrator_IsForbidden(string email)
    {
        var result = await ListAsync(new AdminHistoryFilter(), null, await app.ActorAsync(email));

        Assert.Equal(ErrorKind.Forbidden, result.Error?.Kind);
    }

    [Fact]
    public async Task ListAsync_ManyRowsOfTheSameInstant_PagesWithoutSkippingOrRepeating()
    {
        var admin = await app.ActorAsync(DemoStaff.Administrator);
        var type = $"Teste-{Guid.NewGuid():N}";
        var at = app.Clock.GetUtcNow().AddDays(-3);
        var inserted = new List<Guid>();
        await using (var db = app.CreateDbContext())
        {
            for (var i = 0; i < AdministrativeHistory.PageSize + 7; i++)
            {
                // Most rows share one instant; a few are older.
                var change = AdministrativeChange.Of(type, $"k{i}", $"Alteração {i}", "{\"Valor\":1}", "{\"Valor\":2}", admin, i < AdministrativeHistory.PageSize + 3 ? at : at.AddMinutes(-i));
                db.AdministrativeChanges.Add(change);
                inserted.Add(change.Id);
            }

            await db.SaveChangesAsync();
        }

        var first = (await ListAsync(new AdminHistoryFilter(type), null, admin)).Value;
        var second = (await ListAsync(new AdminHistoryFilter(type), first.Next, admin)).Value;

        Assert.Equal(AdministrativeHistory.PageSize, first.Rows.Count);
        Assert.NotNull(first.Next);
        Assert.Null(second.Next);
        var all = first.Rows.Concat(second.Rows).Select(r => r.Id).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Equal(inserted.Order(), all.Order());
        Assert.Equal(("Valor", "1", "2"), (first.Rows[0].Changes[0].Field, first.Rows[0].Changes[0].Before, first.Rows[0].Changes[0].After));
    }

    [Fact]
    public async Task ListAsync_Period_KeepsTheRowsOfThoseBrasiliaDays()
    {
        var admin = await app.ActorAsync(DemoStaff.Administrator);
        var type = $"Periodo-{Guid.NewGuid():N}";
        var day = new DateOnly(2030, 5, 10);
        await using (var db = app.CreateDbContext())
        {
            // 23:30 in Brasília of the day before, 00:10 and 23:50 of the day, 00:10 of the day after.
            foreach (var (key, at) in new[] { ("antes", -TimeSpan.FromMinutes(30)), ("inicio", TimeSpan.FromMinutes(10)), ("fim", TimeSpan.FromHours(23.8)), ("depois", TimeSpan.FromHours(24.2)) })
            {
                db.AdministrativeChanges.Add(AdministrativeChange.Of(type, key, key, null, "{}", admin, ReportTime.StartOfDayUtc(day) + at));
            }

            await db.SaveChangesAsync();
        }

        var rows = (await ListAsync(new AdminHistoryFilter(type, day, day), null, admin)).Value.Rows;
        var invalid = await ListAsync(new AdminHistoryFilter(type, day, day.AddDays(-1)), null, admin);

        Assert.Equal(["fim", "inicio"], rows.Select(r => r.EntityKey));
        Assert.Equal(ErrorKind.Validation, invalid.Error?.Kind);
    }
}

public sealed class AdministrativeHistoryTestsSqlite(SqliteDemoApp app) : AdministrativeHistoryTests(app), IClassFixture<SqliteDemoApp>;

public sealed class AdministrativeHistoryTestsPostgres(PostgresDemoApp app) : AdministrativeHistoryTests(app), IClassFixture<PostgresDemoApp>;
