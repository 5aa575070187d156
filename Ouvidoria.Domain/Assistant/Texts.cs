using Ouvidoria.Domain.Manifestations;

namespace Ouvidoria.Domain.Assistant;

/// <summary>Bel's pt-BR phrases: friendly, short, one question per message.</summary>
internal static class Texts
{
    public const string WelcomeBody =
        "Olá! Eu sou a Bel, a assistente virtual da Ouvidoria. 😊\n" +
        "Aqui você registra e acompanha sua manifestação com segurança: não guardo o seu número de telefone.\n\n" +
        "Como posso ajudar?";

    public const string MenuBody = "Como posso ajudar? Escolha uma opção.";

    public const string AnythingElse = "Posso ajudar em algo mais?";

    public const string Expired =
        "Sua conversa anterior ficou um tempo parada e, para proteger a sua privacidade, eu a encerrei e apaguei o que você tinha enviado. Vamos recomeçar?";

    public const string Cancelled =
        "Tudo bem, cancelei. Apaguei o que você tinha enviado nesta conversa. Quando quiser recomeçar, é só mandar um \"oi\".";

    public const string StillWorking = "Só um instante, ainda estou processando o seu pedido. ⏳";

    public const string UnknownChoice = "Essa opção não vale para esta etapa.";

    public const string ChooseAnOption = "Não entendi. Por favor, toque em uma das opções (ou escreva o nome dela).";

    public const string About =
        "Sobre o serviço\n\n" +
        "Pela Ouvidoria você fala com a administração pública sobre os serviços prestados. Os tipos de manifestação são:\n" +
        "• Denúncia: comunicar um ato ilícito ou irregularidade, com sua identidade protegida.\n" +
        "• Reclamação: demonstrar insatisfação com um serviço público.\n" +
        "• Solicitação de providências: pedir que a administração tome uma providência.\n" +
        "• Sugestão: propor uma ideia para melhorar um serviço.\n" +
        "• Elogio: reconhecer um bom serviço ou atendimento.\n" +
        "• Simplificação: propor um serviço mais simples (Simplifique!).\n" +
        "Uma denúncia ou reclamação feita sem identificação vira uma comunicação de irregularidade: ela é apurada, mas não dá para pedir complementação a você.\n\n" +
        "Seus dados (LGPD)\n" +
        "• Usamos seus dados somente para tratar a sua manifestação.\n" +
        "• Sua identidade é protegida (Decreto nº 10.153/2019): só quem precisa, com justificativa registrada, pode vê-la.\n" +
        "• Não guardo o seu número de telefone e apago esta conversa quando o registro termina.\n" +
        "• Ao registrar, você recebe um protocolo (NUP) e uma senha para acompanhar a resposta aqui mesmo.";

    public const string ChooseType = "Que tipo de manifestação você quer registrar?";

    public const string NoThemes = "No momento não há temáticas disponíveis para registro. Por favor, tente mais tarde.";

    public const string AskName =
        "Qual é o seu nome? Ele fica protegido (Decreto nº 10.153/2019) e só é usado para tratar a sua manifestação.";

    public const string AskEmail =
        "Para esta temática também preciso de um e-mail para contato. Qual é o seu e-mail?";

    public const string InvalidEmail =
        "Esse e-mail não parece válido. Escreva no formato nome@exemplo.com.br, sem espaços.";

    public const string AskConsent =
        "Você autoriza o compartilhamento dos seus dados com os órgãos responsáveis por tratar ou apurar a sua manifestação?\n\n" +
        "Sua identidade continua protegida (Decreto nº 10.153/2019) e os dados só são usados para isso (LGPD).";

    public const string AnonymousChosen =
        "Combinado: sua manifestação será anônima e registrada como comunicação de irregularidade. Não vou pedir seus dados.";

    public const string AskDescription =
        "Agora descreva a sua manifestação: o que aconteceu, onde, quando e quem está envolvido, se souber. " +
        "Pode mandar em várias mensagens.";

    public const string AskNewDescription =
        "Escreva a nova descrição (pode usar várias mensagens). Ela vai substituir a anterior. Se preferir, mantenha a anterior.";

    public const string KeepWriting = "Pode continuar escrevendo. Quando terminar, toque em Concluir descrição.";

    public const string Registering = "Registrando a sua manifestação… ⏳";

    public const string AskNup =
        "Informe o número do protocolo (NUP), no formato 00000.000000/0000-00. Pode ser só os números.";

    public const string AskPassword = "Agora informe a senha que você recebeu ao registrar a manifestação.";

    public const string InvalidPassword = "Essa senha não parece correta. Confira e envie de novo.";

    public const string Consulting = "Consultando a sua manifestação… ⏳";

    public const string OfferComplement = "Deseja enviar a complementação agora?";

    public const string AskComplement =
        "Escreva a complementação (pode usar várias mensagens) e, se quiser, envie fotos, vídeos, áudios ou documentos. " +
        "Quando terminar, toque em Enviar.";

