using System.Text.Json;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Domain.Templates;
using Ouvidoria.Tests.Support;

namespace Ouvidoria.Tests.Domain;

/// <summary>Administrator-editable texts: defaults from the manual, validation, markers, who may change them.</summary>
public sealed class TextTemplateTests
{
    private readonly FakeTimeProvider _clock = new();

    private DateTimeOffset Now => _clock.GetUtcNow();

    private TextTemplate Complaint() => TextTemplate.CreateDefault(TextTemplateKey.AnswerComplaint, Now);

    [Fact]
    public void Catalog_EveryKey_HasOneDefinitionWhoseDefaultPassesItsOwnValidation()
    {
        foreach (var key in Enum.GetValues<TextTemplateKey>())
        {
            var definition = Assert.Single(TextTemplateCatalog.All, d => d.Key == key);
            TextTemplate.Validate(key, definition.DefaultTitle, definition.DefaultBody);
        }
    }

    [Fact]
    public void Catalog_StandardTexts_AreTheManualsWordingWithTheAreaAsAMarker()
    {
        Assert.Equal(
            Manifestation.NoCompetenceText("Secretaria de Obras"),
            TemplatePlaceholders.Fill(TextTemplateCatalog.Get(TextTemplateKey.NoCompetenceKnownArea).DefaultBody, new Dictionary<string, string> { ["AREA"] = "Secretaria de Obras" }));
        Assert.Equal(Manifestation.NoCompetenceText(null), TextTemplateCatalog.Get(TextTemplateKey.NoCompetenceUnknownArea).DefaultBody);
        Assert.StartsWith("Em atenção à presente denúncia, nos termos do art. 7º do Decreto n. 10.153, de 2019, requisitamos", TextTemplateCatalog.Get(TextTemplateKey.IdentityRequest).DefaultBody);
        Assert.StartsWith("Declaro a necessidade de conhecer a identidade da parte manifestante", TextTemplateCatalog.Get(TextTemplateKey.IdentityViewJustification).DefaultBody);
    }

    [Theory]
    [InlineData(ManifestationType.Complaint, TextTemplateKey.AnswerComplaint)]
    [InlineData(ManifestationType.Request, TextTemplateKey.AnswerRequest)]
    [InlineData(ManifestationType.Suggestion, TextTemplateKey.AnswerSuggestion)]
    [InlineData(ManifestationType.Denunciation, TextTemplateKey.AnswerDenunciation)]
    [InlineData(ManifestationType.Communication, TextTemplateKey.AnswerDenunciation)]
    [InlineData(ManifestationType.Simplification, TextTemplateKey.AnswerSimplification)]
    public void AnswerModels_KeyFor_EachAnsweredTypeHasItsModel(ManifestationType type, TextTemplateKey expected) =>
        Assert.Equal(expected, AnswerModels.KeyFor(type));

    [Fact]
    public void AnswerModels_KeyFor_ComplimentHasNoModel() => Assert.Null(AnswerModels.KeyFor(ManifestationType.Compliment));

    [Fact]
    public void Edit_ByAdministrator_ChangesTextBumpsVersionAndReturnsTheAuditRow()
    {
        var template = Complaint();
        var before = template.Snapshot();
        _clock.Advance(TimeSpan.FromHours(1));

        var change = template.Edit(" Resposta a reclamação (revisada) ", "Prezado(a), sobre o NUP {NUP}:\r\n\r\n[fato]\r\n", Actors.Admin, Now);

        Assert.Equal("Resposta a reclamação (revisada)", template.Title);
        Assert.Equal("Prezado(a), sobre o NUP {NUP}:\n\n[fato]", template.Body);
        Assert.Equal(1, template.Version);
        Assert.False(template.IsDefault);
        Assert.Equal((Now, Actors.Admin.UserId, Actors.Admin.Name), (template.UpdatedAt, template.UpdatedById, template.UpdatedByName));
        Assert.Equal((TextTemplate.EntityType, "AnswerComplaint", "Texto alterado"), (change.EntityType, change.EntityKey, change.Summary));
        Assert.Equal((Actors.Admin.UserId, Actors.Admin.Name, Now), (change.UserId, change.UserName, change.At));
        Assert.Equal(before, change.Before);
        Assert.Equal(template.Snapshot(), change.After);
        using var after = JsonDocument.Parse(change.After!);
        Assert.Equal("Prezado(a), sobre o NUP {NUP}:\n\n[fato]", after.RootElement.GetProperty("Body").GetString());
    }

    [Theory]
    [InlineData(ActorKind.Ombudsman)]
    [InlineData(ActorKind.Collaborator)]
    [InlineData(ActorKind.Manager)]
    [InlineData(ActorKind.Citizen)]
    [InlineData(ActorKind.System)]
    public void Edit_ByAnyoneButAnAdministrator_ThrowsAndKeepsTheText(ActorKind kind)
    {
        var template = Complaint();
        var body = template.Body;

        var exception = DomainAssert.Throws(() => template.Edit("Título", "Texto novo.", new Actor("u1", "Pessoa", kind, Actors.UnitA), Now));

        Assert.Equal("Somente administradores podem alterar os textos padrão.", exception.Message);
        Assert.Equal((body, 0), (template.Body, template.Version));
    }

