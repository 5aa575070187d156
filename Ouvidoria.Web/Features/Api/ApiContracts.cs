using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Ouvidoria.Domain.Manifestations;

namespace Ouvidoria.Web.Features.Api;

// The integration API's wire contract (pt-BR names, camelCase in JSON). The enums are written as
// the slugs below, never as numbers; the OpenAPI document lists them.

[JsonConverter(typeof(JsonStringEnumConverter<TipoManifestacao>))]
public enum TipoManifestacao
{
    [JsonStringEnumMemberName("denuncia")] Denuncia,
    [JsonStringEnumMemberName("reclamacao")] Reclamacao,
    [JsonStringEnumMemberName("solicitacao")] Solicitacao,
    [JsonStringEnumMemberName("sugestao")] Sugestao,
    [JsonStringEnumMemberName("elogio")] Elogio,
    [JsonStringEnumMemberName("simplificacao")] Simplificacao,
    [JsonStringEnumMemberName("comunicacao")] Comunicacao,
}

[JsonConverter(typeof(JsonStringEnumConverter<CanalEntrada>))]
public enum CanalEntrada
{
    [JsonStringEnumMemberName("integracao")] Integracao,
    [JsonStringEnumMemberName("email")] Email,
    [JsonStringEnumMemberName("telefone")] Telefone,
    [JsonStringEnumMemberName("presencial")] Presencial,
    [JsonStringEnumMemberName("carta")] Carta,
    [JsonStringEnumMemberName("whatsapp")] WhatsApp,
    [JsonStringEnumMemberName("internet")] Internet,
}

[JsonConverter(typeof(JsonStringEnumConverter<Situacao>))]
public enum Situacao
{
    [JsonStringEnumMemberName("cadastrada")] Cadastrada,
    [JsonStringEnumMemberName("em_triagem")] EmTriagem,
    [JsonStringEnumMemberName("aguardando_complementacao")] AguardandoComplementacao,
    [JsonStringEnumMemberName("em_tratamento")] EmTratamento,
    [JsonStringEnumMemberName("respondida")] Respondida,
    [JsonStringEnumMemberName("concluida")] Concluida,
    [JsonStringEnumMemberName("arquivada")] Arquivada,
}

[JsonConverter(typeof(JsonStringEnumConverter<DadosPessoaisExigidos>))]
public enum DadosPessoaisExigidos
{
    [JsonStringEnumMemberName("nenhum")] Nenhum,
    [JsonStringEnumMemberName("nome")] Nome,
    [JsonStringEnumMemberName("nome_e_email")] NomeEEmail,
}

[JsonConverter(typeof(JsonStringEnumConverter<OrigemAnexo>))]
public enum OrigemAnexo
{
    [JsonStringEnumMemberName("manifestacao")] Manifestacao,
    [JsonStringEnumMemberName("complementacao")] Complementacao,
}

[JsonConverter(typeof(JsonStringEnumConverter<MotivoArquivamento>))]
public enum MotivoArquivamento
{
    [JsonStringEnumMemberName("duplicada")] Duplicada,
    [JsonStringEnumMemberName("sem_materialidade")] SemMaterialidade,
    [JsonStringEnumMemberName("falta_de_urbanidade")] FaltaDeUrbanidade,
    [JsonStringEnumMemberName("copia_a_varios_orgaos")] CopiaAVariosOrgaos,
    [JsonStringEnumMemberName("perda_de_objeto")] PerdaDeObjeto,
    [JsonStringEnumMemberName("complementacao_nao_atendida")] ComplementacaoNaoAtendida,
}

[Description("Uma temática oferecida ao cidadão, com os dados pessoais mínimos que exige (LGPD).")]
public sealed record TematicaResposta(Guid Id, string Nome, DadosPessoaisExigidos DadosPessoaisExigidos);

[Description("Quem se manifesta (omitido quando anônima).")]
public sealed record ManifestanteRequisicao
{
    [MaxLength(200)] public string? Nome { get; init; }

    [MaxLength(254)] public string? Email { get; init; }

