using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Integration;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Persistence;
using Ouvidoria.Web.Features.Citizen;
using Ouvidoria.Web.Features.Shared;

namespace Ouvidoria.Web.Features.Api;

/// <summary>
/// Endpoint metadata: the JSON body an operation reads itself (for the OpenAPI document). Not
/// <c>Accepts&lt;T&gt;</c>: that makes routing drop the endpoint for another content type, before
/// the handler can answer 415 in pt-BR.
/// </summary>
public sealed record ApiRequestBody(Type Type);

/// <summary>
/// The integration API (/api/v1): other channels and systems register manifestations "reduzidas a
/// termo" (phone, e-mail, in person, letter), follow them with NUP + password, answer complement
/// requests, attach files, and synchronize the facts of what changed. Every endpoint needs an API
/// key with its scope (<see cref="ApiScope"/>), is rate limited per key, speaks pt-BR problem
/// details, and runs the same use cases as the portal's citizen pages. POSTs accept an
/// <c>Idempotency-Key</c>. The contract is the OpenAPI document at /openapi/v1.json.
/// </summary>
public static class ApiEndpoints
{
    public const string Prefix = "/api/v1";

    /// <summary>The citizen's protocol password, for the NUP + password operations (a header: never in a URL or a log line).</summary>
    public const string PasswordHeader = "X-Senha-Manifestacao";

    /// <summary>A file of the attach endpoint, with the multipart framing around it.</summary>
    public const long MaxAttachmentRequestBytes = AttachmentPolicy.MaxTotalBytes + (1024 * 1024);

    public const string FileField = "arquivo";

    public static IEndpointRouteBuilder MapIntegrationApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(Prefix)
            .RequireAuthorization(ApiKeyDefaults.Policy)
            .RequireRateLimiting(ApiRateLimiting.Policy)
            .DisableAntiforgery()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapGet("/tematicas", ListThemesAsync)
            .WithName("listarTematicas").WithTags("Temáticas")
            .WithSummary("Temáticas ativas, com os dados pessoais que cada uma exige")
            .RequireScope(ApiScope.Register);

        api.MapPost("/manifestacoes", RegisterAsync)
            .WithName("registrarManifestacao").WithTags("Manifestações")
            .WithSummary("Registra uma manifestação e devolve o NUP e a senha")
            .WithDescription("Use para manifestações recebidas por outro canal (telefone, e-mail, presencial, carta) ou por outro sistema. A senha é entregue só nesta resposta: repasse-a ao cidadão. Com Idempotency-Key, uma repetição devolve o mesmo NUP em vez de registrar outra manifestação.")
            .WithMetadata(new ApiRequestBody(typeof(RegistrarManifestacaoRequisicao)))
            .Produces<ProtocoloResposta>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RequireScope(ApiScope.Register);

        api.MapGet("/manifestacoes/alteracoes", ChangesAsync)
            .WithName("listarAlteracoes").WithTags("Sincronização")
            .WithSummary("Manifestações alteradas desde um instante (fatos, sem dados pessoais)")
            .WithDescription("Ordenadas da alteração mais antiga para a mais recente. Informe desde (ISO 8601) na primeira página e depois só cursor = proximoCursor, até ele vir nulo. Guarde o alteradaEm do último item para a próxima sincronização.")
            .Produces<PaginaDeAlteracoes>()
            .ProducesValidationProblem()
            .RequireScope(ApiScope.Synchronize);

        api.MapGet("/manifestacoes/{nup}", ConsultAsync)
            .WithName("consultarManifestacao").WithTags("Manifestações")
            .WithSummary("Situação e respostas de uma manifestação (NUP + senha)")
            .Produces<ManifestacaoResposta>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireScope(ApiScope.Consult);

        api.MapPost("/manifestacoes/{nup}/complementos", ComplementAsync)
            .WithName("enviarComplementacao").WithTags("Manifestações")
            .WithSummary("Responde ao pedido de complementação (NUP + senha)")
            .WithMetadata(new ApiRequestBody(typeof(ComplementacaoRequisicao)))
            .Produces<ManifestacaoResposta>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RequireScope(ApiScope.Complement);

