using Microsoft.AspNetCore.Components;
using Ouvidoria.Domain.Common;
using Ouvidoria.Infrastructure.Identity;
using Ouvidoria.Web.Features.Account;
using Ouvidoria.Web.Features.Shared;

namespace Ouvidoria.Web.Features.Administration.Users;

public sealed partial class UsersPage
{
    private IReadOnlyList<UserRow>? users;
    private IReadOnlyList<LookupItem> units = [];
    private InputModel form = new();
    private InputModel edit = new();
    private string? editing;
    private string? filterText;
    private string? filterRole;
    private string? message;
    private bool messageIsError;
    private (string Name, string Password)? oneTimePassword;

    [Inject]
    private UserAdministration Admin { get; set; } = default!;

    [Inject]
    private Lookups Lookups { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        units = await Lookups.ActiveUnitsAsync();
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var actor = await CurrentActor.GetAsync();
        var result = actor is null ? Error.Forbidden() : await Admin.ListAsync(new UserFilter(filterText, string.IsNullOrEmpty(filterRole) ? null : filterRole), actor);
        if (result.IsSuccess)
        {
            users = result.Value;
        }
        else
        {
            Show(result.Error!.Message, error: true);
        }
    }

    private async Task CreateAsync()
    {
        oneTimePassword = null;
        var actor = await CurrentActor.GetAsync();
        var result = actor is null ? Error.Forbidden() : await Admin.CreateAsync(form.FullName, form.Email, form.ToAccess(), actor);
        if (!result.IsSuccess)
        {
            Show(result.Error!.Message, error: true);
            return;
        }

        oneTimePassword = (form.FullName.Trim(), result.Value.Password);
        Show($"Usuário {form.FullName.Trim()} cadastrado.", error: false);
        form = new();
        await LoadAsync();
    }

    private async Task ResetPasswordAsync(UserRow user)
    {
        oneTimePassword = null;
        var actor = await CurrentActor.GetAsync();
        var result = actor is null ? Error.Forbidden() : await Admin.ResetPasswordAsync(user.Id, actor);
        if (result.IsSuccess)
        {
            oneTimePassword = (user.FullName, result.Value.Password);
            Show($"Senha de {user.FullName} redefinida; as sessões abertas foram encerradas.", error: false);
            await LoadAsync();
        }
        else
        {
            Show(result.Error!.Message, error: true);
        }
    }

    private async Task RunAsync(Func<Actor, Task<Result<Done>>> action, string name, string done)
    {
        oneTimePassword = null;
        var actor = await CurrentActor.GetAsync();
        var result = actor is null ? Error.Forbidden() : await action(actor);
        if (result.IsSuccess)
        {
            editing = null;
            Show($"{done}: {name}.", error: false);
            await LoadAsync();
        }
        else
        {
            Show(result.Error!.Message, error: true);
        }
    }

    private void StartEdit(UserRow user)
    {
        editing = user.Id;
        edit = new InputModel { Role = user.Role ?? Roles.Ombudsman, UnitId = user.UnitId?.ToString(), IsEventual = user.IsEventual };
    }

    private void Show(string text, bool error)
    {
        message = text;
        messageIsError = error;
    }

    private sealed class InputModel
    {
        public string FullName { get; set; } = string.Empty;

        public string Email { get; set; } = string.Empty;

        public string Role { get; set; } = Roles.Collaborator;

        public string? UnitId { get; set; }

        public bool IsEventual { get; set; }

        public StaffAccess ToAccess() => new(Role, Guid.TryParse(UnitId, out var id) ? id : null, IsEventual);
    }
}
