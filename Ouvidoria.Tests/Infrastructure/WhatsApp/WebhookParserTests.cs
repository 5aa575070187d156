using System.Text;
using Ouvidoria.Infrastructure.WhatsApp;
using Ouvidoria.Tests.Support.WhatsApp;

namespace Ouvidoria.Tests.Infrastructure.WhatsApp;

public sealed class WebhookParserTests
{
    private const string Citizen = "5531988887777";
    private static readonly DateTimeOffset SentAt = DateTimeOffset.FromUnixTimeSeconds(1763800000);

    /// <summary>Every fixture file must be listed here: a new fixture without an assertion fails the build of trust.</summary>
    private static readonly string[] Covered =
    [
        "audio_voice.json", "button_reply.json", "document.json", "image.json", "list_reply.json", "location.json",
        "status_delivered.json", "status_failed.json", "text.json", "two_messages_one_post.json", "unsupported.json", "video.json",
    ];

    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var name in WhatsAppFixtures.All)
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void Fixtures_Folder_HasExactlyTheCoveredFiles()
    {
        Assert.Equal(Covered.Order(StringComparer.Ordinal), WhatsAppFixtures.All);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Parse_EveryFixture_BytesAndStringAgree(string fixture)
    {
        var fromBytes = WebhookParser.Parse(WhatsAppFixtures.Bytes(fixture));
        var fromString = WebhookParser.Parse(WhatsAppFixtures.Text(fixture));

        Assert.NotEmpty(fromBytes.Messages.Cast<object>().Concat(fromBytes.Statuses));
        Assert.Equal(fromBytes.Messages, fromString.Messages);
        Assert.Equal(fromBytes.Statuses, fromString.Statuses);
    }

    [Fact]
    public void Parse_Text_ReturnsTextMessage()
    {
        var result = Parse("text.json");

        var message = Assert.Single(result.Messages);
        Assert.Empty(result.Statuses);
        Assert.Equal("wamid.HBgNNTUzMTk4ODg4Nzc3NxUCABIYFjNFQjBDNzQ001", message.Wamid);
        Assert.Equal(Citizen, message.From);
        Assert.Equal("Maria Cidadã", message.ContactName);
        Assert.Equal(SentAt, message.Timestamp);
        Assert.Equal(TimeSpan.Zero, message.Timestamp.Offset);
        Assert.Equal(IncomingMessageKind.Text, message.Kind);
        Assert.Equal("Oi, quero fazer uma denúncia", message.Text);
        Assert.Null(message.ChoiceId);
        Assert.Null(message.MediaId);
    }

    [Fact]
    public void Parse_ButtonReply_ReturnsChoice()
    {
        var message = Assert.Single(Parse("button_reply.json").Messages);

        Assert.Equal(IncomingMessageKind.ButtonReply, message.Kind);
        Assert.Equal("menu.registrar", message.ChoiceId);
        Assert.Equal("Registrar", message.ChoiceTitle);
        Assert.Equal("wamid.OUT01", message.ContextMessageId);
        Assert.Null(message.Text);
    }

    [Fact]
    public void Parse_ListReply_ReturnsChoice()
    {
        var message = Assert.Single(Parse("list_reply.json").Messages);

        Assert.Equal(IncomingMessageKind.ListReply, message.Kind);
        Assert.Equal("tipo.reclamacao", message.ChoiceId);
        Assert.Equal("Reclamação", message.ChoiceTitle);
        Assert.Equal("wamid.OUT02", message.ContextMessageId);
    }

    [Fact]
    public void Parse_Image_ReturnsMediaFieldsAndCaption()
    {
        var message = Assert.Single(Parse("image.json").Messages);

        Assert.Equal(IncomingMessageKind.Image, message.Kind);
        Assert.Equal("1479537139650973", message.MediaId);
        Assert.Equal("image/jpeg", message.MimeType);
        Assert.Equal("c2f1e4a1b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708", message.Sha256);
        Assert.Equal("Foto do buraco na rua", message.Caption);
        Assert.Null(message.FileName);
    }

    [Fact]
    public void Parse_Document_ReturnsFileNameAndCaption()
    {
        var message = Assert.Single(Parse("document.json").Messages);

        Assert.Equal(IncomingMessageKind.Document, message.Kind);
        Assert.Equal("1003383421387256", message.MediaId);
        Assert.Equal("application/pdf", message.MimeType);
        Assert.Equal("9a0b1c2d3e4f5061728394a5b6c7d8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f", message.Sha256);
        Assert.Equal("nota-fiscal.pdf", message.FileName);
        Assert.Equal("Nota fiscal", message.Caption);
    }

    [Fact]
    public void Parse_VoiceAudio_KeepsMimeTypeWithParameters()
    {
        var message = Assert.Single(Parse("audio_voice.json").Messages);

        Assert.Equal(IncomingMessageKind.Audio, message.Kind);
        Assert.Equal("2117425495298561", message.MediaId);
        Assert.Equal("audio/ogg; codecs=opus", message.MimeType);
        Assert.Equal("0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0", message.Sha256);
        Assert.Null(message.Caption);
    }

    [Fact]
    public void Parse_Video_ReturnsMediaFields()
    {
        var message = Assert.Single(Parse("video.json").Messages);

        Assert.Equal(IncomingMessageKind.Video, message.Kind);
        Assert.Equal("1186397835830455", message.MediaId);
        Assert.Equal("video/mp4", message.MimeType);
        Assert.Equal("aa11bb22cc33dd44ee55ff66aa11bb22cc33dd44ee55ff66aa11bb22cc33dd44", message.Sha256);
        Assert.Equal("Flagrante", message.Caption);
    }

    [Fact]
    public void Parse_Location_ReturnsCoordinates()
    {
        var message = Assert.Single(Parse("location.json").Messages);

        Assert.Equal(IncomingMessageKind.Location, message.Kind);
        Assert.Equal(new GeoLocation(-19.9167, -43.9345, "Praça Sete", "Belo Horizonte, MG"), message.Location);
    }

    [Fact]
    public void Parse_Unsupported_ReturnsUnsupportedKind()
    {
        var message = Assert.Single(Parse("unsupported.json").Messages);

        Assert.Equal(IncomingMessageKind.Unsupported, message.Kind);
        Assert.Equal("wamid.HBgNNTUzMTk4ODg4Nzc3NxUCABIYFjNFQjBDNzQ009", message.Wamid);
        Assert.Equal(Citizen, message.From);
    }

    [Fact]
    public void Parse_StatusDelivered_ReturnsStatusOnly()
    {
        var result = Parse("status_delivered.json");

        Assert.Empty(result.Messages);
        var status = Assert.Single(result.Statuses);
        Assert.Equal(new StatusUpdate("wamid.OUT01", Citizen, DeliveryStatus.Delivered, DateTimeOffset.FromUnixTimeSeconds(1763800005)), status);
    }

    [Fact]
    public void Parse_StatusFailed_ReturnsErrorCodeAndTitle()
    {
        var status = Assert.Single(Parse("status_failed.json").Statuses);

        Assert.Equal("wamid.OUT02", status.MessageId);
        Assert.Equal(Citizen, status.RecipientId);
        Assert.Equal(DeliveryStatus.Failed, status.Status);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1763800006), status.Timestamp);
        Assert.Equal(131047, status.ErrorCode);
        Assert.Equal("Re-engagement message", status.ErrorTitle);
    }

    [Fact]
    public void Parse_TwoMessagesOnePost_ReturnsBothInOrder()
    {
        var result = Parse("two_messages_one_post.json");

        Assert.Collection(
            result.Messages,
            first =>
            {
                Assert.Equal("wamid.HBgNNTUzMTk4ODg4Nzc3NxUCABIYFjNFQjBDNzQ010", first.Wamid);
                Assert.Equal("Primeira parte do relato.", first.Text);
            },
            second =>
            {
                Assert.Equal("wamid.HBgNNTUzMTk4ODg4Nzc3NxUCABIYFjNFQjBDNzQ011", second.Wamid);
                Assert.Equal("Segunda parte do relato.", second.Text);
            });
        Assert.All(result.Messages, m => Assert.Equal("Maria Cidadã", m.ContactName));
    }

    [Fact]
    public void Parse_SeveralEntriesAndChanges_ReturnsEverything()
    {
        var json = """
            {"object":"whatsapp_business_account","entry":[
              {"id":"1","changes":[
                {"field":"messages","value":{"messages":[{"from":"551","id":"wamid.A","timestamp":"1","type":"text","text":{"body":"a"}}]}},
                {"field":"messages","value":{"statuses":[{"id":"wamid.OUT","status":"read","timestamp":"2","recipient_id":"551"}]}}
              ]},
              {"id":"2","changes":[
                {"field":"messages","value":{"contacts":[{"profile":{"name":"B"},"wa_id":"552"},{"profile":{"name":"C"},"wa_id":"553"}],
                  "messages":[{"from":"553","id":"wamid.C","timestamp":"3","type":"text","text":{"body":"c"}}]}}
              ]}
            ]}
            """;

        var result = WebhookParser.Parse(json);

        Assert.Equal(["wamid.A", "wamid.C"], result.Messages.Select(m => m.Wamid));
        Assert.Null(result.Messages[0].ContactName);
        Assert.Equal("C", result.Messages[1].ContactName);
        Assert.Equal(DeliveryStatus.Read, Assert.Single(result.Statuses).Status);
    }

    [Fact]
    public void Parse_UnknownFieldsAndOtherChangeFields_AreIgnored()
    {
        var json = """
            {"object":"whatsapp_business_account","future":{"x":[1,2]},"entry":[
              {"id":"1","time":123,"changes":[
                {"field":"message_template_status_update","value":{"event":"APPROVED","messages":"not-our-shape"}},
                {"field":"messages","value":{"new_thing":true,"messages":[{"from":"551","id":"wamid.A","timestamp":"1","type":"text","text":{"body":"a","extra":1},"brand_new":{}}]}}
              ]},
              {"id":"2"},
              {"id":"3","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{}}}]}
            ]}
            """;

        var result = WebhookParser.Parse(json);

        Assert.Equal("a", Assert.Single(result.Messages).Text);
        Assert.Empty(result.Statuses);
    }

    [Fact]
    public void Parse_NoEntries_ReturnsEmpty()
    {
        var result = WebhookParser.Parse("""{"object":"whatsapp_business_account","entry":[]}""");

        Assert.Empty(result.Messages);
        Assert.Empty(result.Statuses);
    }

    [Theory]
    [InlineData("sticker")]
    [InlineData("reaction")]
    [InlineData("contacts")]
    [InlineData("a_type_from_2030")]
    public void Parse_OtherMessageTypes_ReturnsOtherKindWithRawType(string type)
    {
        var json = $$$"""{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"messages":[{"from":"551","id":"wamid.X","timestamp":"1","type":"{{{type}}}"}]}}]}]}""";

        var message = Assert.Single(WebhookParser.Parse(json).Messages);

        Assert.Equal(IncomingMessageKind.Other, message.Kind);
        Assert.Equal(type, message.RawType);
    }

    [Fact]
    public void Parse_TemplateQuickReplyButton_ReturnsButtonReply()
    {
        var json = """{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"messages":[{"from":"551","id":"wamid.X","timestamp":"1","type":"button","button":{"payload":"sim","text":"Sim"}}]}}]}]}""";

        var message = Assert.Single(WebhookParser.Parse(json).Messages);

        Assert.Equal(IncomingMessageKind.ButtonReply, message.Kind);
        Assert.Equal("sim", message.ChoiceId);
        Assert.Equal("Sim", message.ChoiceTitle);
    }

    [Fact]
    public void Parse_UnknownStatus_IsSkipped()
    {
        var json = """{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"statuses":[{"id":"wamid.O","status":"deleted","timestamp":"1","recipient_id":"551"}]}}]}]}""";

        Assert.Empty(WebhookParser.Parse(json).Statuses);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("not json")]
    [InlineData("{\"object\":\"whatsapp_business_account\",\"entry\":[}")]
    public void Parse_MalformedJson_ThrowsWebhookFormatException(string json)
    {
        var ex = Assert.Throws<WebhookFormatException>(() => WebhookParser.Parse(json));
        Assert.Contains("not valid JSON", ex.Message);
        Assert.Throws<WebhookFormatException>(() => WebhookParser.Parse(Encoding.UTF8.GetBytes(json)));
    }

    [Theory]
    [InlineData("""{"object":"page","entry":[]}""", "\"page\"")]
    [InlineData("""{"entry":[]}""", "no \"object\"")]
    [InlineData("""[1,2]""", "JSON object")]
    public void Parse_NotWhatsAppBusinessAccount_ThrowsWithClearMessage(string json, string expected)
    {
        var ex = Assert.Throws<WebhookFormatException>(() => WebhookParser.Parse(json));

        Assert.Contains(expected, ex.Message);
    }

    [Theory]
    [InlineData("""{"from":"551","timestamp":"1","type":"text"}""", "messages[].id")]
    [InlineData("""{"id":"wamid.X","timestamp":"1","type":"text"}""", "messages[].from")]
    [InlineData("""{"id":"wamid.X","from":"551","type":"text"}""", "messages[].timestamp")]
    [InlineData("""{"id":"wamid.X","from":"551","timestamp":"yesterday","type":"text"}""", "messages[].timestamp")]
    public void Parse_MessageMissingRequiredField_ThrowsWithPathButNoPhone(string message, string expected)
    {
        var json = $$$"""{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"messages":[{{{message}}}]}}]}]}""";

        var ex = Assert.Throws<WebhookFormatException>(() => WebhookParser.Parse(json));

        Assert.Contains(expected, ex.Message);
        Assert.DoesNotContain("551", ex.Message);
    }

    [Fact]
    public void Parse_EntryNotAnArray_Throws()
    {
        var ex = Assert.Throws<WebhookFormatException>(() => WebhookParser.Parse("""{"object":"whatsapp_business_account","entry":{}}"""));

        Assert.Contains("\"entry\" must be an array", ex.Message);
    }

    [Fact]
    public void Parse_NumericTimestamp_IsAccepted()
    {
        var json = """{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"messages":[{"from":"551","id":"wamid.X","timestamp":1763800000,"type":"text","text":{"body":"x"}}]}}]}]}""";

        Assert.Equal(SentAt, Assert.Single(WebhookParser.Parse(json).Messages).Timestamp);
    }

    private static ParsedWebhook Parse(string fixture) => WebhookParser.Parse(WhatsAppFixtures.Bytes(fixture));
}
