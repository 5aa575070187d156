using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ouvidoria.Infrastructure.Notifications;

public static class NotificationsRegistration
{
    /// <summary>The e-mail outbox: planner (same transaction as the change), dispatcher and transport.</summary>
    public static IServiceCollection AddOuvidoriaNotifications(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.Configure<EmailOptions>(configuration.GetSection(EmailOptions.Section));
        services.AddSingleton(sp =>
        {
            var configured = sp.GetRequiredService<IOptions<EmailOptions>>().Value.PickupDirectory;
            return new PickupDirectory(string.IsNullOrWhiteSpace(configured) ? Path.Combine(contentRoot, "App_Data", "mail") : configured);
        });
        services.AddSingleton<IEmailSender, SmtpEmailSender>();
        services.AddSingleton<IEmailTemplateStore, StoredEmailTemplateStore>();
        services.AddSingleton<EmailSignal>();
        services.AddScoped<NotificationPlanner>();
        services.AddSingleton<EmailOutboxDispatcher>();
        return services;
    }
}

/// <summary>Wakes the dispatcher right after a commit that queued e-mails.</summary>
public sealed class EmailSignal
{
    public SemaphoreSlim Pending { get; } = new(0);

    public void Wake()
    {
        if (Pending.CurrentCount == 0)
        {
            Pending.Release();
        }
    }
}
