using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Domain.Organization;
using Ouvidoria.Infrastructure.Administration;
using Ouvidoria.Web.Features.Shared;

namespace Ouvidoria.Web.Features.Citizen;

public sealed partial class RegisterPage
{
    /// <summary>Comunicação is not chosen: it is what an anonymous denúncia or reclamação becomes.</summary>
    private static readonly ManifestationType[] offeredTypes =
    [
        ManifestationType.Denunciation, ManifestationType.Complaint, ManifestationType.Request,
        ManifestationType.Suggestion, ManifestationType.Compliment, ManifestationType.Simplification,
    ];

    private InputModel input = new();
    private IReadOnlyList<ThemeItem> themes = [];
    private RegistrationReceipt? receipt;
    private string? error;
    private bool busy;
    private List<IBrowserFile> picked = [];

    /// <summary>The office's limits (at most 10 files / 30 MB), shown and checked on picking.</summary>
    private AttachmentLimits limits = AttachmentLimits.Legal;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private SystemSettingsStore Settings { get; set; } = default!;

    private bool AnonymityAllowed => input.Type is ManifestationType.Denunciation or ManifestationType.Complaint;

    private bool EmailRequired => themes.FirstOrDefault(t => t.Id == input.ThemeId)?.PersonalData == PersonalDataRequirement.NameAndEmail;

    protected override async Task OnInitializedAsync()
    {
        themes = await Lookups.ActiveThemesAsync();
        limits = (await Settings.GetAsync()).AttachmentLimits;
    }

    private async Task SubmitAsync()
    {
        if (input.ThemeId is not { } themeId)
        {
            error = "Escolha a temática da sua manifestação.";
            return;
        }

        busy = true;
        var anonymous = input.Anonymous && AnonymityAllowed;
        var result = await Register.ExecuteAsync(new RegistrationRequest
        {
            Type = input.Type,
            ThemeId = themeId,
            Anonymous = anonymous,
            Name = anonymous ? null : input.Name,
            Email = anonymous ? null : input.Email,
            Phone = anonymous ? null : input.Phone,
            Cpf = anonymous ? null : input.Cpf,
            Address = anonymous ? null : input.Address,
            ConsentToShare = !anonymous && input.Consent,
            Description = input.Description,
            Channel = Channel.Web,
            Attachments = picked.Select(f => new UploadedFile(f.Name, f.ContentType, f.Size, () => f.OpenReadStream(AttachmentPolicy.MaxTotalBytes))).ToList(),
        });
        busy = false;
        if (result.IsSuccess)
        {
            receipt = result.Value;
            error = null;
        }
        else
        {
            // Keep everything typed; show what to fix. A refused file (the message quotes its name)
            // leaves the list, the others stay picked.
            error = result.Error!.Message;
            var refused = picked.Where(f => error.Contains($"\"{DisplayName(f.Name)}\"", StringComparison.Ordinal)).ToList();
            if (refused.Count > 0)
            {
                picked = picked.Except(refused).ToList();
                error += picked.Count > 0
                    ? " Esse arquivo foi retirado da lista; os demais dados e anexos foram mantidos."
                    : " Esse arquivo foi retirado da lista; os demais dados foram mantidos.";
            }
        }
    }

    private void PickFiles(InputFileChangeEventArgs e)
    {
        if (e.FileCount > limits.MaxFiles)
        {
            error = $"Envie no máximo {limits.MaxFiles} anexos.";
            picked = [];
            return;
        }

        error = null;
        picked = e.GetMultipleFiles(limits.MaxFiles).ToList();
    }

    private static string DisplayName(string name)
    {
        try
        {
            return AttachmentPolicy.SanitizeFileName(name);
        }
        catch (Ouvidoria.Domain.Common.DomainException)
        {
            return name;
        }
    }

    private void Reset()
    {
        receipt = null;
        picked = [];
        input = new InputModel();
    }

    private sealed class InputModel
    {
        public ManifestationType Type { get; set; } = ManifestationType.Complaint;
        public Guid? ThemeId { get; set; }
        public bool Anonymous { get; set; }
        public string? Name { get; set; }
        public string? Email { get; set; }
        public string? Phone { get; set; }

        public string? Cpf { get; set; }

        public string? Address { get; set; }
        public bool Consent { get; set; }
        public string Description { get; set; } = string.Empty;
    }
}
