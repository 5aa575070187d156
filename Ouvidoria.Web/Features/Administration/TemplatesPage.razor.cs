using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Templates;
using Ouvidoria.Web.Features.Account;
using Radzen;

namespace Ouvidoria.Web.Features.Administration;

public sealed partial class TemplatesPage
{
    private IReadOnlyList<TemplateListItem>? items;
    private TemplateEditorView? editor;
    private InputModel input = new();
    private int expectedVersion;
    private Actor? actor;
    private string? pageError;
    private string? error;
    private ConflictState? conflict;
    private bool confirmingRestore;
    private bool busy;

    [Inject]
    private TextTemplateAdministration Templates { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private NotificationService Notifications { get; set; } = default!;

    private bool HasChanges => editor is not null && (input.Title != editor.Title || Normalize(input.Body) != editor.Body);

    /// <summary>The validation message for what is typed, or null when it can be saved.</summary>
    private string? PreviewError
    {
        get
        {
            try
            {
                TextTemplate.Validate(editor!.Key, input.Title, input.Body);
                return null;
            }
            catch (DomainException e)
            {
                return e.Message;
            }
        }
    }

    private string PreviewText => TemplatePlaceholders.Fill(input.Body ?? string.Empty, TemplatePlaceholders.Samples);

    protected override async Task OnInitializedAsync()
    {
        actor = await CurrentActor.GetAsync();
        if (actor is null)
        {
            pageError = "Sessão expirada. Entre novamente.";
            return;
        }

        var list = await Templates.ListAsync(actor);
        if (!list.IsSuccess)
        {
            pageError = list.Error!.Message;
            return;
        }

        items = list.Value;
        if (items.Count > 0)
        {
            await SelectAsync(items[0].Key);
        }
    }

    private async Task SelectAsync(TextTemplateKey key)
    {
        var result = await Templates.GetAsync(key, actor!);
        if (result.IsSuccess)
        {
            Show(result.Value);
        }
        else
        {
            error = result.Error!.Message;
        }
    }

    private async Task SaveAsync()
    {
        busy = true;
        var result = await Templates.SaveAsync(editor!.Key, input.Title, input.Body, expectedVersion, actor!);
        busy = false;
        await AfterChangeAsync(result, "Texto salvo.");
    }

    private async Task RestoreAsync()
    {
        busy = true;
        var result = await Templates.RestoreDefaultAsync(editor!.Key, expectedVersion, actor!);
        busy = false;
        confirmingRestore = false;
        await AfterChangeAsync(result, "Texto padrão restaurado.");
    }

    private async Task AfterChangeAsync(Result<TemplateEditorView> result, string success)
    {
        if (result.IsSuccess)
        {
            Show(result.Value);
            Notifications.Notify(NotificationSeverity.Success, success, duration: 4000);
            items = (await Templates.ListAsync(actor!)).Value;
            return;
        }

        if (result.Error!.Kind != ErrorKind.Conflict)
        {
            error = result.Error.Message;
            return;
        }

        // Someone else saved first: keep what this administrator typed and show the saved version next to it.
        var current = await Templates.GetAsync(editor!.Key, actor!);
        conflict = current.IsSuccess ? new ConflictState(result.Error.Message, current.Value) : null;
        error = current.IsSuccess ? null : current.Error!.Message;
    }

    /// <summary>Overwrite knowingly: the next save is checked against the version just seen.</summary>
    private void KeepMine()
    {
        var current = conflict!.Current;
        var mine = input;
        Show(current);
        input = mine;
    }

    private void TakeTheirs() => Show(conflict!.Current);

    private void Discard() => Show(editor!);

    private void Show(TemplateEditorView view)
    {
        editor = view;
        input = new InputModel { Title = view.Title, Body = view.Body };
        expectedVersion = view.Version;
        error = null;
        conflict = null;
        confirmingRestore = false;
    }

    private static string Normalize(string? body) => (body ?? string.Empty).Replace("\r\n", "\n").Replace('\r', '\n').Trim();

    /// <summary>The body inside an audit snapshot (<see cref="TextTemplate.Snapshot"/>).</summary>
    private static string BodyOf(string? snapshot)
    {
        if (snapshot is null)
        {
            return "—";
        }

        using var json = JsonDocument.Parse(snapshot);
        return json.RootElement.TryGetProperty(nameof(TextTemplate.Body), out var body) ? body.GetString() ?? "—" : snapshot;
    }

    private sealed class InputModel
    {
        public string? Title { get; set; }

        public string? Body { get; set; }
    }

    private sealed record ConflictState(string Message, TemplateEditorView Current);
}
