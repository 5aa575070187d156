using Ouvidoria.Domain.Assistant;
using Ouvidoria.Domain.Manifestations;

namespace Ouvidoria.Tests.Domain.Assistant;

public sealed class BelRegistrationTests
{
    [Fact]
    public void Handle_FirstMessage_ShowsWelcomeMenu()
    {
        var chat = new BelChat();

        var step = chat.Text("oi");

        Assert.Equal(ConversationStage.Menu, step.State.Stage);
        Assert.False(step.Finished);
        Assert.Null(step.Request);
        Assert.Contains("Bel", chat.LastText);
        Assert.Equal([Bel.MenuRegister, Bel.MenuConsult, Bel.MenuAbout], chat.LastChoiceIds);
        Assert.Equal(["Registrar manifestação", "Consultar manifestação", "Sobre o serviço"], chat.LastChoices.Select(c => c.Title));
    }

    [Fact]
    public void Handle_AnyFirstMessage_ShowsWelcomeMenu()
    {
        var chat = new BelChat();

        chat.Text("quero reclamar do ônibus");

        Assert.Equal(ConversationStage.Menu, chat.State.Stage);
        Assert.Equal([Bel.MenuRegister, Bel.MenuConsult, Bel.MenuAbout], chat.LastChoiceIds);
    }

    [Fact]
    public void Handle_About_ExplainsLgpdAndTypesThenMenu()
    {
        var chat = new BelChat();
        chat.OpenMenu();

        chat.Choose(Bel.MenuAbout);

        Assert.Equal(ConversationStage.Menu, chat.State.Stage);
        Assert.Contains("LGPD", chat.LastText);
        Assert.Contains("10.153/2019", chat.LastText);
        Assert.Contains("telefone", chat.LastText);
        Assert.Contains("comunicação de irregularidade", chat.LastText);
        foreach (var type in Bel.OfferedTypes)
        {
            Assert.Contains(type.Label(), chat.LastText);
        }

        Assert.Equal([Bel.MenuRegister, Bel.MenuConsult, Bel.MenuAbout], chat.LastChoiceIds);
    }

    [Fact]
    public void Handle_RegisterChoice_ListsSixTypesWithoutCommunication()
    {
        var chat = new BelChat();
        chat.OpenMenu();

        chat.Choose(Bel.MenuRegister);

        var list = Assert.IsType<ListOut>(Assert.Single(chat.Last.Replies));
        Assert.Equal(
            ["type:Denunciation", "type:Complaint", "type:Request", "type:Suggestion", "type:Compliment", "type:Simplification"],
            list.Rows.Select(r => r.Id));
        Assert.DoesNotContain(list.Rows, r => r.Id == "type:Communication");
        Assert.All(list.Rows, r => Assert.False(string.IsNullOrWhiteSpace(r.Description)));
        Assert.Equal("Demonstrar insatisfação com um serviço público.", list.Rows[1].Description);
        Assert.EndsWith("…", list.Rows[0].Description);
    }

    [Fact]
    public void Handle_CommunicationTypeId_IsUnknownChoice()
    {
        var chat = new BelChat();
        chat.OpenMenu();
        chat.Choose(Bel.MenuRegister);

        chat.Choose("type:Communication");

        Assert.Equal(ConversationStage.ChoosingType, chat.State.Stage);
        Assert.Contains("não vale para esta etapa", chat.LastText);
        Assert.Null(chat.State.Type);
    }

