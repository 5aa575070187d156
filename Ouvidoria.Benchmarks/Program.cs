using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

// Webhook intake benchmark (issue 3): signed POSTs to the real app on Kestrel over SQLite, against a
// raw baseline (one-row insert per transaction with plain Microsoft.Data.Sqlite) measured in the same run.
// Usage: dotnet run -c Release --project Ouvidoria.Benchmarks -- webhook [--seconds 15] [--concurrency 16] [--out docs/benchmarks.md]
// Identifying-element detection benchmark (issue 4): see PrivacyBenchmark.cs.
// Usage: dotnet run -c Release --project Ouvidoria.Benchmarks -- privacy [--set path] [--seconds N] [--out docs/benchmarks.md]
// Deadline sweep, reports and queue over 1,000,000 manifestations (both providers: scripts/bench-scale.sh): see ScaleBenchmark.cs.
// Usage: dotnet run -c Release --project Ouvidoria.Benchmarks -- scale --provider sqlite|postgres --connection "..." [--rows 1000000] [--out docs/benchmarks.md] [--reuse]
// (--reuse: the database of an earlier run; only the sweep, each first run after deleting the deadline alerts, and the queue measured.)
var arguments = args.ToList();
if (arguments.FirstOrDefault() == "privacy")
{
    return Ouvidoria.Benchmarks.PrivacyBenchmark.Run(arguments);
}

if (arguments.FirstOrDefault() == "scale")
{
    return await Ouvidoria.Benchmarks.ScaleBenchmark.RunAsync(arguments);
}

if (arguments.FirstOrDefault() != "webhook")
{
    Console.Error.WriteLine("uso: dotnet run -c Release --project Ouvidoria.Benchmarks -- webhook [--seconds N] [--concurrency N] [--out arquivo.md]");
    Console.Error.WriteLine("     dotnet run -c Release --project Ouvidoria.Benchmarks -- privacy [--set caminho] [--seconds N] [--out arquivo.md]");
    Console.Error.WriteLine("     dotnet run -c Release --project Ouvidoria.Benchmarks -- scale --provider sqlite|postgres --connection \"...\" [--rows N] [--out arquivo.md] [--reuse]");
    return 2;
}

var seconds = Option("--seconds", 15);
var concurrency = Option("--concurrency", 16);
var output = arguments.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault();
var root = Path.Combine(Path.GetTempPath(), $"ouvidoria-bench-{Guid.NewGuid():N}");
Directory.CreateDirectory(root);
try
{
    var baseline = RawBaseline(Path.Combine(root, "raw.db"), TimeSpan.FromSeconds(seconds));
    Console.WriteLine($"raw baseline: {baseline:F0} inserts/s");
    var (rate, p50, p99, total, errors) = await WebhookIntakeAsync(root, TimeSpan.FromSeconds(seconds), concurrency);
    Console.WriteLine($"webhook intake: {rate:F0} msg/s, p50 {p50:F1} ms, p99 {p99:F1} ms, {total} messages, {errors} errors, {rate / baseline:P0} of baseline");
    if (output is not null)
    {
        Report(output, baseline, rate, p50, p99, total, errors, seconds, concurrency);
    }

    return 0;
}
finally
{
    SqliteConnection.ClearAllPools();
    Directory.Delete(root, recursive: true);
}

int Option(string name, int fallback)
{
    var index = arguments.IndexOf(name);
    return index >= 0 && index + 1 < arguments.Count ? int.Parse(arguments[index + 1], CultureInfo.InvariantCulture) : fallback;
}

static double RawBaseline(string path, TimeSpan duration)
{
    using var connection = new SqliteConnection($"Data Source={path}");
    connection.Open();
    using (var setup = connection.CreateCommand())
    {
        setup.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE inbox (id TEXT PRIMARY KEY, wamid TEXT UNIQUE, payload TEXT, received INTEGER);";
        setup.ExecuteNonQuery();
    }

    var payload = new string('x', 600);
    var count = 0;
    var watch = Stopwatch.StartNew();
    while (watch.Elapsed < duration)
    {
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO inbox VALUES ($id, $wamid, $payload, $received)";
        insert.Parameters.AddWithValue("$id", Guid.NewGuid().ToString());
        insert.Parameters.AddWithValue("$wamid", "wamid." + count.ToString(CultureInfo.InvariantCulture));
        insert.Parameters.AddWithValue("$payload", payload);
        insert.Parameters.AddWithValue("$received", DateTime.UtcNow.Ticks);
        insert.ExecuteNonQuery();
        transaction.Commit();
        count++;
    }

    return count / watch.Elapsed.TotalSeconds;
}

