using System.Text.Json;
using Ouvidoria.Domain.Assistant;
using Ouvidoria.Domain.Manifestations;

namespace Ouvidoria.Tests.Domain.Assistant;

public sealed class ConversationStateJsonTests
{
    [Fact]
    public void Serialize_FullState_RoundTripsEqual()
    {
        var state = ConversationState.New(new DateTimeOffset(2026, 3, 10, 9, 30, 0, TimeSpan.FromHours(-3))) with
        {
            Stage = ConversationStage.Summary,
            Type = ManifestationType.Denunciation,
            ThemeId = BelChat.Health.Id,
            ThemePage = 2,
            Anonymous = false,
            Name = "Maria \"Mô\" da Silva",
            Email = "maria@exemplo.com.br",
            ConsentToShare = true,
            Description = "Linha 1\nLinha 2 — acentuação: ção, ü, 😊",
            PreviousDescription = "antes",
            Attachments = [BelChat.Media(1, 123, MediaKind.Audio), BelChat.Media(2, 456, MediaKind.Document)],
            Nup = BelChat.ValidNup,
            Password = "senha",
        };

        var json = JsonSerializer.Serialize(state);
        var back = JsonSerializer.Deserialize<ConversationState>(json);

        Assert.Equal(state, back);
        Assert.Equal(state.GetHashCode(), back!.GetHashCode());
        Assert.Contains("\"Stage\":", json);
    }

    [Fact]
    public void Equals_DifferentAttachments_NotEqual()
    {
        var state = ConversationState.New(BelChat.Start) with { Attachments = [BelChat.Media(1)] };

        Assert.NotEqual(state, state with { Attachments = [BelChat.Media(2)] });
        Assert.Equal(state, state with { Attachments = [BelChat.Media(1)] });
    }

    [Fact]
    public void Serialize_NewState_DeserializesToNewState()
    {
        var json = JsonSerializer.Serialize(ConversationState.New(BelChat.Start));

        var back = JsonSerializer.Deserialize<ConversationState>(json)!;

        Assert.Equal(ConversationStage.Start, back.Stage);
        Assert.Empty(back.Attachments);
        Assert.Equal(string.Empty, back.Description);
    }

    /// <summary>
    /// The same script run twice, once persisting the state through JSON after every step: every
    /// reply and request must be identical.
    /// </summary>
    [Fact]
    public void Handle_StateRoundTrippedAfterEveryStep_BehavesTheSame()
    {
        static List<string> Run(bool roundTrip)
        {
            var chat = new BelChat(roundTrip: roundTrip);
            var log = new List<string>();
            void Log(Step step) => log.Add(JsonSerializer.Serialize<object>(new
            {
                Replies = step.Replies.Select(r => (object)r).ToList(),
                Request = (object?)step.Request,
                step.Finished,
                step.State.Stage,
            }));

            Log(chat.Text("oi"));
            Log(chat.Choose(Bel.MenuRegister));
            Log(chat.Choose("type:Denunciation"));
            Log(chat.Choose("theme:" + BelChat.Education.Id));
            Log(chat.Choose(Bel.IdentifiedId));
            Log(chat.Text("Maria"));
            Log(chat.Text("maria@"));
            Log(chat.Text("maria@exemplo.com.br"));
            Log(chat.Choose(Bel.ConsentNo));
            Log(chat.Choose(Bel.ConsentYes));
            Log(chat.Text("Desvio de material"));
            Log(chat.Text("no almoxarifado."));
            Log(chat.Choose(Bel.DescriptionDone));
            Log(chat.Send(BelChat.Media(1)));
            Log(chat.Send(new MediaRejected("formato não aceito.")));
            Log(chat.Choose(Bel.AttachmentsContinue));
            Log(chat.Choose(Bel.ConfirmEdit));
            Log(chat.Text("Desvio de material no almoxarifado central."));
            Log(chat.Choose(Bel.DescriptionDone));
            Log(chat.Choose(Bel.ConfirmYes));
            Log(chat.Resume(new Failed("Tente novamente.")));
            Log(chat.Text("ajuda"));
            Log(chat.Choose(Bel.ConfirmYes));
            Log(chat.Resume(new Registered(BelChat.ValidNup, "SENHA", BelChat.Start.AddDays(30))));
            Log(chat.Text("oi"));
            Log(chat.Choose(Bel.MenuConsult));
            Log(chat.Text("23037001462202165"));
            Log(chat.Text("SENHA"));
            Log(chat.Resume(new Consulted(BelChat.ValidNup, "Em análise", null, ["Parcial."], "Informe a data.")));
            Log(chat.Choose(Bel.ComplementStart));
            Log(chat.Text("Foi dia 3."));
            Log(chat.Send(BelChat.Media(2)));
            Log(chat.Choose(Bel.ComplementSend));
            Log(chat.Resume(new ComplementSent(BelChat.ValidNup)));
            return log;
        }

        var plain = Run(roundTrip: false);
        var persisted = Run(roundTrip: true);

        Assert.Equal(plain, persisted);
        Assert.Contains(plain, entry => entry.Contains("\"ThemeId\":", StringComparison.Ordinal));
        Assert.Contains(plain, entry => entry.Contains("\"Text\":\"Foi dia 3.\"", StringComparison.Ordinal));
    }
}