    [Fact]
    public void Register_IdentifiedThemeNeedingEmail_ReasksBadEmailAndRequestsWithEmail()
    {
        var chat = new BelChat();
        chat.StartRegistration(ManifestationType.Complaint);
        chat.Choose("theme:" + BelChat.Education.Id);
        Assert.Equal([Bel.IdentifiedId, Bel.AnonymousId], chat.LastChoiceIds);
        Assert.Contains("comunicação de irregularidade", chat.LastText);

        chat.Choose(Bel.IdentifiedId);
        Assert.Equal(ConversationStage.AskingName, chat.State.Stage);
        chat.Text("  Maria   da Silva ");
        Assert.Equal(ConversationStage.AskingEmail, chat.State.Stage);

        chat.Text("maria arroba exemplo");
        Assert.Equal(ConversationStage.AskingEmail, chat.State.Stage);
        Assert.Contains("nome@exemplo.com.br", chat.LastText);
        chat.Text("maria@exemplo");
        Assert.Equal(ConversationStage.AskingEmail, chat.State.Stage);

        chat.Text(" maria@exemplo.com.br ");
        Assert.Equal(ConversationStage.AskingConsent, chat.State.Stage);
        Assert.Equal([Bel.ConsentYes, Bel.ConsentNo], chat.LastChoiceIds);
        Assert.Equal(["Autorizo", "Não autorizo"], chat.LastChoices.Select(c => c.Title));

        chat.Choose(Bel.ConsentYes);
        Assert.Equal(ConversationStage.Describing, chat.State.Stage);
        chat.Text("A escola estadual está sem merenda há duas semanas.");
        chat.Choose(Bel.DescriptionDone);
        Assert.Equal(ConversationStage.Attaching, chat.State.Stage);
        Assert.Contains("Envie fotos, vídeos, áudios ou documentos, ou toque em Continuar", chat.LastText);
        chat.Choose(Bel.AttachmentsContinue);
        Assert.Equal(ConversationStage.Summary, chat.State.Stage);
        Assert.Equal([Bel.ConfirmYes, Bel.ConfirmEdit, Bel.CancelId], chat.LastChoiceIds);
        Assert.Contains("Reclamação", chat.LastText);
        Assert.Contains("Educação", chat.LastText);
        Assert.Contains("identificada", chat.LastText);
        Assert.Contains("sem merenda", chat.LastText);
        Assert.Contains("0 arquivos", chat.LastText);

        var step = chat.Choose(Bel.ConfirmYes);

        var request = Assert.IsType<RegisterRequest>(step.Request);
        Assert.Equal(ManifestationType.Complaint, request.Type);
        Assert.Equal(BelChat.Education.Id, request.ThemeId);
        Assert.False(request.Anonymous);
        Assert.Equal("Maria da Silva", request.Name);
        Assert.Equal("maria@exemplo.com.br", request.Email);
        Assert.True(request.ConsentToShare);
        Assert.Equal("A escola estadual está sem merenda há duas semanas.", request.Description);
        Assert.Empty(request.Attachments);
        Assert.False(step.Finished);
        Assert.Contains("Registrando", chat.LastText);
        Assert.Equal(ConversationStage.Registering, chat.State.Stage);
    }

    [Theory]
    [InlineData("11111111-1111-1111-1111-111111111111")]
    [InlineData("22222222-2222-2222-2222-222222222222")]
    public void Register_ThemeWithoutEmail_AsksNameOnly(string themeId)
    {
        var chat = new BelChat();
        chat.StartRegistration(ManifestationType.Compliment);
        chat.Choose("theme:" + themeId);
        Assert.Equal(ConversationStage.AskingName, chat.State.Stage);

        chat.Text("José");

        Assert.Equal(ConversationStage.AskingConsent, chat.State.Stage);
        Assert.Null(chat.State.Email);
        chat.Choose(Bel.ConsentYes);
        chat.Text("Atendimento excelente no posto central.");
        chat.Choose(Bel.DescriptionDone);
        chat.Choose(Bel.AttachmentsContinue);
        var request = Assert.IsType<RegisterRequest>(chat.Choose(Bel.ConfirmYes).Request);
        Assert.Equal("José", request.Name);
        Assert.Null(request.Email);
        Assert.Equal(ManifestationType.Compliment, request.Type);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("12345")]
    [InlineData("maria@exemplo.com")]
    public void Register_InvalidName_ReasksName(string name)
    {
        var chat = new BelChat();
        chat.StartRegistration(ManifestationType.Suggestion);
        chat.Choose("theme:" + BelChat.Health.Id);

        chat.Text(name);

        Assert.Equal(ConversationStage.AskingName, chat.State.Stage);
        Assert.Null(chat.State.Name);
        Assert.Contains("nome", chat.LastText);
    }

