using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Administration;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Templates;
using Ouvidoria.Infrastructure.Persistence;
using Ouvidoria.Web.Features.Administration.ApiKeys;
using Ouvidoria.Web.Features.Administration.Themes;
using Ouvidoria.Web.Features.Administration.Units;
using Ouvidoria.Web.Features.Administration.Users;
using Ouvidoria.Web.Features.Notifications;
using Ouvidoria.Web.Features.Reports;

namespace Ouvidoria.Web.Features.Administration.History;

/// <summary>
/// The filters of "Histórico administrativo": one entity type (null: all) and a period of Brasília
/// calendar dates (both inclusive, either open).
/// </summary>
public sealed record AdminHistoryFilter(string? EntityType = null, DateOnly? From = null, DateOnly? To = null);

/// <summary>
/// Where the next page starts: rows strictly older than <paramref name="At"/>, plus — among the rows
/// of that very instant, in the list's order — those after the first <paramref name="SkipAtInstant"/>.
/// </summary>
public sealed record AdminHistoryCursor(DateTimeOffset At, int SkipAtInstant);

/// <summary>One field that differs between the snapshots ("—": absent).</summary>
public sealed record FieldChange(string Field, string Label, string Before, string After);

/// <summary>One row of the history, as the page shows it.</summary>
public sealed record AdminChangeRow(
    Guid Id,
    DateTimeOffset At,
    string UserName,
    string EntityType,
    string EntityLabel,
    string EntityKey,
    string Summary,
    IReadOnlyList<FieldChange> Changes,
    string? Before,
    string? After);

public sealed record AdminHistoryPage(IReadOnlyList<AdminChangeRow> Rows, AdminHistoryCursor? Next);

/// <summary>
/// "Histórico administrativo": the <see cref="AdministrativeChange"/> rows, newest first, for
/// administrators only (checked here, not only by the page). Keyset paging on (At, Id) over the
/// indexes (At, Id) and (EntityType, At, Id); each row's before/after JSON is diffed field by field.
/// </summary>
public sealed class AdministrativeHistory(IDbContextFactory<OuvidoriaDbContext> factory)
{
    public const int PageSize = 25;

