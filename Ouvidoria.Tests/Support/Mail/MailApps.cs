using Ouvidoria.Tests.Support.Integration;

namespace Ouvidoria.Tests.Support.Mail;

/// <summary>
/// The app with demo data sending e-mail over SMTP to its own maildev. The background dispatcher
/// is off: tests run <see cref="Ouvidoria.Infrastructure.Notifications.EmailOutboxDispatcher"/>
/// themselves, so outages and retries happen exactly when the test says.
/// </summary>
public abstract class MailAppFactory(TestDatabase database) : OuvidoriaAppFactory(database, seedDemo: true)
{
    public MailDevServer Mail { get; } = new();

    public override async Task InitializeAsync()
    {
        await Mail.StartAsync();
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Mail.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected override void AddSettings(Dictionary<string, string?> settings)
    {
        settings["Email:Delivery"] = "Smtp";
        settings["Email:Host"] = "127.0.0.1";
        settings["Email:Port"] = Mail.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Email:DispatchEnabled"] = "false";
        settings["Email:PortalUrl"] = "https://ouvidoria.exemplo.gov.br/";
    }
}

public sealed class SqliteMailApp() : MailAppFactory(TestDatabase.Sqlite);

public sealed class PostgresMailApp() : MailAppFactory(TestDatabase.Postgres);
