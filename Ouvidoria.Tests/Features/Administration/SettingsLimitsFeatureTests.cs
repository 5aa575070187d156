using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ouvidoria.Domain.Administration;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Tests.Support;
using Ouvidoria.Tests.Support.Integration;
using Ouvidoria.Web.Features.Administration.Settings;
using Ouvidoria.Web.Features.Manifestations;
using Ouvidoria.Web.Features.Shared;

namespace Ouvidoria.Tests.Features.Administration;

/// <summary>
/// The configurable deadlines, attachment limits and foreign words through the real use cases:
/// refused above the law, applied by registration, forwarding, uploads and the answer hints once
/// saved, never moving the due dates of existing cases. Every test restores the settings it changed
/// (the class shares one database).
/// </summary>
public abstract class SettingsLimitsFeatureTests(OuvidoriaAppFactory app)
{
    private Task<Actor> AdminAsync() => app.ActorAsync(DemoStaff.Administrator);

    private async Task<SettingsValues> CurrentAsync(Actor admin)
    {
        var current = await app.WithAsync<SettingsAdministration, Result<SettingsView>>(s => s.GetAsync(admin));
        Assert.True(current.IsSuccess, current.Error?.Message);
        return current.Value.Values;
    }

    /// <summary>Saves <paramref name="change"/> of the current values, runs <paramref name="body"/>, restores them.</summary>
    private async Task WithSettingsAsync(Func<SettingsValues, SettingsValues> change, Func<Task> body)
    {
        var admin = await AdminAsync();
        var original = await CurrentAsync(admin);
        var saved = await app.WithAsync<SettingsAdministration, Result<SettingsView>>(s => s.SaveAsync(change(original), admin));
        Assert.True(saved.IsSuccess, saved.Error?.Message);
        try
        {
            await body();
        }
        finally
        {
            var restored = await app.WithAsync<SettingsAdministration, Result<SettingsView>>(s => s.SaveAsync(original, admin));
            Assert.True(restored.IsSuccess, restored.Error?.Message);
        }
    }

    private static UploadedFile Png(int i) => new($"foto-{i}.png", "image/png", SampleFiles.Png.Length, () => new MemoryStream(SampleFiles.Png));

