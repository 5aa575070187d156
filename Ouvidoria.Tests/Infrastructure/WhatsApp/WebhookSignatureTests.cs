using System.Security.Cryptography;
using System.Text;
using Ouvidoria.Infrastructure.WhatsApp;
using Ouvidoria.Tests.Support.WhatsApp;

namespace Ouvidoria.Tests.Infrastructure.WhatsApp;

public sealed class WebhookSignatureTests
{
    private const string Secret = "test-app-secret";

    private static string Sign(byte[] body, string secret = Secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var name in WhatsAppFixtures.All)
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void IsValid_FixtureSignedWithSecret_ReturnsTrue(string fixture)
    {
        var body = WhatsAppFixtures.Bytes(fixture);

        Assert.True(WebhookSignature.IsValid(body, Sign(body), Secret));
    }

    [Fact]
    public void IsValid_KnownVector_ReturnsTrue()
    {
        // echo -n 'hello' | openssl dgst -sha256 -hmac 'key'
        var header = "sha256=9307b3b915efb5171ff14d8cb55fbcc798c6c0ef1456d66ded1a6aa723a58b7b";

        Assert.True(WebhookSignature.IsValid("hello"u8, header, "key"));
    }

    [Fact]
    public void IsValid_UppercaseHex_ReturnsTrue()
    {
        var body = WhatsAppFixtures.Bytes("text.json");
        var header = "sha256=" + Sign(body)["sha256=".Length..].ToUpperInvariant();

        Assert.True(WebhookSignature.IsValid(body, header, Secret));
    }

    [Fact]
    public void IsValid_OneByteChanged_ReturnsFalse()
    {
        var body = WhatsAppFixtures.Bytes("text.json");
        var header = Sign(body);
        body[body.Length / 2] ^= 0x01;

        Assert.False(WebhookSignature.IsValid(body, header, Secret));
    }

    [Fact]
    public void IsValid_ReformattedJsonWithSameContent_ReturnsFalse()
    {
        var body = WhatsAppFixtures.Bytes("text.json");
        var header = Sign(body);
        var compact = Encoding.UTF8.GetBytes(System.Text.Json.Nodes.JsonNode.Parse(body)!.ToJsonString());

        Assert.False(WebhookSignature.IsValid(compact, header, Secret));
    }

    [Fact]
    public void IsValid_OtherSecret_ReturnsFalse()
    {
        var body = WhatsAppFixtures.Bytes("text.json");

        Assert.False(WebhookSignature.IsValid(body, Sign(body, "another-secret"), Secret));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sha256=")]
    [InlineData("sha1=")]
    [InlineData("garbage")]
    public void IsValid_MissingOrEmptyHeader_ReturnsFalse(string? header)
    {
        Assert.False(WebhookSignature.IsValid(WhatsAppFixtures.Bytes("text.json"), header, Secret));
    }

    [Fact]
    public void IsValid_WrongPrefix_ReturnsFalse()
    {
        var body = WhatsAppFixtures.Bytes("text.json");
        var hex = Sign(body)["sha256=".Length..];

        Assert.False(WebhookSignature.IsValid(body, "sha1=" + hex, Secret));
        Assert.False(WebhookSignature.IsValid(body, "SHA256=" + hex, Secret));
        Assert.False(WebhookSignature.IsValid(body, hex, Secret));
        Assert.False(WebhookSignature.IsValid(body, " sha256=" + hex, Secret));
    }

    [Fact]
    public void IsValid_OddHexLength_ReturnsFalse()
    {
        var body = WhatsAppFixtures.Bytes("text.json");

        Assert.False(WebhookSignature.IsValid(body, Sign(body)[..^1], Secret));
    }

    [Fact]
    public void IsValid_WrongLength_ReturnsFalse()
    {
        var body = WhatsAppFixtures.Bytes("text.json");
        var signature = Sign(body);

        Assert.False(WebhookSignature.IsValid(body, signature[..^2], Secret));
        Assert.False(WebhookSignature.IsValid(body, signature + "00", Secret));
    }

    [Fact]
    public void IsValid_NonHexCharacters_ReturnsFalse()
    {
        var body = WhatsAppFixtures.Bytes("text.json");

        Assert.False(WebhookSignature.IsValid(body, "sha256=" + new string('z', 64), Secret));
        Assert.False(WebhookSignature.IsValid(body, Sign(body)[..^1] + "g", Secret));
    }

    [Fact]
    public void IsValid_EmptySecret_Throws()
    {
        Assert.Throws<ArgumentException>(() => WebhookSignature.IsValid("{}"u8, "sha256=" + new string('0', 64), ""));
    }
}
