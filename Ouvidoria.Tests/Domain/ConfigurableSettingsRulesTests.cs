using Ouvidoria.Domain.Administration;
using Ouvidoria.Domain.Assistant;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Tests.Domain.Assistant;
using Ouvidoria.Tests.Support;

namespace Ouvidoria.Tests.Domain;

/// <summary>
/// The office's deadlines, attachment limits and foreign words: each limit refuses above the law
/// (or the system's maximum) and below 1 with a pt-BR message naming the maximum, and the aggregate
/// and the assistant apply the configured values.
/// </summary>
public sealed class ConfigurableSettingsRulesTests
{
    private readonly FakeTimeProvider _clock = new();

    private DateTimeOffset Now => _clock.GetUtcNow();

    private ManifestationBuilder NewManifestation => new ManifestationBuilder().WithClock(_clock);

    private static SettingsValues Valid() => new("Ouvidoria-Geral", "01234", 5, 1, 7, 0, 30, new HashSet<ActorKind>());

    [Fact]
    public void DeadlineTerms_Legal_IsValidAndHoldsTheLaw()
    {
        Assert.Empty(DeadlineTerms.Legal.Problems());
        Assert.Equal(new DeadlineTerms(30, 30, 20, 20, 20), DeadlineTerms.Legal);
    }

