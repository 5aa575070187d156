using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Assistant;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Persistence;

namespace Ouvidoria.Web.Features.Assistant;

/// <summary>
/// Records anonymous usage of Bel from one turn: which counters to bump is decided from the stage
/// before and after the turn and from the work Bel asked for — never from who wrote or what. Each
/// counter is one row per UTC hour, channel, kind and step, incremented with an atomic upsert
/// (INSERT … ON CONFLICT DO UPDATE, the same statement on SQLite and PostgreSQL). A failure here is
/// logged and never breaks the conversation.
/// </summary>
public sealed class AssistantUsage(IDbContextFactory<OuvidoriaDbContext> factory, ILogger<AssistantUsage> logger)
{
    /// <summary>The registration flow in order: a move to a later stage is a step reached.</summary>
    public static readonly IReadOnlyList<ConversationStage> RegistrationSteps =
    [
        ConversationStage.ChoosingType,
        ConversationStage.ChoosingTheme,
        ConversationStage.ChoosingIdentification,
        ConversationStage.AskingName,
        ConversationStage.AskingEmail,
        ConversationStage.AskingConsent,
        ConversationStage.Describing,
        ConversationStage.Attaching,
        ConversationStage.Summary,
    ];

    public static int StepOrder(ConversationStage stage)
    {
        var index = RegistrationSteps.ToList().IndexOf(stage);
        return stage is ConversationStage.Registering or ConversationStage.ConsentRefused ? RegistrationSteps.Count : index;
    }

    /// <summary>The counters one turn bumps.</summary>
    public static IReadOnlyList<(AssistantUsageKind Kind, string Step)> EventsOf(
        ConversationState before, ConversationState after, bool expired, bool registered, bool consulted)
    {
        var events = new List<(AssistantUsageKind, string)> { (AssistantUsageKind.Message, string.Empty) };
        var fresh = before.Stage == ConversationStage.Start || expired;
        if (fresh)
        {
            events.Add((AssistantUsageKind.ChatStarted, string.Empty));
        }

        var from = fresh ? -1 : StepOrder(before.Stage);
        var to = StepOrder(after.Stage);
        if (to >= 0 && to < RegistrationSteps.Count && to > from)
        {
            events.Add((AssistantUsageKind.StepReached, after.Stage.ToString()));
        }

        if (registered)
        {
            events.Add((AssistantUsageKind.RegistrationCompleted, string.Empty));
        }
        else if (StepOrder(before.Stage) >= 0 && (expired || after.Stage is ConversationStage.Start or ConversationStage.Menu))
        {
            // Left the registration without a NUP: cancelled, or came back after the idle timeout.
            events.Add((AssistantUsageKind.RegistrationAbandoned, before.Stage.ToString()));
        }

        if (consulted)
        {
            events.Add((AssistantUsageKind.Consultation, string.Empty));
        }

        return events;
    }

    public async Task RecordAsync(Channel channel, DateTimeOffset now, IReadOnlyList<(AssistantUsageKind Kind, string Step)> events, CancellationToken ct)
    {
        try
        {
            var utc = now.ToUniversalTime();
            var hour = new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
            await using var db = await factory.CreateDbContextAsync(ct);
            object hourValue = db.Database.IsSqlite() ? hour.UtcTicks : hour;
            foreach (var (kind, step) in events)
            {
                await db.Database.ExecuteSqlAsync(
                    $"""
                    INSERT INTO "AssistantUsage" ("HourUtc", "Channel", "Kind", "Step", "Count") VALUES ({hourValue}, {channel.ToString()}, {kind.ToString()}, {step}, 1)
                    ON CONFLICT ("HourUtc", "Channel", "Kind", "Step") DO UPDATE SET "Count" = "AssistantUsage"."Count" + 1
                    """,
                    ct);
            }
        }
        catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
        {
            logger.LogWarning(e, "Assistant usage not recorded");
        }
    }
}
