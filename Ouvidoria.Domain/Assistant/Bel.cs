using System.Globalization;
using System.Text;
using Ouvidoria.Domain.Manifestations;

namespace Ouvidoria.Domain.Assistant;

/// <summary>
/// "Bel", the citizen assistant: a channel-agnostic conversation engine (WhatsApp, web chat). Pure
/// functions from (state, input) to <see cref="Step"/>; database work is returned as an
/// <see cref="AssistantRequest"/> and its outcome fed back with <see cref="Resume"/>.
/// </summary>
public static partial class Bel
{
    // Stable choice ids (also used as HTML button values by the web chat).
    public const string MenuRegister = "menu:register";
    public const string MenuConsult = "menu:consult";
    public const string MenuAbout = "menu:about";
    public const string MenuId = "menu";
    public const string CancelId = "cancel";
    public const string TypePrefix = "type:";
    public const string ThemePrefix = "theme:";
    public const string ThemePagePrefix = "theme:page:";
    public const string IdentifiedId = "id:named";
    public const string AnonymousId = "id:anon";
    public const string ConsentYes = "consent:yes";
    public const string ConsentNo = "consent:no";
    public const string DescriptionDone = "desc:done";
    public const string DescriptionMore = "desc:more";
    public const string DescriptionKeep = "desc:keep";
    public const string AttachmentsContinue = "att:continue";
    public const string ConfirmYes = "confirm:yes";
    public const string ConfirmEdit = "confirm:edit";
    public const string ComplementStart = "comp:start";
    public const string ComplementSend = "comp:send";

    /// <summary>Brasília time (no daylight saving since 2019), used to show dates.</summary>
    private static readonly TimeSpan BrasiliaOffset = TimeSpan.FromHours(-3);

    /// <summary>
    /// Whether the conversation was idle longer than <see cref="AssistantContext.IdleTimeout"/>: its
    /// data must be discarded (hosts' purge jobs use this; <see cref="Handle"/> applies it itself).
    /// </summary>
    public static bool IsExpired(ConversationState state, AssistantContext context, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(context);
        return now - state.LastActivityAt > context.IdleTimeout;
    }

    public static Step Handle(ConversationState state, Inbound input, AssistantContext context, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);

        if (HasDraft(state) && IsExpired(state, context, now))
        {
            return new Step(Fresh(now, ConversationStage.Menu), [new TextOut(Texts.Expired), WelcomeMenu(Texts.WelcomeBody)], null, true);
        }

        var current = state with { LastActivityAt = now };
        if (input is TextIn text)
        {
            switch (Normalize(text.Text))
            {
                case "cancelar":
                    return Cancel(current, now);
                case "menu":
                    return BackToMenu(current, now);
                case "ajuda":
                    return Reply(current, [new TextOut(Texts.Help(current.Stage)), .. Prompt(current, context)]);
            }
        }

        input = Interpret(current, input, context);
        switch (input)
        {
            case ChoiceIn { Id: CancelId }:
                return Cancel(current, now);
            case ChoiceIn { Id: MenuId }:
                return BackToMenu(current, now);
        }

