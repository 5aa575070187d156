using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Web.Features.Citizen;
using Ouvidoria.Web.Features.Manifestations;
using Ouvidoria.Web.Features.Shared;

namespace Ouvidoria.Tests.Features.Assistant;

/// <summary>Consulting a manifestation and answering a complement request on WhatsApp.</summary>
public sealed class WhatsAppConsultationTests(WhatsAppApp app) : IClassFixture<WhatsAppApp>
{
    private static readonly Actor Ombudsman = new("wa-test-ombudsman", "Analista de Teste", ActorKind.Ombudsman);

    [Fact]
    public async Task Webhook_ConsultWithNupDigitsAndPassword_SendsTheStatus()
    {
        var receipt = await RegisterAsync();
        var citizen = new WhatsAppDriver(app, "5531990000201");

        await ConsultAsync(citizen, receipt.Nup, receipt.Password);

        var status = citizen.Bodies.Last(b => b.StartsWith("Protocolo ", StringComparison.Ordinal));
        Assert.Contains($"Protocolo {receipt.Nup}", status);
        Assert.Contains($"Situação: {ConsultManifestation.CitizenStatus(ManifestationStatus.Registered)}", status);
        Assert.Contains("Ainda não há resposta.", status);
    }

    [Fact]
    public async Task Webhook_ConsultWithWrongPassword_SendsTheGenericFailure()
    {
        var receipt = await RegisterAsync();
        var citizen = new WhatsAppDriver(app, "5531990000202");

        await ConsultAsync(citizen, receipt.Nup, "senha-errada-123");

        Assert.Contains(ConsultManifestation.GenericFailure, citizen.LastText());
        Assert.DoesNotContain(citizen.Bodies, b => b.StartsWith($"Protocolo {receipt.Nup}", StringComparison.Ordinal));

        // Bel asks the NUP again: the right data still works afterwards.
        await citizen.SendTextAsync(receipt.Nup);
        await citizen.SendTextAsync(receipt.Password);
        Assert.Contains(citizen.Bodies, b => b.StartsWith($"Protocolo {receipt.Nup}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Webhook_ComplementWithTextAndImage_ReturnsTheManifestationToTriageWithTheAttachment()
    {
        var receipt = await RegisterAsync();
        using (var scope = app.Factory.Services.CreateScope())
        {
            var workflow = scope.ServiceProvider.GetRequiredService<ManifestationWorkflow>();
            var triage = await workflow.StartTriageAsync(receipt.Id, Ombudsman);
            Assert.True(triage.IsSuccess, triage.Error?.Message);
            var request = await workflow.RequestComplementAsync(receipt.Id, "Informe o endereço da unidade e envie uma foto.", Ombudsman);
            Assert.True(request.IsSuccess, request.Error?.Message);
        }

        var citizen = new WhatsAppDriver(app, "5531990000203");
        await ConsultAsync(citizen, receipt.Nup, receipt.Password);
        Assert.Contains(citizen.Bodies, b => b.Contains("Informe o endereço da unidade e envie uma foto.", StringComparison.Ordinal));

        await citizen.ChooseAsync("Complementar");
        await citizen.SendTextAsync("A unidade fica na rua Pouso Alegre, 1200.");
        var mediaId = app.Graph.RegisterMedia(WhatsAppDriver.Png, "image/png");
        await citizen.SendImageAsync(mediaId, "image/png", WhatsAppDriver.Sha256Hex(WhatsAppDriver.Png));
        Assert.Contains(citizen.Bodies, b => b.StartsWith("Recebi o arquivo", StringComparison.Ordinal));
        await citizen.ChooseAsync("Enviar");

        Assert.Contains(citizen.Bodies, b => b.StartsWith($"{WhatsAppDriver.Phrases.ComplementSent} {receipt.Nup}", StringComparison.Ordinal));
        await using var db = citizen.Db();
        var saved = await db.Manifestations.Include(m => m.Attachments).SingleAsync(m => m.Id == receipt.Id);
        Assert.Equal(ManifestationStatus.InTriage, saved.Status);
        Assert.Contains("A unidade fica na rua Pouso Alegre, 1200.", saved.ComplementText);
        var attachment = Assert.Single(saved.Attachments);
        Assert.Equal(AttachmentOrigin.Complement, attachment.Origin);
        Assert.Equal("image/png", attachment.ContentType);
        Assert.Equal(WhatsAppDriver.Png.Length, attachment.SizeBytes);
    }

    private static async Task ConsultAsync(WhatsAppDriver citizen, string nup, string password)
    {
        await citizen.SendTextAsync("oi");
        await citizen.ChooseAsync("Consultar manifestação");
        await citizen.SendTextAsync(Nup.DigitsOf(nup)); // only the 17 digits, no separators
        Assert.Equal(17, Nup.DigitsOf(nup).Length);
        await citizen.SendTextAsync(password);
    }

    private async Task<RegistrationReceipt> RegisterAsync()
    {
        using var scope = app.Factory.Services.CreateScope();
        var themes = await scope.ServiceProvider.GetRequiredService<Lookups>().ActiveThemesAsync();
        var result = await scope.ServiceProvider.GetRequiredService<RegisterManifestation>().ExecuteAsync(new RegistrationRequest
        {
            Type = ManifestationType.Complaint,
            ThemeId = themes.Single(t => t.Name == "Saúde").Id,
            Anonymous = false,
            Name = "Beatriz Nogueira Prado",
            Email = "beatriz.prado@exemplo.com.br",
            ConsentToShare = true,
            Description = "A farmácia da UBS Floresta está sem insulina há duas semanas.",
        });
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value;
    }
}
