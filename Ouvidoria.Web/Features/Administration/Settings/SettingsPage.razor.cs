using Microsoft.AspNetCore.Components;
using Ouvidoria.Domain.Administration;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Web.Features.Account;

namespace Ouvidoria.Web.Features.Administration.Settings;

public sealed partial class SettingsPage
{
    private InputModel form = new();
    private bool saved;
    private string? message;
    private bool messageIsError;

    [Inject]
    private SettingsAdministration Admin { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        var actor = await CurrentActor.GetAsync();
        var result = actor is null ? Error.Forbidden() : await Admin.GetAsync(actor);
        if (result.IsSuccess)
        {
            Load(result.Value);
        }
        else
        {
            (message, messageIsError) = (result.Error!.Message, true);
        }
    }

    private static string RoleName(ActorKind kind) => kind switch
    {
        ActorKind.Ombudsman => "Ouvidoria",
        ActorKind.Collaborator => "Colaborador",
        ActorKind.Manager => "Gestor",
        ActorKind.Administrator => "Administrador",
        ActorKind.Citizen or ActorKind.System => kind.ToString(),
    };

    private async Task SaveAsync()
    {
        var actor = await CurrentActor.GetAsync();
        var result = actor is null ? Error.Forbidden() : await Admin.SaveAsync(form.ToValues(), actor);
        if (result.IsSuccess)
        {
            Load(result.Value);
            (message, messageIsError) = ("Configurações salvas.", false);
        }
        else
        {
            (message, messageIsError) = (result.Error!.Message, true);
        }
    }

    private void Load(SettingsView view)
    {
        var v = view.Values;
        saved = view.Saved;
        form = new InputModel
        {
            OfficeName = v.OfficeName, NupUnitCode = v.NupUnitCode, FirstAlertDays = v.FirstAlertDays, SecondAlertDays = v.SecondAlertDays,
            ChannelLogDays = v.ChannelLogDays, ClosedCaseFilesDays = v.ClosedCaseFilesDays, IdleTimeoutMinutes = v.IdleTimeoutMinutes,
            TwoFactor = v.TwoFactorRequiredFor.ToHashSet(),
            CitizenAnswerDays = v.Deadlines.CitizenAnswerDays, CitizenExtensionDays = v.Deadlines.CitizenExtensionDays,
            UnitAnswerDays = v.Deadlines.UnitAnswerDays, UnitExtensionDays = v.Deadlines.UnitExtensionDays, ComplementDays = v.Deadlines.ComplementDays,
            MaxAttachmentFiles = v.Attachments.MaxFiles, MaxAttachmentMegabytes = v.Attachments.MaxTotalMegabytes,
            ForeignWords = string.Join('\n', v.ForeignWords),
        };
    }

    private void Toggle(ActorKind kind, bool on)
    {
        if (on)
        {
            form.TwoFactor.Add(kind);
        }
        else
        {
            form.TwoFactor.Remove(kind);
        }
    }

    private sealed class InputModel
    {
        public string OfficeName { get; set; } = string.Empty;
        public string NupUnitCode { get; set; } = string.Empty;
        public int FirstAlertDays { get; set; }
        public int SecondAlertDays { get; set; }
        public int ChannelLogDays { get; set; }
        public int ClosedCaseFilesDays { get; set; }
        public int IdleTimeoutMinutes { get; set; }
        public HashSet<ActorKind> TwoFactor { get; set; } = [];
        public int CitizenAnswerDays { get; set; }
        public int CitizenExtensionDays { get; set; }
        public int UnitAnswerDays { get; set; }
        public int UnitExtensionDays { get; set; }
        public int ComplementDays { get; set; }
        public int MaxAttachmentFiles { get; set; }
        public int MaxAttachmentMegabytes { get; set; }
        public string ForeignWords { get; set; } = string.Empty;

        public SettingsValues ToValues() => new(OfficeName, NupUnitCode, FirstAlertDays, SecondAlertDays, ChannelLogDays, ClosedCaseFilesDays, IdleTimeoutMinutes, TwoFactor)
        {
            Deadlines = new DeadlineTerms(CitizenAnswerDays, CitizenExtensionDays, UnitAnswerDays, UnitExtensionDays, ComplementDays),
            Attachments = new AttachmentLimits(MaxAttachmentFiles, MaxAttachmentMegabytes),
            ForeignWords = AnswerQuality.ParseForeignWords(ForeignWords),
        };
    }
}
