using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Ouvidoria.Tests.EndToEnd;

/// <summary>
/// The real app on real Kestrel (random port) over a fresh SQLite file with the demo data set,
/// and a headless Debian Chromium driven by Playwright (no browser download: OUVIDORIA_CHROMIUM or
/// /usr/bin/chromium).
/// </summary>
public class PortalFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string databasePath = Path.Combine(Path.GetTempPath(), $"ouvidoria-e2e-{Guid.NewGuid():N}.db");
    private readonly string storageRoot = Path.Combine(Path.GetTempPath(), $"ouvidoria-e2e-files-{Guid.NewGuid():N}");
    private IPlaywright? playwright;

    public PortalFixture() => UseKestrel(0);

    public IBrowser Browser { get; private set; } = default!;

    public Uri BaseAddress { get; private set; } = default!;

    /// <summary>Where screenshots of each screen go (inside the test output).</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Ouvidoria", $"Data Source={databasePath}");
        builder.UseSetting("Seed:Demo", "true");
        builder.UseSetting("Storage:Root", storageRoot);
        // Several portals run in one test process: no background scheduler (jobs have their own tests).
        builder.UseSetting("Jobs:Enabled", "false");
        builder.ConfigureTestServices(ConfigureTestServices);
    }

    /// <summary>Lets a derived portal replace services (e.g. the clock).</summary>
    protected virtual void ConfigureTestServices(IServiceCollection services)
    {
    }

    public async Task InitializeAsync()
    {
        StartServer();
        BaseAddress = ClientOptions.BaseAddress;
        Directory.CreateDirectory(ScreenshotDirectory);
        var executable = Environment.GetEnvironmentVariable("OUVIDORIA_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Chromium não encontrado em {executable}. Rode `bash scripts/test.sh`, que instala o pacote chromium do Debian.");
        }

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
    }

    public async Task<IPage> NewPageAsync(int width = 1366, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            Locale = "pt-BR",
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        await base.DisposeAsync();
        foreach (var file in new[] { databasePath, databasePath + "-wal", databasePath + "-shm" })
        {
            File.Delete(file);
        }

        if (Directory.Exists(storageRoot))
        {
            Directory.Delete(storageRoot, recursive: true);
        }
    }
}