    [Fact]
    public void Register_AnonymousDenunciation_RequestIsAnonymousWithoutPersonalData()
    {
        var chat = new BelChat();
        chat.StartRegistration(ManifestationType.Denunciation);
        chat.Choose("theme:" + BelChat.Education.Id);

        chat.Choose(Bel.AnonymousId);

        Assert.Equal(ConversationStage.Describing, chat.State.Stage);
        Assert.Contains("comunicação de irregularidade", chat.LastText);
        chat.Text("Servidor cobra propina para liberar documentos.");
        chat.Choose(Bel.DescriptionDone);
        chat.Send(BelChat.Media(1));
        chat.Choose(Bel.AttachmentsContinue);
        Assert.Contains("anônima", chat.LastText);
        Assert.Contains("1 arquivo", chat.LastText);
        var request = Assert.IsType<RegisterRequest>(chat.Choose(Bel.ConfirmYes).Request);
        Assert.True(request.Anonymous);
        Assert.Equal(ManifestationType.Denunciation, request.Type);
        Assert.Null(request.Name);
        Assert.Null(request.Email);
        Assert.False(request.ConsentToShare);
        Assert.Single(request.Attachments);
    }

    [Theory]
    [InlineData(ManifestationType.Suggestion)]
    [InlineData(ManifestationType.Compliment)]
    [InlineData(ManifestationType.Request)]
    [InlineData(ManifestationType.Simplification)]
    public void Register_TypeOtherThanDenunciationOrComplaint_CannotBeAnonymous(ManifestationType type)
    {
        var chat = new BelChat();
        chat.StartRegistration(type);

        chat.Choose("theme:" + BelChat.Lighting.Id);

        Assert.Equal(ConversationStage.AskingName, chat.State.Stage);
        Assert.Contains("é preciso se identificar", chat.LastText);
        chat.Choose(Bel.AnonymousId);
        Assert.Equal(ConversationStage.AskingName, chat.State.Stage);
        Assert.False(chat.State.Anonymous);
        Assert.Contains("não vale para esta etapa", chat.LastText);
    }

    [Fact]
    public void Register_ConsentRefusedForComplaint_OffersAnonymityAndDropsPersonalData()
    {
        var chat = new BelChat();
        chat.StartRegistration(ManifestationType.Complaint);
        chat.Choose("theme:" + BelChat.Education.Id);
        chat.Choose(Bel.IdentifiedId);
        chat.Text("Maria");
        chat.Text("maria@exemplo.com.br");

        chat.Choose(Bel.ConsentNo);

        Assert.Equal(ConversationStage.ConsentRefused, chat.State.Stage);
        Assert.Equal([Bel.AnonymousId, Bel.ConsentYes, Bel.CancelId], chat.LastChoiceIds);
        Assert.Contains("anônima", chat.LastText);
        chat.Choose(Bel.AnonymousId);
        Assert.Equal(ConversationStage.Describing, chat.State.Stage);
        Assert.Null(chat.State.Name);
        Assert.Null(chat.State.Email);
        chat.Text("Fila de quatro horas no atendimento.");
        chat.Choose(Bel.DescriptionDone);
        chat.Choose(Bel.AttachmentsContinue);
        var request = Assert.IsType<RegisterRequest>(chat.Choose(Bel.ConfirmYes).Request);
        Assert.True(request.Anonymous);
        Assert.Null(request.Name);
        Assert.Null(request.Email);
        Assert.False(request.ConsentToShare);
    }

    [Fact]
    public void Register_ConsentRefusedThenGiven_ContinuesIdentified()
    {
        var chat = new BelChat();
        chat.StartRegistration(ManifestationType.Denunciation);
        chat.Choose("theme:" + BelChat.Health.Id);
        chat.Choose(Bel.IdentifiedId);
        chat.Text("Maria");
        chat.Choose(Bel.ConsentNo);

        chat.Text("Autorizo");

        Assert.Equal(ConversationStage.Describing, chat.State.Stage);
        Assert.True(chat.State.ConsentToShare);
        Assert.Equal("Maria", chat.State.Name);
    }

