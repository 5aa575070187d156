using Ouvidoria.Domain.Common;

namespace Ouvidoria.Domain.Manifestations;

/// <summary>
/// What a unit asks of the ombudsman inside the system: the one 20-day extension of its deadline
/// (manual 2.1 passo 1) and the inclusion of another collaborator (manual 2.4 passo 2).
/// </summary>
public sealed partial class Manifestation
{
    private readonly List<CollaboratorRequest> _collaboratorRequests = [];

    public IReadOnlyList<CollaboratorRequest> CollaboratorRequests => _collaboratorRequests;

    /// <summary>The unit asks, with a justification, for the one extension of its deadline.</summary>
    public void RequestUnitDeadlineExtension(Guid assignmentId, string justification, Actor actor, DateTimeOffset now)
    {
        var assignment = FindAssignment(assignmentId);
        if (!actor.IsCollaborator || !assignment.Includes(actor))
        {
            throw new DomainException("Somente a unidade designada pode pedir a prorrogação do seu prazo.");
        }

        RequireStatus("pedir prorrogação do prazo", ManifestationStatus.InTreatment);
        if (assignment.Role != AssignmentRole.Responsible)
        {
            throw new DomainException("Observadores não têm prazo de resposta a prorrogar.");
        }

        assignment.RequestExtension(justification, actor, now);
        Record(HistoryAction.UnitDeadlineExtensionRequested, actor, justification.Trim(), now);
    }

    /// <summary>The ombudsman grants (the deadline moves 20 days) or refuses (with a reason) the unit's request.</summary>
    public void DecideUnitDeadlineExtension(Guid assignmentId, bool grant, string? note, Actor actor, DateTimeOffset now, DeadlineTerms terms)
    {
        RequireOmbudsman(actor, "decidir pedidos de prorrogação");
        RequireStatus("decidir pedidos de prorrogação", ManifestationStatus.InTreatment);
        var assignment = FindAssignment(assignmentId);
        if (!assignment.HasPendingExtensionRequest)
        {
            throw new DomainException("Não há pedido de prorrogação pendente para esta unidade.");
        }

        if (grant)
        {
            var justification = assignment.ExtensionRequestJustification!;
            assignment.ExtendDeadline(justification, terms.EnsureValid().UnitExtensionDays);
            Record(HistoryAction.UnitDeadlineExtended, actor, $"A pedido da unidade: {justification}", now);
            return;
        }

        if (string.IsNullOrWhiteSpace(note))
        {
            throw new DomainException("Informe o motivo do indeferimento da prorrogação.");
        }

        TextLimits.Check(note, TextLimits.Justification, "O motivo");
        assignment.ClearExtensionRequest();
        _messages.Add(new TreatmentMessage(Id, actor.UserId, actor.Name, actor.UnitId, $"Pedido de prorrogação de prazo indeferido: {note.Trim()}", MessageVisibility.Team, now));
        Record(HistoryAction.UnitDeadlineExtensionRefused, actor, note.Trim(), now);
    }

    /// <summary>A collaborator asks the ombudsman to add another person (name, unit, role) to the treatment.</summary>
    public CollaboratorRequest RequestCollaborator(Guid assignmentId, string candidateName, Guid candidateUnitId, AssignmentRole role, string reason, Actor actor, DateTimeOffset now)
    {
        var assignment = FindAssignment(assignmentId);
        if (!actor.IsCollaborator || !assignment.Includes(actor) || !assignment.IsOpen)
        {
            throw new DomainException("Somente quem está com o tratamento em aberto pode pedir a inclusão de um colaborador.");
        }

        RequireStatus("pedir a inclusão de um colaborador", ManifestationStatus.InTreatment);
        if (string.IsNullOrWhiteSpace(candidateName))
        {
            throw new DomainException("Informe o nome completo do colaborador a incluir.");
        }

        if (candidateUnitId == Guid.Empty)
        {
            throw new DomainException("Informe o setor (unidade) do colaborador a incluir.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("Explique por que a colaboração é necessária ao tratamento.");
        }

        TextLimits.Check(candidateName, TextLimits.Name, "O nome");
        TextLimits.Check(reason, TextLimits.Justification, "A justificativa");
        if (_collaboratorRequests.Count(r => r.IsPending) >= 10)
        {
            throw new DomainException("Há pedidos de inclusão demais aguardando a Ouvidoria nesta manifestação.");
        }

        var request = new CollaboratorRequest(Id, assignmentId, candidateName.Trim(), candidateUnitId, role, reason.Trim(), actor, now);
        _collaboratorRequests.Add(request);
        Record(HistoryAction.CollaboratorRequested, actor, $"{candidateName.Trim()} ({(role == AssignmentRole.Responsible ? "responsável" : "observador")})", now);
        return request;
    }

    /// <summary>
    /// The ombudsman accepts a request by forwarding to the chosen user (who must be of the unit
    /// requested, checked by the caller) or refuses it with a reason.
    /// </summary>
    public Assignment? DecideCollaboratorRequest(Guid requestId, bool accept, string? collaboratorId, string? collaboratorName, string? note, Actor actor, DateTimeOffset now, DeadlineTerms terms)
    {
        RequireOmbudsman(actor, "decidir pedidos de inclusão de colaborador");
        var request = _collaboratorRequests.FirstOrDefault(r => r.Id == requestId)
            ?? throw new DomainException("Pedido não encontrado nesta manifestação.");
        if (!request.IsPending)
        {
            throw new DomainException("Este pedido já foi decidido.");
        }

        if (!accept)
        {
            if (string.IsNullOrWhiteSpace(note))
            {
                throw new DomainException("Informe o motivo da recusa do pedido.");
            }

            TextLimits.Check(note, TextLimits.Justification, "O motivo");
            request.Decide(false, note, null, actor, now);
            Record(HistoryAction.CollaboratorRequestRefused, actor, $"{request.CandidateName}: {note.Trim()}", now);
            return null;
        }

        if (string.IsNullOrWhiteSpace(collaboratorId))
        {
            throw new DomainException("Escolha o usuário cadastrado que corresponde ao colaborador pedido.");
        }

        var instructions = $"Inclusão a pedido de {request.RequestedByName}: {request.Reason}";
        if (instructions.Length > TextLimits.Instructions)
        {
            instructions = instructions[..(TextLimits.Instructions - 1)] + "…";
        }

        var assignment = Forward(request.CandidateUnitId, request.Role, collaboratorId, collaboratorName, instructions, actor, now, terms);
        request.Decide(true, note, assignment.Id, actor, now);
        Record(HistoryAction.CollaboratorRequestAccepted, actor, request.CandidateName, now);
        return assignment;
    }
}