    [Fact]
    public async Task SaveAsync_DeadlinesAndLimitsAboveTheLaw_RefusedNamingTheLegalMaximum()
    {
        var admin = await AdminAsync();
        var original = await CurrentAsync(admin);
        var invalid = original with
        {
            Deadlines = new DeadlineTerms(31, 30, 21, 0, 20),
            Attachments = new AttachmentLimits(11, 31),
            ForeignWords = ["ok", new string('x', 41)],
        };

        var result = await app.WithAsync<SettingsAdministration, Result<SettingsView>>(s => s.SaveAsync(invalid, admin));

        Assert.Equal(ErrorKind.Validation, result.Error?.Kind);
        Assert.Contains("O prazo de resposta ao cidadão deve ser de 1 a 30 dias: o máximo legal é 30 dias (Lei nº 13.460/2017, art. 16)", result.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("O prazo de resposta das unidades deve ser de 1 a 20 dias", result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("A prorrogação do prazo das unidades deve ser de 1 a 20 dias", result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("O número máximo de anexos por manifestação deve ser de 1 a 10", result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("O tamanho máximo dos anexos deve ser de 1 a 30 MB", result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("Cada palavra estrangeira deve ter no máximo 40 caracteres", result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(original.Deadlines, (await CurrentAsync(admin)).Deadlines);
    }

    [Fact]
    public async Task RegisterManifestation_AfterLoweringTheCitizenDeadline_GetsTheShorterDueDate_ExistingCasesKeepTheirs()
    {
        var themeId = await app.ThemeIdAsync(Registrations.ThemeWithoutPersonalData);
        var before = await app.RegisterOkAsync(Registrations.Identified(themeId, description: $"Antes da mudança {Guid.NewGuid():N}."));

        await WithSettingsAsync(v => v with { Deadlines = DeadlineTerms.Legal with { CitizenAnswerDays = 10 } }, async () =>
        {
            var now = app.Clock.GetUtcNow();
            var after = await app.RegisterOkAsync(Registrations.Identified(themeId, description: $"Depois da mudança {Guid.NewGuid():N}."));

            Assert.Equal(now.AddDays(10), after.DueAt);
            await using var db = app.CreateDbContext();
            Assert.Equal(now.AddDays(10), (await db.Manifestations.SingleAsync(m => m.Id == after.Id)).CitizenDeadline.DueAt);
            Assert.Equal(before.DueAt, (await db.Manifestations.SingleAsync(m => m.Id == before.Id)).CitizenDeadline.DueAt);
        });
    }

    [Fact]
    public async Task ForwardAndExtend_AfterLoweringTheUnitTerms_UseTheOfficeTerms()
    {
        var unitA = await app.UnitIdAsync(DemoStaff.HealthUnit);
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);

        await WithSettingsAsync(v => v with { Deadlines = DeadlineTerms.Legal with { UnitAnswerDays = 7, UnitExtensionDays = 3, CitizenExtensionDays = 15 } }, async () =>
        {
            var prepared = await app.PrepareForwardedAsync(unitA);
            var forwarded = await app.OpenOkAsync(prepared.Id, ombudsman);
            var assignment = Assert.Single(forwarded.Team);
            Assert.Equal(app.Clock.GetUtcNow().AddDays(7), assignment.Deadline.DueAt);

            await app.WorkflowOkAsync(w => w.ExtendUnitDeadlineAsync(prepared.Id, assignment.Id, "Vistoria agendada pela unidade.", ombudsman));
            await app.WorkflowOkAsync(w => w.ExtendDeadlineAsync(prepared.Id, "Depende da vistoria da unidade.", ombudsman));

            var extended = await app.OpenOkAsync(prepared.Id, ombudsman);
            Assert.Equal(assignment.Deadline.DueAt.AddDays(3), Assert.Single(extended.Team).Deadline.DueAt);
            Assert.Equal(forwarded.CitizenDeadline.DueAt.AddDays(15), extended.CitizenDeadline.DueAt);
        });
    }

    [Fact]
    public async Task RegisterManifestation_BeyondALoweredFileLimit_IsRefusedWithTheConfiguredNumber()
    {
        var themeId = await app.ThemeIdAsync(Registrations.ThemeWithoutPersonalData);
        var description = $"Relato com três fotos {Guid.NewGuid():N}.";

        await WithSettingsAsync(v => v with { Attachments = new AttachmentLimits(2, 30) }, async () =>
        {
            var refused = await app.RegisterAsync(Registrations.Identified(themeId, description: description) with { Attachments = [Png(1), Png(2), Png(3)] });
            var accepted = await app.RegisterAsync(Registrations.Identified(themeId, description: description + " (duas)") with { Attachments = [Png(1), Png(2)] });

            Assert.Equal("Envie no máximo 2 anexos.", refused.Error?.Message);
            Assert.True(accepted.IsSuccess, accepted.Error?.Message);
            await using var db = app.CreateDbContext();
            Assert.False(await db.Manifestations.AnyAsync(m => m.Description == description));
        });
    }

    [Fact]
    public async Task AnswerHints_ShowTheOfficeForeignWords()
    {
        const string text = "Segue o roadmap da obra. Agradecemos o feedback.";
        var legal = await RenderHintsAsync(text);

        await WithSettingsAsync(v => v with { ForeignWords = ["roadmap", "kick-off"] }, async () =>
        {
            var office = await RenderHintsAsync(text);

            Assert.Contains("roadmap", office, StringComparison.Ordinal);
            Assert.DoesNotContain("feedback&quot;", office, StringComparison.Ordinal);
        });
        Assert.Contains("feedback", legal, StringComparison.Ordinal);
        Assert.DoesNotContain("roadmap&quot;", legal, StringComparison.Ordinal);
    }

    private async Task<string> RenderHintsAsync(string text)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<AnswerHints>(ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(AnswerHints.Text)] = text }));
            return output.ToHtmlString();
        });
    }
}

public sealed class SettingsLimitsFeatureTestsSqlite(SqliteDemoApp app) : SettingsLimitsFeatureTests(app), IClassFixture<SqliteDemoApp>;

public sealed class SettingsLimitsFeatureTestsPostgres(PostgresDemoApp app) : SettingsLimitsFeatureTests(app), IClassFixture<PostgresDemoApp>;
