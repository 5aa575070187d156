using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;
using Ouvidoria.Domain.Assistant;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Storage;
using Ouvidoria.Web.Features.Shared;

namespace Ouvidoria.Web.Features.Assistant;

/// <summary>
/// "Fale com a Bel" in the browser: the same engine as WhatsApp, buttons for choices, file upload
/// for attachments. The conversation lives only in this circuit's memory (never stored).
/// </summary>
public sealed partial class WebChat
{
    private readonly List<ChatLine> lines = [];
    private ConversationState state = default!;
    private string text = string.Empty;
    private bool busy;
    private ElementReference body;
    private int renderedLines;

    [Inject]
    private AssistantHost Host { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private FileStore Files { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        state = ConversationState.New(Clock.GetUtcNow());
        if (RendererInfo.IsInteractive)
        {
            // Bel greets first: the "oi" is not shown.
            await RunAsync(new TextIn("oi"), echo: null);
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (lines.Count != renderedLines)
        {
            renderedLines = lines.Count;
            await JS.InvokeVoidAsync("ouvidoriaScrollToEnd", body);
        }
    }

    private Task SendTextAsync()
    {
        var message = text.Trim();
        if (message.Length == 0)
        {
            return Task.CompletedTask;
        }

        text = string.Empty;
        return RunAsync(new TextIn(message), echo: message);
    }

    private async Task OnKeyAsync(KeyboardEventArgs e)
    {
        if (e.Key == "Enter")
        {
            await SendTextAsync();
        }
    }

    private Task ChooseAsync(Choice choice) => RunAsync(new ChoiceIn(choice.Id), echo: choice.Title);

    private async Task SendFileAsync(InputFileChangeEventArgs e)
    {
        var file = e.File;
        Inbound input;
        try
        {
            // The same content check as every other channel, before anything is stored.
            var upload = new UploadedFile(file.Name, file.ContentType, file.Size, () => file.OpenReadStream(AttachmentPolicy.MaxTotalBytes));
            var (checkedFile, stored) = await UploadBatch.StoreOneAsync(Files, upload, Clock.GetUtcNow(), CancellationToken.None);
            input = new MediaIn(KindOf(checkedFile.ContentType), checkedFile.Name, checkedFile.ContentType, stored.SizeBytes, stored.Key);
        }
        catch (DomainException ex)
        {
            input = new MediaRejected(ex.Message);
        }

        await RunAsync(input, echo: $"📎 {file.Name}");
    }

    private async Task RunAsync(Inbound input, string? echo)
    {
        if (echo is not null)
        {
            lines.Add(new ChatLine(false, echo, []));
        }

        busy = true;
        try
        {
            var turn = await Host.HandleAsync(state, input, Channel.Web);
            state = turn.State;
            foreach (var reply in turn.Replies)
            {
                lines.Add(reply switch
                {
                    TextOut t => new ChatLine(true, t.Body, []),
                    ButtonsOut b => new ChatLine(true, b.Body, b.Buttons),
                    ListOut l => new ChatLine(true, l.Body, l.Rows),
                    _ => new ChatLine(true, string.Empty, []),
                });
            }
        }
        finally
        {
            busy = false;
        }
    }

    private static MediaKind KindOf(string contentType) =>
        contentType.StartsWith("image/", StringComparison.OrdinalIgnoreCase) ? MediaKind.Image
        : contentType.StartsWith("video/", StringComparison.OrdinalIgnoreCase) ? MediaKind.Video
        : contentType.StartsWith("audio/", StringComparison.OrdinalIgnoreCase) ? MediaKind.Audio
        : MediaKind.Document;

    private sealed record ChatLine(bool FromBel, string Text, IReadOnlyList<Choice> Choices);
}
