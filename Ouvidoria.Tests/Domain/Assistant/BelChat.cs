using System.Text.Json;
using Ouvidoria.Domain.Assistant;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Domain.Organization;

namespace Ouvidoria.Tests.Domain.Assistant;

/// <summary>
/// Drives a conversation with Bel using a fake clock. After every step the state goes through
/// System.Text.Json (serialize → deserialize, asserted equal) and the conversation continues from
/// the deserialized copy, as a host persisting it would; every reply is checked against the limits.
/// </summary>
internal sealed class BelChat
{
    public static readonly DateTimeOffset Start = new(2026, 3, 10, 13, 0, 0, TimeSpan.Zero);

    public static readonly ThemeOption Lighting = new(Guid.Parse("11111111-1111-1111-1111-111111111111"), "Iluminação pública", PersonalDataRequirement.None);

    public static readonly ThemeOption Health = new(Guid.Parse("22222222-2222-2222-2222-222222222222"), "Saúde", PersonalDataRequirement.Name);

    public static readonly ThemeOption Education = new(Guid.Parse("33333333-3333-3333-3333-333333333333"), "Educação", PersonalDataRequirement.NameAndEmail);

    public const string ValidNup = "23037.001462/2021-65";

    public BelChat(AssistantContext? context = null, bool roundTrip = true)
    {
        Context = context ?? new AssistantContext([Lighting, Health, Education]);
        RoundTripStates = roundTrip;
        State = ConversationState.New(Start);
        Now = Start;
    }

    public AssistantContext Context { get; }

    public bool RoundTripStates { get; }

    public ConversationState State { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public Step Last { get; private set; } = null!;

    public List<Outbound> AllReplies { get; } = [];

    public Step Send(Inbound input, TimeSpan? after = null)
    {
        Now += after ?? TimeSpan.FromSeconds(20);
        return Record(Bel.Handle(State, input, Context, Now));
    }

    public Step Text(string text, TimeSpan? after = null) => Send(new TextIn(text), after);

    public Step Choose(string id) => Send(new ChoiceIn(id));

    public Step Resume(AssistantResult result)
    {
        Now += TimeSpan.FromSeconds(1);
        return Record(Bel.Resume(State, result, Context, Now));
    }

    /// <summary>All reply bodies of the last step, joined.</summary>
    public string LastText => string.Join("\n---\n", Last.Replies.Select(Body));

    /// <summary>The buttons or rows of the last reply that has any.</summary>
    public IReadOnlyList<Choice> LastChoices => Last.Replies.LastOrDefault(r => r is ButtonsOut or ListOut) switch
    {
        ButtonsOut buttons => buttons.Buttons,
        ListOut list => list.Rows,
        _ => [],
    };

    public IReadOnlyList<string> LastChoiceIds => LastChoices.Select(c => c.Id).ToList();

    public static string Body(Outbound reply) => reply switch
    {
        TextOut text => text.Body,
        ButtonsOut buttons => buttons.Body,
        ListOut list => list.Body,
        _ => throw new InvalidOperationException(reply.GetType().Name),
    };

    public static ConversationState RoundTrip(ConversationState state)
    {
        var json = JsonSerializer.Serialize(state);
        var back = JsonSerializer.Deserialize<ConversationState>(json)!;
        Assert.Equal(state, back);
        Assert.Equal(state.GetHashCode(), back.GetHashCode());
        Assert.Equal(json, JsonSerializer.Serialize(back));
        return back;
    }

    public static void AssertWithinLimits(Outbound reply)
    {
        switch (reply)
        {
            case TextOut text:
                Assert.InRange(text.Body.Length, 1, 4096);
                break;
            case ButtonsOut buttons:
                Assert.InRange(buttons.Body.Length, 1, 1024);
                Assert.InRange(buttons.Buttons.Count, 1, 3);
                Assert.All(buttons.Buttons, b => Assert.InRange(b.Title.Length, 1, 20));
                break;
            case ListOut list:
                Assert.InRange(list.Body.Length, 1, 1024);
                Assert.InRange(list.ButtonText.Length, 1, 20);
                Assert.InRange(list.Rows.Count, 1, 10);
                Assert.All(list.Rows, r => Assert.InRange(r.Title.Length, 1, 24));
                Assert.All(list.Rows, r => Assert.True(r.Description is null || r.Description.Length <= 72));
                break;
            default:
                throw new InvalidOperationException(reply.GetType().Name);
        }
    }

    // Shortcuts through the flows.
    public void OpenMenu() => Text("oi");

    public void StartRegistration(ManifestationType type)
    {
        OpenMenu();
        Choose(Bel.MenuRegister);
        Choose("type:" + type);
    }

    public void ReachIdentified(ManifestationType type, ThemeOption theme, string name = "Maria da Silva")
    {
        StartRegistration(type);
        Choose("theme:" + theme.Id);
        if (type is ManifestationType.Denunciation or ManifestationType.Complaint)
        {
            Choose(Bel.IdentifiedId);
        }

        Text(name);
        if (theme.PersonalData == PersonalDataRequirement.NameAndEmail)
        {
            Text("maria@exemplo.com.br");
        }

        Choose(Bel.ConsentYes);
    }

    public void ReachSummary(ManifestationType type = ManifestationType.Complaint, ThemeOption? theme = null, string description = "O posto de saúde está fechado há uma semana.")
    {
        ReachIdentified(type, theme ?? Health);
        Text(description);
        Choose(Bel.DescriptionDone);
        Choose(Bel.AttachmentsContinue);
    }

    public void ReachConsultPassword(string nup = ValidNup)
    {
        OpenMenu();
        Choose(Bel.MenuConsult);
        Text(nup);
    }

    public static MediaIn Media(int index, long sizeBytes = 1024, MediaKind kind = MediaKind.Image) =>
        new(kind, $"foto{index}.jpg", "image/jpeg", sizeBytes, $"tmp/{index:D3}");

    private Step Record(Step step)
    {
        Last = step;
        foreach (var reply in step.Replies)
        {
            AssertWithinLimits(reply);
        }

        AllReplies.AddRange(step.Replies);
        State = RoundTripStates ? RoundTrip(step.State) : step.State;
        return step;
    }
}
