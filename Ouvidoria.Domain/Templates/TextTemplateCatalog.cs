using static Ouvidoria.Domain.Templates.TemplatePlaceholders;

namespace Ouvidoria.Domain.Templates;

/// <summary>What a template is for, its markers and the text it starts with (and returns to on "Restaurar texto padrão").</summary>
/// <param name="Usage">Where the text is used, for the administration page (pt-BR).</param>
/// <param name="InUse">False for texts reserved for a later screen: stored and editable, not yet read by any screen.</param>
public sealed record TextTemplateDefinition(
    TextTemplateKey Key,
    TextTemplateGroup Group,
    string DefaultTitle,
    string DefaultBody,
    string Usage,
    IReadOnlyList<string> Placeholders,
    IReadOnlyList<string> RequiredPlaceholders,
    bool InUse);

/// <summary>
/// The defaults, from the collaborator manual: the standard texts of 2.3 (no competence), 2.6
/// (identity view) and 2.7 (identity request) word for word, without the institution's name; the
/// answer models follow the manual's quality standard (2.4, passo 4): the answer to the fact first,
/// complementary information at the end, plain language — the bracketed parts are for the writer to
/// replace.
/// </summary>
public static class TextTemplateCatalog
{
    private static readonly string[] AnswerMarkers = [Nup, TypeName, Subject, Unit, RegisteredOn];

    private static readonly string[] TreatmentMarkers = [Nup, Unit];

    /// <summary>Never any personal data or content in an e-mail: the closed list of markers is all there is.</summary>
    private static readonly string[] EmailMarkers = [Nup, TypeName, Unit, Role, Deadline, DaysLeft, Instructions, Decision, Link];

    private const string AnswerUsage = "Botão “Usar modelo” ao escrever a resposta da unidade no tratamento e a resposta da Ouvidoria ao manifestante.";

