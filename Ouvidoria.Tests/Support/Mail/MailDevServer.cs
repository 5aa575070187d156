using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Serialization;

namespace Ouvidoria.Tests.Support.Mail;

/// <summary>
/// A real SMTP server for the e-mail tests: maildev 2.2.1 (installed by scripts/test.sh, path in
/// OUVIDORIA_MAILDEV), started on free ports, read back through its REST API. It can be stopped
/// and started again on the SAME ports to simulate an outage.
/// </summary>
public sealed class MailDevServer : IAsyncDisposable
{
    public const string Variable = "OUVIDORIA_MAILDEV";

    private readonly string _executable;
    private readonly HttpClient _http;
    private Process? _process;

    public MailDevServer()
    {
        _executable = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path && File.Exists(path)
            ? path
            : throw new InvalidOperationException($"maildev não encontrado ({Variable}). Rode `bash scripts/test.sh`, que instala o maildev@2.2.1.");
        SmtpPort = FreePort();
        WebPort = FreePort();
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{WebPort}/") };
    }

    public int SmtpPort { get; }

    public int WebPort { get; }

    public bool IsRunning => _process is { HasExited: false };

    public async Task StartAsync()
    {
        if (IsRunning)
        {
            return;
        }

        _process = Process.Start(new ProcessStartInfo(_executable, $"--smtp {SmtpPort} --web {WebPort} --ip 127.0.0.1 --silent")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("Falha ao iniciar o maildev.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"maildev terminou ao iniciar (código {_process.ExitCode}).");
            }

            if (await AcceptsAsync(SmtpPort))
            {
                try
                {
                    using var response = await _http.GetAsync("email");
                    if (response.IsSuccessStatusCode)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("maildev não respondeu em 30 s.");
    }

    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _process = null;
        // The port must really be closed before the test relies on the outage.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await AcceptsAsync(SmtpPort) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
    }

    public async Task<IReadOnlyList<MailDevEmail>> MessagesAsync() =>
        await _http.GetFromJsonAsync<List<MailDevEmail>>("email") ?? [];

    /// <summary>Polls until <paramref name="count"/> messages arrived (the dispatcher runs in the background).</summary>
    public async Task<IReadOnlyList<MailDevEmail>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var messages = await MessagesAsync();
            if (messages.Count >= count || DateTime.UtcNow > deadline)
            {
                return messages;
            }

            await Task.Delay(100);
        }
    }

    public async Task ClearAsync() => (await _http.DeleteAsync("email/all")).EnsureSuccessStatusCode();

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _http.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

/// <summary>The parts of maildev's decoded message the tests read.</summary>
public sealed record MailDevEmail(
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("text")] string? Text,
    [property: JsonPropertyName("html")] string? Html,
    [property: JsonPropertyName("to")] IReadOnlyList<MailDevAddress> To,
    [property: JsonPropertyName("headers")] Dictionary<string, System.Text.Json.JsonElement>? Headers);

public sealed record MailDevAddress([property: JsonPropertyName("address")] string Address, [property: JsonPropertyName("name")] string? Name);
