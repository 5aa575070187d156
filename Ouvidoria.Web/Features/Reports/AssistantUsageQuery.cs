using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Assistant;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Persistence;
using Ouvidoria.Web.Features.Assistant;

namespace Ouvidoria.Web.Features.Reports;

/// <summary>Accumulated totals at the end of a day (Brasília).</summary>
public sealed record UsageDay(string Day, string Label, long Messages, long Chats, long MessagesAccumulated, long ChatsAccumulated);

/// <summary>A registration step: how many registrations reached it and how many were abandoned there.</summary>
public sealed record UsageStep(string Step, string Label, long Reached, long Abandoned);

public sealed record AssistantUsageReport(
    long Messages,
    long Chats,
    long RegistrationsStarted,
    long RegistrationsCompleted,
    long Consultations,
    IReadOnlyList<UsageDay> Days,
    IReadOnlyList<ReportCount> ChatsByHour,
    IReadOnlyList<ReportCount> RegistrationsByChannel,
    IReadOnlyList<UsageStep> Funnel)
{
    /// <summary>Completed ÷ started registrations (null when none started).</summary>
    public double? CompletionRate => RegistrationsStarted == 0 ? null : (double)RegistrationsCompleted / RegistrationsStarted;
}

/// <summary>
/// The assistant's usage (the source document's own charts), from the anonymous counters that
/// <see cref="AssistantUsage"/> keeps and from the Manifestations table — no personal data exists
/// in either. Day and hour are Brasília's; the period filter applies to the counters' hour and to
/// the registration date.
/// </summary>
public sealed class AssistantUsageQuery(IDbContextFactory<OuvidoriaDbContext> factory)
{
    public const string WebChatLabel = "Chat web (Bel)";

    public const string WebFormLabel = "Internet (formulário)";

