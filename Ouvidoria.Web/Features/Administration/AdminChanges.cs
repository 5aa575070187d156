using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Ouvidoria.Domain.Administration;
using Ouvidoria.Domain.Common;

namespace Ouvidoria.Web.Features.Administration;

/// <summary>
/// What every administration use case shares: who may act (administrators only, checked in the
/// use case, not only by the page policy) and the audit row of each change (before/after as JSON).
/// </summary>
public static class AdminChanges
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static bool MayAdminister(Actor actor) => actor.Kind == ActorKind.Administrator;

    public static Error Forbidden() => Error.Forbidden("Somente administradores podem alterar a administração do sistema.");

    public static string? Snapshot(object? state) => state is null ? null : JsonSerializer.Serialize(state, Json);

    public static AdministrativeChange Of(string entityType, object key, string summary, object? before, object? after, Actor actor, DateTimeOffset at) =>
        AdministrativeChange.Of(entityType, Convert.ToString(key, System.Globalization.CultureInfo.InvariantCulture)!, summary, Snapshot(before), Snapshot(after), actor, at);
}
