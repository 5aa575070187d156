namespace Ouvidoria.Infrastructure.Notifications;

/// <summary>How e-mail leaves the system (section "Email").</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary><c>Pickup</c> (default: .eml files in <see cref="PickupDirectory"/>) or <c>Smtp</c>.</summary>
    public EmailDelivery Delivery { get; set; } = EmailDelivery.Pickup;

    /// <summary>Default: &lt;content root&gt;/App_Data/mail.</summary>
    public string? PickupDirectory { get; set; }

    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>STARTTLS (System.Net.Mail's EnableSsl).</summary>
    public bool EnableSsl { get; set; }

    public string From { get; set; } = "nao-responda@ouvidoria.local";

    public string FromName { get; set; } = "Ouvidoria";

    /// <summary>Absolute address of the portal, for the links in the messages.</summary>
    public string PortalUrl { get; set; } = "http://localhost:5080/";

    /// <summary>Where citizen complements are announced; empty = every active ombudsman account.</summary>
    public string? OmbudsmanAddress { get; set; }

    /// <summary>
    /// Ceiling of the retry backoff (30 s, doubling): a message that fails for a transient reason is
    /// retried at least this often, for as long as it takes: there is no number of attempts after
    /// which the outbox gives up.
    /// </summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Seconds between dispatcher passes when nothing wakes it.</summary>
    public int PollSeconds { get; set; } = 15;
}

public enum EmailDelivery
{
    Pickup,

    Smtp,
}