    [Fact]
    public void Register_ConsentRefusedForSuggestion_CancelsAndFinishes()
    {
        var chat = new BelChat();
        chat.StartRegistration(ManifestationType.Suggestion);
        chat.Choose("theme:" + BelChat.Health.Id);
        chat.Text("Maria");

        var step = chat.Choose(Bel.ConsentNo);

        Assert.True(step.Finished);
        Assert.Null(step.Request);
        Assert.Equal(ConversationState.New(chat.Now), chat.State);
        Assert.Contains("só denúncias e reclamações podem ser anônimas", chat.LastText);
        Assert.Contains("Cancelei", chat.LastText);
    }

    [Fact]
    public void Register_DescriptionInSeveralMessages_Accumulates()
    {
        var chat = new BelChat();
        chat.ReachIdentified(ManifestationType.Complaint, BelChat.Health);
        Assert.Contains("várias mensagens", chat.LastText);

        chat.Text("O posto de saúde");
        Assert.Equal([Bel.DescriptionDone, Bel.DescriptionMore], chat.LastChoiceIds);
        Assert.Equal(["Concluir descrição", "Continuar escrevendo"], chat.LastChoices.Select(c => c.Title));
        chat.Choose(Bel.DescriptionMore);
        chat.Text("do bairro Serra Verde");
        chat.Text("está fechado desde segunda.");
        Assert.Equal(ConversationStage.Describing, chat.State.Stage);
        chat.Choose(Bel.DescriptionDone);
        chat.Choose(Bel.AttachmentsContinue);

        var request = Assert.IsType<RegisterRequest>(chat.Choose(Bel.ConfirmYes).Request);
        Assert.Equal("O posto de saúde\ndo bairro Serra Verde\nestá fechado desde segunda.", request.Description);
    }

    [Fact]
    public void Register_DescriptionShorterThanTenCharacters_ReasksAndKeepsText()
    {
        var chat = new BelChat();
        chat.ReachIdentified(ManifestationType.Complaint, BelChat.Health);
        chat.Text("Ruim");

        chat.Choose(Bel.DescriptionDone);

        Assert.Equal(ConversationStage.Describing, chat.State.Stage);
        Assert.Equal("Ruim", chat.State.Description);
        Assert.Contains("pelo menos 10 caracteres", chat.LastText);
        chat.Text("demais o atendimento.");
        chat.Text("concluir descrição");
        Assert.Equal(ConversationStage.Attaching, chat.State.Stage);
    }

    [Fact]
    public void Register_MediaDuringDescription_ReasksWithHintAndKeepsText()
    {
        var chat = new BelChat();
        chat.ReachIdentified(ManifestationType.Complaint, BelChat.Health);
        chat.Text("Atendimento demorado.");

        chat.Send(BelChat.Media(1));

        Assert.Equal(ConversationStage.Describing, chat.State.Stage);
        Assert.Equal("Atendimento demorado.", chat.State.Description);
        Assert.Empty(chat.State.Attachments);
        Assert.Contains("arquivos logo depois", chat.LastText);
    }

