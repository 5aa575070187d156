using Ouvidoria.Infrastructure.WhatsApp;

namespace Ouvidoria.Tests.Infrastructure.WhatsApp;

public sealed class WebhookVerificationTests
{
    private const string Token = "test-verify-token";

    [Fact]
    public void Verify_SubscribeWithMatchingToken_ReturnsChallengeVerbatim()
    {
        Assert.Equal("1158201444", WebhookVerification.Verify("subscribe", Token, "1158201444", Token));
    }

    [Theory]
    [InlineData("test-verify-tokeN")]
    [InlineData("test-verify-token ")]
    [InlineData("")]
    [InlineData(null)]
    public void Verify_WrongOrMissingToken_ReturnsNull(string? token)
    {
        Assert.Null(WebhookVerification.Verify("subscribe", token, "1158201444", Token));
    }

    [Theory]
    [InlineData("unsubscribe")]
    [InlineData("Subscribe")]
    [InlineData("")]
    [InlineData(null)]
    public void Verify_ModeNotSubscribe_ReturnsNull(string? mode)
    {
        Assert.Null(WebhookVerification.Verify(mode, Token, "1158201444", Token));
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void Verify_MissingChallenge_ReturnsNull(string? challenge)
    {
        Assert.Null(WebhookVerification.Verify("subscribe", Token, challenge, Token));
    }

    [Fact]
    public void Verify_EmptyConfiguredToken_Throws()
    {
        Assert.Throws<ArgumentException>(() => WebhookVerification.Verify("subscribe", "", "1", ""));
    }
}