    [MaxLength(30)] public string? Telefone { get; init; }

    [Description("Opcional; dígitos verificadores conferidos.")]
    [MaxLength(14)] public string? Cpf { get; init; }

    [MaxLength(300)] public string? Endereco { get; init; }
}

[Description("Uma manifestação a registrar (por exemplo, reduzida a termo de um atendimento telefônico).")]
public sealed record RegistrarManifestacaoRequisicao
{
    [Required] public TipoManifestacao? Tipo { get; init; }

    [Required] public Guid? TematicaId { get; init; }

    [Description("Anônima (sem manifestante): só denúncias e reclamações, que viram comunicação de irregularidade.")]
    public bool Anonima { get; init; }

    public ManifestanteRequisicao? Manifestante { get; init; }

    [Description("O manifestante autorizou compartilhar seus dados com os órgãos de apuração (LGPD); obrigatório quando identificada.")]
    public bool ConsentimentoCompartilhamento { get; init; }

    [Required, MaxLength(Manifestation.MaxDescriptionLength)] public string? Descricao { get; init; }

    [Description("Por onde a manifestação chegou; padrão: integracao. whatsapp e internet são canais do próprio sistema e não são aceitos.")]
    public CanalEntrada? Canal { get; init; }
}

[Description("Entregue uma única vez: a senha nunca é guardada em claro.")]
public sealed record ProtocoloResposta(string Nup, string Senha, TipoManifestacao Tipo, DateTimeOffset PrazoResposta);

public sealed record ComplementacaoRequisicao
{
    [Required, MaxLength(Manifestation.MaxDescriptionLength)] public string? Texto { get; init; }
}

public sealed record RespostaAoCidadao(string Texto, bool Conclusiva, DateTimeOffset EnviadaEm);

public sealed record PedidoDeComplementacao(string Pedido, DateTimeOffset? Prazo);

[Description("O que o cidadão vê com NUP e senha: nunca notas internas, unidades ou o tratamento.")]
public sealed record ManifestacaoResposta(
    string Nup,
    TipoManifestacao Tipo,
    Situacao Situacao,
    string SituacaoDescricao,
    DateTimeOffset RegistradaEm,
    DateTimeOffset PrazoResposta,
    bool PrazoProrrogado,
    string Descricao,
    PedidoDeComplementacao? Complementacao,
    IReadOnlyList<RespostaAoCidadao> Respostas);

public sealed record AnexoResposta(Guid Id, string Nome, string TipoConteudo, long TamanhoBytes, OrigemAnexo Origem, DateTimeOffset EnviadoEm);

[Description("Fatos de uma manifestação, sem dados pessoais nem conteúdo, para sincronização.")]
public sealed record ManifestacaoAlterada(
    string Nup,
    TipoManifestacao Tipo,
    Situacao Situacao,
    CanalEntrada Canal,
    string? Tematica,
    DateTimeOffset RegistradaEm,
    DateTimeOffset AlteradaEm,
    DateTimeOffset PrazoResposta,
    bool PrazoProrrogado,
    DateTimeOffset? RespondidaEm,
    DateTimeOffset? ConcluidaEm,
    bool? DemandaResolvida,
    DateTimeOffset? ArquivadaEm,
    MotivoArquivamento? MotivoArquivamento);

[Description("Uma página de alterações, da mais antiga para a mais recente. Continue com proximoCursor até ele vir nulo.")]
public sealed record PaginaDeAlteracoes(IReadOnlyList<ManifestacaoAlterada> Itens, string? ProximoCursor);

/// <summary>Domain ⇄ wire.</summary>
public static class ApiMapping
{
    public static TipoManifestacao ToApi(this ManifestationType type) => type switch
    {
        ManifestationType.Denunciation => TipoManifestacao.Denuncia,
        ManifestationType.Complaint => TipoManifestacao.Reclamacao,
        ManifestationType.Request => TipoManifestacao.Solicitacao,
        ManifestationType.Suggestion => TipoManifestacao.Sugestao,
        ManifestationType.Compliment => TipoManifestacao.Elogio,
        ManifestationType.Simplification => TipoManifestacao.Simplificacao,
        ManifestationType.Communication => TipoManifestacao.Comunicacao,
    };