    [Theory]
    [InlineData(31, 30, 20, 20, 20, "O prazo de resposta ao cidadão deve ser de 1 a 30 dias: o máximo legal é 30 dias (Lei nº 13.460/2017, art. 16)")]
    [InlineData(0, 30, 20, 20, 20, "O prazo de resposta ao cidadão deve ser de 1 a 30 dias")]
    [InlineData(30, 31, 20, 20, 20, "A prorrogação do prazo de resposta ao cidadão deve ser de 1 a 30 dias")]
    [InlineData(30, 0, 20, 20, 20, "A prorrogação do prazo de resposta ao cidadão deve ser de 1 a 30 dias")]
    [InlineData(30, 30, 21, 20, 20, "O prazo de resposta das unidades deve ser de 1 a 20 dias: o máximo legal é 20 dias (Lei nº 13.460/2017, art. 16, parágrafo único)")]
    [InlineData(30, 30, 0, 20, 20, "O prazo de resposta das unidades deve ser de 1 a 20 dias")]
    [InlineData(30, 30, 20, 21, 20, "A prorrogação do prazo das unidades deve ser de 1 a 20 dias")]
    [InlineData(30, 30, 20, -1, 20, "A prorrogação do prazo das unidades deve ser de 1 a 20 dias")]
    [InlineData(30, 30, 20, 20, 21, "O prazo para o manifestante complementar deve ser de 1 a 20 dias")]
    [InlineData(30, 30, 20, 20, 0, "O prazo para o manifestante complementar deve ser de 1 a 20 dias")]
    public void Validate_DeadlineOutsideTheLaw_NamesTheLegalMaximum(int citizen, int citizenExtension, int unit, int unitExtension, int complement, string expected)
    {
        var problem = Assert.Single(SystemSettings.Validate(Valid() with { Deadlines = new DeadlineTerms(citizen, citizenExtension, unit, unitExtension, complement) }));

        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
        Assert.Contains("nunca maior", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(11, 30, "O número máximo de anexos por manifestação deve ser de 1 a 10 (máximo do sistema: 10 arquivos).")]
    [InlineData(0, 30, "O número máximo de anexos por manifestação deve ser de 1 a 10 (máximo do sistema: 10 arquivos).")]
    [InlineData(10, 31, "O tamanho máximo dos anexos deve ser de 1 a 30 MB no total (máximo do sistema: 30 MB).")]
    [InlineData(10, 0, "O tamanho máximo dos anexos deve ser de 1 a 30 MB no total (máximo do sistema: 30 MB).")]
    public void Validate_AttachmentLimitOutsideTheMaximum_NamesIt(int files, int megabytes, string expected) =>
        Assert.Equal([expected], SystemSettings.Validate(Valid() with { Attachments = new AttachmentLimits(files, megabytes) }));

    [Fact]
    public void Validate_ForeignWords_RefusesEmptyTooLongInvalidAndTooMany()
    {
        Assert.Equal(["A lista de palavras estrangeiras não pode ter palavras vazias."], SystemSettings.Validate(Valid() with { ForeignWords = ["link", " "] }));
        Assert.Equal([$"Cada palavra estrangeira deve ter no máximo 40 caracteres: \"{new string('a', 40)}…\"."], SystemSettings.Validate(Valid() with { ForeignWords = [new string('a', 41)] }));
        Assert.Equal(["As palavras estrangeiras só podem ter letras, hífen, apóstrofo e espaço: \"a<b\"."], SystemSettings.Validate(Valid() with { ForeignWords = ["a<b"] }));
        Assert.Equal(["A lista de palavras estrangeiras deve ter no máximo 200 palavras (tem 201)."], SystemSettings.Validate(Valid() with { ForeignWords = Enumerable.Range(0, 201).Select(i => "palavra" + new string('x', i % 30) + (char)('a' + (i / 30))).ToList() }));
        Assert.Empty(SystemSettings.Validate(Valid() with { ForeignWords = [] }));
    }

    [Fact]
    public void Change_AllLimitsAtOnce_RefusesNamingEveryProblemAndKeepsTheValues()
    {
        var settings = SystemSettings.Create(Valid());

        var e = DomainAssert.Throws(() => settings.Change(Valid() with { Deadlines = DeadlineTerms.Legal with { CitizenAnswerDays = 45 }, Attachments = new AttachmentLimits(20, 30) }));

        Assert.Contains("O prazo de resposta ao cidadão", e.Message, StringComparison.Ordinal);
        Assert.Contains("O número máximo de anexos", e.Message, StringComparison.Ordinal);
        Assert.Equal(DeadlineTerms.Legal, settings.DeadlineTerms);
    }

    [Fact]
    public void Create_StricterValues_AreKeptAndReadBack()
    {
        var terms = new DeadlineTerms(15, 10, 10, 5, 7);
        var settings = SystemSettings.Create(Valid() with { Deadlines = terms, Attachments = new AttachmentLimits(3, 12), ForeignWords = ["Roadmap", "roadmap", " kick-off "] });

        Assert.Equal(terms, settings.DeadlineTerms);
        Assert.Equal((3, 12, 12L * 1024 * 1024), (settings.AttachmentLimits.MaxFiles, settings.AttachmentLimits.MaxTotalMegabytes, settings.AttachmentLimits.MaxTotalBytes));
        Assert.Equal(["Roadmap", "kick-off"], settings.ForeignWords);
        Assert.Equal(terms, settings.Values.Deadlines);
    }

    [Fact]
    public void ParseForeignWords_LinesAndCommas_TrimmedWithoutBlanksOrRepeats() =>
        Assert.Equal(["feedback", "kick-off", "roadmap"], AnswerQuality.ParseForeignWords("feedback, kick-off\r\n\r\n  roadmap \nFeedback;"));

    [Fact]
    public void Transitions_WithStricterTerms_ComputeTheShorterDeadlines()
    {
        var terms = new DeadlineTerms(15, 10, 8, 4, 5);
        var registered = Manifestation.Register(ManifestationBuilder.NextNup(), ManifestationType.Suggestion, Channel.Web, null, null, "Sugestão.",
            ManifestationBuilder.DefaultRequester(), true, "hash", Now, terms);
        Assert.Equal(Now.AddDays(15), registered.CitizenDeadline.DueAt);

        var triage = NewManifestation.InTriage().Build();
        triage.RequestComplement("Informe o endereço.", Actors.Ombudsman, Now, terms);
        Assert.Equal(Now.AddDays(5), triage.ComplementDueAt);

        var m = NewManifestation.WithExtract().InTriage().Build();
        var due = m.CitizenDeadline.DueAt;
        var assignment = m.Forward(Actors.UnitA, AssignmentRole.Responsible, null, null, null, Actors.Ombudsman, Now, terms);
        Assert.Equal(Now.AddDays(8), assignment.Deadline.DueAt);
        m.ExtendUnitDeadline(assignment.Id, "Vistoria.", Actors.Ombudsman, Now, terms);
        Assert.Equal(Now.AddDays(12), assignment.Deadline.DueAt);
        m.ExtendDeadline("Vistoria.", Actors.Ombudsman, Now, terms);
        Assert.Equal(due.AddDays(10), m.CitizenDeadline.DueAt);
    }

    [Fact]
    public void Forward_TermsAboveTheLaw_Throws()
    {
        var m = NewManifestation.WithExtract().InTriage().Build();

        var e = DomainAssert.ThrowsAndKeepsState(m, () => m.Forward(Actors.UnitA, AssignmentRole.Responsible, null, null, null, Actors.Ombudsman, Now, DeadlineTerms.Legal with { UnitAnswerDays = 40 }));

        Assert.Contains("máximo legal é 20 dias", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddAttachment_BeyondTheOfficeLimits_RefusedWithTheConfiguredNumbers()
    {
        var m = NewManifestation.Build();
        var limits = new AttachmentLimits(2, 1);
        m.AddAttachment("a.pdf", "application/pdf", 100, "k1", AttachmentOrigin.Original, Actor.Citizen, Now, limits);
        m.AddAttachment("b.pdf", "application/pdf", 100, "k2", AttachmentOrigin.Original, Actor.Citizen, Now, limits);

        var tooMany = DomainAssert.ThrowsAndKeepsState(m, () => m.AddAttachment("c.pdf", "application/pdf", 100, "k3", AttachmentOrigin.Original, Actor.Citizen, Now, limits));
        var tooLarge = DomainAssert.ThrowsAndKeepsState(m, () => m.AddAttachment("c.pdf", "application/pdf", 1024 * 1024, "k3", AttachmentOrigin.Original, Actor.Citizen, Now, limits with { MaxFiles = 5 }));

        Assert.Equal("Limite de 2 anexos por manifestação atingido.", tooMany.Message);
        Assert.Equal("Os anexos de uma manifestação somam no máximo 1 MB.", tooLarge.Message);
    }

    [Fact]
    public void Bel_LoweredFileLimit_RefusesTheExtraFileNamingTheLimit()
    {
        var chat = new BelChat(new AssistantContext([BelChat.Lighting, BelChat.Health, BelChat.Education]) { Attachments = new AttachmentLimits(1, 30) });
        chat.ReachIdentified(ManifestationType.Complaint, BelChat.Health);
        chat.Text("Buraco enorme na rua principal.");
        chat.Choose(Bel.DescriptionDone);

        chat.Send(BelChat.Media(1));
        chat.Send(BelChat.Media(2));

        Assert.Single(chat.State.Attachments);
        Assert.Contains("o limite é de 1 arquivo por manifestação", chat.LastText, StringComparison.Ordinal);
    }
}
