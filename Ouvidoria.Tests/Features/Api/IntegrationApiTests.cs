using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Integration;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Tests.Support;
using Ouvidoria.Tests.Support.Integration;
using static Ouvidoria.Tests.Support.Integration.ApiClients;

namespace Ouvidoria.Tests.Features.Api;

/// <summary>
/// The integration API as another system uses it: register (reduzida a termo), consult with NUP +
/// password, answer a complement, attach files, synchronize the changes — on the real app and
/// database, through the same use cases as the portal. Bad input gets a pt-BR problem and changes nothing.
/// </summary>
public abstract class IntegrationApiTests(OuvidoriaAppFactory app)
{
    private const string Manifestations = "/api/v1/manifestacoes";

    private async Task<int> CountAsync()
    {
        await using var db = app.CreateDbContext();
        return await db.Manifestations.CountAsync();
    }

    private async Task<(string Nup, string Password)> RegisterAsync(HttpClient client, object? body = null)
    {
        var response = await client.PostJsonAsync(Manifestations, body ?? PhoneComplaint(await app.ThemeIdAsync(Registrations.ThemeWithoutPersonalData)));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await response.JsonAsync();
        return (json.GetProperty("nup").GetString()!, json.GetProperty("senha").GetString()!);
    }

    private static string PathOf(string nup) => $"{Manifestations}/{Nup.DigitsOf(nup)}";