    public static ManifestationType ToDomain(this TipoManifestacao type) => type switch
    {
        TipoManifestacao.Denuncia => ManifestationType.Denunciation,
        TipoManifestacao.Reclamacao => ManifestationType.Complaint,
        TipoManifestacao.Solicitacao => ManifestationType.Request,
        TipoManifestacao.Sugestao => ManifestationType.Suggestion,
        TipoManifestacao.Elogio => ManifestationType.Compliment,
        TipoManifestacao.Simplificacao => ManifestationType.Simplification,
        TipoManifestacao.Comunicacao => ManifestationType.Communication,
    };

    public static CanalEntrada ToApi(this Channel channel) => channel switch
    {
        Channel.Integration => CanalEntrada.Integracao,
        Channel.Email => CanalEntrada.Email,
        Channel.Phone => CanalEntrada.Telefone,
        Channel.InPerson => CanalEntrada.Presencial,
        Channel.Letter => CanalEntrada.Carta,
        Channel.WhatsApp => CanalEntrada.WhatsApp,
        Channel.Web => CanalEntrada.Internet,
    };

    /// <summary>The channels another system may register through (its own: WhatsApp and the web are this system's).</summary>
    public static Channel? ToDomain(this CanalEntrada channel) => channel switch
    {
        CanalEntrada.Integracao => Channel.Integration,
        CanalEntrada.Email => Channel.Email,
        CanalEntrada.Telefone => Channel.Phone,
        CanalEntrada.Presencial => Channel.InPerson,
        CanalEntrada.Carta => Channel.Letter,
        CanalEntrada.WhatsApp or CanalEntrada.Internet => null,
    };

    public static Situacao ToApi(this ManifestationStatus status) => status switch
    {
        ManifestationStatus.Registered => Situacao.Cadastrada,
        ManifestationStatus.InTriage => Situacao.EmTriagem,
        ManifestationStatus.AwaitingComplement => Situacao.AguardandoComplementacao,
        ManifestationStatus.InTreatment => Situacao.EmTratamento,
        ManifestationStatus.Answered => Situacao.Respondida,
        ManifestationStatus.Concluded => Situacao.Concluida,
        ManifestationStatus.Archived => Situacao.Arquivada,
    };

    public static DadosPessoaisExigidos ToApi(this Domain.Organization.PersonalDataRequirement requirement) => requirement switch
    {
        Domain.Organization.PersonalDataRequirement.None => DadosPessoaisExigidos.Nenhum,
        Domain.Organization.PersonalDataRequirement.Name => DadosPessoaisExigidos.Nome,
        Domain.Organization.PersonalDataRequirement.NameAndEmail => DadosPessoaisExigidos.NomeEEmail,
    };

    public static OrigemAnexo ToApi(this AttachmentOrigin origin) => origin switch
    {
        AttachmentOrigin.Original => OrigemAnexo.Manifestacao,
        AttachmentOrigin.Complement => OrigemAnexo.Complementacao,
        AttachmentOrigin.Treatment => throw new ArgumentOutOfRangeException(nameof(origin), "Team files are never shown to the citizen."),
    };

    public static MotivoArquivamento ToApi(this ArchiveReason reason) => reason switch
    {
        ArchiveReason.Duplicate => MotivoArquivamento.Duplicada,
        ArchiveReason.NoMateriality => MotivoArquivamento.SemMaterialidade,
        ArchiveReason.LackOfUrbanity => MotivoArquivamento.FaltaDeUrbanidade,
        ArchiveReason.SentToSeveralBodies => MotivoArquivamento.CopiaAVariosOrgaos,
        ArchiveReason.LossOfObject => MotivoArquivamento.PerdaDeObjeto,
        ArchiveReason.ComplementNotAnswered => MotivoArquivamento.ComplementacaoNaoAtendida,
    };
}