        return current.Stage switch
        {
            ConversationStage.Start => Start(current, input, now),
            ConversationStage.Menu => OnMenu(current, input, context, now),
            ConversationStage.ChoosingType => OnType(current, input, context, now),
            ConversationStage.ChoosingTheme => OnTheme(current, input, context),
            ConversationStage.ChoosingIdentification => OnIdentification(current, input, context),
            ConversationStage.AskingName => OnName(current, input, context),
            ConversationStage.AskingEmail => OnEmail(current, input, context),
            ConversationStage.AskingConsent => OnConsent(current, input, context, now),
            ConversationStage.ConsentRefused => OnConsentRefused(current, input, context),
            ConversationStage.Describing => OnDescription(current, input, context),
            ConversationStage.Attaching => OnAttachment(current, input, context),
            ConversationStage.Summary => OnSummary(current, input, context),
            ConversationStage.AskingNup => OnNup(current, input, context),
            ConversationStage.AskingPassword => OnPassword(current, input, context),
            ConversationStage.ComplementOffered => OnComplementOffered(current, input, context),
            ConversationStage.Complementing => OnComplement(current, input, context),
            ConversationStage.Registering or ConversationStage.Consulting or ConversationStage.SendingComplement =>
                Reply(current, [new TextOut(Texts.StillWorking)]),
        };
    }

    public static Step Resume(ConversationState state, AssistantResult result, AssistantContext context, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(context);

        var current = state with { LastActivityAt = now };
        return (current.Stage, result) switch
        {
            (ConversationStage.Registering, Registered registered) =>
                new Step(Fresh(now, ConversationStage.Start), [new TextOut(Texts.Receipt(registered, current.Anonymous, FormatDate(registered.DueAt)))], null, true),
            (ConversationStage.Registering, Failed failed) =>
                Reply(current with { Stage = ConversationStage.Summary }, WithPreface(Texts.FailedPreface(failed.Message), Prompt(current with { Stage = ConversationStage.Summary }, context))),
            (ConversationStage.Consulting, Consulted consulted) => OnConsulted(current, consulted, now),
            (ConversationStage.Consulting, Failed failed) =>
                Reply(AskNupState(current), WithPreface(Texts.FailedPreface(failed.Message), Prompt(AskNupState(current), context))),
            (ConversationStage.SendingComplement, ComplementSent sent) =>
                new Step(Fresh(now, ConversationStage.Menu), [new TextOut(Texts.ComplementSent(sent.Nup)), WelcomeMenu(Texts.AnythingElse)], null, true),
            (ConversationStage.SendingComplement, Failed failed) =>
                Reply(current with { Stage = ConversationStage.Complementing }, WithPreface(Texts.FailedPreface(failed.Message), Prompt(current with { Stage = ConversationStage.Complementing }, context))),

            // A registration that completes after the citizen cancelled or moved on: the NUP and
            // password must still reach the citizen; the current conversation is left as it is.
            (_, Registered registered) => Reply(state, [new TextOut(Texts.Receipt(registered, false, FormatDate(registered.DueAt)))]),

            // Late or duplicate outcomes of requests the conversation no longer waits for.
            _ => Reply(state, []),
        };
    }

    private static Step Start(ConversationState state, Inbound input, DateTimeOffset now) => input switch
    {
        // A button of an earlier conversation still works.
        ChoiceIn { Id: MenuRegister or MenuConsult or MenuAbout } => OnMenu(state with { Stage = ConversationStage.Menu }, input, null, now),
        _ => Reply(state with { Stage = ConversationStage.Menu }, [WelcomeMenu(Texts.WelcomeBody)]),
    };

    private static Step OnMenu(ConversationState state, Inbound input, AssistantContext? context, DateTimeOffset now)
    {
        switch (input)
        {
            case ChoiceIn { Id: MenuRegister }:
                var choosing = Fresh(now, ConversationStage.ChoosingType);
                return Reply(choosing, [TypeList()]);
            case ChoiceIn { Id: MenuConsult }:
                var asking = Fresh(now, ConversationStage.AskingNup);
                return Reply(asking, [new TextOut(Texts.AskNup)]);
            case ChoiceIn { Id: MenuAbout }:
                return Reply(Fresh(now, ConversationStage.Menu), [new TextOut(Texts.About), WelcomeMenu(Texts.AnythingElse)]);
            case TextIn text when Texts.IsGreeting(Normalize(text.Text)):
                return Reply(state, [WelcomeMenu(Texts.WelcomeBody)]);
            default:
                return Invalid(state, input, context);
        }
    }

    private static Step Cancel(ConversationState state, DateTimeOffset now) =>
        new(Fresh(now, ConversationStage.Start), [new TextOut(Texts.Cancelled)], null, true);

    private static Step BackToMenu(ConversationState state, DateTimeOffset now) =>
        new(Fresh(now, ConversationStage.Menu), [WelcomeMenu(Texts.MenuBody)], null, HasDraft(state));

    private static bool HasDraft(ConversationState state) => state.Stage is not (ConversationStage.Start or ConversationStage.Menu);

    private static ConversationState Fresh(DateTimeOffset now, ConversationStage stage) =>
        ConversationState.New(now) with { Stage = stage };

    private static Step Reply(ConversationState state, IReadOnlyList<Outbound> replies) => new(state, replies, null, false);

    /// <summary>Re-asks the current question with a hint that depends on what was sent.</summary>
    private static Step Invalid(ConversationState state, Inbound input, AssistantContext? context)
    {
        var hint = input switch
        {
            ChoiceIn => Texts.UnknownChoice,
            TextIn => Texts.ChooseAnOption,
            MediaIn => Texts.MediaNotExpected(state.Stage),
            MediaRejected rejected => Texts.MediaRejected(rejected.Reason, state.Stage),
            _ => Texts.ChooseAnOption,
        };
        return Reply(state, WithPreface(hint, Prompt(state, context)));
    }

    /// <summary>
    /// Typed text that matches a title of the choices on screen (or, on choice-only steps, its
    /// number) counts as that choice: WhatsApp users often type instead of tapping.
    /// </summary>
    private static Inbound Interpret(ConversationState state, Inbound input, AssistantContext context)
    {
        if (input is not TextIn text)
        {
            return input;
        }

        var choices = Prompt(state, context).LastOrDefault() switch
        {
            ButtonsOut buttons => buttons.Buttons,
            ListOut list => list.Rows,
            _ => [],
        };
        var typed = Normalize(text.Text);
        var match = choices.FirstOrDefault(c => Normalize(c.Title) == typed);
        if (match is not null)
        {
            return new ChoiceIn(match.Id);
        }

        if (IsChoiceOnly(state.Stage) && int.TryParse(typed, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1 && number <= choices.Count)
        {
            return new ChoiceIn(choices[number - 1].Id);
        }

        return input;
    }

    private static bool IsChoiceOnly(ConversationStage stage) => stage switch
    {
        ConversationStage.Start or ConversationStage.Menu or ConversationStage.ChoosingType or ConversationStage.ChoosingTheme
            or ConversationStage.ChoosingIdentification or ConversationStage.AskingConsent or ConversationStage.ConsentRefused
            or ConversationStage.Summary or ConversationStage.ComplementOffered => true,
        ConversationStage.AskingName or ConversationStage.AskingEmail or ConversationStage.Describing or ConversationStage.Attaching
            or ConversationStage.Registering or ConversationStage.AskingNup or ConversationStage.AskingPassword
            or ConversationStage.Consulting or ConversationStage.Complementing or ConversationStage.SendingComplement => false,
    };

    /// <summary>The question of the current step (what "ajuda" and invalid input repeat).</summary>
    private static IReadOnlyList<Outbound> Prompt(ConversationState state, AssistantContext? context) => state.Stage switch
    {
        ConversationStage.Start or ConversationStage.Menu => [WelcomeMenu(Texts.MenuBody)],
        ConversationStage.ChoosingType => [TypeList()],
        ConversationStage.ChoosingTheme => [ThemeList(state, context)],
        ConversationStage.ChoosingIdentification => [IdentificationButtons(state)],
        ConversationStage.AskingName => [new TextOut(Texts.AskName)],
        ConversationStage.AskingEmail => [new TextOut(Texts.AskEmail)],
        ConversationStage.AskingConsent => [ConsentButtons()],
        ConversationStage.ConsentRefused => [ConsentRefusedButtons(state)],
        ConversationStage.Describing => [DescriptionPrompt(state)],
        ConversationStage.Attaching => [AttachmentPrompt(state, context?.Attachments ?? AttachmentLimits.Legal)],
        ConversationStage.Summary => [SummaryButtons(state, context)],
        ConversationStage.Registering or ConversationStage.Consulting or ConversationStage.SendingComplement => [new TextOut(Texts.StillWorking)],
        ConversationStage.AskingNup => [new TextOut(Texts.AskNup)],
        ConversationStage.AskingPassword => [new TextOut(Texts.AskPassword)],
        ConversationStage.ComplementOffered => [ComplementOfferButtons()],
        ConversationStage.Complementing => [ComplementPrompt(state, context?.Attachments ?? AttachmentLimits.Legal)],
    };

    private static ListOut WelcomeMenu(string body) => new(body, "Ver opções",
    [
        new Choice(MenuRegister, "Registrar manifestação", "Denúncia, reclamação, sugestão, elogio..."),
        new Choice(MenuConsult, "Consultar manifestação", "Com o protocolo (NUP) e a senha"),
        new Choice(MenuAbout, "Sobre o serviço", "Privacidade (LGPD) e tipos de manifestação"),
    ]);

    /// <summary>Puts a notice before the first reply, in the same message when it fits.</summary>
    private static IReadOnlyList<Outbound> WithPreface(string preface, IReadOnlyList<Outbound> replies)
    {
        if (replies.Count == 0)
        {
            return [new TextOut(preface)];
        }

        Outbound? merged = replies[0] switch
        {
            TextOut text when preface.Length + 2 + text.Body.Length <= TextOut.MaxBody => new TextOut($"{preface}\n\n{text.Body}"),
            ButtonsOut buttons when preface.Length + 2 + buttons.Body.Length <= ButtonsOut.MaxBody => new ButtonsOut($"{preface}\n\n{buttons.Body}", buttons.Buttons),
            ListOut list when preface.Length + 2 + list.Body.Length <= ListOut.MaxBody => new ListOut($"{preface}\n\n{list.Body}", list.ButtonText, list.Rows),
            _ => null,
        };
        return merged is null
            ? [.. SplitText(preface), .. replies]
            : [merged, .. replies.Skip(1)];
    }

    /// <summary>Lower case, no accents, trimmed, without trailing punctuation.</summary>
    internal static string Normalize(string text)
    {
        var decomposed = text.Trim().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString().Normalize(NormalizationForm.FormC).TrimEnd('.', '!', '?', ',', ';', ' ').Trim();
    }

    /// <summary>Shortens to <paramref name="max"/> characters, ending with "…" when cut.</summary>
    internal static string Fit(string text, int max)
    {
        var clean = text.Trim();
        if (clean.Length <= max)
        {
            return clean;
        }

        var cut = clean[..(max - 1)];
        var space = cut.LastIndexOf(' ');
        if (space > max / 2)
        {
            cut = cut[..space];
        }

        return cut.TrimEnd(' ', ',', ';', '.', ':') + "…";
    }

    /// <summary>Splits a long text into <see cref="TextOut"/> messages, preferring line and word breaks.</summary>
    internal static IReadOnlyList<TextOut> SplitText(string text)
    {
        var parts = new List<TextOut>();
        var rest = text.Trim();
        while (rest.Length > TextOut.MaxBody)
        {
            var window = rest[..TextOut.MaxBody];
            var cut = window.LastIndexOf('\n');
            if (cut < TextOut.MaxBody / 2)
            {
                cut = window.LastIndexOf(' ');
            }

            if (cut < TextOut.MaxBody / 2)
            {
                cut = TextOut.MaxBody;
            }

            var part = rest[..cut].TrimEnd();
            if (part.Length > 0)
            {
                parts.Add(new TextOut(part));
            }

            rest = rest[cut..].TrimStart();
        }

        if (rest.Length > 0)
        {
            parts.Add(new TextOut(rest));
        }

        return parts;
    }

    private static string FormatDate(DateTimeOffset date) =>
        date.ToOffset(BrasiliaOffset).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string FormatSize(long bytes) =>
        (bytes / (1024.0 * 1024.0)).ToString("0.0", CultureInfo.InvariantCulture).Replace('.', ',') + " MB";
}
