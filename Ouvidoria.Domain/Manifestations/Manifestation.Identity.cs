using Ouvidoria.Domain.Common;

namespace Ouvidoria.Domain.Manifestations;

/// <summary>
/// Identity protection (Decreto 10.153/2019 art. 6-7, collaborator manual 2.6-2.7): who may see
/// the requester's data, the justified view, and the investigating unit's requisition of the
/// denunciante's identity.
/// </summary>
public sealed partial class Manifestation
{
    /// <summary>The manual's standard justification (2.6), prefilled and editable.</summary>
    public const string IdentityViewJustificationText =
        "Declaro a necessidade de conhecer a identidade da parte manifestante, para garantir a adequada colaboração no atendimento deste protocolo, conforme atribuído pela Ouvidoria-Geral.";

    /// <summary>The manual's standard requisition text (2.7, item 3).</summary>
    public const string IdentityRequestText =
        "Em atenção à presente denúncia, nos termos do art. 7º do Decreto n. 10.153, de 2019, requisitamos à Ouvidoria-Geral informações sobre a identidade da parte denunciante e o teor original da manifestação, incluindo eventuais anexos, por se constituírem informações indispensáveis à análise dos fatos relatados.";

    /// <summary>Posted as text when the identity cannot be verified in the content (manual 2.7, item 5).</summary>
    public const string IdentityNotVerifiableText =
        "A identidade da parte denunciante não pôde ser verificada no teor original nem nos anexos: a manifestação foi registrada de forma anônima. O teor original segue no PDF anexo.";

    public const int MinJustificationLength = 20;

    private readonly List<IdentityAccessGrant> _identityGrants = [];
    private readonly List<IdentityRequest> _identityRequests = [];

    public IReadOnlyList<IdentityAccessGrant> IdentityGrants => _identityGrants;

    public IReadOnlyList<IdentityRequest> IdentityRequests => _identityRequests;

    /// <summary>
    /// The ombudsman enables one collaborator of a unit working on this manifestation to view the
    /// requester's data (personalíssima reclamação, solicitação, sugestão, simplificação, elogio).
    /// Denúncias follow the art. 7 requisition instead.
    /// </summary>
    public IdentityAccessGrant EnableIdentityView(string collaboratorId, string collaboratorName, Guid collaboratorUnitId, Actor actor, DateTimeOffset now)
    {
        RequireOmbudsman(actor, "habilitar a visualização dos dados do manifestante");
        RequireNotClosed("habilitar a visualização dos dados do manifestante");
        if (Requester is null)
        {
            throw new DomainException("Manifestação anônima: não há dados de identificação a exibir.");
        }

        if (Type.IsProtected())
        {
            throw new DomainException("Em denúncias, a identidade só é fornecida à unidade de apuração que a requisitar (art. 7º do Decreto nº 10.153/2019).");
        }

        if (string.IsNullOrWhiteSpace(collaboratorId))
        {
            throw new DomainException("Escolha o colaborador que poderá visualizar os dados.");
        }

        if (!_assignments.Any(a => a.IsOpen && a.UnitId == collaboratorUnitId && (a.CollaboratorId is null || a.CollaboratorId == collaboratorId)))
        {
            throw new DomainException("O colaborador precisa ter um tratamento em aberto desta manifestação para visualizar os dados.");
        }

        if (_identityGrants.Any(g => g.IsActive && g.CollaboratorId == collaboratorId))
        {
            throw new DomainException($"{collaboratorName} já está habilitado(a) a visualizar os dados do manifestante.");
        }

        var grant = new IdentityAccessGrant(Id, collaboratorId, collaboratorName, actor, now);
        _identityGrants.Add(grant);
        Record(HistoryAction.IdentityViewEnabled, actor, $"Colaborador: {collaboratorName}", now);
        return grant;
    }

    public void RevokeIdentityView(Guid grantId, Actor actor, DateTimeOffset now)
    {
        RequireOmbudsman(actor, "revogar a visualização dos dados do manifestante");
        var grant = _identityGrants.FirstOrDefault(g => g.Id == grantId)
            ?? throw new DomainException("Habilitação não encontrada nesta manifestação.");
        grant.Revoke(now);
        Record(HistoryAction.IdentityViewRevoked, actor, $"Colaborador: {grant.CollaboratorName}", now);
    }

