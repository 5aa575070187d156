using Ouvidoria.Domain.Privacy;

namespace Ouvidoria.Tests.Domain.Privacy;

/// <summary>One kind at a time: what must be suggested, and look-alikes that must not be.</summary>
public sealed class IdentifyingElementDetectorTests
{
    private static IReadOnlyList<(IdentifyingElementKind Kind, string Text)> Detect(string text, params string[] names) =>
        IdentifyingElementDetector.Detect(text, names).Select(e => (e.Kind, e.Text)).ToList();

    private static void AssertFinds(string text, IdentifyingElementKind kind, string expected, params string[] names) =>
        Assert.Contains((kind, expected), Detect(text, names));

    private static void AssertNothing(string text, params string[] names) =>
        Assert.Empty(Detect(text, names));

    [Theory]
    [InlineData("Meu CPF é 529.982.247-25.", "529.982.247-25")]
    [InlineData("cpf:52998224725 — cadastro", "52998224725")]
    [InlineData("CPF 186 091 390 34, matrícula 2023104455", "186 091 390 34")]
    [InlineData("CPF nº 543231948-97, solicito", "543231948-97")]
    public void Detect_ValidCpf_IsSuggested(string text, string cpf) => AssertFinds(text, IdentifyingElementKind.Cpf, cpf);

    [Theory]
    [InlineData("Meu CPF 529.982.247-26 não é aceito.")] // invalid check digit
    [InlineData("O sistema rejeitou o CPF 111.111.111-11.")]
    [InlineData("NIS 123.45678.90-1")]
    [InlineData("O protocolo 2025031500123 segue sem resposta.")]
    [InlineData("O processo judicial 5001234-56.2024.8.13.0024 está suspenso.")]
    public void Detect_CpfLookAlike_IsNotSuggested(string text) => AssertNothing(text);

    [Theory]
    [InlineData("A farmácia de CNPJ 75.116.372/0001-87 vende sem receita.", "75.116.372/0001-87")]
    [InlineData("CNPJ nº 22029729000123.", "22029729000123")]
    [InlineData("A empresa 12.ABC.345/01DE-35 foi aberta em 2026.", "12.ABC.345/01DE-35")]
    public void Detect_ValidCnpj_IsSuggested(string text, string cnpj) => AssertFinds(text, IdentifyingElementKind.Cnpj, cnpj);

    [Theory]
    [InlineData("A empresa de CNPJ 02.426.462/0001-02 venceu a licitação.")]
    [InlineData("O processo administrativo 01.234.567/2025 está parado.")]
    public void Detect_CnpjLookAlike_IsNotSuggested(string text) => AssertNothing(text);

    [Theory]
    [InlineData("Eu, portador do RG MG-14.532.876, solicito", "MG-14.532.876")]
    [InlineData("meu RG é 12.345.678-9 e nada foi encontrado", "12.345.678-9")]
    [InlineData("Carteira de identidade nº 4.321.987, expedida pela PC/MG", "4.321.987")]
    [InlineData("Identidade MG 9.876.543, título de eleitor", "MG 9.876.543")]
    [InlineData("RG: 12345678; órgão expedidor SSP-MG", "12345678")]
    [InlineData("Perdi o documento SP-34.567.890-1 na rodoviária.", "SP-34.567.890-1")]
    [InlineData("Meu RG é 23.456.789-X (SSP/SP)", "23.456.789-X")]
    public void Detect_RgNumber_IsSuggested(string text, string rg) => AssertFinds(text, IdentifyingElementKind.Rg, rg);

    [Theory]
    [InlineData("O edital exige RG e CPF originais.")]
    [InlineData("A fila para emissão do RG está em 45 dias.")]
    [InlineData("O radar da MG-050, km 12, está desregulado.")]
    public void Detect_RgLookAlike_IsNotSuggested(string text) => AssertNothing(text);

