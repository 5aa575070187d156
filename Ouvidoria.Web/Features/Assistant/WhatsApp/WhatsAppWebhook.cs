using Microsoft.Extensions.Options;
using Ouvidoria.Infrastructure.WhatsApp;

namespace Ouvidoria.Web.Features.Assistant.WhatsApp;

/// <summary>
/// The Cloud API webhook. GET answers Meta's verification; POST checks the signature over the raw
/// bytes, parses, stores each new message (deduplicated by wamid) and only then answers 200.
/// Processing happens afterwards, in <see cref="WhatsAppInboxProcessor"/>.
/// </summary>
public static class WhatsAppWebhook
{
    private const int MaxBodyBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapWhatsAppWebhook(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/webhooks/whatsapp", Verify).AllowAnonymous();
        endpoints.MapPost("/webhooks/whatsapp", ReceiveAsync).AllowAnonymous().DisableAntiforgery();
        return endpoints;
    }

    private static IResult Verify(HttpRequest request, IOptions<WhatsAppOptions> options)
    {
        if (string.IsNullOrEmpty(options.Value.VerifyToken))
        {
            return TypedResults.Problem("WhatsApp não configurado (WhatsApp__VerifyToken).", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var challenge = WebhookVerification.Verify(request.Query["hub.mode"], request.Query["hub.verify_token"], request.Query["hub.challenge"], options.Value.VerifyToken);
        return challenge is null ? TypedResults.StatusCode(StatusCodes.Status403Forbidden) : TypedResults.Text(challenge, "text/plain");
    }

    private static async Task<IResult> ReceiveAsync(
        HttpRequest request,
        IOptions<WhatsAppOptions> options,
        WhatsAppInboxWriter inbox,
        CancellationToken ct)
    {
        if (string.IsNullOrEmpty(options.Value.AppSecret))
        {
            return TypedResults.Problem("WhatsApp não configurado (WhatsApp__AppSecret).", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var body = await ReadBodyAsync(request, ct);
        if (body is null)
        {
            return TypedResults.Problem("Corpo acima de 1 MB.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        if (!WebhookSignature.IsValid(body, request.Headers[WebhookSignature.HeaderName], options.Value.AppSecret))
        {
            return TypedResults.Problem("Assinatura X-Hub-Signature-256 inválida.", statusCode: StatusCodes.Status401Unauthorized);
        }

        ParsedWebhook parsed;
        try
        {
            parsed = WebhookParser.Parse(body);
        }
        catch (WebhookFormatException e)
        {
            return TypedResults.Problem(e.Message, title: "Payload do webhook inválido", statusCode: StatusCodes.Status400BadRequest);
        }

        if (parsed.Messages.Count > 0)
        {
            await inbox.StoreAsync(parsed.Messages, ct);
        }

        // Delivery statuses (sent/delivered/read/failed) need no action yet; they carry the number, so they are not stored.
        return TypedResults.Ok();
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