    /// <summary>Whether the collaborator may switch "Visualizar dados" to SIM (an active grant and an open treatment).</summary>
    public bool MayViewIdentity(Actor actor) =>
        actor.IsCollaborator
        && Requester is not null
        && !Type.IsProtected()
        && actor.UserId is { } userId
        && _identityGrants.Any(g => g.IsActive && g.CollaboratorId == userId)
        && _assignments.Any(a => a.IsOpen && a.Includes(actor));

    /// <summary>
    /// A collaborator the ombudsman enabled views the requester's data, with a justification;
    /// every view is recorded (who, when, why).
    /// </summary>
    public Requester ViewIdentity(string justification, Actor actor, DateTimeOffset now)
    {
        if (!MayViewIdentity(actor))
        {
            throw new DomainException("A visualização dos dados do manifestante não está habilitada para você nesta manifestação.");
        }

        RequireJustification(justification, "a visualização dos dados");
        // An access, like opening the page: logged (with the reason) without counting as a change.
        _history.Add(new HistoryEntry(Id, HistoryAction.IdentityViewed, actor.UserId, actor.Name, justification.Trim(), now));
        return Requester!;
    }

    /// <summary>
    /// The investigating unit (responsible, open treatment) requisitions the identity and the
    /// original content of a denúncia or comunicação (art. 7 Decreto 10.153/2019). The text is
    /// posted in the thread; the treatment cannot be finalized while the request is pending.
    /// </summary>
    public IdentityRequest RequestIdentity(Guid assignmentId, string text, Actor actor, DateTimeOffset now)
    {
        if (!Type.IsProtected())
        {
            throw new DomainException("A requisição do art. 7º do Decreto nº 10.153/2019 é própria de denúncias e comunicações de irregularidade; nos demais tipos, a Ouvidoria habilita a visualização dos dados.");
        }

        var assignment = FindAssignment(assignmentId);
        if (!actor.IsCollaborator || !assignment.Includes(actor))
        {
            throw new DomainException("Somente a unidade de apuração designada pode requisitar a identidade do denunciante.");
        }

        RequireStatus("requisitar a identidade", ManifestationStatus.InTreatment);
        if (!assignment.IsOpen || assignment.Role != AssignmentRole.Responsible)
        {
            throw new DomainException("A requisição de identidade é feita pela unidade responsável, com o tratamento em aberto.");
        }

        if (_identityRequests.Any(r => r.AssignmentId == assignmentId && r.IsPending))
        {
            throw new DomainException("Já há uma requisição de identidade aguardando a decisão da Ouvidoria.");
        }

        if (_identityRequests.Any(r => r.AssignmentId == assignmentId && r.Status == RequestStatus.Granted))
        {
            throw new DomainException("A identidade e o teor original já foram disponibilizados a esta unidade.");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DomainException("Escreva o texto da requisição.");
        }

        TextLimits.Check(text, TextLimits.Justification, "A requisição");
        var request = new IdentityRequest(Id, assignmentId, text.Trim(), actor, now);
        _identityRequests.Add(request);
        _messages.Add(new TreatmentMessage(Id, actor.UserId, actor.Name, actor.UnitId, text.Trim(), MessageVisibility.Team, now));
        Record(HistoryAction.IdentityRequested, actor, null, now);
        return request;
    }

