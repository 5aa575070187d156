using Ouvidoria.Domain.Manifestations;

namespace Ouvidoria.Domain.Assistant;

public static partial class Bel
{
    private const int MaxPasswordLength = 100;

    private static ConversationState AskNupState(ConversationState state) =>
        Fresh(state.LastActivityAt, ConversationStage.AskingNup);

    private static Step OnNup(ConversationState state, Inbound input, AssistantContext context)
    {
        if (input is not TextIn text)
        {
            return Invalid(state, input, context);
        }

        if (!Nup.TryParse(text.Text.Trim(), out var nup, out var error))
        {
            return Reply(state, [new TextOut(Texts.InvalidNup(error))]);
        }

        return Reply(state with { Nup = nup.ToString(), Stage = ConversationStage.AskingPassword }, [new TextOut(Texts.AskPassword)]);
    }

    private static Step OnPassword(ConversationState state, Inbound input, AssistantContext context)
    {
        if (input is not TextIn text || string.IsNullOrWhiteSpace(text.Text))
        {
            return Invalid(state, input, context);
        }

        var password = text.Text.Trim();
        if (password.Length > MaxPasswordLength)
        {
            return Reply(state, [new TextOut(Texts.InvalidPassword)]);
        }

        var consulting = state with { Password = password, Stage = ConversationStage.Consulting };
        return new Step(consulting, [new TextOut(Texts.Consulting)], new ConsultRequest(state.Nup!, password), false);
    }

    private static Step OnConsulted(ConversationState state, Consulted consulted, DateTimeOffset now)
    {
        var replies = new List<Outbound>
        {
            new TextOut(Texts.Status(consulted.Nup, consulted.StatusLabel, consulted.DueAt is { } due ? FormatDate(due) : null, consulted.Answers.Count)),
        };
        for (var i = 0; i < consulted.Answers.Count; i++)
        {
            var title = consulted.Answers.Count == 1 ? "Resposta da Ouvidoria:" : $"Resposta {i + 1} de {consulted.Answers.Count}:";
            replies.AddRange(SplitText($"{title}\n{consulted.Answers[i]}"));
        }

        if (string.IsNullOrWhiteSpace(consulted.PendingComplementRequest))
        {
            replies.Add(WelcomeMenu(Texts.AnythingElse));
            return new Step(Fresh(now, ConversationStage.Menu), replies, null, true);
        }

        replies.AddRange(SplitText(Texts.PendingComplement(consulted.PendingComplementRequest)));
        replies.Add(ComplementOfferButtons());
        var offered = state with { Nup = consulted.Nup, Stage = ConversationStage.ComplementOffered, Description = string.Empty, Attachments = [] };
        return new Step(offered, replies, null, false);
    }

    private static Step OnComplementOffered(ConversationState state, Inbound input, AssistantContext context)
    {
        if (input is ChoiceIn { Id: ComplementStart })
        {
            var complementing = state with { Stage = ConversationStage.Complementing };
            return Reply(complementing, Prompt(complementing, context));
        }

        return Invalid(state, input, context);
    }

    private static Step OnComplement(ConversationState state, Inbound input, AssistantContext context)
    {
        switch (input)
        {
            case TextIn text when !string.IsNullOrWhiteSpace(text.Text):
                var part = text.Text.Trim();
                var complement = state.Description.Length == 0 ? part : state.Description + "\n" + part;
                if (complement.Length > MaxDescriptionLength)
                {
                    return Reply(state, WithPreface(Texts.DescriptionTooLong(MaxDescriptionLength), Prompt(state, context)));
                }

                var longer = state with { Description = complement };
                return Reply(longer, Prompt(longer, context));
            case MediaIn media:
                var (next, notice) = AddMedia(state, media, context.Attachments);
                return Reply(next, WithPreface(notice, Prompt(next, context)));
            case ChoiceIn { Id: ComplementSend } when string.IsNullOrWhiteSpace(state.Description):
                return Reply(state, WithPreface(Texts.ComplementNeedsText, Prompt(state, context)));
            case ChoiceIn { Id: ComplementSend }:
                var request = new ComplementRequest(state.Nup!, state.Password!, state.Description, state.Attachments);
                return new Step(state with { Stage = ConversationStage.SendingComplement }, [new TextOut(Texts.SendingComplement)], request, false);
            default:
                return Invalid(state, input, context);
        }
    }

    private static ButtonsOut ComplementOfferButtons() => new(
        Texts.OfferComplement,
        [new Choice(ComplementStart, "Complementar"), new Choice(MenuId, "Menu")]);

    private static Outbound ComplementPrompt(ConversationState state, AttachmentLimits limits) =>
        state.Description.Length == 0 && state.Attachments.Count == 0
            ? new TextOut(Texts.AskComplement)
            : new ButtonsOut(
                Texts.ComplementSoFar(state.Description.Length, state.Attachments.Count, limits.MaxFiles),
                [new Choice(ComplementSend, "Enviar"), new Choice(CancelId, "Cancelar")]);
}
