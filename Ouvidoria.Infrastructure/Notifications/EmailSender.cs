using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using Microsoft.Extensions.Options;

namespace Ouvidoria.Infrastructure.Notifications;

/// <summary>Hands one message to the configured transport.</summary>
public interface IEmailSender
{
    Task SendAsync(EmailNotification message, CancellationToken ct);
}

/// <summary>
/// System.Net.Mail (MailKit is not on the mirror, see STACK.md): an SMTP server, or .eml files in
/// a pickup folder (the embedded default). Each message carries a text and an HTML view.
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
        mail.To.Add(message.Recipient);
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

        await client.SendMailAsync(mail, ct);
    }
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