    [Theory]
    [InlineData("Podem me ligar no (31) 98765-4321 à tarde.", "(31) 98765-4321")]
    [InlineData("contato +55 31 99654-3321.", "+55 31 99654-3321")]
    [InlineData("meu zap é 31 9 9745-1182", "31 9 9745-1182")]
    [InlineData("Sou Iracema, 31988764512, e o vazamento continua.", "31988764512")]
    [InlineData("Liguem para 3274-5566 à tarde.", "3274-5566")]
    [InlineData("meu tel é 99876-5432, moro longe", "99876-5432")]
    [InlineData("Fone (31)3441-0987 ou outro", "(31)3441-0987")]
    [InlineData("Número novo: (031) 98844-1212.", "(031) 98844-1212")]
    [InlineData("Telefone residencial (35) 3821 4455.", "(35) 3821 4455")]
    public void Detect_BrazilianPhone_IsSuggested(string text, string phone) => AssertFinds(text, IdentifyingElementKind.Phone, phone);

    [Theory]
    [InlineData("O telefone da ouvidoria, 0800 031 5555, só dá ocupado.")] // toll-free: not personal (Privacy/README.md)
    [InlineData("Tentei o 156 e o 4004-1234 da concessionária.")] // shared-cost number
    [InlineData("O 190 não atendeu durante 20 minutos.")]
    [InlineData("título de eleitor 0123 4567 8901")]
    [InlineData("cartão SUS 898 0012 3456 7890")]
    [InlineData("O processo nº 1234-5678 está parado.")]
    [InlineData("A ordem de serviço 2345-6789 foi aberta em março.")]
    [InlineData("o boleto de código 8364000000-1 veio em duplicidade")]
    [InlineData("A multa de R$ 293,47 foi aplicada em 05/06/2025 às 18:45.")]
    public void Detect_PhoneLookAlike_IsNotSuggested(string text) => AssertNothing(text);

    [Theory]
    [InlineData("escrever para antonia.lima@gmail.com.", "antonia.lima@gmail.com")]
    [InlineData("Email: KARINA.PEIXOTO@GMAIL.COM — favor", "KARINA.PEIXOTO@GMAIL.COM")]
    [InlineData("meu contato é fabio+ouvidoria@cunha.adv.br", "fabio+ouvidoria@cunha.adv.br")]
    [InlineData("mandem pro alessandra vaz arroba gmail ponto com amanhã", "alessandra vaz arroba gmail ponto com")]
    public void Detect_Email_IsSuggested(string text, string email) => AssertFinds(text, IdentifyingElementKind.Email, email);

    [Theory]
    [InlineData("Enviei um e-mail e ninguém respondeu @ouvidoria.")]
    [InlineData("A conta @prefeitura no aplicativo não responde.")]
    public void Detect_EmailLookAlike_IsNotSuggested(string text) => AssertNothing(text);

    [Theory]
    [InlineData("moro na Travessa Sem Nome, 31015-160, no fundo", "31015-160")]
    [InlineData("Moro no CEP 31270901 e o cadastro está errado.", "31270901")]
    [InlineData("CEP: 30.140-071, número 55.", "30.140-071")]
    public void Detect_Cep_IsSuggested(string text, string cep) => AssertFinds(text, IdentifyingElementKind.Cep, cep);

    [Theory]
    [InlineData("Todos os CEPs do bairro começam com 31975.")]
    [InlineData("Exigiram comprovante de endereço com CEP.")]
    public void Detect_CepLookAlike_IsNotSuggested(string text) => AssertNothing(text);

