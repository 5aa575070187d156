using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ouvidoria.Web.Features.Api;

/// <summary>
/// Reads a request body as JSON with the API's options — unknown fields refused (a typo such as
/// "descricão" must not silently drop the description) — and turns every parse failure into a 400
/// with the field and a pt-BR reason. The raw bytes are kept for the idempotency fingerprint.
/// </summary>
public static class ApiJson
{
    public const int MaxBodyBytes = 256 * 1024;

    /// <summary>Requests and responses: camelCase, accents written as themselves.</summary>
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        // ASP.NET Core's own default for JSON responses: accents and '+' as themselves (the content type is JSON, never HTML).
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        // Numbers are numbers: "10" is refused where 10 is expected (and the schema says integer, not integer-or-string).
        options.NumberHandling = JsonNumberHandling.Strict;
        return options;
    }

    public sealed record Read<T>(T? Value, byte[] Bytes, IResult? Problem);

    public static async Task<Read<T>> ReadAsync<T>(HttpRequest request, CancellationToken ct)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return new(null, [], ApiProblems.UnsupportedMediaType("Envie o corpo em JSON, com o cabeçalho Content-Type: application/json."));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return new(null, [], ApiProblems.PayloadTooLarge($"O corpo JSON passa de {MaxBodyBytes / 1024} KB."));
            }

            buffer.Write(chunk, 0, read);
        }

        var bytes = buffer.ToArray();
        if (bytes.Length == 0)
        {
            return new(null, bytes, ApiProblems.BadRequest("Envie o corpo da requisição em JSON."));
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(bytes, Options);
            return value is null
                ? new(null, bytes, ApiProblems.BadRequest("O corpo da requisição deve ser um objeto JSON."))
                : new(value, bytes, null);
        }
        catch (JsonException e)
        {
            return new(null, bytes, Describe(e));
        }
    }

    private static IResult Describe(JsonException e)
    {
        var field = e.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
        var message = e.Message;
        string reason;
        if (message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            var name = Between(message, "The JSON property '", "'");
            // The path may stop at the object holding the unknown property, or include it.
            field = field is null ? name : name is null || field == name || field.EndsWith("." + name, StringComparison.Ordinal) ? field : $"{field}.{name}";
            reason = "Campo desconhecido: confira o nome no documento OpenAPI (/openapi/v1.json).";
        }
        else if (field is not null && AllowedValues.TryGetValue(field, out var allowed))
        {
            reason = $"Valor inválido. Use um de: {allowed}.";
        }
        else if (field is not null)
        {
            reason = "Valor inválido para este campo (confira o tipo: texto, número, verdadeiro/falso, data ISO 8601 ou identificador).";
        }
        else if (e.Path == "$" && message.Contains("could not be converted", StringComparison.Ordinal))
        {
            return ApiProblems.BadRequest("O corpo da requisição deve ser um objeto JSON.");
        }
        else
        {
            var position = e.LineNumber is { } line ? $" (linha {line + 1}, posição {(e.BytePositionInLine ?? 0) + 1})" : string.Empty;
            return ApiProblems.BadRequest($"JSON malformado{position}.");
        }

        return ApiProblems.Invalid(new Dictionary<string, string[]> { [field ?? "$"] = [reason] });
    }

    private static readonly Dictionary<string, string> AllowedValues = new(StringComparer.Ordinal)
    {
        ["tipo"] = Slugs<TipoManifestacao>(),
        ["canal"] = Slugs<CanalEntrada>(),
    };

    private static string Slugs<TEnum>()
        where TEnum : struct, Enum =>
        string.Join(", ", Enum.GetValues<TEnum>().Select(v => JsonSerializer.Serialize(v, Options).Trim('"')));

    private static string? Between(string text, string start, string end)
    {
        var i = text.IndexOf(start, StringComparison.Ordinal);
        if (i < 0)
        {
            return null;
        }

        i += start.Length;
        var j = text.IndexOf(end, i, StringComparison.Ordinal);
        return j < 0 ? null : text[i..j];
    }
}
