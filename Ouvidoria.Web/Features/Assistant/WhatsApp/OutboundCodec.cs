using System.Text.Json;
using Ouvidoria.Domain.Assistant;

namespace Ouvidoria.Web.Features.Assistant.WhatsApp;

/// <summary>Bel's replies as JSON for the outbox (the engine's types stay persistence-free).</summary>
public static class OutboundCodec
{
    private sealed record Stored(string Kind, string Body, string? ButtonText, List<Choice>? Choices);

    public static string Serialize(Outbound reply) => JsonSerializer.Serialize(reply switch
    {
        TextOut t => new Stored("text", t.Body, null, null),
        ButtonsOut b => new Stored("buttons", b.Body, null, [.. b.Buttons]),
        ListOut l => new Stored("list", l.Body, l.ButtonText, [.. l.Rows]),
        _ => throw new InvalidOperationException($"Resposta desconhecida: {reply.GetType().Name}"),
    });

    public static Outbound Deserialize(string json)
    {
        var stored = JsonSerializer.Deserialize<Stored>(json) ?? throw new InvalidOperationException("Resposta vazia no outbox.");
        return stored.Kind switch
        {
            "text" => new TextOut(stored.Body),
            "buttons" => new ButtonsOut(stored.Body, stored.Choices ?? []),
            "list" => new ListOut(stored.Body, stored.ButtonText ?? "Opções", stored.Choices ?? []),
            _ => throw new InvalidOperationException($"Tipo de resposta desconhecido no outbox: {stored.Kind}"),
        };
    }
}
