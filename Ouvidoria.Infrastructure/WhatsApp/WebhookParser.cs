using System.Globalization;
using System.Text.Json;

namespace Ouvidoria.Infrastructure.WhatsApp;

/// <summary>
/// Reads the <c>messages</c> webhook of the WhatsApp Business Cloud API. Unknown fields, other change
/// fields, entries without messages and unknown message types are tolerated; several entries, changes
/// and messages in one POST are all returned. Error messages never quote phone numbers or message text.
/// </summary>
public static class WebhookParser
{
    public const string ExpectedObject = "whatsapp_business_account";

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    /// <exception cref="WebhookFormatException">Malformed JSON or not a WhatsApp Business Account webhook.</exception>
    public static ParsedWebhook Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json, DocumentOptions);
            return Read(document.RootElement);
        }
        catch (JsonException ex)
        {
            throw new WebhookFormatException($"The webhook body is not valid JSON ({ex.Message}).", ex);
        }
    }

    /// <exception cref="WebhookFormatException">Malformed JSON or not a WhatsApp Business Account webhook.</exception>
    public static ParsedWebhook Parse(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = DocumentOptions.MaxDepth });
            using var document = JsonDocument.ParseValue(ref reader);
            return Read(document.RootElement);
        }
        catch (JsonException ex)
        {
            throw new WebhookFormatException($"The webhook body is not valid JSON ({ex.Message}).", ex);
        }
    }

    private static ParsedWebhook Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new WebhookFormatException($"The webhook body must be a JSON object, not {root.ValueKind}.");
        }

        var kind = OptionalString(root, "object");
        if (!string.Equals(kind, ExpectedObject, StringComparison.Ordinal))
        {
            throw new WebhookFormatException(
                kind is null
                    ? $"The webhook body has no \"object\" field (expected \"{ExpectedObject}\")."
                    : $"The webhook \"object\" is \"{Shorten(kind)}\", expected \"{ExpectedObject}\".");
        }

        var messages = new List<IncomingMessage>();
        var statuses = new List<StatusUpdate>();
        foreach (var entry in OptionalArray(root, "entry", "entry"))
        {
            foreach (var change in OptionalArray(entry, "changes", "entry[].changes"))
            {
                if (change.ValueKind != JsonValueKind.Object
                    || !string.Equals(OptionalString(change, "field"), "messages", StringComparison.Ordinal)
                    || !change.TryGetProperty("value", out var value)
                    || value.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                var contacts = ReadContacts(value);
                foreach (var message in OptionalArray(value, "messages", "value.messages"))
                {
                    messages.Add(ReadMessage(message, contacts));
                }

                foreach (var status in OptionalArray(value, "statuses", "value.statuses"))
                {
                    if (ReadStatus(status) is { } update)
                    {
                        statuses.Add(update);
                    }
                }
            }
        }

        return new ParsedWebhook(messages, statuses);
    }

    private static Dictionary<string, string?> ReadContacts(JsonElement value)
    {
        var contacts = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var contact in OptionalArray(value, "contacts", "value.contacts"))
        {
            if (contact.ValueKind != JsonValueKind.Object || OptionalString(contact, "wa_id") is not { } waId)
            {
                continue;
            }

            string? name = null;
            if (contact.TryGetProperty("profile", out var profile) && profile.ValueKind == JsonValueKind.Object)
            {
                name = OptionalString(profile, "name");
            }

            contacts[waId] = name;
        }

        return contacts;
    }

    private static IncomingMessage ReadMessage(JsonElement message, Dictionary<string, string?> contacts)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            throw new WebhookFormatException("A value.messages[] item is not an object.");
        }

        var wamid = RequiredString(message, "id", "value.messages[].id");
        var from = RequiredString(message, "from", "value.messages[].from");
        var timestamp = ReadTimestamp(message, "value.messages[].timestamp");
        var type = OptionalString(message, "type") ?? string.Empty;

        string? contactName = contacts.TryGetValue(from, out var name)
            ? name
            : contacts.Count == 1 ? contacts.Values.Single() : null;

        string? contextId = null;
        if (message.TryGetProperty("context", out var context) && context.ValueKind == JsonValueKind.Object)
        {
            contextId = OptionalString(context, "id");
        }

        var result = new IncomingMessage(wamid, from, contactName, timestamp, IncomingMessageKind.Other, RawType: type, ContextMessageId: contextId);
        return type switch
        {
            "text" => result with
            {
                Kind = IncomingMessageKind.Text,
                Text = Child(message, "text") is { } text ? OptionalString(text, "body") : null,
            },
            "interactive" => ReadInteractive(message, result),
            "button" => Child(message, "button") is { } button
                ? result with
                {
                    Kind = IncomingMessageKind.ButtonReply,
                    ChoiceId = OptionalString(button, "payload"),
                    ChoiceTitle = OptionalString(button, "text"),
                }
                : result,
            "image" => ReadMedia(message, type, result with { Kind = IncomingMessageKind.Image }),
            "video" => ReadMedia(message, type, result with { Kind = IncomingMessageKind.Video }),
            "audio" => ReadMedia(message, type, result with { Kind = IncomingMessageKind.Audio }),
            "document" => ReadMedia(message, type, result with { Kind = IncomingMessageKind.Document }),
            "sticker" => ReadMedia(message, type, result),
            "location" => ReadLocation(message, result),
            "unsupported" or "unknown" => result with { Kind = IncomingMessageKind.Unsupported },
            _ => result,
        };
    }

    private static IncomingMessage ReadInteractive(JsonElement message, IncomingMessage result)
    {
        if (Child(message, "interactive") is not { } interactive)
        {
            return result;
        }

        var (kind, property) = OptionalString(interactive, "type") switch
        {
            "button_reply" => (IncomingMessageKind.ButtonReply, "button_reply"),
            "list_reply" => (IncomingMessageKind.ListReply, "list_reply"),
            _ => (IncomingMessageKind.Other, (string?)null),
        };

        if (property is null || Child(interactive, property) is not { } reply)
        {
            return result;
        }

        return result with
        {
            Kind = kind,
            ChoiceId = OptionalString(reply, "id"),
            ChoiceTitle = OptionalString(reply, "title"),
        };
    }

    private static IncomingMessage ReadMedia(JsonElement message, string type, IncomingMessage result)
    {
        if (Child(message, type) is not { } media)
        {
            return result;
        }

        return result with
        {
            MediaId = OptionalString(media, "id"),
            MimeType = OptionalString(media, "mime_type"),
            Sha256 = OptionalString(media, "sha256"),
            FileName = OptionalString(media, "filename"),
            Caption = OptionalString(media, "caption"),
        };
    }

    private static IncomingMessage ReadLocation(JsonElement message, IncomingMessage result)
    {
        result = result with { Kind = IncomingMessageKind.Location };
        if (Child(message, "location") is not { } location
            || !TryGetDouble(location, "latitude", out var latitude)
            || !TryGetDouble(location, "longitude", out var longitude))
        {
            return result;
        }

        return result with
        {
            Location = new GeoLocation(latitude, longitude, OptionalString(location, "name"), OptionalString(location, "address")),
        };
    }

    private static StatusUpdate? ReadStatus(JsonElement status)
    {
        if (status.ValueKind != JsonValueKind.Object)
        {
            throw new WebhookFormatException("A value.statuses[] item is not an object.");
        }

        DeliveryStatus? kind = OptionalString(status, "status") switch
        {
            "sent" => DeliveryStatus.Sent,
            "delivered" => DeliveryStatus.Delivered,
            "read" => DeliveryStatus.Read,
            "failed" => DeliveryStatus.Failed,
            _ => null, // e.g. "deleted", "warning": not something the adapter acts on.
        };

        if (kind is null)
        {
            return null;
        }

        int? errorCode = null;
        string? errorTitle = null;
        if (status.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0
            && errors[0] is { ValueKind: JsonValueKind.Object } error)
        {
            errorCode = error.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.Number && code.TryGetInt32(out var c) ? c : null;
            errorTitle = OptionalString(error, "title") ?? OptionalString(error, "message");
        }

        return new StatusUpdate(
            RequiredString(status, "id", "value.statuses[].id"),
            RequiredString(status, "recipient_id", "value.statuses[].recipient_id"),
            kind.Value,
            ReadTimestamp(status, "value.statuses[].timestamp"),
            errorCode,
            errorTitle);
    }

    private static DateTimeOffset ReadTimestamp(JsonElement element, string path)
    {
        long seconds = -1;
        if (element.TryGetProperty("timestamp", out var value))
        {
            if (value.ValueKind == JsonValueKind.String
                && long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                seconds = parsed;
            }
            else if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number))
            {
                seconds = number;
            }
        }

        // FromUnixTimeSeconds accepts years 1..9999 only.
        if (seconds is >= 0 and <= 253_402_300_799)
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        throw new WebhookFormatException($"\"{path}\" is missing or not a unix time in seconds.");
    }

    private static JsonElement? Child(JsonElement element, string name) =>
        element.TryGetProperty(name, out var child) && child.ValueKind == JsonValueKind.Object ? child : null;

    private static IEnumerable<JsonElement> OptionalArray(JsonElement element, string name, string path)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new WebhookFormatException($"\"{path}\" must be an array, not {array.ValueKind}.");
        }

        return array.EnumerateArray();
    }

    private static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string RequiredString(JsonElement element, string name, string path) =>
        OptionalString(element, name) is { Length: > 0 } value
            ? value
            : throw new WebhookFormatException($"\"{path}\" is missing or not a non-empty string.");

    private static bool TryGetDouble(JsonElement element, string name, out double value)
    {
        value = 0;
        return element.TryGetProperty(name, out var property) && property.ValueKind switch
        {
            JsonValueKind.Number => property.TryGetDouble(out value),
            JsonValueKind.String => double.TryParse(property.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value),
            _ => false,
        };
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
