using Microsoft.OpenApi;
using Ouvidoria.Domain.Integration;

namespace Ouvidoria.Web.Features.Api;

/// <summary>
/// The OpenAPI 3.1 document of the integration API (GET /openapi/v1.json, public: it is the
/// contract integrators code against). Only /api paths; the API-key security scheme; each
/// operation states the permission it needs and the NUP + password header where it takes one.
/// </summary>
public static class ApiDocument
{
    public const string Name = "v1";

    public const string Route = "/openapi/{documentName}.json";

    public static IServiceCollection AddIntegrationApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(Name, options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Ouvidoria — API de integração",
                    Version = "v1",
                    Description = "Para outros canais e sistemas: registrar manifestações (por exemplo, reduzidas a termo de um atendimento telefônico), " +
                                  "acompanhar com NUP e senha, responder a pedidos de complementação, anexar arquivos e sincronizar as alterações. " +
                                  "Autenticação por chave de API (cabeçalho X-Api-Key), criada pelo administrador com as permissões necessárias; " +
                                  "limite de requisições por minuto por chave (429 com Retry-After). Erros em application/problem+json, em português. " +
                                  "POSTs aceitam o cabeçalho Idempotency-Key: a mesma chave com a mesma requisição devolve a primeira resposta, sem repetir a operação.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[ApiKeyDefaults.Scheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = ApiKeyDefaults.Header,
                    Description = "Chave de API no formato ouv_<prefixo>_<segredo>, criada em Administração → Chaves de API.",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer(async (operation, context, ct) =>
            {
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<ApiRequestBody>().FirstOrDefault() is { } body && context.Document is { } document)
                {
                    // A named component (clients generate a type for it), tidied like the wire format demands.
                    var schema = await context.GetOrCreateSchemaAsync(body.Type, null, ct);
                    if (schema is OpenApiSchema request)
                    {
                        RequireNonNull(request);
                    }

                    document.Components ??= new OpenApiComponents();
                    document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
                    document.Components.Schemas[body.Type.Name] = schema;
                    operation.RequestBody = new OpenApiRequestBody
                    {
                        Required = true,
                        Content = new Dictionary<string, OpenApiMediaType>
                        {
                            ["application/json"] = new() { Schema = new OpenApiSchemaReference(body.Type.Name, document) },
                        },
                    };
                }

                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                if (metadata.OfType<ApiScopeMetadata>().FirstOrDefault() is { } scope)
                {
                    operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyDefaults.Scheme, context.Document)] = [] }];
                    operation.Description = $"{operation.Description}{(string.IsNullOrEmpty(operation.Description) ? string.Empty : "\n\n")}Permissão necessária: `{scope.Scope}` ({ApiScope.Label(scope.Scope)}).";
                }

                if (context.Description.HttpMethod == HttpMethods.Post)
                {
                    operation.Parameters ??= [];
                    operation.Parameters.Add(new OpenApiParameter
                    {
                        Name = ApiIdempotency.Header,
                        In = ParameterLocation.Header,
                        Required = false,
                        Description = "Opcional (recomendado): um identificador único da operação, por exemplo um UUID. Repetir a requisição com a mesma chave devolve a primeira resposta.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = Infrastructure.Integration.IdempotencyRecord.MaxKeyLength },
                    });
                }

                Describe(operation, context.Description.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().FirstOrDefault()?.EndpointName);
            });
            options.AddDocumentTransformer((document, _, _) =>
            {
                Tidy(document);
                return Task.CompletedTask;
            });
        });

    private static readonly Dictionary<string, string> ResponseDescriptions = new(StringComparer.Ordinal)
    {
        ["200"] = "Sucesso.",
        ["201"] = "Criado.",
        ["400"] = "Requisição inválida: o detalhe (e, em errors, cada campo) diz o que corrigir. Nada foi alterado.",
        ["401"] = "Chave de API ausente, inválida ou revogada (cabeçalho X-Api-Key).",
        ["403"] = "A chave não tem a permissão desta operação.",
        ["404"] = "Não encontrado. Para NUP + senha, a mesma resposta vale para NUP inexistente e senha errada.",
        ["409"] = "Conflito: a situação da manifestação não permite a operação agora, ou a mesma Idempotency-Key ainda está em processamento.",
        ["413"] = "Corpo ou arquivo grande demais.",
        ["415"] = "Formato do corpo não suportado (Content-Type).",
        ["422"] = "A Idempotency-Key já foi usada com outra requisição.",
        ["429"] = "Limite de requisições da chave excedido, ou tentativas demais de senha para o NUP: aguarde o tempo de Retry-After.",
    };

    /// <summary>pt-BR descriptions, the NUP + password header, and the multipart body of the attach operation.</summary>
    private static void Describe(OpenApiOperation operation, string? operationId)
    {
        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (response is OpenApiResponse concrete && ResponseDescriptions.TryGetValue(status, out var description))
            {
                concrete.Description = description;
            }
        }

        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
        {
            if (parameter.Name == ApiEndpoints.PasswordHeader)
            {
                parameter.Required = true;
                parameter.Description = "A senha da manifestação, entregue ao cidadão no registro.";
            }
            else if (parameter.Name == "nup")
            {
                parameter.Description = "O NUP: os 17 dígitos, com ou sem pontos e traço (sem a barra), por exemplo 12345000123202645.";
            }
        }

        if (operationId == "anexarArquivo")
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["multipart/form-data"] = new()
                    {
                        Schema = new OpenApiSchema
                        {
                            Type = JsonSchemaType.Object,
                            Required = new HashSet<string> { ApiEndpoints.FileField },
                            Properties = new Dictionary<string, IOpenApiSchema>
                            {
                                [ApiEndpoints.FileField] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "O arquivo (um por requisição)." },
                            },
                        },
                    },
                },
            };
        }
    }

    /// <summary>Enums never list null among their values (nullable uses say so with oneOf/type).</summary>
    private static void Tidy(OpenApiDocument document)
    {
        foreach (var schema in (document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>()).Values.OfType<OpenApiSchema>())
        {
            if (schema.Enum is { Count: > 0 } values)
            {
                schema.Enum = values.Where(v => v is not null).ToList();
            }
        }
    }

    /// <summary>
    /// The generator marks nullable C# members as JSON-nullable; on the wire a required request
    /// field must be present AND not null (the API validates both).
    /// </summary>
    private static void RequireNonNull(OpenApiSchema request)
    {
        if (request.Properties is null)
        {
            return;
        }

        foreach (var property in request.Required ?? new HashSet<string>())
        {
            if (!request.Properties.TryGetValue(property, out var value) || value is not OpenApiSchema schema)
            {
                continue;
            }

            if (schema.Type is { } type && type.HasFlag(JsonSchemaType.Null))
            {
                schema.Type = type & ~JsonSchemaType.Null;
            }

            if (schema.Enum is { Count: > 0 } values)
            {
                schema.Enum = values.Where(v => v is not null).ToList();
            }

            if (schema.OneOf is { Count: 2 } branches && branches.FirstOrDefault(b => b is not OpenApiSchema { Type: JsonSchemaType.Null }) is { } nonNull)
            {
                request.Properties[property] = nonNull;
            }
        }
    }
}