    [Fact]
    public async Task ListThemes_ReturnsTheActiveThemesWithThePersonalDataEachRequires()
    {
        var client = await app.NewApiClientAsync(ApiScope.Register);

        var themes = await (await client.GetAsync("/api/v1/tematicas")).JsonAsync();

        var health = themes.EnumerateArray().Single(t => t.GetProperty("nome").GetString() == Registrations.ThemeRequiringEmail);
        Assert.Equal("nome_e_email", health.GetProperty("dadosPessoaisExigidos").GetString());
        Assert.Equal(await app.ThemeIdAsync(Registrations.ThemeRequiringEmail), health.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Register_PhoneComplaint_Returns201WithNupPasswordAndLocation_AndStoresItWithThePhoneChannel()
    {
        var client = await app.NewApiClientAsync(ApiScope.Register);
        var themeId = await app.ThemeIdAsync(Registrations.ThemeWithoutPersonalData);

        var response = await client.PostJsonAsync(Manifestations, PhoneComplaint(themeId));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await response.JsonAsync();
        var nup = json.GetProperty("nup").GetString()!;
        Assert.True(Nup.TryParse(nup, out var parsed));
        Assert.Equal($"/api/v1/manifestacoes/{parsed.Digits}", response.Headers.Location?.OriginalString);
        Assert.Equal("reclamacao", json.GetProperty("tipo").GetString());
        await using var db = app.CreateDbContext();
        var stored = await db.Manifestations.SingleAsync(m => m.Nup == parsed);
        Assert.Equal((Channel.Phone, ManifestationType.Complaint, ManifestationStatus.Registered), (stored.Channel, stored.Type, stored.Status));
        Assert.Equal("José da Silva Telefone", stored.Requester!.Name);
        Assert.True(stored.VerifyPassword(json.GetProperty("senha").GetString()!));
        Assert.Equal(stored.CitizenDeadline.DueAt, json.GetProperty("prazoResposta").GetDateTimeOffset());
    }

    [Fact]
    public async Task Register_AnonymousDenunciaWithoutChannel_BecomesAComunicacaoFromTheIntegrationChannel()
    {
        var client = await app.NewApiClientAsync(ApiScope.Register);
        var themeId = await app.ThemeIdAsync(Registrations.ThemeWithoutPersonalData);

        var (nup, _) = await RegisterAsync(client, new { tipo = "denuncia", tematicaId = themeId, anonima = true, descricao = "Desvio de material na obra da escola municipal." });

        await using var db = app.CreateDbContext();
        var stored = await db.Manifestations.SingleAsync(m => m.Nup == Nup.Parse(nup));
        Assert.Equal((ManifestationType.Communication, Channel.Integration, true), (stored.Type, stored.Channel, stored.IsAnonymous));
    }

    public static TheoryData<string, string, string> BadRegistrations => new()
    {
        { "{\"tipo\": \"reclamacao\", ", "detail", "JSON malformado" },
        { "{\"tipo\":\"reclamacao\",\"tematicaId\":\"{theme}\",\"anonima\":true,\"descricao\":\"x\",\"descricão\":\"y\"}", "descricão", "Campo desconhecido" },
        { "{\"tipo\":\"queixa\",\"tematicaId\":\"{theme}\",\"anonima\":true,\"descricao\":\"x\"}", "tipo", "Use um de: denuncia, reclamacao, solicitacao, sugestao, elogio, simplificacao, comunicacao" },
        { "{\"tematicaId\":\"{theme}\",\"anonima\":true,\"descricao\":\"x\"}", "tipo", "Informe o tipo da manifestação." },
        { "{\"tipo\":\"reclamacao\",\"anonima\":true,\"descricao\":\"x\"}", "tematicaId", "Informe a temática" },
        { "{\"tipo\":\"reclamacao\",\"tematicaId\":\"{theme}\",\"anonima\":true,\"descricao\":\"  \"}", "descricao", "Descreva a manifestação." },
        { "{\"tipo\":\"reclamacao\",\"tematicaId\":\"{theme}\",\"anonima\":false,\"manifestante\":{\"nome\":\"Ana\"},\"descricao\":\"x\"}", "consentimentoCompartilhamento", "LGPD" },
        { "{\"tipo\":\"reclamacao\",\"tematicaId\":\"{theme}\",\"anonima\":false,\"consentimentoCompartilhamento\":true,\"descricao\":\"x\"}", "manifestante.nome", "Informe o nome do manifestante" },
        { "{\"tipo\":\"reclamacao\",\"tematicaId\":\"{theme}\",\"anonima\":true,\"manifestante\":{\"nome\":\"Ana\"},\"descricao\":\"x\"}", "manifestante", "anônima não leva dados" },
        { "{\"tipo\":\"comunicacao\",\"tematicaId\":\"{theme}\",\"anonima\":false,\"manifestante\":{\"nome\":\"Ana\"},\"consentimentoCompartilhamento\":true,\"descricao\":\"x\"}", "anonima", "sempre anônima" },
        { "{\"tipo\":\"reclamacao\",\"tematicaId\":\"{theme}\",\"anonima\":true,\"descricao\":\"x\",\"canal\":\"whatsapp\"}", "canal", "canais do próprio sistema" },
        { "{\"tipo\":\"reclamacao\",\"tematicaId\":\"{theme}\",\"anonima\":true,\"descricao\":\"x\",\"canal\":\"fax\"}", "canal", "Use um de: integracao, email" },
        { "{\"tipo\":\"reclamacao\",\"tematicaId\":7,\"anonima\":true,\"descricao\":\"x\"}", "tematicaId", "Valor inválido" },
        { "{\"tipo\":\"reclamacao\",\"tematicaId\":\"{theme}\",\"anonima\":\"sim\",\"descricao\":\"x\"}", "anonima", "Valor inválido" },
        { "{\"tipo\":\"reclamacao\",\"tematicaId\":\"{theme}\",\"anonima\":false,\"manifestante\":{\"nome\":\"Ana\",\"cpf\":\"111.222.333-44\"},\"consentimentoCompartilhamento\":true,\"descricao\":\"x\"}", "detail", "CPF" },
        { "{\"tipo\":\"reclamacao\",\"tematicaId\":\"00000000-0000-0000-0000-000000000001\",\"anonima\":true,\"descricao\":\"x\"}", "detail", "Escolha uma temática da lista." },
        { "[1, 2]", "detail", "O corpo da requisição deve ser um objeto JSON." },
        { "{\"tipo\":\"elogio\",\"tematicaId\":\"{theme}\",\"anonima\":true,\"descricao\":\"x\"}", "anonima", "Só denúncias e reclamações podem ser anônimas" },
    };

    [Theory]
    [MemberData(nameof(BadRegistrations))]
    public async Task Register_BadPayload_400ProblemNamingTheFieldInPtBr_AndNothingIsRegistered(string body, string field, string message)
    {
        var client = await app.NewApiClientAsync(ApiScope.Register);
        var theme = await app.ThemeIdAsync(Registrations.ThemeWithoutPersonalData);
        var before = await CountAsync();

        var response = await client.PostAsync(Manifestations, Json(body.Replace("{theme}", theme.ToString(), StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        var text = field == "detail"
            ? problem.GetProperty("detail").GetString() + string.Join(" ", problem.TryGetProperty("errors", out var all) ? all.EnumerateObject().SelectMany(e => e.Value.EnumerateArray()).Select(e => e.GetString()) : [])
            : string.Join(" ", problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()));
        Assert.Contains(message, text, StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Register_NotJson_415_AndOversizedBody_413()
    {
        var client = await app.NewApiClientAsync(ApiScope.Register);

        var form = await client.PostAsync(Manifestations, new FormUrlEncodedContent(new Dictionary<string, string> { ["tipo"] = "reclamacao" }));
        var huge = await client.PostAsync(Manifestations, Json($"{{\"descricao\":\"{new string('a', 300 * 1024)}\"}}"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        Assert.Contains("application/json", (await form.JsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
    }

    [Fact]
    public async Task Consult_RightPassword_ReturnsWhatTheCitizenSees_AndTheAnswerOnceSent()
    {
        var client = await app.NewApiClientAsync(ApiScope.Register, ApiScope.Consult);
        var (nup, password) = await RegisterAsync(client);
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var id = await app.ManifestationIdAsync(nup);

        var registered = await (await client.GetWithPasswordAsync(PathOf(nup), password)).JsonAsync();
        await app.WorkflowOkAsync(w => w.StartTriageAsync(id, ombudsman));
        await app.WorkflowOkAsync(w => w.AnswerAsync(id, "A equipe de iluminação trocou as lâmpadas da Rua das Flores.", conclusive: true, ombudsman));
        var answered = await (await client.GetWithPasswordAsync(PathOf(nup), password)).JsonAsync();

        Assert.Equal(("cadastrada", 0), (registered.GetProperty("situacao").GetString(), registered.GetProperty("respostas").GetArrayLength()));
        Assert.Equal("respondida", answered.GetProperty("situacao").GetString());
        var answer = Assert.Single(answered.GetProperty("respostas").EnumerateArray());
        Assert.True(answer.GetProperty("conclusiva").GetBoolean());
        Assert.Contains("lâmpadas", answer.GetProperty("texto").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Consult_WrongPasswordOrUnknownNup_SameGeneric404_MissingPassword400_RepeatedGuesses429()
    {
        var client = await app.NewApiClientAsync(ApiScope.Register, ApiScope.Consult);
        var (nup, _) = await RegisterAsync(client);

        var wrong = await client.GetWithPasswordAsync(PathOf(nup), "errada00");
        var unknown = await client.GetWithPasswordAsync($"{Manifestations}/23037001462202165", "errada00");
        var missing = await client.GetWithPasswordAsync(PathOf(nup), null);
        for (var i = 0; i < 4; i++)
        {
            await client.GetWithPasswordAsync(PathOf(nup), "errada00");
        }

        var throttled = await client.GetWithPasswordAsync(PathOf(nup), "errada00");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (wrong.StatusCode, unknown.StatusCode));
        Assert.Equal((await wrong.JsonAsync()).GetProperty("detail").GetString(), (await unknown.JsonAsync()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("X-Senha-Manifestacao", (await missing.JsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode)429, throttled.StatusCode);
        Assert.True(int.Parse(throttled.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public async Task Complement_WhileRequested_Is200AndResumesTheCase_OtherwiseRefusedWithTheReason()
    {
        var client = await app.NewApiClientAsync(ApiScope.Register, ApiScope.Complement);
        var (nup, password) = await RegisterAsync(client);
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var id = await app.ManifestationIdAsync(nup);

        var early = await client.PostJsonAsync($"{PathOf(nup)}/complementos", new { texto = "Antes do pedido." }, password: password);
        await app.WorkflowOkAsync(w => w.StartTriageAsync(id, ombudsman));
        await app.WorkflowOkAsync(w => w.RequestComplementAsync(id, "Informe o número do poste.", ombudsman));
        var empty = await client.PostJsonAsync($"{PathOf(nup)}/complementos", new { texto = " " }, password: password);
        var sent = await client.PostJsonAsync($"{PathOf(nup)}/complementos", new { texto = "É o poste 1234, em frente à padaria." }, password: password);

        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("complementação", (await early.JsonAsync()).GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Equal("em_triagem", (await sent.JsonAsync()).GetProperty("situacao").GetString());
        await using var after = app.CreateDbContext();
        Assert.Contains("poste 1234", (await after.Manifestations.SingleAsync(m => m.Id == id)).ComplementText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attach_WhileAwaitingAnalysis_StoresTheFileEncryptedAsOriginal_AndRefusesBadFilesAndLateOnes()
    {
        var client = await app.NewApiClientAsync(ApiScope.Register, ApiScope.Attach);
        var (nup, password) = await RegisterAsync(client);
        var path = $"{PathOf(nup)}/anexos";

        var photo = await client.PostFileAsync(path, password, "poste.png", SampleFiles.Png, "image/png");
        var renamed = await client.PostFileAsync(path, password, "foto.jpg", SampleFiles.Executable, "image/jpeg");
        var wrongField = await client.PostFileAsync(path, password, "poste.png", SampleFiles.Png, "image/png", field: "foto");
        var notMultipart = await client.PostJsonAsync(path, new { arquivo = "x" }, password: password);
        var wrongPassword = await client.PostFileAsync(path, "errada00", "poste.png", SampleFiles.Png, "image/png");

        Assert.Equal(HttpStatusCode.Created, photo.StatusCode);
        var attached = await photo.JsonAsync();
        Assert.Equal(("manifestacao", "poste.png", "image/png"), (attached.GetProperty("origem").GetString(), attached.GetProperty("nome").GetString(), attached.GetProperty("tipoConteudo").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, renamed.StatusCode);
        Assert.Contains("foto.jpg", (await renamed.JsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, wrongField.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notMultipart.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, wrongPassword.StatusCode);
        await using (var db = app.CreateDbContext())
        {
            var stored = await db.Manifestations.Include(m => m.Attachments).SingleAsync(m => m.Nup == Nup.Parse(nup));
            var file = Assert.Single(stored.Attachments);
            Assert.Equal(AttachmentOrigin.Original, file.Origin);
            var onDisk = await File.ReadAllBytesAsync(Path.Combine(app.StorageRoot, file.StorageKey));
            Assert.False(onDisk.AsSpan().IndexOf(SampleFiles.Png.AsSpan(1, 8)) >= 0, "stored in clear");
        }

        // Once the case is in treatment, a loose file would never be looked at: refused.
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var id = await app.ManifestationIdAsync(nup);

        await app.WorkflowOkAsync(w => w.StartTriageAsync(id, ombudsman));
        await app.WorkflowOkAsync(w => w.WriteExtractAsync(id, "Iluminação pública apagada.", ombudsman));
        var unit = await app.UnitIdAsync(DemoStaff.HealthUnit);
        await app.WorkflowOkAsync(w => w.ForwardAsync(id, unit, AssignmentRole.Responsible, null, "Verificar.", ombudsman));
        var filesBefore = StoredFiles();
        var late = await client.PostFileAsync(path, password, "mais.png", SampleFiles.Png, "image/png");
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Contains("aguarda análise ou complementação", (await late.JsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(filesBefore, StoredFiles());
    }

    private int StoredFiles() =>
        Directory.Exists(app.StorageRoot)
            ? Directory.EnumerateFiles(app.StorageRoot, "*", SearchOption.AllDirectories).Count(f => !f.StartsWith(Path.Combine(app.StorageRoot, "mail"), StringComparison.Ordinal))
            : 0;

    [Fact]
    public async Task Attach_EleventhFile_RefusedWithTheLimit()
    {
        var client = await app.NewApiClientAsync(ApiScope.Register, ApiScope.Attach);
        var (nup, password) = await RegisterAsync(client);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await client.PostFileAsync($"{PathOf(nup)}/anexos", password, $"nota{i}.txt", SampleFiles.Text, "text/plain")).StatusCode);
        }

        var eleventh = await client.PostFileAsync($"{PathOf(nup)}/anexos", password, "nota10.txt", SampleFiles.Text, "text/plain");

        Assert.Equal(HttpStatusCode.BadRequest, eleventh.StatusCode);
        Assert.Contains("Limite de 10 anexos", (await eleventh.JsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changes_PagesByCursorInChangeOrder_FactsOnly_AndAChangedCaseComesBackLater()
    {
        var client = await app.NewApiClientAsync(ApiScope.Register, ApiScope.Synchronize);
        app.Clock.Advance(TimeSpan.FromDays(3));
        var since = app.Clock.GetUtcNow();
        var registered = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            registered.Add((await RegisterAsync(client)).Nup);
            app.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var first = await (await client.GetAsync($"{Manifestations}/alteracoes?desde={Uri.EscapeDataString(since.ToString("O"))}&limite=2")).JsonAsync();
        var cursor = first.GetProperty("proximoCursor").GetString()!;
        var second = await (await client.GetAsync($"{Manifestations}/alteracoes?cursor={cursor}&limite=2")).JsonAsync();

        Assert.Equal(registered[..2], first.GetProperty("itens").EnumerateArray().Select(i => i.GetProperty("nup").GetString()!).ToList());
        Assert.Equal([registered[2]], second.GetProperty("itens").EnumerateArray().Select(i => i.GetProperty("nup").GetString()!).ToList());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("proximoCursor").ValueKind);
        var item = first.GetProperty("itens")[0];
        Assert.Equal(("reclamacao", "cadastrada", "telefone"), (item.GetProperty("tipo").GetString(), item.GetProperty("situacao").GetString(), item.GetProperty("canal").GetString()));
        var raw = first.GetRawText() + second.GetRawText();
        Assert.DoesNotContain("José", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("iluminação", raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("jose.telefone", raw, StringComparison.Ordinal);

        // The first one changes (triage): it is now the newest change.
        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        var id = await app.ManifestationIdAsync(registered[0]);

        await app.WorkflowOkAsync(w => w.StartTriageAsync(id, ombudsman));
        var again = await (await client.GetAsync($"{Manifestations}/alteracoes?desde={Uri.EscapeDataString(since.ToString("O"))}")).JsonAsync();
        var order = again.GetProperty("itens").EnumerateArray().Select(i => (i.GetProperty("nup").GetString()!, i.GetProperty("situacao").GetString()!)).ToList();
        Assert.Equal([(registered[1], "cadastrada"), (registered[2], "cadastrada"), (registered[0], "em_triagem")], order);
    }

    [Theory]
    [InlineData("", "desde")]
    [InlineData("desde=ontem", "desde")]
    [InlineData("cursor=bm9wZQ", "cursor")]
    [InlineData("desde=2026-01-01T00:00:00Z&limite=0", "limite")]
    [InlineData("desde=2026-01-01T00:00:00Z&limite=501", "limite")]
    public async Task Changes_BadQuery_400NamingTheParameter(string query, string field)
    {
        var client = await app.NewApiClientAsync(ApiScope.Synchronize);

        var response = await client.GetAsync($"{Manifestations}/alteracoes?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }
}

public sealed class IntegrationApiTestsSqlite(SqliteDemoApp app) : IntegrationApiTests(app), IClassFixture<SqliteDemoApp>;

public sealed class IntegrationApiTestsPostgres(PostgresDemoApp app) : IntegrationApiTests(app), IClassFixture<PostgresDemoApp>;
