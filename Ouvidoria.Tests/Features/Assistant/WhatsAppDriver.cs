using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ouvidoria.Infrastructure.Persistence;
using Ouvidoria.Tests.Support.WhatsApp;

namespace Ouvidoria.Tests.Features.Assistant;

/// <summary>
/// One citizen on WhatsApp: sends signed webhook POSTs from its own number and reads Bel's replies
/// (only those addressed to that number) from the <see cref="FakeGraphApi"/>.
/// </summary>
public sealed partial class WhatsAppDriver(WhatsAppApp app, string phone)
{
    public const string Secret = "test-app-secret";

    /// <summary>Bel's phrases (Ouvidoria.Domain.Assistant.Texts is internal).</summary>
    public static class Phrases
    {
        public const string WelcomeStart = "Olá! Eu sou a Bel";
        public const string Expired = "Sua conversa anterior ficou um tempo parada";
        public const string Cancelled = "Tudo bem, cancelei.";
        public const string AnonymousReceipt = "Como a manifestação é anônima, não poderemos pedir complementação";
        public const string MediaRejected = "Não consegui receber esse arquivo:";
        public const string ComplementSent = "Complementação enviada para o protocolo";
    }

    /// <summary>A valid 1×1 PNG.</summary>
    public static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    public string Phone => phone;

    /// <summary>Every send attempt to this number (failed attempts included), oldest first.</summary>
    public IReadOnlyList<RecordedSend> Sends =>
        app.Graph.Sends.Where(s => s.Json.GetProperty("to").GetString() == phone).ToList();

    /// <summary>The text of every send attempt to this number (text body or interactive body).</summary>
    public IReadOnlyList<string> Bodies => Sends.Select(s => BodyOf(s.Json)).ToList();

    public string LastText() =>
        Sends.Last(s => s.Json.GetProperty("type").GetString() == "text").Json.GetProperty("text").GetProperty("body").GetString()!;

    public OuvidoriaDbContext Db() =>
        app.Factory.Services.GetRequiredService<IDbContextFactory<OuvidoriaDbContext>>().CreateDbContext();

    public static string BodyOf(JsonElement json) =>
        json.GetProperty("type").GetString() == "text"
            ? json.GetProperty("text").GetProperty("body").GetString()!
            : json.GetProperty("interactive").GetProperty("body").GetProperty("text").GetString()!;

    /// <summary>Sends a text and waits for the replies; returns the message's wamid.</summary>
    public async Task<string> SendTextAsync(string text, TimeSpan? timeout = null)
    {
        var wamid = NewWamid();
        await PostMessageAsync(new JsonObject
        {
            ["from"] = phone,
            ["id"] = wamid,
            ["timestamp"] = "1763800000",
            ["type"] = "text",
            ["text"] = new JsonObject { ["body"] = text },
        });
        await WaitIdleAsync(timeout);
        return wamid;
    }

    /// <summary>Taps the button or list row with this title in Bel's latest interactive message to this number.</summary>
    public async Task ChooseAsync(string title)
    {
        var (id, kind) = FindChoice(title);
        await PostMessageAsync(new JsonObject
        {
            ["from"] = phone,
            ["id"] = NewWamid(),
            ["timestamp"] = "1763800000",
            ["type"] = "interactive",
            ["interactive"] = kind == "button"
                ? new JsonObject { ["type"] = "button_reply", ["button_reply"] = new JsonObject { ["id"] = id, ["title"] = title } }
                : new JsonObject { ["type"] = "list_reply", ["list_reply"] = new JsonObject { ["id"] = id, ["title"] = title } },
        });
        await WaitIdleAsync();
    }

    /// <summary>Sends an image message (shape of shared/fixtures/whatsapp/image.json) for media registered in the fake.</summary>
    public async Task SendImageAsync(string mediaId, string mimeType, string sha256)
    {
        await PostMessageAsync(new JsonObject
        {
            ["from"] = phone,
            ["id"] = NewWamid(),
            ["timestamp"] = "1763800000",
            ["type"] = "image",
            ["image"] = new JsonObject { ["mime_type"] = mimeType, ["sha256"] = sha256, ["id"] = mediaId },
        });
        await WaitIdleAsync();
    }

