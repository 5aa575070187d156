using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Domain.Organization;

namespace Ouvidoria.Domain.Assistant;

public static partial class Bel
{
    /// <summary>The types a citizen may choose, in menu order (comunicação is what an anonymous denúncia/reclamação becomes).</summary>
    public static readonly IReadOnlyList<ManifestationType> OfferedTypes =
    [
        ManifestationType.Denunciation,
        ManifestationType.Complaint,
        ManifestationType.Request,
        ManifestationType.Suggestion,
        ManifestationType.Compliment,
        ManifestationType.Simplification,
    ];

    /// <summary>The same limit as <see cref="Manifestation.MaxDescriptionLength"/>.</summary>
    private const int MaxDescriptionLength = Manifestation.MaxDescriptionLength;

    private const int MinDescriptionLength = 10;

    private const int MaxNameLength = 120;

    /// <summary>The e-mail column limit (TextLimits.Email on main).</summary>
    private const int MaxEmailLength = 200;

    private static bool AllowsAnonymity(ManifestationType? type) =>
        type is ManifestationType.Denunciation or ManifestationType.Complaint;

    private static Step OnType(ConversationState state, Inbound input, AssistantContext context, DateTimeOffset now)
    {
        if (input is ChoiceIn choice && choice.Id.StartsWith(TypePrefix, StringComparison.Ordinal)
            && Enum.TryParse<ManifestationType>(choice.Id[TypePrefix.Length..], out var type)
            && OfferedTypes.Contains(type) && choice.Id == TypeId(type))
        {
            if (context.Themes.Count == 0)
            {
                return Reply(Fresh(now, ConversationStage.Menu), [new TextOut(Texts.NoThemes), WelcomeMenu(Texts.AnythingElse)]);
            }

            var next = state with { Type = type, ThemePage = 0, Stage = ConversationStage.ChoosingTheme };
            return Reply(next, [ThemeList(next, context)]);
        }

        return Invalid(state, input, context);
    }

    private static Step OnTheme(ConversationState state, Inbound input, AssistantContext context)
    {
        if (input is ChoiceIn choice)
        {
            if (choice.Id.StartsWith(ThemePagePrefix, StringComparison.Ordinal))
            {
                if (int.TryParse(choice.Id[ThemePagePrefix.Length..], out var page) && page >= 1 && page <= ThemePages(context.Themes.Count).Count)
                {
                    var paged = state with { ThemePage = page - 1 };
                    return Reply(paged, [ThemeList(paged, context)]);
                }
            }
            else if (choice.Id.StartsWith(ThemePrefix, StringComparison.Ordinal)
                && Guid.TryParse(choice.Id[ThemePrefix.Length..], out var id)
                && context.Themes.Any(t => t.Id == id))
            {
                var chosen = state with { ThemeId = id };
                if (AllowsAnonymity(state.Type))
                {
                    var identifying = chosen with { Stage = ConversationStage.ChoosingIdentification };
                    return Reply(identifying, [IdentificationButtons(identifying)]);
                }

                var naming = chosen with { Stage = ConversationStage.AskingName, Anonymous = false };
                return Reply(naming, [new TextOut(Texts.MustIdentify(state.Type!.Value) + "\n\n" + Texts.AskName)]);
            }
        }

        return Invalid(state, input, context);
    }

    private static Step OnIdentification(ConversationState state, Inbound input, AssistantContext context)
    {
        switch (input)
        {
            case ChoiceIn { Id: IdentifiedId }:
                return Reply(state with { Stage = ConversationStage.AskingName, Anonymous = false }, [new TextOut(Texts.AskName)]);
            case ChoiceIn { Id: AnonymousId }:
                return GoAnonymous(state, context);
            default:
                return Invalid(state, input, context);
        }
    }

    private static Step GoAnonymous(ConversationState state, AssistantContext context)
    {
        var next = state with
        {
            Anonymous = true,
            Name = null,
            Email = null,
            ConsentToShare = false,
            Stage = ConversationStage.Describing,
        };
        return Reply(next, WithPreface(Texts.AnonymousChosen, Prompt(next, context)));
    }

