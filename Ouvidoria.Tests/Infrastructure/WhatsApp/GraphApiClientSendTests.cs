using System.Text.Json;
using Ouvidoria.Infrastructure.WhatsApp;
using Ouvidoria.Tests.Support.WhatsApp;

namespace Ouvidoria.Tests.Infrastructure.WhatsApp;

public sealed class GraphApiClientSendTests : IClassFixture<FakeGraphApi>, IDisposable
{
    private const string Citizen = "5531988887777";

    private readonly FakeGraphApi fake;
    private readonly HttpClient http = new();
    private readonly GraphApiClient client;

    public GraphApiClientSendTests(FakeGraphApi fake)
    {
        this.fake = fake;
        fake.Reset();
        client = new GraphApiClient(http, fake.Options());
    }

    public void Dispose() => http.Dispose();

    [Fact]
    public async Task SendTextAsync_ValidText_PostsCloudApiTextShape()
    {
        var result = await client.SendTextAsync(Citizen, "Sua manifestação foi registrada.");

        var sent = Assert.IsType<SendResult.Sent>(result);
        Assert.StartsWith("wamid.", sent.MessageId);
        var request = Assert.Single(fake.Sends);
        Assert.Equal($"/{FakeGraphApi.Version}/{FakeGraphApi.PhoneNumberId}/messages", request.Path);
        Assert.Equal($"Bearer {FakeGraphApi.AccessToken}", request.Authorization);
        var json = request.Json;
        Assert.Equal(["messaging_product", "recipient_type", "to", "type", "text"], Names(json));
        Assert.Equal("whatsapp", json.GetProperty("messaging_product").GetString());
        Assert.Equal("individual", json.GetProperty("recipient_type").GetString());
        Assert.Equal(Citizen, json.GetProperty("to").GetString());
        Assert.Equal("text", json.GetProperty("type").GetString());
        var text = json.GetProperty("text");
        Assert.Equal(["preview_url", "body"], Names(text));
        Assert.False(text.GetProperty("preview_url").GetBoolean());
        Assert.Equal("Sua manifestação foi registrada.", text.GetProperty("body").GetString());
    }

    [Fact]
    public async Task SendButtonsAsync_ThreeButtons_PostsInteractiveButtonShape()
    {
        var result = await client.SendButtonsAsync(Citizen, "O que deseja fazer?", [("menu.registrar", "Registrar"), ("menu.consultar", "Consultar"), ("menu.ajuda", "Ajuda")]);

        Assert.IsType<SendResult.Sent>(result);
        var json = Assert.Single(fake.Sends).Json;
        Assert.Equal(["messaging_product", "recipient_type", "to", "type", "interactive"], Names(json));
        Assert.Equal("whatsapp", json.GetProperty("messaging_product").GetString());
        Assert.Equal("individual", json.GetProperty("recipient_type").GetString());
        Assert.Equal(Citizen, json.GetProperty("to").GetString());
        Assert.Equal("interactive", json.GetProperty("type").GetString());
        var interactive = json.GetProperty("interactive");
        Assert.Equal(["type", "body", "action"], Names(interactive));
        Assert.Equal("button", interactive.GetProperty("type").GetString());
        Assert.Equal("O que deseja fazer?", interactive.GetProperty("body").GetProperty("text").GetString());
        var buttons = interactive.GetProperty("action").GetProperty("buttons").EnumerateArray().ToList();
        Assert.Equal(3, buttons.Count);
        Assert.All(buttons, b => Assert.Equal(["type", "reply"], Names(b)));
        Assert.All(buttons, b => Assert.Equal("reply", b.GetProperty("type").GetString()));
        Assert.Equal(["menu.registrar", "menu.consultar", "menu.ajuda"], buttons.Select(b => b.GetProperty("reply").GetProperty("id").GetString()));
        Assert.Equal(["Registrar", "Consultar", "Ajuda"], buttons.Select(b => b.GetProperty("reply").GetProperty("title").GetString()));
    }