    /// <summary>Until every stored message is processed and every reply sent (or abandoned).</summary>
    public async Task WaitIdleAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            await using (var db = Db())
            {
                if (!await db.WhatsAppInbox.AnyAsync(m => m.ProcessedAt == null) && !await db.WhatsAppOutbox.AnyAsync(m => m.SentAt == null && m.FailedAt == null))
                {
                    return;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"A caixa de entrada/saída do WhatsApp não esvaziou em {(timeout ?? TimeSpan.FromSeconds(10)).TotalSeconds} s.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The conversation key (keyed hash of the number) stored with an inbox message.</summary>
    public async Task<string> ConversationKeyOfAsync(string wamid)
    {
        await using var db = Db();
        return await db.WhatsAppInbox.Where(m => m.Wamid == wamid).Select(m => m.ConversationKey).SingleAsync();
    }

    public static string Sha256Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static string NupIn(string text) => NupPattern().Match(text).Value;

    public static string PasswordIn(string text) => PasswordPattern().Match(text).Groups[1].Value;

    private (string Id, string Kind) FindChoice(string title)
    {
        foreach (var send in Sends.Reverse())
        {
            if (!send.Json.TryGetProperty("interactive", out var interactive))
            {
                continue;
            }

            var action = interactive.GetProperty("action");
            if (action.TryGetProperty("buttons", out var buttons))
            {
                foreach (var button in buttons.EnumerateArray())
                {
                    var reply = button.GetProperty("reply");
                    if (reply.GetProperty("title").GetString() == title)
                    {
                        return (reply.GetProperty("id").GetString()!, "button");
                    }
                }
            }
            else
            {
                foreach (var row in action.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("rows").EnumerateArray()))
                {
                    if (row.GetProperty("title").GetString() == title)
                    {
                        return (row.GetProperty("id").GetString()!, "list");
                    }
                }
            }

            throw new Xunit.Sdk.XunitException($"A última mensagem interativa da Bel não tem a opção \"{title}\": {send.Json}");
        }

        throw new Xunit.Sdk.XunitException("Bel ainda não enviou mensagem interativa.");
    }

    private async Task PostMessageAsync(JsonObject message)
    {
        using var client = app.Factory.CreateClient();
        using var response = await PostSignedAsync(client, Payload(phone, message));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>A `messages` webhook in the Cloud API shape carrying one message from <paramref name="from"/>.</summary>
    public static byte[] Payload(string from, JsonObject message) => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["object"] = "whatsapp_business_account",
        ["entry"] = new JsonArray(new JsonObject
        {
            ["id"] = "102290129340398",
            ["changes"] = new JsonArray(new JsonObject
            {
                ["field"] = "messages",
                ["value"] = new JsonObject
                {
                    ["messaging_product"] = "whatsapp",
                    ["metadata"] = new JsonObject { ["display_phone_number"] = "15550783881", ["phone_number_id"] = FakeGraphApi.PhoneNumberId },
                    ["contacts"] = new JsonArray(new JsonObject { ["profile"] = new JsonObject { ["name"] = "Cidadã" }, ["wa_id"] = from }),
                    ["messages"] = new JsonArray(message),
                },
            }),
        }),
    }.ToJsonString());

    /// <summary>POSTs the raw body signed with the test app secret, as Meta does.</summary>
    public static Task<HttpResponseMessage> PostSignedAsync(HttpClient client, byte[] body, string secret = Secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/whatsapp") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body)));
        return client.SendAsync(request);
    }

    private static string NewWamid() => "wamid." + Guid.NewGuid().ToString("N");

    [GeneratedRegex(@"\d{5}\.\d{6}/\d{4}-\d{2}")]
    private static partial Regex NupPattern();

    [GeneratedRegex(@"Senha: (\S+)")]
    private static partial Regex PasswordPattern();
}
