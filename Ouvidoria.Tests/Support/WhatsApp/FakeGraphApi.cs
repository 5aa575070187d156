using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ouvidoria.Infrastructure.WhatsApp;

namespace Ouvidoria.Tests.Support.WhatsApp;

/// <summary>A send the fake received: path, Authorization header and the JSON body.</summary>
public sealed record RecordedSend(string Path, string? Authorization, JsonElement Json);

/// <summary>
/// A real HTTP server on loopback (Kestrel, random port) answering in the Graph API's shapes:
/// <c>POST /{version}/{phoneId}/messages</c>, <c>GET /{version}/{mediaId}</c> and
/// <c>GET /media-bytes/{id}</c> (bytes only with the right bearer token). Use as a class fixture and
/// call <see cref="Reset"/> at the start of each test.
/// </summary>
public sealed class FakeGraphApi : IAsyncLifetime
{
    public const string AccessToken = "EAAG-test-access-token";
    public const string PhoneNumberId = "106540352242922";
    public const string Version = "v21.0";

    private readonly Lock gate = new();
    private readonly List<RecordedSend> sends = [];
    private readonly Queue<PlannedFailure> plannedFailures = new();
    private readonly Dictionary<string, FakeMedia> media = new(StringComparer.Ordinal);
    private WebApplication? app;
    private int mediaDownloads;

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:54321</c> (no trailing slash).</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    public IReadOnlyList<RecordedSend> Sends
    {
        get
        {
            lock (gate)
            {
                return sends.ToList();
            }
        }
    }

    /// <summary>How many <c>/media-bytes</c> requests were answered with bytes.</summary>
    public int MediaDownloads => Volatile.Read(ref mediaDownloads);

    public WhatsAppOptions Options(string? accessToken = null) => new()
    {
        AccessToken = accessToken ?? AccessToken,
        PhoneNumberId = PhoneNumberId,
        GraphBaseUrl = BaseUrl,
        ApiVersion = Version,
        AppSecret = "test-app-secret",
        VerifyToken = "test-verify-token",
    };

    public void Reset()
    {
        lock (gate)
        {
            sends.Clear();
            plannedFailures.Clear();
            media.Clear();
        }

        Volatile.Write(ref mediaDownloads, 0);
    }

    /// <summary>The next <paramref name="count"/> sends get HTTP <paramref name="status"/> with error 130429.</summary>
    public void ThrottleNextSends(int count, int status = 429, TimeSpan? retryAfter = null) =>
        Plan(count, new PlannedFailure(status, 130429, "(#130429) Rate limit hit", retryAfter));

    /// <summary>The next <paramref name="count"/> sends get HTTP 500 with error 131000.</summary>
    public void FailNextSendsWithServerError(int count) =>
        Plan(count, new PlannedFailure(500, 131000, "Something went wrong", null));

    /// <summary>The next send gets HTTP <paramref name="status"/> with the given Graph error.</summary>
    public void RejectNextSend(int status, int code, string message) =>
        Plan(1, new PlannedFailure(status, code, message, null));

    /// <summary>Registers media; the metadata's sha256 is the real hex hash unless <paramref name="sha256"/> overrides it.</summary>
    public string RegisterMedia(byte[] bytes, string mimeType, string? sha256 = null, long? fileSize = null)
    {
        var id = RandomNumberGenerator.GetInt32(100_000_000, int.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture);
        lock (gate)
        {
            media[id] = new FakeMedia(bytes, mimeType, sha256 ?? Convert.ToHexStringLower(SHA256.HashData(bytes)), fileSize ?? bytes.Length);
        }

        return id;
    }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "FakeGraphApi",
        });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));

        app = builder.Build();
        app.MapPost("/{version}/{phoneId}/messages", HandleSendAsync);
        app.MapGet("/media-bytes/{id}", HandleMediaBytesAsync);
        app.MapGet("/{version}/{mediaId}", HandleMediaMetadataAsync);
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        BaseUrl = address.TrimEnd('/');
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private void Plan(int count, PlannedFailure failure)
    {
        lock (gate)
        {
            for (var i = 0; i < count; i++)
            {
                plannedFailures.Enqueue(failure);
            }
        }
    }

    private async Task HandleSendAsync(HttpContext context, string version, string phoneId)
    {
        using var document = await JsonDocument.ParseAsync(context.Request.Body);
        var authorization = context.Request.Headers.Authorization.ToString();
        PlannedFailure? failure;
        lock (gate)
        {
            sends.Add(new RecordedSend(context.Request.Path.Value ?? string.Empty, authorization, document.RootElement.Clone()));
            plannedFailures.TryDequeue(out failure);
        }

        if (!IsAuthorized(context))
        {
            await WriteErrorAsync(context, 401, 190, "Invalid OAuth access token.");
            return;
        }

        if (version != Version || phoneId != PhoneNumberId)
        {
            await WriteErrorAsync(context, 400, 100, "Unsupported post request.");
            return;
        }

        if (failure is not null)
        {
            if (failure.RetryAfter is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            await WriteErrorAsync(context, failure.Status, failure.Code, failure.Message);
            return;
        }

        var to = document.RootElement.GetProperty("to").GetString();
        var wamid = "wamid." + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        await WriteJsonAsync(context, 200, new
        {
            messaging_product = "whatsapp",
            contacts = new[] { new { input = to, wa_id = to } },
            messages = new[] { new { id = wamid } },
        });
    }

    private async Task HandleMediaMetadataAsync(HttpContext context, string version, string mediaId)
    {
        if (!IsAuthorized(context))
        {
            await WriteErrorAsync(context, 401, 190, "Invalid OAuth access token.");
            return;
        }

        FakeMedia? item;
        lock (gate)
        {
            media.TryGetValue(mediaId, out item);
        }

        if (version != Version || item is null)
        {
            await WriteErrorAsync(context, 400, 100, "Unsupported get request. Object with ID does not exist.");
            return;
        }

        await WriteJsonAsync(context, 200, new
        {
            messaging_product = "whatsapp",
            url = $"{BaseUrl}/media-bytes/{mediaId}",
            mime_type = item.MimeType,
            sha256 = item.Sha256,
            file_size = item.FileSize,
            id = mediaId,
        });
    }

    private async Task HandleMediaBytesAsync(HttpContext context, string id)
    {
        if (!IsAuthorized(context))
        {
            context.Response.StatusCode = 401;
            return;
        }

        FakeMedia? item;
        lock (gate)
        {
            media.TryGetValue(id, out item);
        }

        if (item is null)
        {
            context.Response.StatusCode = 404;
            return;
        }

        Interlocked.Increment(ref mediaDownloads);
        context.Response.ContentType = item.MimeType;
        await context.Response.Body.WriteAsync(item.Bytes);
    }

    private static bool IsAuthorized(HttpContext context) =>
        string.Equals(context.Request.Headers.Authorization.ToString(), $"Bearer {AccessToken}", StringComparison.Ordinal);

    private static Task WriteErrorAsync(HttpContext context, int status, int code, string message) =>
        WriteJsonAsync(context, status, new
        {
            error = new
            {
                message,
                type = "OAuthException",
                code,
                fbtrace_id = "AbCdEfGhIjKlMnOp",
            },
        });

    private static async Task WriteJsonAsync(HttpContext context, int status, object body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }

    private sealed record PlannedFailure(int Status, int Code, string Message, TimeSpan? RetryAfter);

    private sealed record FakeMedia(byte[] Bytes, string MimeType, string Sha256, long FileSize);
}
