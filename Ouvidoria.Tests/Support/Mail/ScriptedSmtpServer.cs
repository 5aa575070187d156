using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Ouvidoria.Tests.Support.Mail;

/// <summary>
/// A minimal SMTP server whose replies the test chooses (maildev accepts everything): e.g. "550
/// 5.1.1 mailbox unknown" to RCPT TO, a 4xx, or a refusal of the DATA. Speaks just enough of RFC
/// 5321 for System.Net.Mail's SmtpClient; counts the messages it accepted.
/// </summary>
public sealed class ScriptedSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _accepted;

    public ScriptedSmtpServer()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>The reply to "RCPT TO:&lt;address&gt;", by address (default "250 2.1.5 OK").</summary>
    public Func<string, string> RecipientReply { get; set; } = _ => "250 2.1.5 OK";

    /// <summary>The reply after the message's final "." (default "250 2.0.0 queued").</summary>
    public string DataReply { get; set; } = "250 2.0.0 queued";

    /// <summary>Messages the server said it queued (250 after DATA).</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = Task.Run(() => ConverseAsync(client));
        }
    }

    private async Task ConverseAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.ASCII);
                await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
                await writer.WriteLineAsync("220 scripted.test ESMTP");
                while (await reader.ReadLineAsync(_stop.Token) is { } line)
                {
                    var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                    switch (verb)
                    {
                        case "EHLO" or "HELO":
                            await writer.WriteLineAsync("250 scripted.test");
                            break;
                        case "MAIL":
                            await writer.WriteLineAsync("250 2.1.0 OK");
                            break;
                        case "RCPT":
                            var start = line.IndexOf('<', StringComparison.Ordinal);
                            var end = line.IndexOf('>', StringComparison.Ordinal);
                            await writer.WriteLineAsync(RecipientReply(start >= 0 && end > start ? line[(start + 1)..end] : line));
                            break;
                        case "DATA":
                            await writer.WriteLineAsync("354 end with <CRLF>.<CRLF>");
                            while (await reader.ReadLineAsync(_stop.Token) is { } data && data != ".")
                            {
                            }

                            var reply = DataReply;
                            if (reply.StartsWith("250", StringComparison.Ordinal))
                            {
                                Interlocked.Increment(ref _accepted);
                            }

                            await writer.WriteLineAsync(reply);
                            break;
                        case "QUIT":
                            await writer.WriteLineAsync("221 2.0.0 bye");
                            return;
                        case "RSET" or "NOOP":
                            await writer.WriteLineAsync("250 2.0.0 OK");
                            break;
                        default:
                            await writer.WriteLineAsync("502 5.5.2 command not implemented");
                            break;
                    }
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The client hung up (SmtpClient closes abruptly after a refusal).
            }
        }
    }
}
