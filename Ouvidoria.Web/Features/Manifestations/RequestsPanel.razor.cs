using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Web.Features.Shared;

namespace Ouvidoria.Web.Features.Manifestations;

public sealed partial class RequestsPanel
{
    private enum Form
    {
        None,
        Extension,
        Identity,
        Collaborator,
    }

    private Form form;
    private Guid target;
    private string text = string.Empty;
    private string extensionRefusal = string.Empty;
    private string identityNote = string.Empty;
    private string collaboratorRefusal = string.Empty;
    private string? chosenCollaboratorId;
    private string processNumber = string.Empty;
    private string notAptReason = string.Empty;
    private string candidateName = string.Empty;
    private Guid? candidateUnitId;
    private AssignmentRole candidateRole = AssignmentRole.Observer;
    private IReadOnlyList<LookupItem> units = [];
    private readonly Dictionary<Guid, IReadOnlyList<CollaboratorItem>> collaboratorsByUnit = [];

    private bool HasContent =>
        Details.Team.Any(a => a.ExtensionRequestJustification is not null)
        || Details.IdentityRequests.Count > 0
        || Details.CollaboratorRequests.Count > 0
        || Details.Can.InformProcessNumber.Count > 0
        || Details.Team.Any(a => a.NotAptReason is not null)
        || (Actor.IsCollaborator && (Details.Can.RequestExtension.Count > 0 || Details.Can.RequestIdentity.Count > 0 || Details.Can.RequestCollaborator.Count > 0));

    protected override async Task OnParametersSetAsync()
    {
        if (!Details.Can.DecideRequests)
        {
            return;
        }

        foreach (var unitId in Details.CollaboratorRequests.Where(r => r.Status == RequestStatus.Pending).Select(r => r.CandidateUnitId).Distinct())
        {
            if (!collaboratorsByUnit.ContainsKey(unitId))
            {
                collaboratorsByUnit[unitId] = await Lookups.CollaboratorsOfAsync(unitId);
            }
        }
    }

    private IReadOnlyList<CollaboratorItem> UnitCollaborators(Guid unitId) => collaboratorsByUnit.GetValueOrDefault(unitId) ?? [];

    private static string StatusLabel(RequestStatus status) => status switch
    {
        RequestStatus.Pending => "Aguardando a Ouvidoria",
        RequestStatus.Granted => "Deferida",
        RequestStatus.Refused => "Indeferida",
    };

    private static string StatusClass(RequestStatus status) => status switch
    {
        RequestStatus.Pending => "status pending",
        RequestStatus.Granted => "status granted",
        RequestStatus.Refused => "status refused",
    };

    private async Task StartIdentityRequestAsync(Guid assignmentId)
    {
        form = Form.Identity;
        target = assignmentId;
        text = await StandardTexts.GetAsync(Domain.Templates.TextTemplateKey.IdentityRequest, Details.Id, Details.Team.FirstOrDefault(a => a.Id == assignmentId)?.UnitName);
    }

    private async Task StartCollaboratorRequestAsync(Guid assignmentId)
    {
        form = Form.Collaborator;
        target = assignmentId;
        text = string.Empty;
        candidateName = string.Empty;
        candidateUnitId = null;
        candidateRole = AssignmentRole.Observer;
        units = await Lookups.ActiveUnitsAsync();
    }

    private async Task RequestExtensionAsync()
    {
        if (await RunAsync(() => Workflow.RequestUnitDeadlineExtensionAsync(Details.Id, target, text, Actor), "Pedido de prorrogação enviado à Ouvidoria."))
        {
            form = Form.None;
        }
    }

    private async Task RequestIdentityAsync()
    {
        if (await RunAsync(() => Workflow.RequestIdentityAsync(Details.Id, target, text, Actor), "Requisição enviada à Ouvidoria."))
        {
            form = Form.None;
        }
    }

    private async Task RequestCollaboratorAsync()
    {
        if (candidateUnitId is not { } unitId)
        {
            Fail("Escolha o setor (unidade) do colaborador a incluir.");
            return;
        }

        if (await RunAsync(() => Workflow.RequestCollaboratorAsync(Details.Id, target, candidateName, unitId, candidateRole, text, Actor), "Pedido de inclusão enviado à Ouvidoria."))
        {
            form = Form.None;
        }
    }

    private async Task DecideExtensionAsync(Guid assignmentId, bool grant)
    {
        if (await RunAsync(() => Workflow.DecideUnitDeadlineExtensionAsync(Details.Id, assignmentId, grant, grant ? null : extensionRefusal, Actor), grant ? "Prorrogação deferida." : "Prorrogação indeferida."))
        {
            extensionRefusal = string.Empty;
        }
    }

    private async Task DecideIdentityAsync(Guid requestId, bool grant)
    {
        if (await RunAsync(() => Workflow.DecideIdentityRequestAsync(Details.Id, requestId, grant, identityNote, Actor), grant ? "Requisição deferida: PDF enviado à unidade." : "Requisição indeferida."))
        {
            identityNote = string.Empty;
        }
    }

    private async Task DecideCollaboratorAsync(Guid requestId, bool accept)
    {
        if (await RunAsync(() => Workflow.DecideCollaboratorRequestAsync(Details.Id, requestId, accept, accept ? chosenCollaboratorId : null, accept ? null : collaboratorRefusal, Actor), accept ? "Colaborador incluído no tratamento." : "Pedido recusado."))
        {
            chosenCollaboratorId = null;
            collaboratorRefusal = string.Empty;
        }
    }

    private async Task InformProcessNumberAsync(Guid assignmentId)
    {
        if (await RunAsync(() => Workflow.InformProcessNumberAsync(Details.Id, assignmentId, processNumber, Actor), "Número do processo registrado."))
        {
            processNumber = string.Empty;
        }
    }

    private async Task DeclareNotAptAsync(Guid assignmentId)
    {
        if (await RunAsync(() => Workflow.DeclareNotAptAsync(Details.Id, assignmentId, notAptReason, Actor), "Registrado: denúncia não considerada apta."))
        {
            notAptReason = string.Empty;
        }
    }
}