    [Fact]
    public async Task SendListAsync_Rows_PostsInteractiveListShape()
    {
        var result = await client.SendListAsync(
            Citizen,
            "Qual o tipo da manifestação?",
            "Ver tipos",
            [("tipo.reclamacao", "Reclamação", "Insatisfação com um serviço público"), ("tipo.elogio", "Elogio", null)]);

        Assert.IsType<SendResult.Sent>(result);
        var json = Assert.Single(fake.Sends).Json;
        Assert.Equal(["messaging_product", "recipient_type", "to", "type", "interactive"], Names(json));
        Assert.Equal("interactive", json.GetProperty("type").GetString());
        var interactive = json.GetProperty("interactive");
        Assert.Equal("list", interactive.GetProperty("type").GetString());
        Assert.Equal("Qual o tipo da manifestação?", interactive.GetProperty("body").GetProperty("text").GetString());
        var action = interactive.GetProperty("action");
        Assert.Equal(["button", "sections"], Names(action));
        Assert.Equal("Ver tipos", action.GetProperty("button").GetString());
        var section = Assert.Single(action.GetProperty("sections").EnumerateArray().ToList());
        var rows = section.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(["id", "title", "description"], Names(rows[0]));
        Assert.Equal("tipo.reclamacao", rows[0].GetProperty("id").GetString());
        Assert.Equal("Reclamação", rows[0].GetProperty("title").GetString());
        Assert.Equal("Insatisfação com um serviço público", rows[0].GetProperty("description").GetString());
        Assert.Equal(["id", "title"], Names(rows[1]));
    }

    [Fact]
    public async Task SendTextAsync_ExactlyAtLimit_IsSent()
    {
        Assert.IsType<SendResult.Sent>(await client.SendTextAsync(Citizen, new string('a', GraphApiClient.MaxTextLength)));
    }

    [Fact]
    public async Task SendButtonsAsync_AtLimits_IsSent()
    {
        var result = await client.SendButtonsAsync(Citizen, new string('b', 1024), [("a", new string('t', 20))]);

        Assert.IsType<SendResult.Sent>(result);
    }

    [Fact]
    public async Task SendListAsync_AtLimits_IsSent()
    {
        var rows = Enumerable.Range(0, 10).Select(i => ($"r{i}", new string('t', 24), (string?)new string('d', 72))).ToList();

        Assert.IsType<SendResult.Sent>(await client.SendListAsync(Citizen, "Escolha", new string('x', 20), rows));
    }

    public static TheoryData<string> InvalidSends() =>
    [
        "text-too-long", "text-empty", "to-empty", "buttons-none", "buttons-four", "button-title-21", "button-body-1025",
        "button-duplicate-id", "button-empty-title", "list-11-rows", "list-no-rows", "row-title-25", "row-description-73",
        "list-button-21", "list-duplicate-id", "list-empty-body",
    ];

    [Theory]
    [MemberData(nameof(InvalidSends))]
    public async Task SendAsync_LimitExceeded_ThrowsArgumentExceptionBeforeAnyRequest(string scenario)
    {
        var rows = (int n) => Enumerable.Range(0, n).Select(i => ($"r{i}", "Linha", (string?)null)).ToList();
        Func<Task> send = scenario switch
        {
            "text-too-long" => () => client.SendTextAsync(Citizen, new string('a', 4097)),
            "text-empty" => () => client.SendTextAsync(Citizen, " "),
            "to-empty" => () => client.SendTextAsync("", "Oi"),
            "buttons-none" => () => client.SendButtonsAsync(Citizen, "Oi", []),
            "buttons-four" => () => client.SendButtonsAsync(Citizen, "Oi", [("1", "Um"), ("2", "Dois"), ("3", "Três"), ("4", "Quatro")]),
            "button-title-21" => () => client.SendButtonsAsync(Citizen, "Oi", [("1", new string('t', 21))]),
            "button-body-1025" => () => client.SendButtonsAsync(Citizen, new string('b', 1025), [("1", "Um")]),
            "button-duplicate-id" => () => client.SendButtonsAsync(Citizen, "Oi", [("1", "Um"), ("1", "Outro")]),
            "button-empty-title" => () => client.SendButtonsAsync(Citizen, "Oi", [("1", "")]),
            "list-11-rows" => () => client.SendListAsync(Citizen, "Oi", "Ver", rows(11)),
            "list-no-rows" => () => client.SendListAsync(Citizen, "Oi", "Ver", rows(0)),
            "row-title-25" => () => client.SendListAsync(Citizen, "Oi", "Ver", [("1", new string('t', 25), null)]),
            "row-description-73" => () => client.SendListAsync(Citizen, "Oi", "Ver", [("1", "Um", new string('d', 73))]),
            "list-button-21" => () => client.SendListAsync(Citizen, "Oi", new string('x', 21), rows(1)),
            "list-duplicate-id" => () => client.SendListAsync(Citizen, "Oi", "Ver", [("1", "Um", null), ("1", "Dois", null)]),
            "list-empty-body" => () => client.SendListAsync(Citizen, "", "Ver", rows(1)),
            _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
        };

        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(send);

        Assert.DoesNotContain(Citizen, ex.Message);
        Assert.Empty(fake.Sends);
    }

    [Fact]
    public async Task SendTextAsync_Http429WithRetryAfter_ReturnsThrottledWithDelay()
    {
        fake.ThrottleNextSends(1, status: 429, retryAfter: TimeSpan.FromSeconds(7));

        var result = await client.SendTextAsync(Citizen, "Oi");

        Assert.Equal(new SendResult.Throttled(TimeSpan.FromSeconds(7)), result);
    }

