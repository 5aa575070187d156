using Microsoft.EntityFrameworkCore;

namespace Ouvidoria.Tests.Features.Assistant;

/// <summary>The outbox retries throttled and failed sends until the reply is delivered, once.</summary>
public sealed class WhatsAppOutboxRetryTests(WhatsAppApp app) : IClassFixture<WhatsAppApp>
{
    [Fact]
    public async Task Outbox_ThrottledTwiceWithRetryAfter_DeliversTheReplyExactlyOnce()
    {
        var citizen = new WhatsAppDriver(app, "5531990000401");
        app.Graph.ThrottleNextSends(2, retryAfter: TimeSpan.FromMilliseconds(200));

        var wamid = await citizen.SendTextAsync("oi", timeout: TimeSpan.FromSeconds(15));

        await AssertDeliveredOnceAfterAsync(citizen, wamid, failedAttempts: 2);
    }

    [Fact]
    public async Task Outbox_ServerErrorOnce_RetriesAfterBackoffAndDeliversTheReplyExactlyOnce()
    {
        var citizen = new WhatsAppDriver(app, "5531990000402");
        app.Graph.FailNextSendsWithServerError(1);

        var wamid = await citizen.SendTextAsync("oi", timeout: TimeSpan.FromSeconds(15)); // backoff 2 s

        await AssertDeliveredOnceAfterAsync(citizen, wamid, failedAttempts: 1);
    }

    private static async Task AssertDeliveredOnceAfterAsync(WhatsAppDriver citizen, string wamid, int failedAttempts)
    {
        // The fake records every attempt, the refused ones included: the welcome went out
        // failedAttempts + 1 times and was accepted only by the last.
        var attempts = citizen.Bodies.Count(b => b.StartsWith(WhatsAppDriver.Phrases.WelcomeStart, StringComparison.Ordinal));
        Assert.Equal(failedAttempts + 1, attempts);

        var key = await citizen.ConversationKeyOfAsync(wamid);
        await using var db = citizen.Db();
        var row = Assert.Single(await db.WhatsAppOutbox.Where(m => m.ConversationKey == key).ToListAsync());
        Assert.NotNull(row.SentAt);
        Assert.NotNull(row.SentMessageId);
        Assert.Null(row.FailedAt);
        Assert.Null(row.ProtectedTo);
        Assert.Equal(failedAttempts + 1, row.Attempts);
    }
}