    public static IReadOnlyList<TextTemplateDefinition> All { get; } =
    [
        Answer(TextTemplateKey.AnswerComplaint, "Resposta a reclamação", """
            Prezado(a) manifestante,

            Em atenção à sua reclamação, registrada sob o NUP {NUP} com o assunto “{ASSUNTO}”, informamos:

            [Resposta ao fato relatado: o que foi verificado sobre o problema apontado e quais providências foram ou serão adotadas, com as datas previstas.]

            [Informações complementares, explicativas ou institucionais, se necessárias. Siglas escritas por extenso na primeira menção.]

            Agradecemos a sua manifestação, que contribui para a melhoria dos serviços públicos.

            Atenciosamente,
            {UNIDADE}
            """),
        Answer(TextTemplateKey.AnswerRequest, "Resposta a solicitação de providências", """
            Prezado(a) manifestante,

            Em atenção à sua solicitação de providências, registrada sob o NUP {NUP} com o assunto “{ASSUNTO}”, informamos:

            [Resposta ao pedido: a providência foi adotada (quando), será adotada (até quando) ou não pode ser adotada (por qual motivo e qual alternativa existe).]

            [Orientações complementares: como acompanhar, a quem se dirigir, endereço da publicação na internet, se houver.]

            Atenciosamente,
            {UNIDADE}
            """),
        Answer(TextTemplateKey.AnswerSuggestion, "Resposta a sugestão", """
            Prezado(a) manifestante,

            Agradecemos a sua sugestão, registrada sob o NUP {NUP} com o assunto “{ASSUNTO}”.

            [Resposta à sugestão: se será adotada (a partir de quando), se será estudada (com previsão) ou por que não poderá ser adotada neste momento.]

            [Informações complementares, se necessárias.]

            A sua participação contribui para o aperfeiçoamento dos serviços públicos.

            Atenciosamente,
            {UNIDADE}
            """),
        Answer(TextTemplateKey.AnswerDenunciation, "Resposta a denúncia ou comunicação de irregularidade", """
            Prezado(a) manifestante,

            Em atenção à sua {TIPO}, registrada sob o NUP {NUP}, informamos que os fatos relatados foram analisados pela área competente.

            [Informe a situação: os fatos deram origem ao procedimento apuratório nº (número), que seguirá o rito previsto em lei; ou não foram encontrados elementos suficientes para a abertura de procedimento apuratório, pelo motivo (motivo).]

            A identidade de quem apresenta uma denúncia é protegida, nos termos da Lei nº 13.460/2017 e do Decreto nº 10.153/2019.

            Atenciosamente,
            {UNIDADE}
            """),
        Answer(TextTemplateKey.AnswerSimplification, "Resposta a simplificação", """
            Prezado(a) manifestante,

            Agradecemos a sua proposta de simplificação, registrada sob o NUP {NUP} com o assunto “{ASSUNTO}”.

            [Resposta à proposta: se a simplificação será implementada (a partir de quando), se está em estudo (com previsão) ou por que não pode ser adotada.]

            [Informações complementares, se necessárias.]

            Atenciosamente,
            {UNIDADE}
            """),
        new(TextTemplateKey.NoCompetenceKnownArea, TextTemplateGroup.Treatment, "Sem competência — área responsável conhecida",
            "Em leitura preliminar, identificamos que não temos competência sobre o assunto da manifestação. Encerramos nosso atendimento e indicamos o envio para a área {AREA}.",
            "Mensagem publicada no tratamento quando a unidade declara \"Sem competência\" indicando a área.", [.. TreatmentMarkers, Area], [Area], InUse: true),
        new(TextTemplateKey.NoCompetenceUnknownArea, TextTemplateGroup.Treatment, "Sem competência — área responsável desconhecida",
            "Em leitura preliminar, identificamos que não temos competência sobre o assunto da manifestação. Encerramos nosso atendimento, porém, desconhecemos a área responsável.",
            "Mensagem publicada no tratamento quando a unidade declara \"Sem competência\" sem conhecer a área.", TreatmentMarkers, [], InUse: true),
        new(TextTemplateKey.IdentityRequest, TextTemplateGroup.Identity, "Requisição da identidade do denunciante",
            "Em atenção à presente denúncia, nos termos do art. 7º do Decreto n. 10.153, de 2019, requisitamos à Ouvidoria-Geral informações sobre a identidade da parte denunciante e o teor original da manifestação, incluindo eventuais anexos, por se constituírem informações indispensáveis à análise dos fatos relatados.",
            "Texto inicial da requisição de identidade feita pela unidade de apuração (art. 7º).", TreatmentMarkers, [], InUse: true),
        new(TextTemplateKey.IdentityViewJustification, TextTemplateGroup.Identity, "Justificativa para visualizar os dados do usuário",
            "Declaro a necessidade de conhecer a identidade da parte manifestante, para garantir a adequada colaboração no atendimento deste protocolo, conforme atribuído pela Ouvidoria-Geral.",
            "Justificativa sugerida quando o colaborador habilitado muda \"Visualizar dados\" para SIM.", TreatmentMarkers, [], InUse: true),
        Email(TextTemplateKey.EmailForwarded, "Manifestação {NUP} encaminhada para tratamento", "A Ouvidoria encaminhou à unidade {UNIDADE} a manifestação NUP {NUP} ({TIPO}), como {PAPEL}.\n\n" +
            "Prazo para resposta à Ouvidoria: {PRAZO}.\n\nInstruções da Ouvidoria: {INSTRUCOES}\n\n" +
            "Acesse o sistema e inicie o tratamento: {LINK}\n\n" + Footer),
        Email(TextTemplateKey.EmailReopened, "Tratamento reaberto: manifestação {NUP}", "O tratamento da manifestação NUP {NUP} ({TIPO}) pela unidade {UNIDADE} foi reaberto.\n\n" +
            "Novo prazo para resposta à Ouvidoria: {PRAZO}.\n\nAcesse o sistema: {LINK}\n\n" + Footer),
        Email(TextTemplateKey.EmailDeadlineNear, "Prazo vence em {DIAS} dia(s): manifestação {NUP}", "O prazo da unidade {UNIDADE} para responder à Ouvidoria sobre a manifestação NUP {NUP} ({TIPO}) vence em {PRAZO} ({DIAS} dia(s)).\n\n" +
            "Se precisar, peça a prorrogação (uma única vez, com justificativa) no próprio sistema: {LINK}\n\n" + Footer),
        Email(TextTemplateKey.EmailDeadlinePassed, "Prazo vencido: manifestação {NUP}", "O prazo da unidade {UNIDADE} para responder à Ouvidoria sobre a manifestação NUP {NUP} ({TIPO}) venceu em {PRAZO}.\n\n" +
            "Responda com urgência no sistema: {LINK}\n\n" + Footer),
        Email(TextTemplateKey.EmailIdentityDecided, "Requisição de identidade {DECISAO}: manifestação {NUP}", "A Ouvidoria decidiu a requisição de identidade (art. 7º do Decreto nº 10.153/2019) da unidade {UNIDADE} na manifestação NUP {NUP}: {DECISAO}.\n\n" +
            "Consulte o tratamento no sistema: {LINK}\n\n" + Footer),
        Email(TextTemplateKey.EmailCitizenDeadlineNear, "Resposta ao cidadão vence em {DIAS} dia(s): manifestação {NUP}", "O prazo de resposta conclusiva ao cidadão da manifestação NUP {NUP} ({TIPO}) vence em {PRAZO} ({DIAS} dia(s)).\n\n" +
            "Acompanhe o tratamento ou prorrogue o prazo (uma única vez, com justificativa): {LINK}\n\n" + Footer),
        Email(TextTemplateKey.EmailCitizenDeadlinePassed, "Resposta ao cidadão vencida: manifestação {NUP}", "O prazo de resposta conclusiva ao cidadão da manifestação NUP {NUP} ({TIPO}) venceu em {PRAZO} (Lei nº 13.460/2017, art. 16).\n\n" +
            "Acesse o sistema: {LINK}\n\n" + Footer),
        Email(TextTemplateKey.EmailComplementArrived, "Complementação recebida: manifestação {NUP}", "O manifestante respondeu ao pedido de complementação da manifestação NUP {NUP} ({TIPO}). A manifestação voltou para a triagem.\n\n" +
            "Acesse o sistema: {LINK}\n\n" + Footer),
    ];

    public static TextTemplateDefinition Get(TextTemplateKey key) =>
        All.FirstOrDefault(d => d.Key == key) ?? throw new ArgumentOutOfRangeException(nameof(key), key, "Modelo sem definição no catálogo.");

    private const string EmailUsage = "E-mail de alerta (o título é o assunto; a versão HTML é gerada a partir deste texto).";

    private const string Footer =
        "Por se tratar de informação restrita (Decreto nº 10.153/2019), nenhum conteúdo da manifestação nem dado do manifestante é enviado por e-mail: acesse o sistema. Não responda a esta mensagem.";

    private static TextTemplateDefinition Email(TextTemplateKey key, string subject, string body) =>
        new(key, TextTemplateGroup.Emails, subject, body, EmailUsage, EmailMarkers, [], InUse: true);

    private static TextTemplateDefinition Answer(TextTemplateKey key, string title, string body) =>
        new(key, TextTemplateGroup.Answers, title, body, AnswerUsage, AnswerMarkers, [], InUse: true);
}
