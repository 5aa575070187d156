using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Persistence;

namespace Ouvidoria.Tests.Features.Assistant;

/// <summary>
/// Bel on the WhatsApp Cloud API wire format, driven only by signed webhook POSTs, answering
/// through a fake Graph API on loopback.
/// </summary>
public sealed class WhatsAppConversationTests(WhatsAppApp app) : IClassFixture<WhatsAppApp>
{
    private const string Phone = "5531988887777";

    [Fact]
    public async Task Webhook_FullRegistrationByWhatsApp_RegistersAndSendsNupAndPasswordWithoutKeepingThePhone()
    {
        var citizen = new WhatsAppDriver(app, Phone);
        await citizen.SendTextAsync("oi");
        await citizen.ChooseAsync("Registrar manifestação");
        await citizen.ChooseAsync("Reclamação");
        await citizen.ChooseAsync("Saúde");
        await citizen.ChooseAsync("Identificar-me");
        await citizen.SendTextAsync("Helena Duarte Campos");
        await citizen.SendTextAsync("helena.campos@exemplo.com.br");
        await citizen.ChooseAsync("Autorizo");
        await citizen.SendTextAsync("A ambulância do SAMU demorou três horas para atender um idoso na rua Tupis.");
        await citizen.ChooseAsync("Concluir descrição");
        await citizen.ChooseAsync("Continuar");
        await citizen.ChooseAsync("Confirmar");

        var receipt = citizen.LastText();
        var nup = WhatsAppDriver.NupIn(receipt);
        var password = WhatsAppDriver.PasswordIn(receipt);
        Assert.True(Nup.TryParse(nup, out var parsed), receipt);

        using (var scope = app.Factory.Services.CreateScope())
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<OuvidoriaDbContext>>().CreateDbContextAsync();
            var saved = await db.Manifestations.SingleAsync(m => m.Nup == parsed);
            Assert.Equal(Channel.WhatsApp, saved.Channel);
            Assert.Equal(ManifestationStatus.Registered, saved.Status); // waiting in the triage queue
            Assert.True(saved.VerifyPassword(password));
            Assert.Equal("Helena Duarte Campos", saved.Requester?.Name);
            Assert.All(app.Graph.Sends, s => Assert.Equal(Phone, s.Json.GetProperty("to").GetString()));

            // ...and the ombudsman finds it in the portal's triage queue.
            var queue = await scope.ServiceProvider.GetRequiredService<Ouvidoria.Web.Features.Queue.QueueQuery>().ExecuteAsync(
                new Ouvidoria.Web.Features.Queue.QueueFilter { Status = ManifestationStatus.Registered, Sort = Ouvidoria.Web.Features.Queue.QueueSort.Newest },
                new Ouvidoria.Domain.Common.Actor("analista", "Analista", Ouvidoria.Domain.Common.ActorKind.Ombudsman), 0, 20);
            Assert.Contains(queue.Value.Items, row => row.Nup == nup && row.Type == ManifestationType.Complaint);
        }

        // Privacy: the number is in no table and no log line.
        Assert.DoesNotContain(Phone, await DumpDatabaseAsync());
        Assert.DoesNotContain(app.Logs, line => line.Contains(Phone, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Webhook_SameWamidTwice_IsProcessedOnce()
    {
        using var client = app.Factory.CreateClient();
        var body = Payload(TextMessage("wamid.DUPLICATE-1", "menu"));
        var before = app.Graph.Sends.Count;

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, body)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, body)).StatusCode);
        await new WhatsAppDriver(app, Phone).WaitIdleAsync();

        await using var db = Db();
        Assert.Equal(1, await db.WhatsAppInbox.CountAsync(m => m.Wamid == "wamid.DUPLICATE-1"));
        var replies = app.Graph.Sends.Count - before;
        Assert.InRange(replies, 1, 3);
        Assert.Equal(replies, await db.WhatsAppOutbox.CountAsync(m => m.CreatedAt >= db.WhatsAppInbox.Single(i => i.Wamid == "wamid.DUPLICATE-1").ReceivedAt));
    }

    [Fact]
    public async Task Webhook_BadSignature_Is401AndStoresNothing()
    {
        using var client = app.Factory.CreateClient();
        var body = Payload(TextMessage("wamid.BADSIG", "oi"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/whatsapp") { Content = new ByteArrayContent(body) };
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData("outro-segredo"u8.ToArray(), body)));

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await using var db = Db();
        Assert.False(await db.WhatsAppInbox.AnyAsync(m => m.Wamid == "wamid.BADSIG"));
    }

    [Fact]
    public async Task Webhook_SignedMalformedJson_Is400ProblemDetails()
    {
        using var client = app.Factory.CreateClient();

        var response = await PostAsync(client, "{\"object\":\"whatsapp_business_account\",\"entry\":[{"u8.ToArray());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("test-verify-token", HttpStatusCode.OK)]
    [InlineData("errado", HttpStatusCode.Forbidden)]
    public async Task Verification_Token_AnswersTheChallengeOnlyWhenItMatches(string token, HttpStatusCode expected)
    {
        using var client = app.Factory.CreateClient();

        var response = await client.GetAsync($"/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token={token}&hub.challenge=1158201444");

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK)
        {
            Assert.Equal("1158201444", await response.Content.ReadAsStringAsync());
        }
    }

    private OuvidoriaDbContext Db() =>
        app.Factory.Services.GetRequiredService<IDbContextFactory<OuvidoriaDbContext>>().CreateDbContext();

    private static JsonObject TextMessage(string wamid, string text) => new()
    {
        ["from"] = Phone,
        ["id"] = wamid,
        ["timestamp"] = "1763800000",
        ["type"] = "text",
        ["text"] = new JsonObject { ["body"] = text },
    };

    private static byte[] Payload(JsonObject message) => WhatsAppDriver.Payload(Phone, message);

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, byte[] body) => WhatsAppDriver.PostSignedAsync(client, body);

    /// <summary>Every value of every table, as text.</summary>
    private async Task<string> DumpDatabaseAsync()
    {
        var dump = new StringBuilder();
        await using var connection = new SqliteConnection($"Data Source={app.DatabasePath}");
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    dump.Append(reader.IsDBNull(i) ? string.Empty : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('|');
                }
            }
        }

        Assert.Contains("Helena Duarte Campos", dump.ToString()); // the dump does read the data
        return dump.ToString();
    }

}
