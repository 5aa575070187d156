namespace Ouvidoria.Infrastructure.WhatsApp;

/// <summary>Settings of the WhatsApp Business Cloud API adapter (configuration section <c>WhatsApp</c>).</summary>
public sealed class WhatsAppOptions
{
    public const string SectionName = "WhatsApp";

    /// <summary>The token Meta echoes in <c>hub.verify_token</c> when subscribing the webhook.</summary>
    public string VerifyToken { get; set; } = string.Empty;

    /// <summary>The app secret that keys the <c>X-Hub-Signature-256</c> HMAC.</summary>
    public string AppSecret { get; set; } = string.Empty;

    /// <summary>The (system user) access token sent as <c>Authorization: Bearer</c>.</summary>
    public string AccessToken { get; set; } = string.Empty;

    /// <summary>The id of the business phone number that sends messages.</summary>
    public string PhoneNumberId { get; set; } = string.Empty;

    public string GraphBaseUrl { get; set; } = "https://graph.facebook.com";

    public string ApiVersion { get; set; } = "v21.0";

    /// <summary>
    /// Whether this node processes the inbox and sends the outbox (default true). Set false on
    /// nodes that should only receive webhooks (the work is picked up by the others).
    /// </summary>
    public bool ProcessingEnabled { get; set; } = true;
}