    [Fact]
    public async Task SendTextAsync_Error130429WithHttp400_ReturnsThrottledWithoutDelay()
    {
        fake.ThrottleNextSends(1, status: 400);

        var result = await client.SendTextAsync(Citizen, "Oi");

        Assert.Equal(new SendResult.Throttled(null), result);
    }

    [Fact]
    public async Task SendTextAsync_ThrottledThenFree_SucceedsOnRetry()
    {
        fake.ThrottleNextSends(2);

        Assert.IsType<SendResult.Throttled>(await client.SendTextAsync(Citizen, "1"));
        Assert.IsType<SendResult.Throttled>(await client.SendTextAsync(Citizen, "2"));
        Assert.IsType<SendResult.Sent>(await client.SendTextAsync(Citizen, "3"));
        Assert.Equal(3, fake.Sends.Count);
    }

    [Fact]
    public async Task SendTextAsync_Http500_ReturnsRetryableFailure()
    {
        fake.FailNextSendsWithServerError(1);

        var result = await client.SendTextAsync(Citizen, "Oi");

        var failure = Assert.IsType<SendResult.RetryableFailure>(result);
        Assert.Contains("500", failure.Reason);
    }

    [Fact]
    public async Task SendTextAsync_OutsideCustomerServiceWindow_ReturnsPermanentFailureWithCode()
    {
        fake.RejectNextSend(400, 131047, "Re-engagement message");

        var result = await client.SendTextAsync(Citizen, "Oi");

        var failure = Assert.IsType<SendResult.PermanentFailure>(result);
        Assert.Equal(131047, failure.Code);
        Assert.Contains("Re-engagement message", failure.Message);
    }

    [Fact]
    public async Task SendTextAsync_ErrorEchoesPhoneNumber_MessageIsRedacted()
    {
        fake.RejectNextSend(400, 131026, $"Message undeliverable to {Citizen} (+55 31 98888-7777)");

        var failure = Assert.IsType<SendResult.PermanentFailure>(await client.SendTextAsync(Citizen, "Oi"));

        Assert.DoesNotContain(Citizen, failure.Message);
        Assert.DoesNotContain("98888", failure.Message);
        Assert.Contains("[redacted]", failure.Message);
    }

    [Fact]
    public async Task SendTextAsync_WrongAccessToken_ReturnsPermanentFailure()
    {
        var wrong = new GraphApiClient(http, fake.Options(accessToken: "expired"));

        var failure = Assert.IsType<SendResult.PermanentFailure>(await wrong.SendTextAsync(Citizen, "Oi"));

        Assert.Equal(190, failure.Code);
        Assert.Equal("Bearer expired", Assert.Single(fake.Sends).Authorization);
    }

    [Fact]
    public async Task SendTextAsync_ServerUnreachable_ReturnsRetryableFailure()
    {
        var options = fake.Options();
        options.GraphBaseUrl = "http://127.0.0.1:1";
        var unreachable = new GraphApiClient(http, options);

        Assert.IsType<SendResult.RetryableFailure>(await unreachable.SendTextAsync(Citizen, "Oi"));
    }

    [Fact]
    public async Task SendTextAsync_Timeout_ReturnsRetryableFailure()
    {
        using var slow = new HttpClient(new NeverAnswers()) { Timeout = TimeSpan.FromMilliseconds(100) };
        var timingOut = new GraphApiClient(slow, fake.Options());

        var failure = Assert.IsType<SendResult.RetryableFailure>(await timingOut.SendTextAsync(Citizen, "Oi"));

        Assert.Contains("in time", failure.Reason);
    }

    [Fact]
    public async Task SendTextAsync_CallerCancels_Throws()
    {
        using var slow = new HttpClient(new NeverAnswers());
        var hanging = new GraphApiClient(slow, fake.Options());
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => hanging.SendTextAsync(Citizen, "Oi", cts.Token));
    }

    [Fact]
    public void Constructor_MissingAccessToken_Throws()
    {
        var options = fake.Options();
        options.AccessToken = "";

        Assert.Throws<ArgumentException>(() => new GraphApiClient(http, options));
    }

    [Fact]
    public void WhatsAppOptions_Defaults_AreGraphFacebookV21()
    {
        var options = new WhatsAppOptions();

        Assert.Equal("WhatsApp", WhatsAppOptions.SectionName);
        Assert.Equal("https://graph.facebook.com", options.GraphBaseUrl);
        Assert.Equal("v21.0", options.ApiVersion);
    }

    private static List<string> Names(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToList();

    private sealed class NeverAnswers : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }
}