    /// <summary>The entity types an administrator may filter by, with their pt-BR labels.</summary>
    public static readonly IReadOnlyDictionary<string, string> EntityLabels = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [SystemSettings.EntityType] = "Configurações",
        [UserAdministration.EntityType] = "Usuário",
        [UnitAdministration.EntityType] = "Unidade",
        [ThemeAdministration.EntityType] = "Temática",
        [TextTemplate.EntityType] = "Texto padrão",
        [ApiKeyAdministration.EntityType] = "Chave de API",
        [EmailOutboxAdministration.EntityType] = "Notificação por e-mail",
    };

    /// <summary>pt-BR names of the snapshots' fields (others are shown as stored).</summary>
    private static readonly Dictionary<string, string> FieldLabels = new(StringComparer.Ordinal)
    {
        ["OfficeName"] = "Nome da ouvidoria",
        ["NupUnitCode"] = "Código da unidade no NUP",
        ["FirstAlertDays"] = "Primeiro alerta de prazo (dias)",
        ["SecondAlertDays"] = "Segundo alerta de prazo (dias)",
        ["ChannelLogDays"] = "Retenção das mensagens do WhatsApp (dias)",
        ["ClosedCaseFilesDays"] = "Retenção dos anexos de casos encerrados (dias)",
        ["IdleTimeoutMinutes"] = "Tempo de inatividade (minutos)",
        ["TwoFactorRequiredFor"] = "Verificação em duas etapas exigida de",
        ["CitizenAnswerDays"] = "Prazo de resposta ao cidadão (dias)",
        ["CitizenExtensionDays"] = "Prorrogação do prazo do cidadão (dias)",
        ["UnitAnswerDays"] = "Prazo de resposta das unidades (dias)",
        ["UnitExtensionDays"] = "Prorrogação do prazo das unidades (dias)",
        ["ComplementDays"] = "Prazo de complementação (dias)",
        ["MaxAttachmentFiles"] = "Anexos por manifestação",
        ["MaxAttachmentMegabytes"] = "Tamanho total dos anexos (MB)",
        ["ForeignWords"] = "Palavras estrangeiras",
        ["Name"] = "Nome",
        ["Email"] = "E-mail",
        ["IsActive"] = "Ativo",
        ["Active"] = "Ativo",
        ["Role"] = "Perfil",
        ["UnitId"] = "Unidade",
        ["ParentId"] = "Subordinada a",
        ["Text"] = "Texto",
    };

    public static string EntityLabel(string entityType) => EntityLabels.GetValueOrDefault(entityType, entityType);

    public async Task<Result<AdminHistoryPage>> ListAsync(AdminHistoryFilter filter, AdminHistoryCursor? cursor, Actor actor, CancellationToken ct = default)
    {
        if (!AdminChanges.MayAdminister(actor))
        {
            return Error.Forbidden("Somente administradores consultam o histórico administrativo.");
        }

        if (filter.From is { } from && filter.To is { } to && from > to)
        {
            return Error.Validation("A data inicial do período deve ser anterior ou igual à final.");
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var query = db.AdministrativeChanges.AsNoTracking();
        if (!string.IsNullOrEmpty(filter.EntityType))
        {
            query = query.Where(c => c.EntityType == filter.EntityType);
        }

        if (filter.From is { } start)
        {
            var startUtc = ReportTime.StartOfDayUtc(start);
            query = query.Where(c => c.At >= startUtc);
        }

        if (filter.To is { } end)
        {
            var endUtc = ReportTime.StartOfDayUtc(end.AddDays(1));
            query = query.Where(c => c.At < endUtc);
        }

        if (cursor is not null)
        {
            query = query.Where(c => c.At <= cursor.At);
        }

        var ordered = query.OrderByDescending(c => c.At).ThenByDescending(c => c.Id);
        var skip = cursor?.SkipAtInstant ?? 0;
        var rows = await ordered.Skip(skip).Take(PageSize + 1)
            .Select(c => new { c.Id, c.At, c.UserName, c.EntityType, c.EntityKey, c.Summary, c.Before, c.After })
            .ToListAsync(ct);

        // At the cursor's instant the first SkipAtInstant rows (in this order) were on the previous pages.
        var page = rows.Take(PageSize).ToList();
        AdminHistoryCursor? next = null;
        if (rows.Count > PageSize)
        {
            var last = page[^1].At;
            var atInstant = page.Count(r => r.At == last);
            next = new AdminHistoryCursor(last, cursor is not null && cursor.At == last ? cursor.SkipAtInstant + atInstant : atInstant);
        }

        return new AdminHistoryPage(
            page.Select(r => new AdminChangeRow(r.Id, r.At, r.UserName, r.EntityType, EntityLabel(r.EntityType), r.EntityKey, r.Summary, Diff(r.Before, r.After), r.Before, r.After)).ToList(),
            next);
    }

    /// <summary>The top-level fields whose values differ (all of them on creation or removal).</summary>
    public static IReadOnlyList<FieldChange> Diff(string? before, string? after)
    {
        var old = Fields(before);
        var @new = Fields(after);
        return old.Keys.Concat(@new.Keys).Distinct(StringComparer.Ordinal)
            .Select(field => (field, before: old.GetValueOrDefault(field), after: @new.GetValueOrDefault(field)))
            .Where(f => f.before != f.after)
            .Select(f => new FieldChange(f.field, FieldLabels.GetValueOrDefault(f.field, f.field), f.before ?? "—", f.after ?? "—"))
            .ToList();
    }

    private static Dictionary<string, string> Fields(string? json)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json))
        {
            return fields;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                fields["(valor)"] = Show(document.RootElement);
                return fields;
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                fields[property.Name] = Show(property.Value);
            }
        }
        catch (JsonException)
        {
            fields["(valor)"] = json;
        }

        return fields;
    }

    private static string Show(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? string.Empty,
        JsonValueKind.True => "sim",
        JsonValueKind.False => "não",
        JsonValueKind.Null or JsonValueKind.Undefined => "—",
        JsonValueKind.Array => value.GetArrayLength() == 0 ? "(nenhum)" : string.Join(", ", value.EnumerateArray().Select(Show)),
        JsonValueKind.Number or JsonValueKind.Object => value.GetRawText(),
    };
}
