using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Integration;

namespace Ouvidoria.Web.Features.Administration.ApiKeys;

public sealed partial class ApiKeysPage
{
    private IReadOnlyList<ApiKeyRow>? rows;
    private InputModel form = new();
    private Guid? editing;
    private Guid? confirmRevoke;
    private string? issued;
    private string? message;
    private bool messageIsError;

    protected override Task OnInitializedAsync() => RunAsync(null, null);

    private void Toggle(string scope, bool on)
    {
        if (on)
        {
            form.Scopes.Add(scope);
        }
        else
        {
            form.Scopes.Remove(scope);
        }
    }

    private void Edit(ApiKeyRow key)
    {
        editing = key.Id;
        issued = null;
        form = new InputModel { Name = key.Name, RequestsPerMinute = key.RequestsPerMinute, Scopes = [.. key.Scopes] };
    }

    private async Task SaveAsync()
    {
        var input = new ApiKeyInput(form.Name, form.Scopes, form.RequestsPerMinute);
        if (editing is { } id)
        {
            await RunAsync(a => Admin.EditAsync(id, input, a), "Chave alterada");
            return;
        }

        var actor = await CurrentActor.GetAsync();
        if (actor is null)
        {
            return;
        }

        var created = await Admin.CreateAsync(input, actor);
        if (created.IsSuccess)
        {
            issued = created.Value.Token;
            form = new();
        }

        await RunAsync(null, null);
        (message, messageIsError) = created.IsSuccess ? ("Chave criada.", false) : (created.Error!.Message, true);
    }

    private async Task RunAsync(Func<Actor, Task<Result<Guid>>>? action, string? done)
    {
        var actor = await CurrentActor.GetAsync();
        if (actor is null)
        {
            return;
        }

        if (action is not null)
        {
            issued = null;
            var result = await action(actor);
            (message, messageIsError) = result.IsSuccess ? (done + ".", false) : (result.Error!.Message, true);
            if (result.IsSuccess)
            {
                editing = null;
                confirmRevoke = null;
                form = new();
            }
        }

        var list = await Admin.ListAsync(actor);
        rows = list.IsSuccess ? list.Value : null;
        if (!list.IsSuccess)
        {
            (message, messageIsError) = (list.Error!.Message, true);
        }
    }

    private sealed class InputModel
    {
        public string Name { get; set; } = string.Empty;

        public int RequestsPerMinute { get; set; } = ApiKey.DefaultRequestsPerMinute;

        public HashSet<string> Scopes { get; set; } = [];
    }
}