    [Theory]
    [InlineData("moro na Rua Itapecerica, 455, apto 302, e a UBS", "Rua Itapecerica, 455, apto 302")]
    [InlineData("Moro na Av. Amazonas, 3210, bloco B, apto 104 e o lixo", "Av. Amazonas, 3210, bloco B, apto 104")]
    [InlineData("Moro na rua Sapucaí, 45 e o bueiro", "rua Sapucaí, 45")]
    [InlineData("Resido à Avenida Afonso Pena nº 1500, sala 12 e o barulho", "Avenida Afonso Pena nº 1500, sala 12")]
    [InlineData("O transporte não passa na Estrada do Taquaril, s/n; meu nome", "Estrada do Taquaril, s/n")]
    [InlineData("Sou morador da Rodovia MG-010, km 23, casa 5 e o ônibus", "Rodovia MG-010, km 23, casa 5")]
    [InlineData("O endereço é Rua Pe. Pedro Pinto, 2.300, fundos.", "Rua Pe. Pedro Pinto, 2.300, fundos")]
    [InlineData("Endereço: R. Maranhão, 1020, ap. 401 – Funcionários", "R. Maranhão, 1020, ap. 401")]
    [InlineData("meu endereço: Av Silviano Brandão 1600 casa 3, bairro Horto", "Av Silviano Brandão 1600 casa 3")]
    [InlineData("moro na rua jose de alencar 120 bairro planalto", "rua jose de alencar 120")]
    [InlineData("Moro na Rua 15 de Novembro, 300 e a fiação", "Rua 15 de Novembro, 300")]
    [InlineData("Moro na SQS 308, Bloco C, apto 201 e o síndico", "SQS 308, Bloco C, apto 201")]
    public void Detect_StreetAddressWithNumber_IsSuggested(string text, string address) => AssertFinds(text, IdentifyingElementKind.Address, address);

    [Theory]
    [InlineData("Há um buraco enorme na Rua Jacuí em frente ao ponto de ônibus.")] // the place of a problem, no number
    [InlineData("O ônibus passou direto pelo ponto da Av. Cristiano Machado às 6h40.")]
    [InlineData("A iluminação da Avenida Portugal está apagada entre os números 1000 e 2500.")]
    [InlineData("A rua estava escura e a rua inteira 3 dias sem luz.")]
    [InlineData("Fecharam a rua por 2 dias sem aviso.")]
    [InlineData("O lote 12 da quadra 34 do loteamento foi invadido.")]
    public void Detect_AddressLookAlike_IsNotSuggested(string text) => AssertNothing(text);

    [Theory]
    [InlineData("o veículo de placa HGF-4821 falando ao celular", "HGF-4821")]
    [InlineData("Meu carro, placa QWE2F47, foi guinchado", "QWE2F47")]
    [InlineData("O veículo ABC1D23 estaciona na vaga de idoso", "ABC1D23")]
    [InlineData("ele usa o carro RTQ-2B45 do órgão", "RTQ-2B45")]
    [InlineData("Uma caminhonete branca, placa pwx 4j33, despeja entulho", "pwx 4j33")]
    [InlineData("Denuncio a Kombi escolar HKL 2290 que transporta crianças", "HKL 2290")]
    public void Detect_VehiclePlate_IsSuggested(string text, string plate) => AssertFinds(text, IdentifyingElementKind.VehiclePlate, plate);

    [Theory]
    [InlineData("ISO 9001 não garante nada.")]
    [InlineData("A norma ABNT NBR 9050 não é cumprida.")]
    [InlineData("Durante a COVID-19 o posto fechou.")]
    [InlineData("O radar da BR-381, km 455, está errado.")]
    [InlineData("O código de rastreio é BR123456789BR.")]
    [InlineData("O modelo do ônibus é O500U.")]
    [InlineData("O protocolo ABC-1234 não consta no sistema.")]
    public void Detect_PlateLookAlike_IsNotSuggested(string text) => AssertNothing(text);

    [Theory]
    [InlineData("Minha filha, nascida em 04/09/2017, precisa de fono.", "04/09/2017")]
    [InlineData("Paciente, data de nascimento 15/07/1958, aguarda cirurgia.", "15/07/1958")]
    [InlineData("nasc. 07/08/1993, solicito inclusão", "07/08/1993")]
    [InlineData("DN: 12/11/1961, RG", "12/11/1961")]
    [InlineData("Meu pai, nascido em 1º de janeiro de 1939, ficou sem atendimento.", "1º de janeiro de 1939")]
    [InlineData("Data de nascimento: 25.12.1947. Sou idosa.", "25.12.1947")]
    [InlineData("tenho 67 anos, nasci em 1957 e nunca", "1957")]
    [InlineData("data nasc: 02/10/80, RG", "02/10/80")]
    [InlineData("Minha data de nascimento está errada no cadastro: consta 14/02/1980, mas", "14/02/1980")]
    public void Detect_DateOfBirth_IsSuggested(string text, string date) => AssertFinds(text, IdentifyingElementKind.BirthDate, date);