    public const string ComplementNeedsText = "Escreva ao menos uma mensagem com a complementação antes de enviar.";

    public const string SendingComplement = "Enviando a complementação… ⏳";

    private static readonly HashSet<string> Greetings = new(StringComparer.Ordinal)
    {
        "oi", "ola", "oie", "bom dia", "boa tarde", "boa noite", "inicio", "comecar", "voltar", "oi bel", "ola bel",
    };

    public static bool IsGreeting(string normalized) => Greetings.Contains(normalized);

    public static string ChooseTheme(string typeLabel) => $"Sobre qual tema é a sua {typeLabel}?";

    public static string MustIdentify(ManifestationType type) =>
        $"Para registrar uma {type.Label().ToLowerInvariant()} é preciso se identificar.";

    public static string Identification(string typeLabel) =>
        $"Você quer se identificar ou fazer a {typeLabel} de forma anônima?\n\n" +
        "Se for anônima, ela vira uma comunicação de irregularidade: não será possível pedir complementação a você, " +
        "mas o protocolo (NUP) e a senha ainda permitem consultar o andamento.";

    public static string InvalidName(int max) =>
        $"Não consegui entender o nome. Escreva o seu nome (de 2 a {max} letras), por exemplo: Maria da Silva.";

    public static string ConsentRefused(string typeLabel) =>
        "Sem a sua autorização não consigo registrar de forma identificada. " +
        $"Como é uma {typeLabel}, você pode continuar de forma anônima (vira comunicação de irregularidade e não poderemos pedir complementação). " +
        "O que prefere?";

    public static string ConsentRequired(ManifestationType type) =>
        $"Sem a autorização não é possível registrar uma {type.Label().ToLowerInvariant()}: esse tipo exige identificação " +
        "(só denúncias e reclamações podem ser anônimas). Cancelei o registro e apaguei o que você enviou. " +
        "Se mudar de ideia, é só mandar um \"oi\".";

    public static string DescriptionSoFar(int length) =>
        $"Anotado! Sua descrição tem {length} caracteres. Continue escrevendo ou toque em Concluir descrição.";

    public static string DescriptionTooShort(int min) =>
        $"A descrição precisa ter pelo menos {min} caracteres. Conte um pouco mais, por favor.";

    public static string DescriptionTooLong(int max) =>
        $"Essa mensagem não coube: a descrição pode ter no máximo {max} caracteres. Envie um texto mais curto.";

    public static string AskAttachments(int files, int maxFiles, string total, string maxTotal) =>
        "Envie fotos, vídeos, áudios ou documentos, ou toque em Continuar.\n" +
        $"Arquivos: {files} de {maxFiles} ({total} de {maxTotal}).";

    public static string FileReceived(string fileName) => $"Recebi o arquivo \"{Bel.Fit(fileName, 80)}\". 👍";

    public static string TooManyFiles(string fileName, int max) =>
        $"Não anexei \"{Bel.Fit(fileName, 80)}\": o limite é de {max} {(max == 1 ? "arquivo" : "arquivos")} por manifestação.";

    public static string TooLarge(string fileName, string max, string left) =>
        $"Não anexei \"{Bel.Fit(fileName, 80)}\": os anexos podem somar no máximo {max} e restam {left}.";

    public static string MediaRejected(string reason, ConversationStage stage) =>
        $"Não consegui receber esse arquivo: {reason}" + (AcceptsMedia(stage) ? string.Empty : $"\n{MediaNotExpected(stage)}");

    public static string MediaNotExpected(ConversationStage stage) => stage switch
    {
        ConversationStage.Describing => "Nesta etapa preciso de texto. Você poderá enviar arquivos logo depois da descrição.",
        ConversationStage.Attaching or ConversationStage.Complementing => "Envie o arquivo de novo, por favor.",
        ConversationStage.Start or ConversationStage.Menu or ConversationStage.ChoosingType or ConversationStage.ChoosingTheme
            or ConversationStage.ChoosingIdentification or ConversationStage.AskingConsent or ConversationStage.ConsentRefused
            or ConversationStage.Summary or ConversationStage.ComplementOffered => "Nesta etapa não recebo arquivos: toque em uma das opções.",
        ConversationStage.AskingName or ConversationStage.AskingEmail or ConversationStage.AskingNup or ConversationStage.AskingPassword =>
            "Nesta etapa não recebo arquivos: responda com uma mensagem de texto.",
        ConversationStage.Registering or ConversationStage.Consulting or ConversationStage.SendingComplement => StillWorking,
    };

    private static bool AcceptsMedia(ConversationStage stage) =>
        stage is ConversationStage.Attaching or ConversationStage.Complementing;

