using Ouvidoria.Domain.Assistant;
using Ouvidoria.Domain.Manifestations;

namespace Ouvidoria.Tests.Domain.Assistant;

public sealed class BelCommandTests
{
    /// <summary>Puts a conversation at a step: each value is a name of <see cref="ConversationStage"/> reached through the flows.</summary>
    public static TheoryData<string> Steps() => new()
    {
        nameof(ConversationStage.Menu),
        nameof(ConversationStage.ChoosingType),
        nameof(ConversationStage.ChoosingTheme),
        nameof(ConversationStage.ChoosingIdentification),
        nameof(ConversationStage.AskingName),
        nameof(ConversationStage.AskingEmail),
        nameof(ConversationStage.AskingConsent),
        nameof(ConversationStage.ConsentRefused),
        nameof(ConversationStage.Describing),
        nameof(ConversationStage.Attaching),
        nameof(ConversationStage.Summary),
        nameof(ConversationStage.Registering),
        nameof(ConversationStage.AskingNup),
        nameof(ConversationStage.AskingPassword),
        nameof(ConversationStage.Consulting),
        nameof(ConversationStage.ComplementOffered),
        nameof(ConversationStage.Complementing),
        nameof(ConversationStage.SendingComplement),
    };

    private static BelChat At(string stage)
    {
        var chat = new BelChat();
        var target = Enum.Parse<ConversationStage>(stage);
        switch (target)
        {
            case ConversationStage.Menu:
                chat.OpenMenu();
                break;
            case ConversationStage.ChoosingType:
                chat.OpenMenu();
                chat.Choose(Bel.MenuRegister);
                break;
            case ConversationStage.ChoosingTheme:
                chat.StartRegistration(ManifestationType.Complaint);
                break;
            case ConversationStage.ChoosingIdentification:
                chat.StartRegistration(ManifestationType.Complaint);
                chat.Choose("theme:" + BelChat.Education.Id);
                break;
            case ConversationStage.AskingName:
                chat.StartRegistration(ManifestationType.Suggestion);
                chat.Choose("theme:" + BelChat.Education.Id);
                break;
            case ConversationStage.AskingEmail:
                chat.StartRegistration(ManifestationType.Suggestion);
                chat.Choose("theme:" + BelChat.Education.Id);
                chat.Text("Maria");
                break;
            case ConversationStage.AskingConsent:
                chat.StartRegistration(ManifestationType.Complaint);
                chat.Choose("theme:" + BelChat.Health.Id);
                chat.Choose(Bel.IdentifiedId);
                chat.Text("Maria");
                break;
            case ConversationStage.ConsentRefused:
                chat.StartRegistration(ManifestationType.Complaint);
                chat.Choose("theme:" + BelChat.Health.Id);
                chat.Choose(Bel.IdentifiedId);
                chat.Text("Maria");
                chat.Choose(Bel.ConsentNo);
                break;
            case ConversationStage.Describing:
                chat.ReachIdentified(ManifestationType.Complaint, BelChat.Health);
                chat.Text("Primeira parte da descrição.");
                break;
            case ConversationStage.Attaching:
                chat.ReachIdentified(ManifestationType.Complaint, BelChat.Health);
                chat.Text("Primeira parte da descrição.");
                chat.Choose(Bel.DescriptionDone);
                chat.Send(BelChat.Media(1));
                break;
            case ConversationStage.Summary:
                chat.ReachSummary();
                break;
            case ConversationStage.Registering:
                chat.ReachSummary();
                chat.Choose(Bel.ConfirmYes);
                break;
            case ConversationStage.AskingNup:
                chat.OpenMenu();
                chat.Choose(Bel.MenuConsult);
                break;
            case ConversationStage.AskingPassword:
                chat.ReachConsultPassword();
                break;
            case ConversationStage.Consulting:
                chat.ReachConsultPassword();
                chat.Text("senha");
                break;
            case ConversationStage.ComplementOffered:
            case ConversationStage.Complementing:
            case ConversationStage.SendingComplement:
                chat.ReachConsultPassword();
                chat.Text("senha");
                chat.Resume(new Consulted(BelChat.ValidNup, "Aguardando complementação", null, [], "Detalhe, por favor."));
                if (target != ConversationStage.ComplementOffered)
                {
                    chat.Choose(Bel.ComplementStart);
                    chat.Text("Complemento.");
                }

                if (target == ConversationStage.SendingComplement)
                {
                    chat.Choose(Bel.ComplementSend);
                }

                break;
        }

        Assert.Equal(target, chat.State.Stage);
        return chat;
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public void Handle_CancelarAtAnyStep_DropsDraftAndFinishes(string stage)
    {
        var chat = At(stage);

        var step = chat.Text("  Cancelar! ");

        Assert.True(step.Finished);
        Assert.Null(step.Request);
        Assert.Equal(ConversationState.New(chat.Now), chat.State);
        Assert.Contains("cancelei", chat.LastText);
        Assert.Contains("oi", chat.LastText);
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public void Handle_MenuAtAnyStep_DropsDraftAndShowsWelcomeMenu(string stage)
    {
        var chat = At(stage);

        var step = chat.Text("MENU");

        Assert.Equal(stage != nameof(ConversationStage.Menu), step.Finished);
        Assert.Equal(ConversationState.New(chat.Now) with { Stage = ConversationStage.Menu }, chat.State);
        Assert.Equal([Bel.MenuRegister, Bel.MenuConsult, Bel.MenuAbout], chat.LastChoiceIds);
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public void Handle_AjudaAtAnyStep_ExplainsAndRepeatsQuestionWithStateUnchanged(string stage)
    {
        var chat = At(stage);
        var before = chat.State;
        var question = Bel.Handle(before, new ChoiceIn("no:such-id"), chat.Context, chat.Now).Replies[^1];

        var step = chat.Text("Ájuda");

        Assert.False(step.Finished);
        Assert.Null(step.Request);
        Assert.Equal(before with { LastActivityAt = chat.Now }, chat.State);
        Assert.StartsWith("Ajuda:", BelChat.Body(step.Replies[0]));
        Assert.Equal(BelChat.Body(question).Split("\n\n")[^1], BelChat.Body(step.Replies[^1]).Split("\n\n")[^1]);
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public void Handle_UnknownChoiceAtAnyStep_ReasksAndKeepsState(string stage)
    {
        var chat = At(stage);
        var before = chat.State;

        var step = chat.Choose("type:Nonexistent");

        Assert.False(step.Finished);
        Assert.Null(step.Request);
        Assert.Equal(before with { LastActivityAt = chat.Now }, chat.State);
        Assert.NotEmpty(step.Replies);
    }

    [Fact]
    public void Handle_TextWhereChoiceNeeded_ReasksWithHint()
    {
        var chat = At(nameof(ConversationStage.AskingConsent));

        chat.Text("talvez");

        Assert.Equal(ConversationStage.AskingConsent, chat.State.Stage);
        Assert.Contains("toque em uma das opções", chat.LastText);
        Assert.Equal([Bel.ConsentYes, Bel.ConsentNo], chat.LastChoiceIds);
    }

    [Fact]
    public void Handle_CancelButtonOnSummary_DropsDraftAndFinishes()
    {
        var chat = At(nameof(ConversationStage.Summary));

        var step = chat.Choose(Bel.CancelId);

        Assert.True(step.Finished);
        Assert.Equal(ConversationState.New(chat.Now), chat.State);
    }

    [Fact]
    public void Handle_After31IdleMinutes_ExpiresAndShowsFreshMenu()
    {
        var chat = At(nameof(ConversationStage.Describing));

        var step = chat.Send(new TextIn("continuação"), TimeSpan.FromMinutes(31));

        Assert.True(step.Finished);
        Assert.Contains("privacidade", chat.LastText);
        Assert.Equal([Bel.MenuRegister, Bel.MenuConsult, Bel.MenuAbout], chat.LastChoiceIds);
        Assert.Equal(ConversationState.New(chat.Now) with { Stage = ConversationStage.Menu }, chat.State);
    }

    [Fact]
    public void Handle_After29IdleMinutes_ContinuesTheFlow()
    {
        var chat = At(nameof(ConversationStage.Describing));

        var step = chat.Send(new TextIn("continuação"), TimeSpan.FromMinutes(29));

        Assert.False(step.Finished);
        Assert.Equal(ConversationStage.Describing, chat.State.Stage);
        Assert.Equal("Primeira parte da descrição.\ncontinuação", chat.State.Description);
    }

    [Fact]
    public void Handle_ExpiredStartState_JustShowsWelcome()
    {
        var chat = new BelChat();

        var step = chat.Send(new TextIn("oi"), TimeSpan.FromDays(3));

        Assert.False(step.Finished);
        Assert.DoesNotContain("privacidade", chat.LastText.Split("\n")[0]);
        Assert.Equal(ConversationStage.Menu, chat.State.Stage);
    }

    [Fact]
    public void Handle_MenuIdleFor31Minutes_NoDraftSoNoExpiryNotice()
    {
        var chat = At(nameof(ConversationStage.Menu));

        var step = chat.Send(new ChoiceIn(Bel.MenuConsult), TimeSpan.FromMinutes(31));

        Assert.False(step.Finished);
        Assert.Equal(ConversationStage.AskingNup, chat.State.Stage);
    }

    [Fact]
    public void IsExpired_ByIdleTimeout_TrueOnlyAfterTimeout()
    {
        var context = new AssistantContext([BelChat.Health]);
        var state = ConversationState.New(BelChat.Start);

        Assert.Equal(TimeSpan.FromMinutes(30), context.IdleTimeout);
        Assert.False(Bel.IsExpired(state, context, BelChat.Start.AddMinutes(29)));
        Assert.False(Bel.IsExpired(state, context, BelChat.Start.AddMinutes(30)));
        Assert.True(Bel.IsExpired(state, context, BelChat.Start.AddMinutes(31)));
        Assert.True(Bel.IsExpired(state, context with { IdleTimeout = TimeSpan.FromMinutes(5) }, BelChat.Start.AddMinutes(6)));
    }

    [Fact]
    public void Handle_StaleMenuButtonOnNewConversation_Works()
    {
        var chat = new BelChat();

        chat.Choose(Bel.MenuConsult);

        Assert.Equal(ConversationStage.AskingNup, chat.State.Stage);
    }

    [Fact]
    public void Resume_RegisteredAfterCancel_StillDeliversNupAndPassword()
    {
        var chat = At(nameof(ConversationStage.Registering));
        chat.Text("cancelar");

        var step = chat.Resume(new Registered(BelChat.ValidNup, "SENHA-1", BelChat.Start.AddDays(30)));

        Assert.Contains(BelChat.ValidNup, chat.LastText);
        Assert.Contains("SENHA-1", chat.LastText);
        Assert.Equal(ConversationStage.Start, chat.State.Stage);
        Assert.Null(step.Request);
    }

    [Fact]
    public void Resume_UnexpectedResult_IsIgnored()
    {
        var chat = At(nameof(ConversationStage.Describing));
        var before = chat.State;

        var step = chat.Resume(new ComplementSent(BelChat.ValidNup));

        Assert.Empty(step.Replies);
        Assert.False(step.Finished);
        Assert.Equal(before, chat.State);
    }
}