    public async Task<Result<AssistantUsageReport>> ExecuteAsync(ReportFilter filter, Actor actor, CancellationToken ct = default)
    {
        if (!ReportsQuery.MayRun(actor))
        {
            return Error.Forbidden("Os relatórios são restritos à gestão e à Ouvidoria.");
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        await using var snapshot = await ReportSnapshot.BeginAsync(db, ct);

        var kinds = await QueryAsync<KindRow>(db, filter, (sql, where) =>
            $"""
            SELECT u."Kind" AS "Kind", u."Step" AS "Step", u."Channel" AS "Channel", CAST(SUM(u."Count") AS BIGINT) AS "Count"
            FROM "AssistantUsage" u WHERE {where}
            GROUP BY u."Kind", u."Step", u."Channel"
            """, ct);
        long Sum(AssistantUsageKind kind, string? step = null) =>
            kinds.Where(k => k.Kind == kind.ToString() && (step is null || k.Step == step)).Sum(k => k.Count);

        var days = await QueryAsync<DayRow>(db, filter, (sql, where) =>
            $"""
            SELECT d."Day", d."Messages", d."Chats",
                   CAST(SUM(d."Messages") OVER (ORDER BY d."Day") AS BIGINT) AS "MessagesAccumulated",
                   CAST(SUM(d."Chats") OVER (ORDER BY d."Day") AS BIGINT) AS "ChatsAccumulated"
            FROM (SELECT {sql.DayKey("u.\"HourUtc\"")} AS "Day",
                         CAST(SUM(CASE WHEN u."Kind" = 'Message' THEN u."Count" ELSE 0 END) AS BIGINT) AS "Messages",
                         CAST(SUM(CASE WHEN u."Kind" = 'ChatStarted' THEN u."Count" ELSE 0 END) AS BIGINT) AS "Chats"
                  FROM "AssistantUsage" u WHERE {where} AND u."Kind" IN ('Message', 'ChatStarted')
                  GROUP BY {sql.DayKey("u.\"HourUtc\"")}) d
            ORDER BY d."Day"
            """, ct);

        var hours = await QueryAsync<HourRow>(db, filter, (sql, where) =>
            $"""
            SELECT {sql.HourOfDay("u.\"HourUtc\"")} AS "Hour", CAST(SUM(u."Count") AS BIGINT) AS "Count"
            FROM "AssistantUsage" u WHERE {where} AND u."Kind" = 'ChatStarted'
            GROUP BY {sql.HourOfDay("u.\"HourUtc\"")}
            """, ct);
        var byHour = Enumerable.Range(0, 24).Select(h =>
        {
            var key = h.ToString("00", System.Globalization.CultureInfo.InvariantCulture);
            return new ReportCount(key, $"{key}h", (int)hours.Where(r => r.Hour == key).Sum(r => r.Count));
        }).ToList();

        var byChannel = await RegistrationsByChannelAsync(db, filter, kinds, ct);

        var funnel = AssistantUsage.RegistrationSteps
            .Select(s => new UsageStep(s.ToString(), StepLabel(s), Sum(AssistantUsageKind.StepReached, s.ToString()), Sum(AssistantUsageKind.RegistrationAbandoned, s.ToString())))
            .ToList();

        return new AssistantUsageReport(
            Sum(AssistantUsageKind.Message),
            Sum(AssistantUsageKind.ChatStarted),
            Sum(AssistantUsageKind.StepReached, nameof(ConversationStage.ChoosingType)),
            Sum(AssistantUsageKind.RegistrationCompleted),
            Sum(AssistantUsageKind.Consultation),
            days.Select(d => new UsageDay(d.Day, DayLabel(d.Day), d.Messages, d.Chats, d.MessagesAccumulated, d.ChatsAccumulated)).ToList(),
            byHour,
            byChannel,
            funnel);
    }

    public static string StepLabel(ConversationStage stage) => stage switch
    {
        ConversationStage.ChoosingType => "Escolha do tipo",
        ConversationStage.ChoosingTheme => "Temática",
        ConversationStage.ChoosingIdentification => "Identificação",
        ConversationStage.AskingName => "Nome",
        ConversationStage.AskingEmail => "E-mail",
        ConversationStage.AskingConsent => "Consentimento (LGPD)",
        ConversationStage.Describing => "Descrição",
        ConversationStage.Attaching => "Anexos",
        ConversationStage.Summary => "Resumo e confirmação",
        _ => stage.ToString(),
    };

    private static string DayLabel(string day) => day.Length == 10 ? $"{day[8..]}/{day[5..7]}/{day[..4]}" : day;

    /// <summary>Registrations per channel from the Manifestations table; the web's split into the Bel chat (counters) and the form.</summary>
    private static async Task<List<ReportCount>> RegistrationsByChannelAsync(OuvidoriaDbContext db, ReportFilter filter, List<KindRow> kinds, CancellationToken ct)
    {
        // The period only (the counters know no unit, type nor channel); from the report cells and the table.
        var rows = (await ReportsQuery.CountByChannelAsync(db, filter with { UnitId = null, Type = null, Channel = null }, ct))
            .Select(r => new ChannelRow { Channel = r.Key, Count = r.Count }).ToList();
        var webChat = kinds.Where(k => k.Kind == nameof(AssistantUsageKind.RegistrationCompleted) && k.Channel == nameof(Channel.Web)).Sum(k => k.Count);
        var result = new List<ReportCount>();
        foreach (var row in rows.OrderByDescending(r => r.Count))
        {
            if (row.Channel == nameof(Channel.Web))
            {
                var chat = Math.Min(webChat, row.Count);
                result.Add(new ReportCount("WebChat", WebChatLabel, (int)chat));
                result.Add(new ReportCount(nameof(Channel.Web), WebFormLabel, (int)(row.Count - chat)));
            }
            else
            {
                result.Add(new ReportCount(row.Channel, Enum.TryParse<Channel>(row.Channel, out var c) ? c.Label() : row.Channel, (int)row.Count));
            }
        }

        return result;
    }

    private static async Task<List<T>> QueryAsync<T>(OuvidoriaDbContext db, ReportFilter filter, Func<ReportSql, string, string> build, CancellationToken ct)
    {
        var sql = ReportSql.For(db);
        var conditions = new List<string> { "1 = 1" };
        if (filter.FromUtc is { } from)
        {
            conditions.Add($"u.\"HourUtc\" >= {sql.Time(from)}");
        }

        if (filter.ToUtcExclusive is { } to)
        {
            conditions.Add($"u.\"HourUtc\" < {sql.Time(to)}");
        }

        return await sql.Query<T>(db, build(sql, string.Join(" AND ", conditions))).ToListAsync(ct);
    }

    private sealed class KindRow
    {
        public string Kind { get; set; } = string.Empty;

        public string Step { get; set; } = string.Empty;

        public string Channel { get; set; } = string.Empty;

        public long Count { get; set; }
    }

    private sealed class DayRow
    {
        public string Day { get; set; } = string.Empty;

        public long Messages { get; set; }

        public long Chats { get; set; }

        public long MessagesAccumulated { get; set; }

        public long ChatsAccumulated { get; set; }
    }

    private sealed class HourRow
    {
        public string Hour { get; set; } = string.Empty;

        public long Count { get; set; }
    }

    private sealed class ChannelRow
    {
        public string Channel { get; set; } = string.Empty;

        public long Count { get; set; }
    }
}