        api.MapPost("/manifestacoes/{nup}/anexos", AttachAsync)
            .WithName("anexarArquivo").WithTags("Manifestações")
            .WithSummary("Anexa um arquivo do cidadão (NUP + senha)")
            .WithDescription("multipart/form-data com o arquivo no campo \"arquivo\". Aceito enquanto a manifestação aguarda análise (anexo da manifestação) ou complementação (anexo da complementação). Até 10 arquivos e 30 MB por manifestação; texto, PDF, documentos, planilhas, imagens, MP3, MP4, AVI e ZIP, conferidos pelo conteúdo.")
            .Produces<AnexoResposta>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithMetadata(new RequestSizeLimitAttribute(MaxAttachmentRequestBytes))
            .RequireScope(ApiScope.Attach);

        // Unknown API paths answer like the API (not the portal's "página não encontrada").
        endpoints.MapFallback(Prefix + "/{**path}", () => ApiProblems.NotFound("Recurso inexistente nesta API. Veja /openapi/v1.json.")).ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>API requests are answered with problem details, never with the portal's HTML error pages.</summary>
    public static IApplicationBuilder UseIntegrationApiErrors(this IApplicationBuilder app) =>
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(Prefix),
            branch => branch.Use(async (context, next) =>
            {
                if (context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
                {
                    statusCodePages.Enabled = false;
                }

                try
                {
                    await next(context);
                }
                catch (Exception e) when (!context.Response.HasStarted && e is not OperationCanceledException)
                {
                    context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiEndpoints)).LogError(e, "Integration API request failed");
                    context.Response.Clear();
                    await ApiProblems.Problem(StatusCodes.Status500InternalServerError, "Erro interno",
                        $"Não foi possível concluir a operação; nada foi alterado se ela não terminou. Tente de novo; se persistir, informe o código {context.TraceIdentifier}.").ExecuteAsync(context);
                }
            }));

    private static async Task<Ok<List<TematicaResposta>>> ListThemesAsync(IDbContextFactory<OuvidoriaDbContext> factory, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var themes = await db.Themes.AsNoTracking().Where(t => t.IsActive).OrderBy(t => t.Name)
            .Select(t => new { t.Id, t.Name, t.PersonalData }).ToListAsync(ct);
        return TypedResults.Ok(themes.Select(t => new TematicaResposta(t.Id, t.Name, t.PersonalData.ToApi())).ToList());
    }

    private static async Task<IResult> RegisterAsync(HttpContext http, RegisterManifestation register, ApiIdempotency idempotency, CancellationToken ct)
    {
        var read = await ApiJson.ReadAsync<RegistrarManifestacaoRequisicao>(http.Request, ct);
        if (read.Problem is not null)
        {
            return read.Problem;
        }

        var body = read.Value!;
        var errors = Validate(body);
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }

        var start = await idempotency.StartAsync(http, ApiIdempotency.Fingerprint(http.Request, read.Bytes), ct);
        if (start.Answer is not null)
        {
            return start.Answer;
        }

        var request = new RegistrationRequest
        {
            Type = body.Tipo!.Value.ToDomain(),
            ThemeId = body.TematicaId!.Value,
            Anonymous = body.Anonima,
            Name = body.Manifestante?.Nome,
            Email = body.Manifestante?.Email,
            Phone = body.Manifestante?.Telefone,
            Cpf = body.Manifestante?.Cpf,
            Address = body.Manifestante?.Endereco,
            ConsentToShare = body.ConsentimentoCompartilhamento,
            Description = body.Descricao!,
            Channel = (body.Canal ?? CanalEntrada.Integracao).ToDomain()!.Value,
        };
        var result = await register.ExecuteAsync(request, idempotency.Completing<RegistrationReceipt>(start, StatusCodes.Status201Created, Location, Protocol), ct);
        if (!result.IsSuccess)
        {
            await idempotency.ReleaseAsync(start);
            return ApiProblems.From(result.Error!, http);
        }

        return TypedResults.Created(Location(result.Value), Protocol(result.Value));
    }

    private static Dictionary<string, string[]> Validate(RegistrarManifestacaoRequisicao body)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (body.Tipo is null)
        {
            errors["tipo"] = ["Informe o tipo da manifestação."];
        }

        if (body.TematicaId is null || body.TematicaId == Guid.Empty)
        {
            errors["tematicaId"] = ["Informe a temática (veja GET /api/v1/tematicas)."];
        }

        if (string.IsNullOrWhiteSpace(body.Descricao))
        {
            errors["descricao"] = ["Descreva a manifestação."];
        }

        if (body.Canal is { } canal && canal.ToDomain() is null)
        {
            errors["canal"] = ["WhatsApp e internet são canais do próprio sistema: use integracao, email, telefone, presencial ou carta."];
        }

        if (body.Anonima)
        {
            if (body.Tipo is not (null or TipoManifestacao.Denuncia or TipoManifestacao.Reclamacao or TipoManifestacao.Comunicacao))
            {
                errors["anonima"] = ["Só denúncias e reclamações podem ser anônimas (viram comunicação de irregularidade): identifique o manifestante."];
            }

            if (body.Manifestante is not null)
            {
                errors["manifestante"] = ["Uma manifestação anônima não leva dados do manifestante: omita este campo ou envie anonima: false."];
            }
        }
        else
        {
            if (body.Tipo == TipoManifestacao.Comunicacao)
            {
                errors["anonima"] = ["A comunicação de irregularidade é sempre anônima: envie anonima: true."];
            }

            if (string.IsNullOrWhiteSpace(body.Manifestante?.Nome))
            {
                errors["manifestante.nome"] = ["Informe o nome do manifestante ou registre como anônima (anonima: true)."];
            }

            if (!body.ConsentimentoCompartilhamento)
            {
                errors["consentimentoCompartilhamento"] = ["Uma manifestação identificada exige a autorização do manifestante para compartilhar seus dados com os órgãos de apuração (LGPD)."];
            }
        }

        return errors;
    }

    private static string Location(RegistrationReceipt receipt) => $"{Prefix}/manifestacoes/{Nup.DigitsOf(receipt.Nup)}";

    private static ProtocoloResposta Protocol(RegistrationReceipt receipt) => new(receipt.Nup, receipt.Password, receipt.Type.ToApi(), receipt.DueAt);

    private static async Task<IResult> ConsultAsync(string nup, [FromHeader(Name = PasswordHeader)] string? senha, HttpContext http, ConsultManifestation consult, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(senha))
        {
            return MissingPassword();
        }

        var result = await consult.ExecuteAsync(nup, senha, ct);
        return result.IsSuccess ? TypedResults.Ok(View(result.Value)) : ApiProblems.From(result.Error!, http);
    }

    private static async Task<IResult> ComplementAsync(string nup, [FromHeader(Name = PasswordHeader)] string? senha, HttpContext http, ConsultManifestation consult, ApiIdempotency idempotency, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(senha))
        {
            return MissingPassword();
        }

        var read = await ApiJson.ReadAsync<ComplementacaoRequisicao>(http.Request, ct);
        if (read.Problem is not null)
        {
            return read.Problem;
        }

        if (string.IsNullOrWhiteSpace(read.Value!.Texto))
        {
            return ApiProblems.Invalid(new Dictionary<string, string[]> { ["texto"] = ["Escreva a complementação."] });
        }

        var start = await idempotency.StartAsync(http, ApiIdempotency.Fingerprint(http.Request, read.Bytes), ct);
        if (start.Answer is not null)
        {
            return start.Answer;
        }

        var result = await consult.SendComplementAsync(nup, senha, read.Value.Texto, [], idempotency.Completing<CitizenView>(start, StatusCodes.Status200OK, _ => null, View), ct);
        if (!result.IsSuccess)
        {
            await idempotency.ReleaseAsync(start);
            return ApiProblems.From(result.Error!, http);
        }

        return TypedResults.Ok(View(result.Value));
    }

    private static async Task<IResult> AttachAsync(string nup, [FromHeader(Name = PasswordHeader)] string? senha, HttpContext http, AttachCitizenFile attach, ApiIdempotency idempotency, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(senha))
        {
            return MissingPassword();
        }

        if (!http.Request.HasFormContentType || !(http.Request.ContentType ?? string.Empty).StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return ApiProblems.UnsupportedMediaType($"Envie o arquivo como multipart/form-data, no campo \"{FileField}\".");
        }

        // The fingerprint covers the whole body: read it once (buffered to disk past 1 MB), then parse the form.
        string fingerprint;
        IFormCollection form;
        try
        {
            http.Request.EnableBuffering(bufferThreshold: 1024 * 1024, bufferLimit: MaxAttachmentRequestBytes);
            using (var hash = ApiIdempotency.Fingerprint(http.Request))
            {
                var chunk = new byte[81920];
                int read;
                while ((read = await http.Request.Body.ReadAsync(chunk, ct)) > 0)
                {
                    hash.AppendData(chunk, 0, read);
                }

                fingerprint = Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
            }

            http.Request.Body.Position = 0;
            form = await http.Request.ReadFormAsync(ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge();
        }
        catch (IOException)
        {
            // The buffer's limit (the body passed MaxAttachmentRequestBytes) or a client gone away.
            return TooLarge();
        }
        catch (InvalidDataException)
        {
            return ApiProblems.BadRequest($"Corpo multipart/form-data inválido. Envie um arquivo no campo \"{FileField}\".");
        }

        var files = form.Files.GetFiles(FileField);
        if (files.Count != 1 || form.Files.Count != 1)
        {
            return ApiProblems.Invalid(new Dictionary<string, string[]> { [FileField] = [$"Envie exatamente um arquivo, no campo \"{FileField}\"."] });
        }

        var file = files[0];
        var start = await idempotency.StartAsync(http, fingerprint, ct);
        if (start.Answer is not null)
        {
            return start.Answer;
        }

        var upload = new UploadedFile(file.FileName, file.ContentType ?? "application/octet-stream", file.Length, file.OpenReadStream);
        var result = await attach.ExecuteAsync(nup, senha, upload, idempotency.Completing<CitizenFileReceipt>(start, StatusCodes.Status201Created, _ => null, Attachment), ct);
        if (!result.IsSuccess)
        {
            await idempotency.ReleaseAsync(start);
            return ApiProblems.From(result.Error!, http);
        }

        return TypedResults.Json(Attachment(result.Value), ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> ChangesAsync(string? desde, string? cursor, int? limite, ManifestationChangesQuery changes, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        DateTimeOffset since = default;
        ManifestationChangesQuery.Position? after = null;
        if (!string.IsNullOrWhiteSpace(cursor))
        {
            if (ManifestationChangesQuery.TryDecode(cursor, out since, out var position))
            {
                after = position;
            }
            else
            {
                errors["cursor"] = ["Cursor inválido: use exatamente o proximoCursor da página anterior."];
            }
        }
        else if (string.IsNullOrWhiteSpace(desde))
        {
            errors["desde"] = ["Informe desde (data e hora ISO 8601, por exemplo 2026-12-01T00:00:00-03:00) ou o cursor da página anterior."];
        }
        else if (!DateTimeOffset.TryParse(desde, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out since))
        {
            errors["desde"] = ["Data e hora inválida: use ISO 8601, por exemplo 2026-12-01T00:00:00-03:00."];
        }

        var limit = limite ?? ManifestationChangesQuery.DefaultLimit;
        if (limit is < 1 or > ManifestationChangesQuery.MaxLimit)
        {
            errors["limite"] = [$"O limite vai de 1 a {ManifestationChangesQuery.MaxLimit} itens por página."];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }

        return TypedResults.Ok(await changes.ExecuteAsync(since.ToUniversalTime(), after, limit, ct));
    }

    private static ManifestacaoResposta View(CitizenView v) => new(
        v.Nup, v.Type.ToApi(), v.Status.ToApi(), ConsultManifestation.CitizenStatus(v.Status), v.RegisteredAt, v.DueAt, v.DeadlineExtended, v.Description,
        v.ComplementRequest is { } request ? new PedidoDeComplementacao(request, v.ComplementDueAt) : null,
        v.Answers.Select(a => new RespostaAoCidadao(a.Text, a.IsConclusive, a.SentAt)).ToList());

    private static AnexoResposta Attachment(CitizenFileReceipt r) => new(r.Id, r.FileName, r.ContentType, r.SizeBytes, r.Origin.ToApi(), r.UploadedAt);

    private static ProblemHttpResult MissingPassword() =>
        ApiProblems.BadRequest($"Informe a senha da manifestação no cabeçalho {PasswordHeader}.");

    private static ProblemHttpResult TooLarge() =>
        ApiProblems.PayloadTooLarge($"O arquivo passa do limite de {AttachmentPolicy.MaxTotalBytes / (1024 * 1024)} MB.");
}
