using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using Microsoft.Extensions.Options;

namespace Ouvidoria.Infrastructure.Notifications;

/// <summary>
/// Hands one message to the configured transport. Throws <see cref="EmailRejectedException"/> when
/// the transport refused this message for good; any other exception is a transient failure.
/// </summary>
public interface IEmailSender
{
    Task SendAsync(EmailNotification message, CancellationToken ct);
}

/// <summary>
/// The message can never be delivered as it is (the SMTP server answered 5xx to its recipient, or
/// the address is malformed): retrying would only repeat the refusal.
/// </summary>
public sealed class EmailRejectedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// System.Net.Mail (MailKit is not on the mirror, see STACK.md): an SMTP server, or .eml files in
/// a pickup folder (the embedded default). Each message carries a text and an HTML view. A 5xx
/// answer to the recipient (RCPT TO: unknown mailbox, address refused) is permanent; everything
/// else — no connection, timeouts, 4xx, and 5xx answers that concern the server or the account
/// rather than this message (authentication, STARTTLS, sender) — is transient: fixing the server
/// lets every waiting message through without anyone requeueing them.
/// </summary>
public sealed class SmtpEmailSender(IOptions<EmailOptions> options, PickupDirectory pickup) : IEmailSender
{
    private readonly EmailOptions _options = options.Value;

    public async Task SendAsync(EmailNotification message, CancellationToken ct)
    {
        using var mail = new MailMessage
        {
            From = new MailAddress(_options.From, _options.FromName, Encoding.UTF8),
            Subject = message.Subject,
            SubjectEncoding = Encoding.UTF8,
            BodyEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
        };
        try
        {
            mail.To.Add(message.Recipient);
        }
        catch (FormatException e)
        {
            throw new EmailRejectedException($"Endereço de destinatário inválido: {message.Recipient}.", e);
        }

        // The outbox id: lets an operator tell a re-sent message from a new one.
        mail.Headers.Add("X-Ouvidoria-Notification", message.Id.ToString("N"));
        mail.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(message.TextBody, Encoding.UTF8, MediaTypeNames.Text.Plain));
        mail.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(message.HtmlBody, Encoding.UTF8, MediaTypeNames.Text.Html));

        using var client = new SmtpClient();
        if (_options.Delivery == EmailDelivery.Pickup)
        {
            client.DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory;
            client.PickupDirectoryLocation = pickup.Path;
        }
        else
        {
            client.Host = _options.Host ?? throw new InvalidOperationException("Email:Host não configurado.");
            client.Port = _options.Port;
            client.EnableSsl = _options.EnableSsl;
            client.Timeout = 30_000;
            if (!string.IsNullOrEmpty(_options.UserName))
            {
                client.Credentials = new NetworkCredential(_options.UserName, _options.Password);
            }
        }

        try
        {
            await client.SendMailAsync(mail, ct);
        }
        catch (SmtpException e) when (RecipientRefusal(e) is { } refused)
        {
            throw new EmailRejectedException($"O servidor SMTP recusou o destinatário ({(int)refused.StatusCode}): {refused.Message}", e);
        }
    }

    /// <summary>The permanent refusal of the recipient in <paramref name="e"/>'s chain, if that is what failed.</summary>
    private static SmtpFailedRecipientException? RecipientRefusal(Exception e)
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            if (current is SmtpFailedRecipientException refused && IsPermanent(refused.StatusCode))
            {
                return refused;
            }
        }

        return null;
    }

    /// <summary>5xx replies are permanent (RFC 5321 §4.2.1); 4xx and connection failures (negative codes) are not.</summary>
    public static bool IsPermanent(SmtpStatusCode code) => (int)code is >= 500 and < 600;
}

/// <summary>The pickup folder (created on first use).</summary>
public sealed class PickupDirectory
{
    public PickupDirectory(string path)
    {
        Path = path;
        Directory.CreateDirectory(path);
    }

    public string Path { get; }
}