    public static TheoryData<string?, string?, string> InvalidEdits() => new()
    {
        { "", "Texto.", "Informe o título do texto." },
        { "   ", "Texto.", "Informe o título do texto." },
        { new string('t', TextTemplate.MaxTitleLength + 1), "Texto.", $"O título deve ter no máximo {TextTemplate.MaxTitleLength} caracteres." },
        { "Título", null, "O texto não pode ficar vazio." },
        { "Título", " \n ", "O texto não pode ficar vazio." },
        { "Título", new string('x', TextTemplate.MaxBodyLength + 1), $"O texto deve ter no máximo {TextTemplate.MaxBodyLength} caracteres." },
        { "Título", "Sobre o protocolo {PROTOCOLO}.", "O marcador {PROTOCOLO} não existe neste texto. Marcadores disponíveis: {NUP}, {TIPO}, {ASSUNTO}, {UNIDADE}, {DATA_REGISTRO}." },
        { "Título", "Sobre o {nup}.", "O marcador {nup} não existe neste texto. Marcadores disponíveis: {NUP}, {TIPO}, {ASSUNTO}, {UNIDADE}, {DATA_REGISTRO}." },
        { "Título", "A área {AREA} responde.", "O marcador {AREA} não existe neste texto. Marcadores disponíveis: {NUP}, {TIPO}, {ASSUNTO}, {UNIDADE}, {DATA_REGISTRO}." },
        { "Título", "NUP {NUP e mais nada", "Há uma chave “{” ou “}” sem par no texto. Os marcadores são escritos entre chaves, como {NUP}." },
        { "Título", "NUP NUP} aqui", "Há uma chave “{” ou “}” sem par no texto. Os marcadores são escritos entre chaves, como {NUP}." },
        { "Título", "{{NUP}}", "Há uma chave “{” ou “}” sem par no texto. Os marcadores são escritos entre chaves, como {NUP}." },
    };

    [Theory]
    [MemberData(nameof(InvalidEdits))]
    public void Edit_InvalidTitleBodyOrMarker_ThrowsPtBrMessageAndKeepsTheText(string? title, string? body, string message)
    {
        var template = Complaint();
        var (oldTitle, oldBody) = (template.Title, template.Body);

        var exception = DomainAssert.Throws(() => template.Edit(title, body, Actors.Admin, Now));

        Assert.Equal(message, exception.Message);
        Assert.Equal((oldTitle, oldBody, 0), (template.Title, template.Body, template.Version));
    }

    [Fact]
    public void Edit_KnownAreaTextWithoutItsRequiredMarker_IsRefused()
    {
        var template = TextTemplate.CreateDefault(TextTemplateKey.NoCompetenceKnownArea, Now);

        var exception = DomainAssert.Throws(() => template.Edit(template.Title, "Não temos competência; indicamos outra área.", Actors.Admin, Now));

        Assert.Equal("O marcador {AREA} é obrigatório neste texto.", exception.Message);
    }

    [Fact]
    public void Edit_SameTitleAndBody_IsRefusedInsteadOfRecordingAnEmptyChange()
    {
        var template = Complaint();

        var exception = DomainAssert.Throws(() => template.Edit(template.Title, template.Body + "\r\n", Actors.Admin, Now));

        Assert.Equal("Não há alterações para salvar.", exception.Message);
        Assert.Equal(0, template.Version);
    }

    [Fact]
    public void RestoreDefault_AfterAnEdit_BringsBackTheCatalogTextAndRecordsIt()
    {
        var template = Complaint();
        template.Edit("Outro título", "Outro texto sobre {NUP}.", Actors.Admin, Now);
        _clock.Advance(TimeSpan.FromMinutes(5));

        var change = template.RestoreDefault(Actors.Admin, Now);

        var definition = TextTemplateCatalog.Get(TextTemplateKey.AnswerComplaint);
        Assert.Equal((definition.DefaultTitle, definition.DefaultBody), (template.Title, template.Body));
        Assert.True(template.IsDefault);
        Assert.Equal(2, template.Version);
        Assert.Equal("Texto padrão restaurado", change.Summary);
        Assert.Contains("Outro texto sobre {NUP}.", change.Before, StringComparison.Ordinal);
    }

    [Fact]
    public void RestoreDefault_AlreadyDefault_ThrowsPtBr()
    {
        var exception = DomainAssert.Throws(() => Complaint().RestoreDefault(Actors.Admin, Now));

        Assert.Equal("Este texto já é o padrão.", exception.Message);
    }

    [Fact]
    public void Fill_KnownMarkers_AreReplacedAndUnknownBracesLeftAsTheyAre()
    {
        var filled = TemplatePlaceholders.Fill("NUP {NUP} da {UNIDADE}; {OUTRO} e {NUP}.", new Dictionary<string, string>
        {
            ["NUP"] = "23037.001462/2021-65",
            ["UNIDADE"] = "Secretaria de Saúde",
        });

        Assert.Equal("NUP 23037.001462/2021-65 da Secretaria de Saúde; {OUTRO} e 23037.001462/2021-65.", filled);
    }

    [Fact]
    public void Fill_ComplaintDefaultWithSamples_LeavesNoMarkerBehind()
    {
        var filled = Complaint().Fill(TemplatePlaceholders.Samples);

        Assert.DoesNotContain("{", filled, StringComparison.Ordinal);
        Assert.Contains("NUP 23037.001462/2021-65", filled, StringComparison.Ordinal);
        Assert.EndsWith("Secretaria de Saúde", filled, StringComparison.Ordinal);
    }
}
