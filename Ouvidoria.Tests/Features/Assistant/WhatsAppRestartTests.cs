using System.Net;
using System.Text.Json.Nodes;
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
            var message = new JsonObject
            {
                ["from"] = Phone,
                ["id"] = "wamid.RESTART-1",
                ["timestamp"] = "1763800000",
                ["type"] = "text",
                ["text"] = new JsonObject { ["body"] = "oi" },
            };
            using var response = await WhatsAppDriver.PostSignedAsync(client, WhatsAppDriver.Payload(Phone, message));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
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
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder => WhatsAppApp.Configure(builder, root, graph, processing));
        _ = factory.Services;
        return factory;
    }
}
