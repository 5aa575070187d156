using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Assistant;
using Ouvidoria.Domain.Manifestations;

namespace Ouvidoria.Tests.Features.Assistant;

/// <summary>Registration on WhatsApp: anonymous denúncia, cancelling and the idle timeout.</summary>
public sealed class WhatsAppRegistrationFlowTests(WhatsAppApp app) : IClassFixture<WhatsAppApp>
{
    [Fact]
    public async Task Webhook_AnonymousDenunciation_RegistersCommunicationWithoutRequesterAndWarnsAboutComplements()
    {
        var citizen = new WhatsAppDriver(app, "5531990000101");
        await citizen.SendTextAsync("oi");
        await citizen.ChooseAsync("Registrar manifestação");
        await citizen.ChooseAsync("Denúncia");
        await citizen.ChooseAsync("Saúde");
        await citizen.ChooseAsync("Anônimo");
        await citizen.SendTextAsync("O posto de saúde do bairro Floresta cobra por consultas que deveriam ser gratuitas.");
        await citizen.ChooseAsync("Concluir descrição");
        await citizen.ChooseAsync("Continuar");
        await citizen.ChooseAsync("Confirmar");

        var receipt = citizen.LastText();
        Assert.Contains(WhatsAppDriver.Phrases.AnonymousReceipt, receipt);
        Assert.True(Nup.TryParse(WhatsAppDriver.NupIn(receipt), out var nup), receipt);

        await using var db = citizen.Db();
        var saved = await db.Manifestations.SingleAsync(m => m.Nup == nup);
        Assert.Equal(ManifestationType.Communication, saved.Type);
        Assert.Null(saved.Requester);
        Assert.Equal(Channel.WhatsApp, saved.Channel);
        Assert.True(saved.VerifyPassword(WhatsAppDriver.PasswordIn(receipt)));
    }

    [Fact]
    public async Task Webhook_CancelMidRegistration_ConfirmsAndRestartsAtTheWelcomeMenu()
    {
        var citizen = new WhatsAppDriver(app, "5531990000102");
        await citizen.SendTextAsync("oi");
        await citizen.ChooseAsync("Registrar manifestação");
        await citizen.ChooseAsync("Reclamação");
        await citizen.ChooseAsync("Saúde");
        await citizen.ChooseAsync("Identificar-me");
        await citizen.SendTextAsync("Rafael Moreira Lopes");

        await citizen.SendTextAsync("cancelar");
        Assert.StartsWith(WhatsAppDriver.Phrases.Cancelled, citizen.LastText());

        var before = citizen.Sends.Count;
        await citizen.SendTextAsync("oi");
        var replies = citizen.Sends.Skip(before).ToList();
        var welcome = Assert.Single(replies);
        Assert.Equal("interactive", welcome.Json.GetProperty("type").GetString());
        Assert.StartsWith(WhatsAppDriver.Phrases.WelcomeStart, WhatsAppDriver.BodyOf(welcome.Json));

        // The menu is live again: the registration starts from the type, not where it was cancelled.
        await citizen.ChooseAsync("Registrar manifestação");
        Assert.Equal("Que tipo de manifestação você quer registrar?", WhatsAppDriver.BodyOf(citizen.Sends[^1].Json));
    }

    [Fact]
    public async Task Webhook_MessageAfterTwoIdleHoursMidRegistration_AnswersExpiredAndTheWelcomeMenu()
    {
        var citizen = new WhatsAppDriver(app, "5531990000103");
        await citizen.SendTextAsync("oi");
        await citizen.ChooseAsync("Registrar manifestação");
        var wamid = await citizen.SendTextAsync("Reclamação"); // typed title counts as the choice
        var key = await citizen.ConversationKeyOfAsync(wamid);

        // Two hours pass (the app runs on TimeProvider.System): age the stored state only, so the
        // purge job (which looks at UpdatedAt) leaves the row for the engine to judge.
        await using (var db = citizen.Db())
        {
            var row = await db.AssistantConversations.SingleAsync(c => c.Key == key);
            var state = JsonSerializer.Deserialize<ConversationState>(row.StateJson)!;
            Assert.Equal(ConversationStage.ChoosingTheme, state.Stage);
            row.StateJson = JsonSerializer.Serialize(state with { LastActivityAt = DateTimeOffset.UtcNow.AddHours(-2) });
            await db.SaveChangesAsync();
        }

        var before = citizen.Sends.Count;
        await citizen.SendTextAsync("Saúde");
        var replies = citizen.Sends.Skip(before).Select(s => WhatsAppDriver.BodyOf(s.Json)).ToList();

        Assert.Equal(2, replies.Count);
        Assert.StartsWith(WhatsAppDriver.Phrases.Expired, replies[0]);
        Assert.StartsWith(WhatsAppDriver.Phrases.WelcomeStart, replies[1]);
        await using (var db = citizen.Db())
        {
            var state = JsonSerializer.Deserialize<ConversationState>((await db.AssistantConversations.SingleAsync(c => c.Key == key)).StateJson)!;
            Assert.Equal(ConversationStage.Menu, state.Stage);
            Assert.Null(state.Type);
        }
    }
}
