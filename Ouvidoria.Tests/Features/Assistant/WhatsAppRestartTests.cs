using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ouvidoria.Infrastructure.Persistence;
using Ouvidoria.Tests.Support.WhatsApp;

namespace Ouvidoria.Tests.Features.Assistant;

/// <summary>What the webhook acknowledged is processed even if the node stops before processing it.</summary>
public sealed class WhatsAppRestartTests : IClassFixture<FakeGraphApi>, IDisposable
{
    private const string Phone = "5531977770001";
    private readonly FakeGraphApi graph;
    private readonly string root = Path.Combine(Path.GetTempPath(), $"ouvidoria-wa-restart-{Guid.NewGuid():N}");

    public WhatsAppRestartTests(FakeGraphApi graph)
    {
        this.graph = graph;
        Directory.CreateDirectory(root);
    }

    [Fact]
    public async Task Webhook_AcknowledgedThenNodeStopsBeforeProcessing_IsAnsweredAfterTheRestart()
    {
        // 1. A node that only receives (as if it stopped right after the 200).
        await using (var receiving = Start(processing: false))
        {
            using var client = receiving.CreateClient();
            var body = Encoding.UTF8.GetBytes(
                "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\"," +
                "\"metadata\":{\"display_phone_number\":\"15550783881\",\"phone_number_id\":\"106540352242922\"},\"contacts\":[{\"profile\":{\"name\":\"C\"},\"wa_id\":\"" + Phone + "\"}]," +
                "\"messages\":[{\"from\":\"" + Phone + "\",\"id\":\"wamid.RESTART-1\",\"timestamp\":\"1763800000\",\"type\":\"text\",\"text\":{\"body\":\"oi\"}}]}}]}]}");
            using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/whatsapp") { Content = new ByteArrayContent(body) };
            request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("test-app-secret"), body)));
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
            await Task.Delay(300);
            Assert.DoesNotContain(graph.Sends, s => s.Json.GetProperty("to").GetString() == Phone);
        }

        // 2. The node comes back (same database and keys) and answers the stored message.
        await using var restarted = Start(processing: true);
        for (var i = 0; i < 100 && !graph.Sends.Any(s => s.Json.GetProperty("to").GetString() == Phone); i++)
        {
            await Task.Delay(100);
        }

        Assert.Contains(graph.Sends, s => s.Json.GetProperty("to").GetString() == Phone);
        await using var db = await restarted.Services.GetRequiredService<IDbContextFactory<OuvidoriaDbContext>>().CreateDbContextAsync();
        var row = await db.WhatsAppInbox.SingleAsync(m => m.Wamid == "wamid.RESTART-1");
        Assert.NotNull(row.ProcessedAt);
        Assert.Null(row.ProtectedFrom);
        Assert.Null(row.PayloadJson);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(root, recursive: true);
    }

    private WebApplicationFactory<Program> Start(bool processing)
    {
        var options = graph.Options();
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("ConnectionStrings:Ouvidoria", $"Data Source={Path.Combine(root, "ouvidoria.db")}");
            builder.UseSetting("Seed:Demo", "false");
            builder.UseSetting("Storage:Root", Path.Combine(root, "files"));
            builder.UseSetting("DataProtection:KeysPath", Path.Combine(root, "keys"));
            builder.UseSetting("WhatsApp:VerifyToken", options.VerifyToken);
            builder.UseSetting("WhatsApp:AppSecret", options.AppSecret);
            builder.UseSetting("WhatsApp:AccessToken", options.AccessToken);
            builder.UseSetting("WhatsApp:PhoneNumberId", options.PhoneNumberId);
            builder.UseSetting("WhatsApp:GraphBaseUrl", options.GraphBaseUrl);
            builder.UseSetting("WhatsApp:ApiVersion", options.ApiVersion);
            builder.UseSetting("WhatsApp:ProcessingEnabled", processing ? "true" : "false");
        });
        _ = factory.Services;
        return factory;
    }
}