    /// <summary>
    /// The ombudsman decides a requisition, weighing risks and benefits. Granting returns the
    /// restricted message (visible only to the requesting treatment's team) on which the caller
    /// attaches the identity PDF; refusing needs a reason, posted to the team.
    /// </summary>
    public TreatmentMessage DecideIdentityRequest(Guid requestId, bool grant, string? note, Actor actor, DateTimeOffset now)
    {
        RequireOmbudsman(actor, "decidir a requisição de identidade");
        RequireStatus("decidir a requisição de identidade", ManifestationStatus.InTreatment);
        var request = _identityRequests.FirstOrDefault(r => r.Id == requestId)
            ?? throw new DomainException("Requisição não encontrada nesta manifestação.");
        if (!grant && string.IsNullOrWhiteSpace(note))
        {
            throw new DomainException("Informe o motivo do indeferimento da requisição.");
        }

        TextLimits.Check(note, TextLimits.Justification, "A justificativa");
        request.Decide(grant, note, actor, now);
        string text;
        if (grant)
        {
            text = IsAnonymous
                ? IdentityNotVerifiableText
                : "Requisição deferida (art. 7º do Decreto nº 10.153/2019): a identificação da parte denunciante e o teor original seguem no PDF anexo. Adote as salvaguardas do § 2º do art. 7º.";
            text += $" O PDF e os anexos do manifestante são de acesso pessoal de {request.RequestedByName}: cada download é registrado.";
            if (!string.IsNullOrWhiteSpace(note))
            {
                text += $"\n\n{note.Trim()}";
            }
        }
        else
        {
            text = $"Requisição de identidade indeferida pela Ouvidoria: {note!.Trim()}";
        }

        var message = new TreatmentMessage(Id, actor.UserId, actor.Name, actor.UnitId, text, MessageVisibility.Team, now);
        if (grant)
        {
            message.RestrictTo(request.AssignmentId);
        }

        _messages.Add(message);
        Record(grant ? HistoryAction.IdentityRequestGranted : HistoryAction.IdentityRequestRefused, actor, grant ? null : note!.Trim(), now);
        Raise(new IdentityRequestDecided(Id, request.AssignmentId, request.RequestedById, grant, now));
        return message;
    }

    /// <summary>
    /// The investigating unit informs the number of the process it opened; once it sent an art. 7
    /// requisition (granted or refused), the treatment is finalized only after this — or after
    /// <see cref="DeclareNotApt"/> (manual 2.7, item 3).
    /// </summary>
    public void InformProcessNumber(Guid assignmentId, string processNumber, Actor actor, DateTimeOffset now)
    {
        var assignment = FindAssignment(assignmentId);
        RequireTeamMember(assignment, actor, "informar o número do processo apuratório");
        if (!assignment.IsOpen)
        {
            throw new DomainException("O tratamento desta unidade já foi finalizado.");
        }

        if (assignment.NotAptReason is not null)
        {
            throw new DomainException("A unidade registrou que a denúncia não foi considerada apta: não há processo apuratório a informar.");
        }

        if (string.IsNullOrWhiteSpace(processNumber))
        {
            throw new DomainException("Informe o número do processo apuratório.");
        }

        TextLimits.Check(processNumber, 60, "O número do processo");
        assignment.InformProcessNumber(processNumber.Trim());
        Record(HistoryAction.ProcessNumberInformed, actor, processNumber.Trim(), now);
    }

    /// <summary>
    /// The investigating unit records, with its reason, that it did not consider the denúncia apt
    /// (no investigation opened): the manual asks for the process number only "no caso de denúncias
    /// consideradas aptas pelo setor competente" (2.7, item 3). Only after an art. 7 requisition,
    /// the one case in which the process number is required to finalize.
    /// </summary>
    public void DeclareNotApt(Guid assignmentId, string reason, Actor actor, DateTimeOffset now)
    {
        var assignment = FindAssignment(assignmentId);
        RequireTeamMember(assignment, actor, "registrar que a denúncia não foi considerada apta");
        if (!assignment.IsOpen)
        {
            throw new DomainException("O tratamento desta unidade já foi finalizado.");
        }

        if (!_identityRequests.Any(r => r.AssignmentId == assignmentId))
        {
            throw new DomainException("O registro de denúncia não apta só é necessário depois de uma requisição de identidade (art. 7º do Decreto nº 10.153/2019).");
        }

        if (assignment.ProcessNumber is not null)
        {
            throw new DomainException($"Já foi informado o processo apuratório {assignment.ProcessNumber}: a denúncia foi considerada apta.");
        }

        if (assignment.NotAptReason is not null)
        {
            throw new DomainException("Já foi registrado que a denúncia não foi considerada apta.");
        }

        RequireJustification(reason, "o registro de denúncia não apta");
        assignment.DeclareNotApt(reason.Trim());
        Record(HistoryAction.DenunciationNotApt, actor, reason.Trim(), now);
    }