static async Task<(double Rate, double P50, double P99, int Total, int Errors)> WebhookIntakeAsync(string root, TimeSpan duration, int concurrency)
{
    const string secret = "bench-app-secret";
    await using var factory = new BenchFactory(root, secret);
    factory.StartServer();
    using var client = new HttpClient { BaseAddress = factory.ClientOptions.BaseAddress };

    // Warm-up (JIT, pools), not measured.
    for (var i = 0; i < 200; i++)
    {
        await PostAsync(client, secret, $"warm{i}");
    }

    var latencies = new List<double>[concurrency];
    var errors = 0;
    var watch = Stopwatch.StartNew();
    var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
    {
        var mine = latencies[worker] = new List<double>(100_000);
        var n = 0;
        while (watch.Elapsed < duration)
        {
            var started = Stopwatch.GetTimestamp();
            var ok = await PostAsync(client, secret, $"{worker}-{n++}");
            mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (!ok)
            {
                Interlocked.Increment(ref errors);
            }
        }
    })).ToArray();
    await Task.WhenAll(workers);
    var elapsed = watch.Elapsed.TotalSeconds;
    var all = latencies.SelectMany(l => l).Order().ToArray();
    return (all.Length / elapsed, Percentile(all, 0.50), Percentile(all, 0.99), all.Length, errors);
}

static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

static async Task<bool> PostAsync(HttpClient client, string secret, string id)
{
    var body = Encoding.UTF8.GetBytes(
        "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\"," +
        "\"metadata\":{\"display_phone_number\":\"15550783881\",\"phone_number_id\":\"106540352242922\"},\"contacts\":[{\"profile\":{\"name\":\"Bench\"},\"wa_id\":\"55319" + (id.GetHashCode() & 0xFFFFFF).ToString("D8", CultureInfo.InvariantCulture) + "\"}]," +
        "\"messages\":[{\"from\":\"55319" + (id.GetHashCode() & 0xFFFFFF).ToString("D8", CultureInfo.InvariantCulture) + "\",\"id\":\"wamid.bench." + id + "\",\"timestamp\":\"1763800000\",\"type\":\"text\",\"text\":{\"body\":\"oi\"}}]}}]}]}");
    using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/whatsapp") { Content = new ByteArrayContent(body) };
    request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body)));
    using var response = await client.SendAsync(request);
    return response.IsSuccessStatusCode;
}

static void Report(string path, double baseline, double rate, double p50, double p99, int total, int errors, int seconds, int concurrency)
{
    var processing = Environment.GetEnvironmentVariable("BENCH_PROCESSING") ?? "true";
    var title = processing == "false" ? "## WhatsApp webhook intake (issue 3) — receive-only node" : "## WhatsApp webhook intake (issue 3) — receiving and processing on the same node";
    var section = $"""
        {title}

        Command: `{(processing == "false" ? "BENCH_PROCESSING=false " : string.Empty)}dotnet run -c Release --project Ouvidoria.Benchmarks -- webhook --seconds {seconds} --concurrency {concurrency} --out docs/benchmarks.md`
        Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; run on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.
        Setup: the real app on Kestrel (loopback) over a fresh SQLite file (WAL); {concurrency} concurrent clients POST signed
        `messages` webhooks (one text message each, unique wamid) for {seconds} s; the acknowledgement is measured (signature check,
        parse, encryption, group-committed insert with wamid dedupe, 200). {(processing == "false"
            ? "This node only receives (`WhatsApp__ProcessingEnabled=false`): processing runs on other nodes."
            : "The inbox processor (Bel, database writes) and the outbox run at the same time on the same 2 cores; the Graph API is unreachable, so sends fail fast and back off.")} Baseline: one-row INSERT per transaction with plain
        Microsoft.Data.Sqlite on one connection, same run.

        | measure | result | target |
        | --- | --- | --- |
        | raw baseline | {baseline:F0} inserts/s | — |
        | sustained intake | {rate:F0} msg/s ({total} messages, {errors} errors) | ≥ 1,000 msg/s |
        | acknowledgement p50 | {p50:F1} ms | — |
        | acknowledgement p99 | {p99:F1} ms | < 50 ms |
        | share of baseline | {rate / baseline:P0} | ≥ 50% |

        """;
    var existing = File.Exists(path) ? File.ReadAllText(path) : "# Benchmarks\n\nResults of the project's benchmark commands (never asserted in tests).\n\n";
    var start = existing.IndexOf(title, StringComparison.Ordinal);
    if (start >= 0)
    {
        var end = existing.IndexOf("\n## ", start + 5, StringComparison.Ordinal);
        existing = existing[..start] + (end >= 0 ? existing[(end + 1)..] : string.Empty);
    }

    File.WriteAllText(path, existing.TrimEnd() + "\n\n" + section);
}

internal sealed class BenchFactory(string root, string secret) : WebApplicationFactory<Ouvidoria.Web.Features.Assistant.AssistantHost>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        UseKestrel(0);
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Ouvidoria", $"Data Source={Path.Combine(root, "ouvidoria.db")}");
        builder.UseSetting("Storage:Root", Path.Combine(root, "files"));
        // Production requires a history chain key (Data Protection keys live in the database now).
        builder.UseSetting("Audit:HistoryKey", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        builder.UseSetting("WhatsApp:VerifyToken", "bench");
        builder.UseSetting("WhatsApp:AppSecret", secret);
        builder.UseSetting("WhatsApp:AccessToken", "bench-token");
        builder.UseSetting("WhatsApp:PhoneNumberId", "106540352242922");
        builder.UseSetting("WhatsApp:GraphBaseUrl", "http://127.0.0.1:9");
        builder.UseSetting("WhatsApp:ProcessingEnabled", Environment.GetEnvironmentVariable("BENCH_PROCESSING") ?? "true");
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }
}