    public static string Summary(string type, string theme, string identification, string excerpt, int files) =>
        "Confira o resumo da sua manifestação:\n\n" +
        $"• Tipo: {type}\n" +
        $"• Tema: {theme}\n" +
        $"• Identificação: {identification}\n" +
        $"• Descrição: {excerpt}\n" +
        $"• Anexos: {files} {(files == 1 ? "arquivo" : "arquivos")}\n\n" +
        "Está tudo certo?";

    public static string FailedPreface(string message) => $"Não consegui concluir: {message}";

    public static string Receipt(Registered registered, bool anonymous, string dueDate) =>
        "Pronto! Sua manifestação foi registrada. ✅\n\n" +
        $"Protocolo (NUP): {registered.Nup}\n" +
        $"Senha: {registered.Password}\n" +
        $"Prazo para resposta: {dueDate}\n\n" +
        "Guarde o protocolo e a senha (tire um print ou anote): eles são necessários para consultar a resposta aqui ou no site. " +
        "Por segurança, eu não guardo esta conversa." +
        (anonymous ? "\n\nComo a manifestação é anônima, não poderemos pedir complementação, mas você pode acompanhar o andamento com o protocolo e a senha." : string.Empty) +
        "\n\nPara uma nova conversa, é só mandar um \"oi\".";

    public static string InvalidNup(string error) =>
        error.Contains(NupFormat, StringComparison.Ordinal)
            ? $"{error}\nConfira o número e envie de novo (pode ser só os 17 números)."
            : $"{error}\nConfira o número e envie de novo no formato {NupFormat} (pode ser só os 17 números).";

    private const string NupFormat = "00000.000000/0000-00";

    public static string Status(string nup, string status, string? dueDate, int answers) =>
        $"Protocolo {nup}\n" +
        $"Situação: {status}\n" +
        (dueDate is null ? string.Empty : $"Prazo para resposta: {dueDate}\n") +
        (answers == 0 ? "Ainda não há resposta." : answers == 1 ? "Há 1 resposta:" : $"Há {answers} respostas:");

    public static string PendingComplement(string request) =>
        $"A Ouvidoria pediu uma complementação:\n\"{request.Trim()}\"";

    public static string ComplementSoFar(int length, int files, int maxFiles) =>
        $"Anotado! Complementação: {length} caracteres e {files} de {maxFiles} arquivos. Continue ou toque em Enviar.";

    public static string ComplementSent(string nup) =>
        $"Complementação enviada para o protocolo {nup}. ✅ Obrigada! A Ouvidoria vai analisar e responder.";

    public static string Help(ConversationStage stage) => "Ajuda: " + stage switch
    {
        ConversationStage.Start or ConversationStage.Menu =>
            "escolha se quer registrar uma manifestação, consultar uma que já registrou ou saber mais sobre o serviço.",
        ConversationStage.ChoosingType =>
            "escolha o tipo que melhor descreve o que você quer dizer. Cada opção traz uma explicação curta.",
        ConversationStage.ChoosingTheme =>
            "escolha o assunto da sua manifestação. Se não encontrar, toque em Mais temas.",
        ConversationStage.ChoosingIdentification =>
            "identificando-se, você pode receber pedidos de complementação; de forma anônima, a manifestação vira comunicação de irregularidade.",
        ConversationStage.AskingName => "escreva o seu nome. Ele fica protegido e só é usado para tratar a manifestação.",
        ConversationStage.AskingEmail => "escreva um e-mail para contato, como nome@exemplo.com.br.",
        ConversationStage.AskingConsent =>
            "preciso da sua autorização para compartilhar seus dados com quem vai tratar a manifestação. Sua identidade segue protegida.",
        ConversationStage.ConsentRefused =>
            "sem autorização, você pode seguir de forma anônima, autorizar ou cancelar.",
        ConversationStage.Describing =>
            "conte o que aconteceu, em uma ou várias mensagens, e toque em Concluir descrição quando terminar.",
        ConversationStage.Attaching =>
            "você pode enviar até 10 arquivos (30 MB no total) como prova. Se não tiver, toque em Continuar.",
        ConversationStage.Summary =>
            "confira o resumo. Confirmar registra a manifestação; Corrigir descrição permite reescrevê-la.",
        ConversationStage.Registering or ConversationStage.Consulting or ConversationStage.SendingComplement =>
            "estou processando o seu pedido; a resposta chega em instantes.",
        ConversationStage.AskingNup =>
            "o protocolo (NUP) tem 17 números e foi informado quando você registrou a manifestação.",
        ConversationStage.AskingPassword => "a senha foi informada junto com o protocolo, no registro.",
        ConversationStage.ComplementOffered =>
            "a Ouvidoria precisa de mais informações. Toque em Complementar para responder, ou em Menu para voltar.",
        ConversationStage.Complementing =>
            "escreva a complementação e envie arquivos, se quiser. Toque em Enviar quando terminar.",
    } + "\nA qualquer momento: \"menu\" volta ao início e \"cancelar\" encerra a conversa.";
}
