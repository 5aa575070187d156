using Microsoft.AspNetCore.Components;
using Ouvidoria.Domain.Common;
using Ouvidoria.Web.Features.Account;

namespace Ouvidoria.Web.Features.Administration.Units;

public sealed partial class UnitsPage
{
    private IReadOnlyList<UnitRow>? rows;
    private InputModel form = new();
    private InputModel edit = new();
    private Guid? editing;
    private string? message;
    private bool messageIsError;

    [Inject]
    private UnitAdministration Admin { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    protected override Task OnInitializedAsync() => LoadAsync();

    private static string Indent(UnitRow row) => new(' ', row.Depth * 3);

    private async Task LoadAsync()
    {
        var actor = await CurrentActor.GetAsync();
        var result = actor is null ? Error.Forbidden() : await Admin.ListAsync(actor);
        if (result.IsSuccess)
        {
            rows = result.Value;
        }
        else
        {
            Show(result.Error!.Message, error: true);
        }
    }

    private Task CreateAsync() => RunAsync(async a =>
    {
        var created = await Admin.CreateAsync(form.Name, form.Email, form.Parent, a);
        if (created.IsSuccess)
        {
            form = new();
        }

        return created;
    }, "Unidade criada");

    private Task SaveAsync(UnitRow row) => RunAsync(async a =>
    {
        // Each change is its own audited step; the first refusal stops the rest.
        var steps = new List<Func<Task<Result<Guid>>>>();
        if (edit.Name.Trim() != row.Name)
        {
            steps.Add(() => Admin.RenameAsync(row.Id, edit.Name, a));
        }

        if ((edit.Email?.Trim() ?? string.Empty) != (row.Email ?? string.Empty))
        {
            steps.Add(() => Admin.ChangeEmailAsync(row.Id, edit.Email, a));
        }

        if (edit.Parent != row.ParentId)
        {
            steps.Add(() => Admin.MoveAsync(row.Id, edit.Parent, a));
        }

        Result<Guid> result = row.Id;
        foreach (var step in steps)
        {
            result = await step();
            if (!result.IsSuccess)
            {
                break;
            }
        }

        return result;
    }, "Unidade alterada");

    private async Task RunAsync(Func<Actor, Task<Result<Guid>>> action, string done)
    {
        var actor = await CurrentActor.GetAsync();
        var result = actor is null ? Error.Forbidden() : await action(actor);
        if (result.IsSuccess)
        {
            editing = null;
            Show(done + ".", error: false);
        }
        else
        {
            Show(result.Error!.Message, error: true);
        }

        await LoadAsync();
    }

    private void StartEdit(UnitRow row)
    {
        editing = row.Id;
        edit = new InputModel { Name = row.Name, Email = row.Email, ParentId = row.ParentId?.ToString() };
    }

    private void Show(string text, bool error)
    {
        message = text;
        messageIsError = error;
    }

    private sealed class InputModel
    {
        public string Name { get; set; } = string.Empty;

        public string? Email { get; set; }

        public string? ParentId { get; set; }

        public Guid? Parent => Guid.TryParse(ParentId, out var id) ? id : null;
    }
}
