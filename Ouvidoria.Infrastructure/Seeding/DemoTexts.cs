using Ouvidoria.Domain.Manifestations;

namespace Ouvidoria.Infrastructure.Seeding;

/// <summary>Realistic pt-BR texts for the demo data set (fictitious people).</summary>
internal static class DemoTexts
{
    private static readonly string[] FirstNames = ["Maria", "José", "Joana", "Pedro", "Luiza", "Rafael", "Fernanda", "Antônio", "Camila", "João"];
    private static readonly string[] LastNames = ["Silva", "Santos", "Oliveira", "Souza", "Pereira", "Costa", "Rodrigues", "Gonçalves", "Araújo", "Lima"];

    private static readonly Dictionary<ManifestationType, string[]> Descriptions = new()
    {
        [ManifestationType.Complaint] =
        [
            "Aguardei mais de quatro horas por atendimento na UBS do bairro {0} e fui embora sem ser atendido. Não havia médico clínico no plantão.",
            "A linha de ônibus que atende o bairro {0} não passou no horário previsto durante toda a semana, e os usuários ficaram sem informação.",
            "O portal de agendamento da prefeitura está fora do ar há três dias e não consigo marcar a renovação do meu documento.",
        ],
        [ManifestationType.Request] =
        [
            "Solicito a poda da árvore em frente à escola municipal do bairro {0}; os galhos estão encostando na rede elétrica.",
            "Peço a recuperação do asfalto da rua principal do bairro {0}, que tem buracos grandes que já causaram acidentes.",
            "Solicito a instalação de iluminação pública na praça do bairro {0}, que fica completamente escura à noite.",
        ],
        [ManifestationType.Denunciation] =
        [
            "Denuncio que um servidor do setor de protocolo da unidade do bairro {0} cobra valores para agilizar processos.",
            "Há indícios de que a empresa contratada para a merenda no bairro {0} entrega quantidade menor do que a prevista no contrato.",
            "Um veículo oficial é usado aos fins de semana para fins particulares no bairro {0}.",
        ],
        [ManifestationType.Communication] =
        [
            "Comunico que o posto de saúde do bairro {0} descarta medicamentos vencidos em lixo comum.",
            "Funcionários terceirizados da obra no bairro {0} trabalham sem equipamento de proteção.",
        ],
        [ManifestationType.Suggestion] =
        [
            "Sugiro que a prefeitura ofereça agendamento por WhatsApp para as consultas nas unidades do bairro {0}.",
            "Sugiro a criação de uma ciclofaixa ligando o bairro {0} ao centro.",
        ],
        [ManifestationType.Compliment] =
        [
            "Quero elogiar a equipe da escola do bairro {0} pelo acolhimento ao meu filho durante a adaptação.",
            "Elogio o atendimento da enfermeira do posto do bairro {0}, muito atenciosa e cuidadosa.",
        ],
        [ManifestationType.Simplification] =
        [
            "O pedido de alvará exige a mesma certidão em três etapas diferentes; proponho que seja apresentada uma única vez.",
            "Para matricular meu filho tive que ir presencialmente duas vezes à secretaria; o processo poderia ser todo on-line.",
        ],
    };

    private static readonly string[] Neighbourhoods = ["Centro", "Santa Efigênia", "Vila Nova", "Jardim América", "São Bento", "Industrial", "Boa Vista"];

    public static Requester Requester(Random random)
    {
        var name = $"{FirstNames[random.Next(FirstNames.Length)]} {LastNames[random.Next(LastNames.Length)]}";
        var email = random.NextDouble() < 0.8 ? $"{name.ToLowerInvariant().Replace(' ', '.').Normalize(System.Text.NormalizationForm.FormD).Where(char.IsAscii).Aggregate(string.Empty, (s, c) => s + c)}@exemplo.com.br" : null;
        return new Requester(name, email, null);
    }

    public static string Description(ManifestationType type, string theme, Random random)
    {
        var options = Descriptions[type];
        return string.Format(System.Globalization.CultureInfo.InvariantCulture, options[random.Next(options.Length)], Neighbourhoods[random.Next(Neighbourhoods.Length)])
            + $" (Temática: {theme}.)";
    }

    public static string Extract(Manifestation m) =>
        $"Manifestante relata, em {m.Type.Label().ToLowerInvariant()}, situação sobre \"{m.Subject}\". Dados pessoais omitidos conforme o Decreto nº 10.153/2019.";

    public static string UnitAnswer(ManifestationType type) => type switch
    {
        ManifestationType.Denunciation or ManifestationType.Communication => "Foi instaurado procedimento de apuração preliminar para verificar os fatos relatados.",
        ManifestationType.Suggestion or ManifestationType.Simplification => "A sugestão foi analisada pela equipe técnica e incluída no planejamento do próximo semestre.",
        _ => "A equipe verificou a situação e as providências foram adotadas; o serviço foi normalizado.",
    };

    public static string ConclusiveAnswer(ManifestationType type) =>
        $"Prezado(a) manifestante, agradecemos o contato. {UnitAnswer(type)} Permanecemos à disposição.";
}
