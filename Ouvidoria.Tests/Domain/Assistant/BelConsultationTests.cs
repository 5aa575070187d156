using Ouvidoria.Domain.Assistant;

namespace Ouvidoria.Tests.Domain.Assistant;

public sealed class BelConsultationTests
{
    private static readonly DateTimeOffset Due = new(2026, 4, 9, 15, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("23037.001462/2021-65")]
    [InlineData("23037001462202165")]
    [InlineData(" 23037 001462 2021 65 ")]
    public void Consult_NupWithOrWithoutSeparators_RequestsWithFormattedNup(string typed)
    {
        var chat = new BelChat();
        chat.OpenMenu();
        chat.Choose(Bel.MenuConsult);
        Assert.Contains("00000.000000/0000-00", chat.LastText);

        chat.Text(typed);
        Assert.Equal(ConversationStage.AskingPassword, chat.State.Stage);
        var step = chat.Text(" s3nh4-F0rte ");

        var request = Assert.IsType<ConsultRequest>(step.Request);
        Assert.Equal(BelChat.ValidNup, request.Nup);
        Assert.Equal("s3nh4-F0rte", request.Password);
        Assert.Equal(ConversationStage.Consulting, chat.State.Stage);
        Assert.Contains("Consultando", chat.LastText);
    }

    [Theory]
    [InlineData("123")]
    [InlineData("23037.001462/2021-66")]
    [InlineData("protocolo 23037.001462/2021-65")]
    public void Consult_InvalidNup_ReasksWithFormatHint(string typed)
    {
        var chat = new BelChat();
        chat.OpenMenu();
        chat.Choose(Bel.MenuConsult);

        var step = chat.Text(typed);

        Assert.Null(step.Request);
        Assert.Equal(ConversationStage.AskingNup, chat.State.Stage);
        Assert.Null(chat.State.Nup);
        Assert.Contains("00000.000000/0000-00", chat.LastText);
    }

    [Fact]
    public void Consult_MediaInsteadOfNup_ReasksWithHint()
    {
        var chat = new BelChat();
        chat.OpenMenu();
        chat.Choose(Bel.MenuConsult);

        chat.Send(BelChat.Media(1));

        Assert.Equal(ConversationStage.AskingNup, chat.State.Stage);
        Assert.Contains("não recebo arquivos", chat.LastText);
    }

    [Fact]
    public void Resume_ConsultFailed_ShowsMessageAndReasksNupWithoutKeepingPassword()
    {
        var chat = new BelChat();
        chat.ReachConsultPassword();
        chat.Text("errada");

        var step = chat.Resume(new Failed("Protocolo ou senha não conferem."));

        Assert.False(step.Finished);
        Assert.Contains("Protocolo ou senha não conferem.", chat.LastText);
        Assert.Contains("00000.000000/0000-00", chat.LastText);
        Assert.Equal(ConversationStage.AskingNup, chat.State.Stage);
        Assert.Null(chat.State.Nup);
        Assert.Null(chat.State.Password);
        chat.Text(BelChat.ValidNup);
        Assert.IsType<ConsultRequest>(chat.Text("certa").Request);
    }

    [Fact]
    public void Resume_ConsultedWithoutPendingRequest_ShowsStatusAnswersAndMenuAndFinishes()
    {
        var chat = new BelChat();
        chat.ReachConsultPassword();
        chat.Text("senha");

        var step = chat.Resume(new Consulted(BelChat.ValidNup, "Concluída", Due, ["A unidade foi reaberta.", "Obrigado pelo contato."], null));

        Assert.True(step.Finished);
        Assert.Contains("Situação: Concluída", chat.LastText);
        Assert.Contains("09/04/2026", chat.LastText);
        Assert.Contains("Resposta 1 de 2:\nA unidade foi reaberta.", chat.LastText);
        Assert.Contains("Resposta 2 de 2:\nObrigado pelo contato.", chat.LastText);
        Assert.Equal([Bel.MenuRegister, Bel.MenuConsult, Bel.MenuAbout], chat.LastChoiceIds);
        Assert.Equal(ConversationStage.Menu, chat.State.Stage);
        Assert.Null(chat.State.Password);
    }

    [Fact]
    public void Resume_ConsultedWithoutDeadlineOrAnswers_SaysNoAnswerYet()
    {
        var chat = new BelChat();
        chat.ReachConsultPassword();
        chat.Text("senha");

        chat.Resume(new Consulted(BelChat.ValidNup, "Em análise", null, [], null));

        Assert.Contains("Ainda não há resposta", chat.LastText);
        Assert.DoesNotContain("Prazo", chat.LastText);
    }

    [Fact]
    public void Resume_ConsultedWithLongAnswer_SplitsIntoMessagesWithinLimit()
    {
        var chat = new BelChat();
        chat.ReachConsultPassword();
        chat.Text("senha");
        var longAnswer = string.Join(' ', Enumerable.Range(1, 2500).Select(i => $"p{i}"));

        var step = chat.Resume(new Consulted(BelChat.ValidNup, "Concluída", Due, [longAnswer], new string('x', 5000)));

        var texts = step.Replies.OfType<TextOut>().ToList();
        Assert.All(texts, t => Assert.InRange(t.Body.Length, 1, 4096));
        var joined = string.Join(' ', texts.Select(t => t.Body));
        Assert.Contains("p1 p2 p3", joined);
        Assert.Contains("p2499 p2500", joined);
        Assert.True(texts.Count >= 4);
    }

