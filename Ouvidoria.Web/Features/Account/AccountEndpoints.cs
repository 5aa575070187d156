using System.IO.Compression;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Identity;
using Ouvidoria.Infrastructure.Persistence;
using Ouvidoria.Infrastructure.Storage;
using Ouvidoria.Web.Features.Manifestations;
using Ouvidoria.Web.Features.Shared;

namespace Ouvidoria.Web.Features.Account;

public static class AccountEndpoints
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    /// <summary>POST /conta/sair (antiforgery-protected form in the layout).</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/conta/sair", async (SignInManager<ApplicationUser> signInManager) =>
        {
            await signInManager.SignOutAsync();
            return TypedResults.LocalRedirect("/");
        }).RequireAntiforgeryToken();
        endpoints.MapGet("/anexos/{manifestationId:guid}/{attachmentId:guid}", DownloadAsync).RequireAuthorization(Policies.Treatment);
        endpoints.MapGet("/anexos/{manifestationId:guid}/todos.zip", DownloadAllAsync).RequireAuthorization(Policies.Treatment);
        return endpoints;
    }

    /// <summary>
    /// Refuses (400) a post without a valid antiforgery token. The antiforgery middleware only records
    /// its verdict: an endpoint that binds no form has to act on it, or a cross-site form could post to it.
    /// </summary>
    public static RouteHandlerBuilder RequireAntiforgeryToken(this RouteHandlerBuilder endpoint) =>
        endpoint.WithMetadata(new RequireAntiforgeryTokenAttribute()).AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var valid = http.Features.Get<IAntiforgeryValidationFeature>() is { } verdict
                ? verdict.IsValid
                : await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http);
            return valid
                ? await next(context)
                : Problems.Of(StatusCodes.Status400BadRequest, "O formulário expirou ou não veio desta página. Recarregue a página e tente novamente.");
        });

    /// <summary>Streams an attachment to a staff member; every download is in the access log.</summary>
    private static async Task<IResult> DownloadAsync(
        Guid manifestationId, Guid attachmentId, HttpContext http, ManifestationWorkflow workflow, IDbContextFactory<OuvidoriaDbContext> factory,
        ILogger<ManifestationWorkflow> logger, CancellationToken ct)
    {
        if (http.User.ToActor() is not { } actor)
        {
            return TypedResults.Unauthorized();
        }

        if (await RefusalAsync(factory, manifestationId, attachmentId, actor, ct) is { } refused)
        {
            return Problems.For(refused);
        }

        Result<(Attachment Attachment, Stream Content)> result;
        try
        {
            result = await workflow.DownloadAsync(manifestationId, attachmentId, actor, ct);
        }
        catch (StoredFileCorruptedException e)
        {
            logger.LogError(e, "Anexo {AttachmentId} da manifestação {ManifestationId} não pôde ser decifrado.", attachmentId, manifestationId);
            return Corrupted();
        }

        if (!result.IsSuccess)
        {
            return Problems.For(result.Error!);
        }

        // The type comes from the (allow-listed) extension, never from what the uploader declared.
        // The content is the decrypting stream: read and sent one chunk at a time; the name goes
        // into Content-Disposition encoded (filename*=UTF-8'').
        var (attachment, content) = result.Value;
        http.Response.Headers.XContentTypeOptions = "nosniff";
        // No range requests: each would be another logged download.
        return TypedResults.File(content, ContentTypeOf(attachment.FileName), attachment.FileName);
    }

    /// <summary>
    /// "Baixar todos": one ZIP, written straight into the response body entry by entry (each file
    /// decrypted chunk by chunk, never whole in memory), of every attachment the actor may download;
    /// each file is recorded in the access log first. Same authorization as the single download.
    /// </summary>
    private static async Task<IResult> DownloadAllAsync(Guid manifestationId, HttpContext http, ManifestationWorkflow workflow, ILogger<ManifestationWorkflow> logger, CancellationToken ct)
    {
        if (http.User.ToActor() is not { } actor)
        {
            return TypedResults.Unauthorized();
        }

        var result = await workflow.DownloadAllAsync(manifestationId, actor, ct);
        if (!result.IsSuccess)
        {
            return Problems.For(result.Error!);
        }

        var bundle = result.Value;
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Stream(async body =>
        {
            await using var output = new AsyncDrainingStream(body);
            try
            {
                await using (var zip = await ZipArchive.CreateAsync(output, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, ct))
                {
                    var buffer = new byte[EncryptedFile.ChunkSize];
                    foreach (var (attachment, entryName) in bundle.Attachments.Zip(ZipEntryNames.For(bundle.Attachments.Select(a => a.FileName))))
                    {
                        var entry = zip.CreateEntry(entryName, CompressionLevel.Fastest);
                        entry.LastWriteTime = attachment.UploadedAt;
                        await using var content = workflow.OpenContent(attachment);
                        await using (var target = await entry.OpenAsync(ct))
                        {
                            int read;
                            while ((read = await content.ReadAsync(buffer, ct)) > 0)
                            {
                                await target.WriteAsync(buffer.AsMemory(0, read), ct);
                                await output.DrainAsync(ct);
                            }
                        }

                        await output.DrainAsync(ct);
                    }
                }

                await output.FlushAsync(ct);
            }
            catch (StoredFileCorruptedException e)
            {
                // The status line is already sent: cut the response so the ZIP is visibly incomplete.
                logger.LogError(e, "Um anexo da manifestação {ManifestationId} não pôde ser decifrado durante o \"Baixar todos\".", manifestationId);
                http.Abort();
            }
        }, "application/zip", $"anexos-{bundle.Nup}.zip");
    }

    /// <summary>
    /// Why THIS actor may not download THIS attachment (the aggregate's rule, <see cref="Manifestation.CanDownload"/>),
    /// or null. Asked before the download so that a refusal is a 403: the workflow reports the aggregate's
    /// refusal (a <c>DomainException</c> in <see cref="Manifestation.RecordDownload"/>) as a validation error.
    /// </summary>
    private static async Task<Error?> RefusalAsync(IDbContextFactory<OuvidoriaDbContext> factory, Guid manifestationId, Guid attachmentId, Actor actor, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var manifestation = await ManifestationWorkflow.LoadAsync(db, manifestationId, ct);
        if (manifestation is null)
        {
            return Error.NotFound("Manifestação não encontrada.");
        }

        if (!manifestation.CanBeReadBy(actor))
        {
            return Error.Forbidden("Você não tem acesso a esta manifestação.");
        }

        return manifestation.Attachments.FirstOrDefault(a => a.Id == attachmentId) switch
        {
            null => Error.NotFound("Anexo não encontrado."),
            var attachment when !manifestation.CanDownload(attachment, actor) => Error.Forbidden("Você não tem acesso a este anexo."),
            _ => null,
        };
    }

    private static string ContentTypeOf(string fileName) =>
        ContentTypes.TryGetContentType(fileName, out var known) ? known : "application/octet-stream";

    private static IResult Corrupted() =>
        Problems.Of(StatusCodes.Status500InternalServerError, "O anexo armazenado está corrompido ou foi alterado e não pode ser entregue. Avise o administrador do sistema.");
}
