using System.Text;
using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Manifestations;

namespace Ouvidoria.Tests.Features.Assistant;

/// <summary>Files that must not be attached: a disguised executable and a download that fails its hash.</summary>
public sealed class WhatsAppMediaValidationTests(WhatsAppApp app) : IClassFixture<WhatsAppApp>
{
    [Fact]
    public async Task Webhook_ExecutableDeclaredAsJpeg_IsRejectedWithAReasonAndNotAttached()
    {
        var citizen = new WhatsAppDriver(app, "5531990000301");
        await StartAnonymousRegistrationAtAttachmentsAsync(citizen);

        var executable = Encoding.ASCII.GetBytes("MZ\u0090\0\u0003\0\0\0\u0004\0\0\0This program cannot be run in DOS mode.")
            .Concat(new byte[512]).ToArray();
        var mediaId = app.Graph.RegisterMedia(executable, "image/jpeg");
        var before = citizen.Sends.Count;
        await citizen.SendImageAsync(mediaId, "image/jpeg", WhatsAppDriver.Sha256Hex(executable));

        var reply = string.Join("\n", citizen.Sends.Skip(before).Select(s => WhatsAppDriver.BodyOf(s.Json)));
        Assert.Contains($"{WhatsAppDriver.Phrases.MediaRejected} O arquivo enviado não é uma imagem válida.", reply);
        Assert.Contains("Arquivos: 0 de", reply);
        Assert.DoesNotContain("Recebi o arquivo", reply);

        var saved = await ConfirmAsync(citizen);
        Assert.Empty(saved.Attachments);
    }

    [Fact]
    public async Task Webhook_MediaWhoseBytesDoNotMatchTheSha256_IsRejectedWithAMessageAndNotAttached()
    {
        var citizen = new WhatsAppDriver(app, "5531990000302");
        await StartAnonymousRegistrationAtAttachmentsAsync(citizen);

        var wrongHash = WhatsAppDriver.Sha256Hex("outro conteúdo"u8.ToArray());
        var mediaId = app.Graph.RegisterMedia(WhatsAppDriver.Png, "image/png", sha256: wrongHash);
        var before = citizen.Sends.Count;
        await citizen.SendImageAsync(mediaId, "image/png", wrongHash);

        var reply = string.Join("\n", citizen.Sends.Skip(before).Select(s => WhatsAppDriver.BodyOf(s.Json)));
        Assert.Contains($"{WhatsAppDriver.Phrases.MediaRejected} Não consegui baixar o arquivo com segurança.", reply);
        Assert.Contains("Arquivos: 0 de", reply);

        var saved = await ConfirmAsync(citizen);
        Assert.Empty(saved.Attachments);
    }

    private static async Task StartAnonymousRegistrationAtAttachmentsAsync(WhatsAppDriver citizen)
    {
        await citizen.SendTextAsync("oi");
        await citizen.ChooseAsync("Registrar manifestação");
        await citizen.ChooseAsync("Reclamação");
        await citizen.ChooseAsync("Saúde");
        await citizen.ChooseAsync("Anônimo");
        await citizen.SendTextAsync("O elevador do hospital municipal está parado há um mês e pacientes sobem de escada.");
        await citizen.ChooseAsync("Concluir descrição");
        Assert.StartsWith("Envie fotos, vídeos, áudios ou documentos", WhatsAppDriver.BodyOf(citizen.Sends[^1].Json));
    }

    private static async Task<Manifestation> ConfirmAsync(WhatsAppDriver citizen)
    {
        await citizen.ChooseAsync("Continuar");
        Assert.Contains("• Anexos: 0 arquivos", WhatsAppDriver.BodyOf(citizen.Sends[^1].Json));
        await citizen.ChooseAsync("Confirmar");
        var receipt = citizen.LastText();
        Assert.True(Nup.TryParse(WhatsAppDriver.NupIn(receipt), out var nup), receipt);
        await using var db = citizen.Db();
        return await db.Manifestations.Include(m => m.Attachments).SingleAsync(m => m.Nup == nup);
    }
}