    [Theory]
    [InlineData("O exame foi marcado para 22/04/2025 às 7h.")] // ordinary date
    [InlineData("A campanha atende quem nasceu entre 01/01/1960 e 31/12/1965.")]
    [InlineData("Meu filho, nascido em Contagem, foi atendido em 12/05/2025 e liberado.")] // a birthplace, then another date
    [InlineData("O posto só vacina crianças nascidas após 2020.")]
    [InlineData("Pedi a certidão de nascimento do meu filho para a matrícula.")]
    public void Detect_DateOutsideBirthContext_IsNotSuggested(string text) => AssertNothing(text);

    [Fact]
    public void Detect_NupMoneyLawsAndDates_SuggestNothing()
    {
        AssertNothing("A manifestação NUP 23037.001462/2021-65 foi arquivada; paguei R$ 1.234,56 e R$ 12.345.678,90. " +
            "Conforme a Lei 13.460/2017 e o Decreto 10.153/2019, art. 6º, o prazo venceu em 30/06/2025 às 18:45. " +
            "O processo SEI 1500.01.0045678/2025-32 e o ofício nº 345/2025/SMSA seguem parados; senha 0457.");
    }

    [Theory]
    [InlineData("Meu nome é Maria da Silva Souza e fui mal atendida.", "Maria da Silva Souza")]
    [InlineData("Sou a MARIA SOUZA, moradora do bairro.", "MARIA SOUZA")]
    [InlineData("Reclamação de Maria Souza.", "Maria Souza")]
    [InlineData("Att., Souza.", "Souza")]
    [InlineData("O cadastro diz Maria da Silva Sousa", "Maria da Silva")] // a part is enough
    public void Detect_RequesterName_FullNameAndParts(string text, string expected) =>
        AssertFinds(text, IdentifyingElementKind.Name, expected, "Maria da Silva Souza");

    [Fact]
    public void Detect_NameWithoutAccents_MatchesAccentedRequester()
    {
        AssertFinds("Meu nome é Patricia Goncalves (sem acento)", IdentifyingElementKind.Name, "Patricia Goncalves", "Patrícia Gonçalves");
        AssertFinds("Sou Nathália Brito.", IdentifyingElementKind.Name, "Nathália Brito", "Nathalia Brito");
    }

    [Fact]
    public void Detect_InvolvedPeople_AreSuggestedToo()
    {
        var found = Detect("O sargento Rodrigues me abordou; o fiscal Rubens Tadeu Queiroz viu.", "Edson Carvalho", "Anderson Rodrigues Neto", "Rubens Tadeu Queiroz");

        Assert.Equal([(IdentifyingElementKind.Name, "Rodrigues"), (IdentifyingElementKind.Name, "Rubens Tadeu Queiroz")], found);
    }

    [Theory]
    [InlineData("As flores da praça foram arrancadas e a tinta rosa descascou.", "Rosa Flores")]
    [InlineData("Há dois dias o posto está fechado.", "Joaquim Dias")]
    [InlineData("Meu neto presenciou a abordagem.", "Anderson Rodrigues Neto")]
    [InlineData("Pedi a certidão de nascimento do meu filho.", "Rogério Nascimento")]
    [InlineData("É uma pena que ninguém tenha vindo.", "Rodrigo Tavares Pena")]
    [InlineData("Os campos de futebol e a vitória do time.", "Vitória Campos Rosa")]
    [InlineData("O bairro Esperança está sem água.", "Maria Esperança")]
    public void Detect_NamePartThatIsAlsoACommonWord_AloneIsNotSuggested(string text, string requester) => AssertNothing(text, requester);