    [Fact]
    public void Register_TenFiles_EleventhRefusedAndStepKept()
    {
        var chat = new BelChat();
        chat.ReachIdentified(ManifestationType.Complaint, BelChat.Health);
        chat.Text("Buraco enorme na rua principal.");
        chat.Choose(Bel.DescriptionDone);

        for (var i = 1; i <= 10; i++)
        {
            chat.Send(BelChat.Media(i, kind: (MediaKind)(i % 4)));
            Assert.Contains($"foto{i}.jpg", chat.LastText);
            Assert.Contains($"Arquivos: {i} de 10", chat.LastText);
        }

        chat.Send(BelChat.Media(11));

        Assert.Equal(ConversationStage.Attaching, chat.State.Stage);
        Assert.Equal(10, chat.State.Attachments.Count);
        Assert.Contains("Não anexei \"foto11.jpg\"", chat.LastText);
        Assert.Contains("10 arquivos", chat.LastText);
        chat.Choose(Bel.AttachmentsContinue);
        var request = Assert.IsType<RegisterRequest>(chat.Choose(Bel.ConfirmYes).Request);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"tmp/{i:D3}"), request.Attachments.Select(a => a.StorageKey));
    }

    [Fact]
    public void Register_FilesOver30MegabytesInTotal_Refused()
    {
        var chat = new BelChat();
        chat.ReachIdentified(ManifestationType.Complaint, BelChat.Health);
        chat.Text("Buraco enorme na rua principal.");
        chat.Choose(Bel.DescriptionDone);
        chat.Send(BelChat.Media(1, 20L * 1024 * 1024, MediaKind.Video));

        chat.Send(BelChat.Media(2, 11L * 1024 * 1024, MediaKind.Video));

        Assert.Single(chat.State.Attachments);
        Assert.Contains("30,0 MB", chat.LastText);
        Assert.Contains("restam 10,0 MB", chat.LastText);
        chat.Send(BelChat.Media(3, 10L * 1024 * 1024, MediaKind.Document));
        Assert.Equal(2, chat.State.Attachments.Count);
        Assert.Contains("30,0 MB de 30,0 MB", chat.LastText);
    }

    [Fact]
    public void Register_SingleFileOf31Megabytes_Refused()
    {
        var chat = new BelChat();
        chat.ReachIdentified(ManifestationType.Complaint, BelChat.Health);
        chat.Text("Buraco enorme na rua principal.");
        chat.Choose(Bel.DescriptionDone);

        chat.Send(BelChat.Media(1, 31L * 1024 * 1024, MediaKind.Video));

        Assert.Empty(chat.State.Attachments);
        Assert.Equal(ConversationStage.Attaching, chat.State.Stage);
        Assert.Contains("no máximo 30,0 MB", chat.LastText);
    }

    [Fact]
    public void Register_MediaRejectedByAdapter_ShowsReasonAndKeepsStep()
    {
        var chat = new BelChat();
        chat.ReachIdentified(ManifestationType.Complaint, BelChat.Health);
        chat.Text("Buraco enorme na rua principal.");
        chat.Choose(Bel.DescriptionDone);
        chat.Send(BelChat.Media(1));

        chat.Send(new MediaRejected("arquivos .exe não são aceitos."));

        Assert.Equal(ConversationStage.Attaching, chat.State.Stage);
        Assert.Single(chat.State.Attachments);
        Assert.Contains("arquivos .exe não são aceitos.", chat.LastText);
        Assert.Equal([Bel.AttachmentsContinue], chat.LastChoiceIds);
    }

    [Fact]
    public void Register_TextDuringAttachments_ReasksWithContinueButton()
    {
        var chat = new BelChat();
        chat.ReachIdentified(ManifestationType.Complaint, BelChat.Health);
        chat.Text("Buraco enorme na rua principal.");
        chat.Choose(Bel.DescriptionDone);

        chat.Text("não tenho foto");

        Assert.Equal(ConversationStage.Attaching, chat.State.Stage);
        Assert.Equal([Bel.AttachmentsContinue], chat.LastChoiceIds);
        chat.Text("continuar");
        Assert.Equal(ConversationStage.Summary, chat.State.Stage);
    }

    [Fact]
    public void Register_SummaryCorrectDescription_ReplacesItAndReturnsToSummary()
    {
        var chat = new BelChat();
        chat.ReachSummary();
        chat.Send(BelChat.Media(9));

        chat.Choose(Bel.ConfirmEdit);

        Assert.Equal(ConversationStage.Describing, chat.State.Stage);
        Assert.Equal([Bel.DescriptionKeep], chat.LastChoiceIds);
        chat.Text("O posto de saúde do Centro está fechado.");
        Assert.Equal([Bel.DescriptionDone, Bel.DescriptionMore, Bel.DescriptionKeep], chat.LastChoiceIds);
        chat.Choose(Bel.DescriptionDone);
        Assert.Equal(ConversationStage.Summary, chat.State.Stage);
        Assert.Contains("do Centro", chat.LastText);
        var request = Assert.IsType<RegisterRequest>(chat.Choose(Bel.ConfirmYes).Request);
        Assert.Equal("O posto de saúde do Centro está fechado.", request.Description);
        Assert.Equal("Maria da Silva", request.Name);
    }

    [Fact]
    public void Register_SummaryCorrectDescriptionThenKeep_RestoresPreviousDescription()
    {
        var chat = new BelChat();
        chat.ReachSummary(description: "Descrição original e completa.");
        chat.Choose(Bel.ConfirmEdit);
        chat.Text("Outra coisa");

        chat.Choose(Bel.DescriptionKeep);

        Assert.Equal(ConversationStage.Summary, chat.State.Stage);
        Assert.Equal("Descrição original e completa.", chat.State.Description);
        Assert.Null(chat.State.PreviousDescription);
    }

    [Fact]
    public void Register_SummaryShowsExcerptOfLongDescription_WithinBodyLimit()
    {
        var chat = new BelChat();

        chat.ReachSummary(description: string.Join(' ', Enumerable.Repeat("palavra", 2000)));

        var summary = Assert.IsType<ButtonsOut>(chat.Last.Replies[^1]);
        Assert.Contains("…", summary.Body);
        Assert.True(summary.Body.Length <= 1024);
    }

    [Fact]
    public void Resume_RegistrationFailed_ShowsMessageAndKeepsDraftAtSummary()
    {
        var chat = new BelChat();
        chat.ReachSummary();
        var first = Assert.IsType<RegisterRequest>(chat.Choose(Bel.ConfirmYes).Request);

        var step = chat.Resume(new Failed("Escolha uma temática da lista."));

        Assert.False(step.Finished);
        Assert.Equal(ConversationStage.Summary, chat.State.Stage);
        Assert.Contains("Escolha uma temática da lista.", chat.LastText);
        Assert.Equal([Bel.ConfirmYes, Bel.ConfirmEdit, Bel.CancelId], chat.LastChoiceIds);
        var again = Assert.IsType<RegisterRequest>(chat.Choose(Bel.ConfirmYes).Request);
        Assert.Equal(first with { Attachments = again.Attachments }, again);
        Assert.Equal(first.Attachments, again.Attachments);
    }

    [Fact]
    public void Resume_Registered_ShowsNupPasswordDueDateAndFinishes()
    {
        var chat = new BelChat();
        chat.ReachSummary();
        chat.Choose(Bel.ConfirmYes);

        var step = chat.Resume(new Registered(BelChat.ValidNup, "K7P-22QX", new DateTimeOffset(2026, 4, 10, 2, 0, 0, TimeSpan.Zero)));

        Assert.True(step.Finished);
        Assert.Null(step.Request);
        Assert.Contains(BelChat.ValidNup, chat.LastText);
        Assert.Contains("K7P-22QX", chat.LastText);
        Assert.Contains("09/04/2026", chat.LastText);
        Assert.Contains("print", chat.LastText);
        Assert.Equal(ConversationState.New(chat.Now), chat.State);
        chat.Text("oi");
        Assert.Equal(ConversationStage.Menu, chat.State.Stage);
    }

    [Fact]
    public void Handle_WhileRegistering_AsksToWaitAndKeepsState()
    {
        var chat = new BelChat();
        chat.ReachSummary();
        chat.Choose(Bel.ConfirmYes);
        var before = chat.State;

        var step = chat.Text("alô?");

        Assert.Null(step.Request);
        Assert.Equal(before with { LastActivityAt = chat.Now }, chat.State);
        Assert.Contains("processando", chat.LastText);
    }

    [Theory]
    [InlineData("Reclamação")]
    [InlineData("reclamacao")]
    [InlineData("2")]
    public void Handle_TypedTitleOrNumber_CountsAsTheChoice(string typed)
    {
        var chat = new BelChat();
        chat.OpenMenu();
        chat.Text("Registrar manifestação");

        chat.Text(typed);

        Assert.Equal(ManifestationType.Complaint, chat.State.Type);
        Assert.Equal(ConversationStage.ChoosingTheme, chat.State.Stage);
    }

    [Fact]
    public void Handle_NoThemesConfigured_ExplainsAndReturnsToMenu()
    {
        var chat = new BelChat(new AssistantContext([]));
        chat.OpenMenu();
        chat.Choose(Bel.MenuRegister);

        chat.Choose("type:Complaint");

        Assert.Equal(ConversationStage.Menu, chat.State.Stage);
        Assert.Contains("não há temáticas", chat.LastText);
    }
}
