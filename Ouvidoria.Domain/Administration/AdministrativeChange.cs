using Ouvidoria.Domain.Common;

namespace Ouvidoria.Domain.Administration;

/// <summary>
/// One administrative change (a template, and later units, users, themes, settings): which entity,
/// who, when, and the entity's state before and after as the entity serializes it. Append-only.
/// </summary>
public sealed class AdministrativeChange
{
    public const int MaxEntityTypeLength = 60;
    public const int MaxEntityKeyLength = 100;
    public const int MaxSummaryLength = 200;

    private AdministrativeChange()
    {
        EntityType = string.Empty;
        EntityKey = string.Empty;
        Summary = string.Empty;
        UserName = string.Empty;
    }

    private AdministrativeChange(string entityType, string entityKey, string summary, string? before, string? after, Actor actor, DateTimeOffset at)
    {
        Id = Guid.NewGuid();
        EntityType = entityType;
        EntityKey = entityKey;
        Summary = summary;
        Before = before;
        After = after;
        UserId = actor.UserId;
        UserName = actor.Name;
        At = at;
    }

    public Guid Id { get; private set; }

    /// <summary>The kind of entity, e.g. "TextTemplate".</summary>
    public string EntityType { get; private set; }

    /// <summary>The entity's stable key within its type.</summary>
    public string EntityKey { get; private set; }

    /// <summary>What was done, in pt-BR ("Texto alterado").</summary>
    public string Summary { get; private set; }

    /// <summary>The state before (null when created).</summary>
    public string? Before { get; private set; }

    /// <summary>The state after (null when removed).</summary>
    public string? After { get; private set; }

    public string? UserId { get; private set; }

    public string UserName { get; private set; }

    public DateTimeOffset At { get; private set; }

    public static AdministrativeChange Of(string entityType, string entityKey, string summary, string? before, string? after, Actor actor, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(entityType) || entityType.Length > MaxEntityTypeLength
            || string.IsNullOrWhiteSpace(entityKey) || entityKey.Length > MaxEntityKeyLength)
        {
            throw new ArgumentException("Tipo e chave da entidade são obrigatórios e curtos.");
        }

        TextLimits.Check(summary, MaxSummaryLength, "O resumo da alteração");
        return new AdministrativeChange(entityType, entityKey, summary, before, after, actor, at);
    }
}