    private static Step OnName(ConversationState state, Inbound input, AssistantContext context)
    {
        if (input is not TextIn text)
        {
            return Invalid(state, input, context);
        }

        var name = string.Join(' ', text.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (name.Length < 2 || name.Length > MaxNameLength || !name.Any(char.IsLetter) || name.Contains('@'))
        {
            return Reply(state, [new TextOut(Texts.InvalidName(MaxNameLength))]);
        }

        var named = state with { Name = name };
        if (ThemeOf(state, context)?.PersonalData == PersonalDataRequirement.NameAndEmail)
        {
            return Reply(named with { Stage = ConversationStage.AskingEmail }, [new TextOut(Texts.AskEmail)]);
        }

        var consenting = named with { Email = null, Stage = ConversationStage.AskingConsent };
        return Reply(consenting, [ConsentButtons()]);
    }

    private static Step OnEmail(ConversationState state, Inbound input, AssistantContext context)
    {
        if (input is not TextIn text)
        {
            return Invalid(state, input, context);
        }

        var email = text.Text.Trim();
        if (!IsPlausibleEmail(email))
        {
            return Reply(state, [new TextOut(Texts.InvalidEmail)]);
        }

        return Reply(state with { Email = email, Stage = ConversationStage.AskingConsent }, [ConsentButtons()]);
    }

    /// <summary>The same rule as <see cref="Requester"/>: one "@", a dot in the domain, no spaces.</summary>
    internal static bool IsPlausibleEmail(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return email.Length <= MaxEmailLength
            && at > 0
            && at == email.LastIndexOf('@')
            && email.IndexOf('.', at) > at + 1
            && !email.EndsWith('.')
            && !email.Any(char.IsWhiteSpace);
    }

    private static Step OnConsent(ConversationState state, Inbound input, AssistantContext context, DateTimeOffset now)
    {
        switch (input)
        {
            case ChoiceIn { Id: ConsentYes }:
                return Consented(state, context);
            case ChoiceIn { Id: ConsentNo } when AllowsAnonymity(state.Type):
                var refused = state with { Stage = ConversationStage.ConsentRefused };
                return Reply(refused, [ConsentRefusedButtons(refused)]);
            case ChoiceIn { Id: ConsentNo }:
                return new Step(Fresh(now, ConversationStage.Start), [new TextOut(Texts.ConsentRequired(state.Type ?? ManifestationType.Suggestion))], null, true);
            default:
                return Invalid(state, input, context);
        }
    }

    private static Step Consented(ConversationState state, AssistantContext context)
    {
        var next = state with { ConsentToShare = true, Anonymous = false, Stage = ConversationStage.Describing };
        return Reply(next, Prompt(next, context));
    }

    private static Step OnConsentRefused(ConversationState state, Inbound input, AssistantContext context) => input switch
    {
        ChoiceIn { Id: AnonymousId } => GoAnonymous(state, context),
        ChoiceIn { Id: ConsentYes } => Consented(state, context),
        _ => Invalid(state, input, context),
    };

    private static Step OnDescription(ConversationState state, Inbound input, AssistantContext context)
    {
        switch (input)
        {
            case TextIn text when string.IsNullOrWhiteSpace(text.Text):
                return Invalid(state, input, context);
            case TextIn text:
                var part = text.Text.Trim();
                var description = state.Description.Length == 0 ? part : state.Description + "\n" + part;
                if (description.Length > MaxDescriptionLength)
                {
                    return Reply(state, WithPreface(Texts.DescriptionTooLong(MaxDescriptionLength), Prompt(state, context)));
                }

                var longer = state with { Description = description };
                return Reply(longer, Prompt(longer, context));
            case ChoiceIn { Id: DescriptionMore }:
                return Reply(state, [new TextOut(Texts.KeepWriting)]);
            case ChoiceIn { Id: DescriptionKeep } when state.PreviousDescription is not null:
                return ShowSummary(state with { Description = state.PreviousDescription, PreviousDescription = null }, context);
            case ChoiceIn { Id: DescriptionDone } when state.Description.Trim().Length < MinDescriptionLength:
                return Reply(state, WithPreface(Texts.DescriptionTooShort(MinDescriptionLength), Prompt(state, context)));
            case ChoiceIn { Id: DescriptionDone } when state.PreviousDescription is not null:
                return ShowSummary(state with { PreviousDescription = null }, context);
            case ChoiceIn { Id: DescriptionDone }:
                var attaching = state with { Stage = ConversationStage.Attaching };
                return Reply(attaching, Prompt(attaching, context));
            case MediaIn or MediaRejected:
            default:
                return Invalid(state, input, context);
        }
    }

    private static Step OnAttachment(ConversationState state, Inbound input, AssistantContext context)
    {
        switch (input)
        {
            case ChoiceIn { Id: AttachmentsContinue }:
                return ShowSummary(state, context);
            case MediaIn media:
                var (next, notice) = AddMedia(state, media, context.Attachments);
                return Reply(next, WithPreface(notice, Prompt(next, context)));
            default:
                return Invalid(state, input, context);
        }
    }

    /// <summary>Adds a file within the office's <see cref="AttachmentLimits"/>, or explains why not.</summary>
    private static (ConversationState State, string Notice) AddMedia(ConversationState state, MediaIn media, AttachmentLimits limits)
    {
        if (state.Attachments.Count >= limits.MaxFiles)
        {
            return (state, Texts.TooManyFiles(media.FileName, limits.MaxFiles));
        }

        var total = state.Attachments.Sum(a => a.SizeBytes);
        if (media.SizeBytes < 0 || total + media.SizeBytes > limits.MaxTotalBytes)
        {
            return (state, Texts.TooLarge(media.FileName, FormatSize(limits.MaxTotalBytes), FormatSize(limits.MaxTotalBytes - total)));
        }

        return (state with { Attachments = [.. state.Attachments, media] }, Texts.FileReceived(media.FileName));
    }

    private static Step ShowSummary(ConversationState state, AssistantContext context)
    {
        var summary = state with { Stage = ConversationStage.Summary };
        return Reply(summary, [SummaryButtons(summary, context)]);
    }

    private static Step OnSummary(ConversationState state, Inbound input, AssistantContext context)
    {
        switch (input)
        {
            case ChoiceIn { Id: ConfirmYes }:
                var request = new RegisterRequest(
                    state.Type ?? ManifestationType.Request,
                    state.ThemeId ?? Guid.Empty,
                    state.Anonymous,
                    state.Anonymous ? null : state.Name,
                    state.Anonymous ? null : state.Email,
                    !state.Anonymous && state.ConsentToShare,
                    state.Description,
                    state.Attachments);
                return new Step(state with { Stage = ConversationStage.Registering }, [new TextOut(Texts.Registering)], request, false);
            case ChoiceIn { Id: ConfirmEdit }:
                var editing = state with { Stage = ConversationStage.Describing, PreviousDescription = state.Description, Description = string.Empty };
                return Reply(editing, Prompt(editing, context));
            default:
                return Invalid(state, input, context);
        }
    }

    private static ThemeOption? ThemeOf(ConversationState state, AssistantContext? context) =>
        context?.Themes.FirstOrDefault(t => t.Id == state.ThemeId);

    private static string TypeId(ManifestationType type) => TypePrefix + type;

    private static string ShortTitle(ManifestationType type) => type switch
    {
        ManifestationType.Complaint => "Reclamação",
        ManifestationType.Denunciation => "Denúncia",
        ManifestationType.Communication => "Comunicação",
        ManifestationType.Compliment => "Elogio",
        ManifestationType.Suggestion => "Sugestão",
        ManifestationType.Request => "Solicitação",
        ManifestationType.Simplification => "Simplificação",
    };

    private static ListOut TypeList() => new(
        Texts.ChooseType,
        "Ver tipos",
        [.. OfferedTypes.Select(t => new Choice(TypeId(t), ShortTitle(t), Fit(t.Explanation(), ListOut.MaxDescription)))]);

    /// <summary>
    /// Pages of the theme list: all themes when they fit in 10 rows; otherwise 9 themes and "Mais
    /// temas" on the first page, "Temas anteriores" + 8 + "Mais temas" in the middle, and
    /// "Temas anteriores" + up to 9 on the last.
    /// </summary>
    internal static IReadOnlyList<(int Start, int Count)> ThemePages(int count)
    {
        if (count <= ListOut.MaxRows)
        {
            return [(0, count)];
        }

        var pages = new List<(int Start, int Count)>();
        var start = 0;
        while (true)
        {
            var capacity = ListOut.MaxRows - (pages.Count > 0 ? 1 : 0);
            var remaining = count - start;
            if (remaining <= capacity)
            {
                pages.Add((start, remaining));
                return pages;
            }

            pages.Add((start, capacity - 1));
            start += capacity - 1;
        }
    }

    private static Outbound ThemeList(ConversationState state, AssistantContext? context)
    {
        var themes = context?.Themes ?? [];
        if (themes.Count == 0)
        {
            return new TextOut(Texts.NoThemes);
        }

        var pages = ThemePages(themes.Count);
        var index = Math.Clamp(state.ThemePage, 0, pages.Count - 1);
        var (start, count) = pages[index];
        var rows = new List<Choice>();
        if (index > 0)
        {
            rows.Add(new Choice(ThemePagePrefix + index, "Temas anteriores", $"Voltar à página {index} de {pages.Count}"));
        }

        rows.AddRange(themes.Skip(start).Take(count).Select(t => new Choice(
            ThemePrefix + t.Id.ToString("D"),
            Fit(t.Name, ListOut.MaxTitle),
            t.Name.Trim().Length > ListOut.MaxTitle ? Fit(t.Name, ListOut.MaxDescription) : null)));
        if (index < pages.Count - 1)
        {
            rows.Add(new Choice(ThemePagePrefix + (index + 2), "Mais temas", $"Ver a página {index + 2} de {pages.Count}"));
        }

        var typeLabel = (state.Type ?? ManifestationType.Request).Label().ToLowerInvariant();
        var body = pages.Count > 1
            ? $"{Texts.ChooseTheme(typeLabel)} (página {index + 1} de {pages.Count})"
            : Texts.ChooseTheme(typeLabel);
        return new ListOut(body, "Ver temas", rows);
    }

    private static ButtonsOut IdentificationButtons(ConversationState state) => new(
        Texts.Identification((state.Type ?? ManifestationType.Complaint).Label().ToLowerInvariant()),
        [new Choice(IdentifiedId, "Identificar-me"), new Choice(AnonymousId, "Anônimo")]);

    private static ButtonsOut ConsentButtons() => new(
        Texts.AskConsent,
        [new Choice(ConsentYes, "Autorizo"), new Choice(ConsentNo, "Não autorizo")]);

    private static ButtonsOut ConsentRefusedButtons(ConversationState state) => new(
        Texts.ConsentRefused((state.Type ?? ManifestationType.Complaint).Label().ToLowerInvariant()),
        [new Choice(AnonymousId, "Seguir anônimo"), new Choice(ConsentYes, "Autorizo"), new Choice(CancelId, "Cancelar")]);

    private static Outbound DescriptionPrompt(ConversationState state)
    {
        if (state.Description.Length == 0)
        {
            return state.PreviousDescription is null
                ? new TextOut(Texts.AskDescription)
                : new ButtonsOut(Texts.AskNewDescription, [new Choice(DescriptionKeep, "Manter a anterior")]);
        }

        List<Choice> buttons = [new Choice(DescriptionDone, "Concluir descrição"), new Choice(DescriptionMore, "Continuar escrevendo")];
        if (state.PreviousDescription is not null)
        {
            buttons.Add(new Choice(DescriptionKeep, "Manter a anterior"));
        }

        return new ButtonsOut(Texts.DescriptionSoFar(state.Description.Length), buttons);
    }

    private static ButtonsOut AttachmentPrompt(ConversationState state, AttachmentLimits limits) => new(
        Texts.AskAttachments(state.Attachments.Count, limits.MaxFiles, FormatSize(state.Attachments.Sum(a => a.SizeBytes)), FormatSize(limits.MaxTotalBytes)),
        [new Choice(AttachmentsContinue, "Continuar")]);

    private static ButtonsOut SummaryButtons(ConversationState state, AssistantContext? context)
    {
        var type = state.Type ?? ManifestationType.Request;
        var theme = ThemeOf(state, context)?.Name ?? "(temática indisponível)";
        var identification = state.Anonymous
            ? $"anônima (será registrada como {ManifestationType.Communication.Label().ToLowerInvariant()})"
            : $"identificada, {Fit(state.Name ?? string.Empty, 60)}";
        var body = Texts.Summary(type.Label(), Fit(theme, 100), identification, Fit(state.Description.ReplaceLineEndings(" "), 300), state.Attachments.Count);
        return new ButtonsOut(body, [new Choice(ConfirmYes, "Confirmar"), new Choice(ConfirmEdit, "Corrigir descrição"), new Choice(CancelId, "Cancelar")]);
    }
}