    [Fact]
    public void Complement_PendingRequest_CollectsTextAndMediaAndSends()
    {
        var chat = new BelChat();
        chat.ReachConsultPassword("23037001462202165");
        chat.Text("senha123");

        var consulted = chat.Resume(new Consulted(BelChat.ValidNup, "Aguardando complementação", Due, [], "Informe o endereço completo."));

        Assert.False(consulted.Finished);
        Assert.Contains("Informe o endereço completo.", chat.LastText);
        Assert.Equal([Bel.ComplementStart, Bel.MenuId], chat.LastChoiceIds);
        Assert.Equal(ConversationStage.ComplementOffered, chat.State.Stage);

        chat.Choose(Bel.ComplementStart);
        Assert.Equal(ConversationStage.Complementing, chat.State.Stage);
        chat.Text("Rua das Flores, 100");
        Assert.Equal([Bel.ComplementSend, Bel.CancelId], chat.LastChoiceIds);
        chat.Send(BelChat.Media(1, kind: MediaKind.Audio));
        chat.Text("Bairro Centro");
        chat.Send(new MediaRejected("o arquivo está vazio."));
        Assert.Contains("o arquivo está vazio.", chat.LastText);
        var step = chat.Choose(Bel.ComplementSend);

        var request = Assert.IsType<ComplementRequest>(step.Request);
        Assert.Equal(BelChat.ValidNup, request.Nup);
        Assert.Equal("senha123", request.Password);
        Assert.Equal("Rua das Flores, 100\nBairro Centro", request.Text);
        Assert.Equal("tmp/001", Assert.Single(request.Attachments).StorageKey);
        Assert.Equal(ConversationStage.SendingComplement, chat.State.Stage);

        var sent = chat.Resume(new ComplementSent(BelChat.ValidNup));
        Assert.True(sent.Finished);
        Assert.Contains("Complementação enviada", chat.LastText);
        Assert.Equal(ConversationStage.Menu, chat.State.Stage);
        Assert.Null(chat.State.Password);
        Assert.Empty(chat.State.Attachments);
    }

    [Fact]
    public void Complement_SendWithoutText_ReasksForText()
    {
        var chat = new BelChat();
        chat.ReachConsultPassword();
        chat.Text("senha");
        chat.Resume(new Consulted(BelChat.ValidNup, "Aguardando complementação", Due, [], "Envie a foto."));
        chat.Choose(Bel.ComplementStart);
        chat.Send(BelChat.Media(1));

        var step = chat.Choose(Bel.ComplementSend);

        Assert.Null(step.Request);
        Assert.Equal(ConversationStage.Complementing, chat.State.Stage);
        Assert.Contains("Escreva ao menos uma mensagem", chat.LastText);
        Assert.Single(chat.State.Attachments);
    }

    [Fact]
    public void Complement_EleventhFile_Refused()
    {
        var chat = new BelChat();
        chat.ReachConsultPassword();
        chat.Text("senha");
        chat.Resume(new Consulted(BelChat.ValidNup, "Aguardando complementação", Due, [], "Envie as fotos."));
        chat.Choose(Bel.ComplementStart);

        for (var i = 1; i <= 11; i++)
        {
            chat.Send(BelChat.Media(i));
        }

        Assert.Equal(10, chat.State.Attachments.Count);
        Assert.Contains("Não anexei \"foto11.jpg\"", chat.LastText);
    }

    [Fact]
    public void Resume_ComplementFailed_ShowsMessageAndKeepsComplement()
    {
        var chat = new BelChat();
        chat.ReachConsultPassword();
        chat.Text("senha");
        chat.Resume(new Consulted(BelChat.ValidNup, "Aguardando complementação", Due, [], "Detalhe."));
        chat.Choose(Bel.ComplementStart);
        chat.Text("Mais detalhes aqui.");
        chat.Choose(Bel.ComplementSend);

        var step = chat.Resume(new Failed("Muitas tentativas. Tente novamente em alguns minutos."));

        Assert.False(step.Finished);
        Assert.Contains("Muitas tentativas", chat.LastText);
        Assert.Equal(ConversationStage.Complementing, chat.State.Stage);
        Assert.Equal("Mais detalhes aqui.", chat.State.Description);
        Assert.IsType<ComplementRequest>(chat.Text("enviar").Request);
    }

    [Fact]
    public void Complement_MenuButton_DropsNupAndPassword()
    {
        var chat = new BelChat();
        chat.ReachConsultPassword();
        chat.Text("senha");
        chat.Resume(new Consulted(BelChat.ValidNup, "Aguardando complementação", Due, [], "Detalhe."));

        var step = chat.Choose(Bel.MenuId);

        Assert.True(step.Finished);
        Assert.Equal(ConversationStage.Menu, chat.State.Stage);
        Assert.Null(chat.State.Nup);
        Assert.Null(chat.State.Password);
    }
}
