using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Ouvidoria.Tests.Support.WhatsApp;

namespace Ouvidoria.Tests.Features.Assistant;

/// <summary>
/// The app on a fresh SQLite file, wired to a <see cref="FakeGraphApi"/> on loopback, with every
/// log line captured (the privacy test reads them).
/// </summary>
public sealed class WhatsAppApp : IAsyncLifetime
{
    private readonly string root = Path.Combine(Path.GetTempPath(), $"ouvidoria-wa-{Guid.NewGuid():N}");

    public FakeGraphApi Graph { get; } = new();

    public WebApplicationFactory<Program> Factory { get; private set; } = default!;

    public ConcurrentQueue<string> Logs { get; } = new();

    public string DatabasePath => Path.Combine(root, "ouvidoria.db");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(root);
        await Graph.InitializeAsync();
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            Configure(builder, root, Graph);
            builder.ConfigureLogging(logging =>
            {
                logging.SetMinimumLevel(LogLevel.Trace);
                logging.AddProvider(new CapturingLoggerProvider(Logs));
            });
        });
        _ = Factory.Services; // start the host (migrations, background workers)
    }

    /// <summary>The app on SQLite under <paramref name="root"/>, talking to <paramref name="graph"/>.</summary>
    public static void Configure(IWebHostBuilder builder, string root, FakeGraphApi graph, bool processing = true)
    {
        var options = graph.Options();
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Ouvidoria", $"Data Source={Path.Combine(root, "ouvidoria.db")}");
        builder.UseSetting("Seed:Demo", "false");
        builder.UseSetting("Storage:Root", Path.Combine(root, "files"));
        builder.UseSetting("WhatsApp:VerifyToken", options.VerifyToken);
        builder.UseSetting("WhatsApp:AppSecret", options.AppSecret);
        builder.UseSetting("WhatsApp:AccessToken", options.AccessToken);
        builder.UseSetting("WhatsApp:PhoneNumberId", options.PhoneNumberId);
        builder.UseSetting("WhatsApp:GraphBaseUrl", options.GraphBaseUrl);
        builder.UseSetting("WhatsApp:ApiVersion", options.ApiVersion);
        builder.UseSetting("WhatsApp:ProcessingEnabled", processing ? "true" : "false");
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Graph.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(root, recursive: true);
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> sink) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, sink);

        public void Dispose()
        {
        }
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> sink) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink.Enqueue($"{category}: {formatter(state, exception)} {exception}");
    }
}