    [Theory]
    [InlineData("Assina Rosa Flores, moradora.", "Rosa Flores", "Rosa Flores")]
    [InlineData("VITÓRIA CAMPOS ROSA pede providências.", "Vitória Campos Rosa", "VITÓRIA CAMPOS ROSA")]
    [InlineData("Meu nome é Rogério Nascimento.", "Rogério Nascimento", "Rogério Nascimento")]
    [InlineData("A atendente chamou a dona Rosa de mentirosa.", "Rosa Flores", "Rosa")]
    public void Detect_CommonWordNamePart_InCompanyIsSuggested(string text, string requester, string expected) =>
        AssertFinds(text, IdentifyingElementKind.Name, expected, requester);

    [Fact]
    public void Detect_ConnectorsTitlesAndShortTokens_AreNeverMatchedAlone()
    {
        AssertNothing("Moro perto da praça e do posto; o Dr. atendeu a dona de casa. Sá é longe.", "Dr. Ivo Sá da Costa e Silva", "Dona Ana");
    }

    [Fact]
    public void Detect_NameInsideWord_IsNotMatched()
    {
        AssertNothing("A Mariana e o Anastácio foram atendidos.", "Maria Ana");
    }

    [Fact]
    public void Detect_NoNamesGiven_FindsNoNames()
    {
        Assert.DoesNotContain(Detect("Sou Maria da Silva Souza."), e => e.Kind == IdentifyingElementKind.Name);
    }

    [Fact]
    public void Detect_NameInsideEmailOrAddress_GivesTheLongerValidatedElement()
    {
        var found = Detect("Escreva para antonia.lima@gmail.com ou vá à Rua Antônia Lima, 45.", "Antônia Lima");

        Assert.Equal([(IdentifyingElementKind.Email, "antonia.lima@gmail.com"), (IdentifyingElementKind.Address, "Rua Antônia Lima, 45")], found);
    }

    [Fact]
    public void Detect_Result_IsSortedAndWithoutOverlaps()
    {
        const string text = "Sou Rodrigo Tavares Pena, CPF 342.366.712-55, residente na Rua Carangola, 288, apto 203, 30330-240, telefone (31) 99187-2233, " +
            "e-mail rodrigo.pena@exemplo.com.br, RG MG-15.987.321, nascido em 19/10/1988, carro placa QNP7B81.";

        var found = IdentifyingElementDetector.Detect(text, ["Rodrigo Tavares Pena"]);

        Assert.Equal(
            [IdentifyingElementKind.Name, IdentifyingElementKind.Cpf, IdentifyingElementKind.Address, IdentifyingElementKind.Cep, IdentifyingElementKind.Phone,
             IdentifyingElementKind.Email, IdentifyingElementKind.Rg, IdentifyingElementKind.BirthDate, IdentifyingElementKind.VehiclePlate],
            found.Select(e => e.Kind));
        Assert.All(found.Zip(found.Skip(1)), pair => Assert.True(pair.First.End <= pair.Second.Start));
        Assert.All(found, e => Assert.Equal(text.Substring(e.Start, e.Length), e.Text));
    }

    [Fact]
    public void Merge_OverlapOfSameKind_JoinsAndOfDifferentKinds_KeepsTheValidatedOne()
    {
        const string text = "Maria da Silva Souza 31988764512";
        IdentifyingElement[] elements =
        [
            new(0, 14, IdentifyingElementKind.Name, "Maria da Silva"),
            new(9, 11, IdentifyingElementKind.Name, "Silva Souza"),
            new(21, 11, IdentifyingElementKind.Phone, "31988764512"),
            new(21, 11, IdentifyingElementKind.Cpf, "31988764512"),
        ];

        var merged = IdentifyingElementDetector.Merge(text, elements);

        Assert.Equal([(IdentifyingElementKind.Name, "Maria da Silva Souza"), (IdentifyingElementKind.Cpf, "31988764512")], merged.Select(e => (e.Kind, e.Text)));
    }
}
