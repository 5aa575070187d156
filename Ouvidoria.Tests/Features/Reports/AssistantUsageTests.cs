using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Assistant;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Persistence;
using Ouvidoria.Tests.Support.Integration;
using Ouvidoria.Web.Features.Assistant;
using Ouvidoria.Web.Features.Reports;

namespace Ouvidoria.Tests.Features.Reports;

/// <summary>
/// Bel driven through the real <see cref="AssistantHost"/>: one WhatsApp citizen registers, one web
/// chat citizen gives up at the theme, one more only says hello at night. The usage report then
/// counts exactly that, from counters that hold no personal data.
/// </summary>
public abstract class AssistantUsageTests(OuvidoriaAppFactory app)
{
    private static readonly Actor Manager = new("usage-manager", "Gil (Gestor)", ActorKind.Manager);

    // 10:30 and 20:30 in Brasília.
    private static readonly DateTimeOffset Morning = new(2025, 5, 5, 13, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Night = new(2025, 5, 5, 23, 30, 0, TimeSpan.Zero);

    private int _messages;

    private async Task<ConversationState> SendAsync(ConversationState state, Inbound input, Channel channel)
    {
        _messages++;
        var turn = await app.WithAsync<AssistantHost, AssistantTurn>(h => h.HandleAsync(state, input, channel));
        return turn.State;
    }

    private async Task<ConversationState> StartRegistrationAsync(Channel channel)
    {
        var state = await SendAsync(ConversationState.New(app.Clock.GetUtcNow()), new TextIn("oi"), channel);
        state = await SendAsync(state, new ChoiceIn(Bel.MenuRegister), channel);
        return await SendAsync(state, new ChoiceIn(Bel.TypePrefix + ManifestationType.Complaint), channel);
    }

    private async Task RegisterAsync(Channel channel, Guid themeId)
    {
        var state = await StartRegistrationAsync(channel);
        state = await SendAsync(state, new ChoiceIn(Bel.ThemePrefix + themeId), channel);
        for (var guard = 0; state.Stage != ConversationStage.Start; guard++)
        {
            Assert.True(guard < 20, $"registration stuck at {state.Stage}");
            Inbound next = state.Stage switch
            {
                ConversationStage.ChoosingIdentification => new ChoiceIn(Bel.IdentifiedId),
                ConversationStage.AskingName => new TextIn("Maria das Dores Sigilosa"),
                ConversationStage.AskingEmail => new TextIn("maria.sigilosa@exemplo.com.br"),
                ConversationStage.AskingConsent => new ChoiceIn(Bel.ConsentYes),
                ConversationStage.Describing when state.Description.Length == 0 => new TextIn("O ônibus da linha 12 não passou a manhã inteira."),
                ConversationStage.Describing => new ChoiceIn(Bel.DescriptionDone),
                ConversationStage.Attaching => new ChoiceIn(Bel.AttachmentsContinue),
                ConversationStage.Summary => new ChoiceIn(Bel.ConfirmYes),
                _ => throw new InvalidOperationException($"unexpected stage {state.Stage}"),
            };
            state = await SendAsync(state, next, channel);
        }
    }

    [Fact]
    public async Task AssistantUsage_AfterThreeChats_CountsChatsStepsCompletionAndAbandonmentWithoutPersonalData()
    {
        var themeId = await app.ThemeIdAsync(Registrations.ThemeRequiringEmail);
        app.Clock.Set(Morning);
        await RegisterAsync(Channel.WhatsApp, themeId);
        var abandoning = await StartRegistrationAsync(Channel.Web);
        await SendAsync(abandoning, new ChoiceIn(Bel.CancelId), Channel.Web);
        app.Clock.Set(Night);
        await SendAsync(ConversationState.New(Night), new TextIn("boa noite"), Channel.Web);

        var result = await app.WithAsync<AssistantUsageQuery, Result<AssistantUsageReport>>(q =>
            q.ExecuteAsync(new ReportFilter { From = new DateOnly(2025, 5, 5), To = new DateOnly(2025, 5, 5) }, Manager));

        Assert.True(result.IsSuccess, result.Error?.Message);
        var usage = result.Value;
        Assert.Equal(_messages, usage.Messages);
        Assert.Equal(3, usage.Chats);
        Assert.Equal(2, usage.RegistrationsStarted);
        Assert.Equal(1, usage.RegistrationsCompleted);
        Assert.Equal(0.5, usage.CompletionRate);
        Assert.Equal(2, usage.ChatsByHour.Single(h => h.Key == "10").Count);
        Assert.Equal(1, usage.ChatsByHour.Single(h => h.Key == "20").Count);
        Assert.Equal(3, usage.ChatsByHour.Sum(h => h.Count));

        var day = Assert.Single(usage.Days);
        Assert.Equal(("05/05/2025", _messages, 3L), (day.Label, day.MessagesAccumulated, day.ChatsAccumulated));

        var funnel = usage.Funnel.ToDictionary(s => s.Step);
        Assert.Equal(2, funnel[nameof(ConversationStage.ChoosingType)].Reached);
        Assert.Equal(2, funnel[nameof(ConversationStage.ChoosingTheme)].Reached);
        Assert.Equal(1, funnel[nameof(ConversationStage.ChoosingTheme)].Abandoned);
        Assert.Equal(1, funnel[nameof(ConversationStage.Summary)].Reached);
        Assert.Equal(1, usage.Funnel.Sum(s => s.Abandoned));

        Assert.Equal([new ReportCount(nameof(Channel.WhatsApp), "WhatsApp", 1)], usage.RegistrationsByChannel);

        // The counters can hold nothing but hour, channel, kind, step and a number.
        await using var db = app.CreateDbContext();
        var columns = db.Model.FindEntityType(typeof(AssistantUsageCounter))!.GetProperties().Select(p => p.GetColumnName()).Order();
        Assert.Equal(["Channel", "Count", "HourUtc", "Kind", "Step"], columns);
        var steps = await db.AssistantUsage.Select(u => u.Step).Distinct().ToListAsync();
        Assert.All(steps, s => Assert.True(s.Length == 0 || Enum.TryParse<ConversationStage>(s, out _), s));
        Assert.All(await db.AssistantUsage.Select(u => u.HourUtc).ToListAsync(), h => Assert.Equal(0, h.Minute + h.Second));
    }

    [Fact]
    public async Task AssistantUsageQuery_Collaborator_IsForbidden()
    {
        var collaborator = new Actor("c", "Colaborador", ActorKind.Collaborator, Guid.NewGuid());

        var result = await app.WithAsync<AssistantUsageQuery, Result<AssistantUsageReport>>(q => q.ExecuteAsync(new ReportFilter(), collaborator));

        Assert.Equal(ErrorKind.Forbidden, result.Error?.Kind);
    }
}

public sealed class AssistantUsageTestsSqlite(SqliteEmptyApp app) : AssistantUsageTests(app), IClassFixture<SqliteEmptyApp>;

public sealed class AssistantUsageTestsPostgres(PostgresEmptyApp app) : AssistantUsageTests(app), IClassFixture<PostgresEmptyApp>;