    /// <summary>Whether the actor may read the message (restricted messages: their treatment's team and the ombudsman).</summary>
    public bool CanSee(TreatmentMessage message, Actor actor) =>
        actor.IsOmbudsman
        || (message.Visibility == MessageVisibility.Team
            && (message.RestrictedToAssignmentId is not { } restricted
                || _assignments.Any(a => a.Id == restricted && a.Includes(actor))));

    /// <summary>
    /// The citizen's files (original and complement) a granted art. 7 requisition delivers — "o teor
    /// original da manifestação, incluindo eventuais anexos" (manual 2.7, item 3): those received up
    /// to the decision, which the identity PDF lists. Empty unless granted.
    /// </summary>
    public IReadOnlyList<Attachment> CitizenFilesDeliveredBy(IdentityRequest request) =>
        request.Status == RequestStatus.Granted && request.DecidedAt is { } decidedAt
            ? _attachments.Where(a => a.Origin != AttachmentOrigin.Treatment && a.UploadedAt <= decidedAt).OrderBy(a => a.UploadedAt).ThenBy(a => a.FileName, StringComparer.Ordinal).ToList()
            : [];

    /// <summary>
    /// What a grant delivers is personal, like the identity view (manual 2.6-2.7): to the
    /// collaborator who requisitioned it, while they still belong to the requesting treatment — not
    /// to their colleagues of a unit-wide assignment.
    /// </summary>
    private bool IsDeliveredTo(IdentityRequest request, Actor actor) =>
        request.Status == RequestStatus.Granted
        && actor.IsCollaborator
        && actor.UserId is { } userId
        && request.RequestedById == userId
        && _assignments.Any(a => a.Id == request.AssignmentId && a.Includes(actor));

    /// <summary>
    /// The granted requisition a restricted message delivers (its identity PDF), or null. Only a
    /// grant restricts a message, and an assignment has at most one granted requisition.
    /// </summary>
    private IdentityRequest? IdentityDeliveryOn(TreatmentMessage message) =>
        message.RestrictedToAssignmentId is { } assignmentId
            ? _identityRequests.FirstOrDefault(r => r.AssignmentId == assignmentId && r.Status == RequestStatus.Granted)
            : null;

    /// <summary>Whether the citizen's <paramref name="attachment"/> reached <paramref name="actor"/> through a granted requisition.</summary>
    private bool DeliveredByGrant(Attachment attachment, Actor actor) =>
        _identityRequests.Any(r => IsDeliveredTo(r, actor) && r.DecidedAt >= attachment.UploadedAt);

    /// <summary>Why the assignment's treatment cannot end yet (art. 7 requisition pending or process number missing), or null.</summary>
    public string? TreatmentEndBlocker(Guid assignmentId)
    {
        var assignment = FindAssignment(assignmentId);
        try
        {
            EnsureMayEndTreatment(assignment);
            return null;
        }
        catch (DomainException e)
        {
            return e.Message;
        }
    }

    private void EnsureMayEndTreatment(Assignment assignment)
    {
        if (_identityRequests.Any(r => r.AssignmentId == assignment.Id && r.IsPending))
        {
            throw new DomainException("Há uma requisição de identidade aguardando a decisão da Ouvidoria: o tratamento não pode ser finalizado antes dela.");
        }

        // Manual 2.7, item 3: "após o envio da requisição, não seja finalizado o tratamento. A
        // finalização do tratamento só ocorre após o envio do número do processo apuratório, no caso
        // de denúncias consideradas aptas" — whatever the ombudsman decided on the requisition.
        if (assignment.ProcessNumber is null && assignment.NotAptReason is null && _identityRequests.Any(r => r.AssignmentId == assignment.Id))
        {
            throw new DomainException("Informe o número do processo apuratório antes de finalizar o tratamento (houve requisição de identidade) ou registre que a denúncia não foi considerada apta.");
        }
    }

    private static void RequireJustification(string? justification, string what)
    {
        if (string.IsNullOrWhiteSpace(justification) || justification.Trim().Length < MinJustificationLength)
        {
            throw new DomainException($"Escreva a justificativa para {what} (ao menos {MinJustificationLength} caracteres).");
        }

        TextLimits.Check(justification, TextLimits.Justification, "A justificativa");
    }
}
