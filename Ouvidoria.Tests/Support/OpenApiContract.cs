using System.Text.Json;

namespace Ouvidoria.Tests.Support;

/// <summary>
/// The served OpenAPI 3.1 document, and a check of real responses against it: the status code must
/// be documented for the operation, and the body must satisfy the documented JSON Schema (the
/// subset the document uses: $ref, type — also as a list with "null" —, required, properties,
/// additionalProperties false, items, enum, oneOf, format date-time/uuid, maxLength).
/// </summary>
public sealed class OpenApiContract(JsonElement document)
{
    public JsonElement Document { get; } = document;

    public IEnumerable<(string Path, string Method, JsonElement Operation)> Operations()
    {
        foreach (var path in Document.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject())
            {
                yield return (path.Name, method.Name, method.Value);
            }
        }
    }

    public JsonElement Operation(string operationId) =>
        Operations().Single(o => o.Operation.TryGetProperty("operationId", out var id) && id.GetString() == operationId).Operation;

    /// <summary>Every violation of the documented response (empty: the response conforms).</summary>
    public async Task<IReadOnlyList<string>> ViolationsAsync(string operationId, HttpResponseMessage response)
    {
        var problems = new List<string>();
        var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!Operation(operationId).GetProperty("responses").TryGetProperty(status, out var documented))
        {
            return [$"{operationId}: status {status} is not documented"];
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType ?? string.Empty;
        if (!documented.TryGetProperty("content", out var content))
        {
            return problems;
        }

        if (!content.TryGetProperty(mediaType, out var media))
        {
            return [$"{operationId} {status}: content type '{mediaType}' is not documented ({string.Join(", ", content.EnumerateObject().Select(p => p.Name))})"];
        }

        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Validate(media.GetProperty("schema"), body, "$", problems);
        return problems;
    }

    private JsonElement Resolve(JsonElement schema)
    {
        while (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/')[^1];
            schema = Document.GetProperty("components").GetProperty("schemas").GetProperty(name);
        }

        return schema;
    }

    private void Validate(JsonElement schema, JsonElement value, string path, List<string> problems)
    {
        schema = Resolve(schema);
        if (schema.TryGetProperty("oneOf", out var oneOf))
        {
            var matches = oneOf.EnumerateArray().Count(branch =>
            {
                var branchProblems = new List<string>();
                Validate(branch, value, path, branchProblems);
                return branchProblems.Count == 0;
            });
            if (matches != 1)
            {
                problems.Add($"{path}: matches {matches} of the oneOf branches");
            }

            return;
        }

        if (schema.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(v => JsonElement.DeepEquals(v, value)))
        {
            problems.Add($"{path}: {value.GetRawText()} is not one of {values.GetRawText()}");
        }

        if (schema.TryGetProperty("type", out var type))
        {
            var allowed = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!];
            if (!allowed.Any(t => IsOfType(value, t)))
            {
                problems.Add($"{path}: {value.ValueKind} is not of type {string.Join("|", allowed)}");
                return;
            }
        }

        if (value.ValueKind == JsonValueKind.String && schema.TryGetProperty("format", out var format))
        {
            var text = value.GetString()!;
            var ok = format.GetString() switch
            {
                "date-time" => DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _) && text.Contains('T', StringComparison.Ordinal),
                "uuid" => Guid.TryParse(text, out _),
                _ => true,
            };
            if (!ok)
            {
                problems.Add($"{path}: '{text}' is not a {format.GetString()}");
            }
        }

        if (value.ValueKind == JsonValueKind.String && schema.TryGetProperty("maxLength", out var maxLength) && value.GetString()!.Length > maxLength.GetInt32())
        {
            problems.Add($"{path}: longer than {maxLength.GetInt32()}");
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            var properties = schema.TryGetProperty("properties", out var p) ? p : default;
            if (schema.TryGetProperty("required", out var required))
            {
                foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
                {
                    if (!value.TryGetProperty(name, out _))
                    {
                        problems.Add($"{path}: required property '{name}' is missing");
                    }
                }
            }

            foreach (var property in value.EnumerateObject())
            {
                if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
                {
                    Validate(propertySchema, property.Value, $"{path}.{property.Name}", problems);
                }
                else if (schema.TryGetProperty("additionalProperties", out var additional))
                {
                    if (additional.ValueKind == JsonValueKind.False)
                    {
                        problems.Add($"{path}: property '{property.Name}' is not documented");
                    }
                    else if (additional.ValueKind == JsonValueKind.Object)
                    {
                        Validate(additional, property.Value, $"{path}.{property.Name}", problems);
                    }
                }
            }
        }

        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                Validate(items, item, $"{path}[{i++}]", problems);
            }
        }
    }

    private static bool IsOfType(JsonElement value, string type) => type switch
    {
        "null" => value.ValueKind == JsonValueKind.Null,
        "string" => value.ValueKind == JsonValueKind.String,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "number" => value.ValueKind == JsonValueKind.Number,
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        _ => false,
    };
}
