using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Organization;

namespace Ouvidoria.Domain.Manifestations;

/// <summary>
/// A citizen's manifestation and everything done with it. Every state change is one method that
/// checks the current state and the actor and throws a pt-BR <see cref="DomainException"/> when the
/// transition is illegal. See Manifestations/README.md for the lifecycle.
/// </summary>
public sealed partial class Manifestation
{
    public const int MaxDescriptionLength = 20_000;

    private readonly List<Assignment> _assignments = [];
    private ManifestationStatus _status;
    private readonly List<TreatmentMessage> _messages = [];
    private readonly List<CitizenAnswer> _answers = [];
    private readonly List<HistoryEntry> _history = [];
    private readonly List<Attachment> _attachments = [];

    private Manifestation()
    {
        Nup = null!;
        Subject = string.Empty;
        Description = string.Empty;
        PasswordHash = string.Empty;
        CitizenDeadline = null!;
    }

    public Guid Id { get; private set; }

    public Nup Nup { get; private set; }

    public ManifestationType Type { get; private set; }

    public Channel Channel { get; private set; }

    public Guid? ThemeId { get; private set; }

    /// <summary>Assunto: a short title the ombudsman may refine at triage.</summary>
    public string Subject { get; private set; }

    /// <summary>The original content (teor), restricted: collaborators read <see cref="Extract"/>.</summary>
    public string Description { get; private set; }

    /// <summary>The pseudonymized synthesis (extrato) units work from.</summary>
    public string? Extract { get; private set; }

    /// <summary>"Observação do órgão": internal, never shown to the citizen nor to units.</summary>
    public string? InternalNote { get; private set; }

    /// <summary>
    /// Kept on every treatment too (<see cref="Assignment.ManifestationOpen"/>): the units' queues
    /// read it from their own index. So a change that may open or close the manifestation must be
    /// made with its treatments loaded (as the workflow's aggregate load does).
    /// </summary>
    public ManifestationStatus Status
    {
        get => _status;
        private set
        {
            _status = value;
            foreach (var assignment in _assignments)
            {
                assignment.ManifestationOpen = value.IsOpen();
            }
        }
    }

    /// <summary>Null for an anonymous manifestation (a comunicação).</summary>
    public Requester? Requester { get; private set; }

    /// <summary>The citizen authorized sharing their data with the investigating bodies (LGPD).</summary>
    public bool ConsentToShare { get; private set; }

    public string PasswordHash { get; private set; }

    public DateTimeOffset RegisteredAt { get; private set; }

    public DateTimeOffset LastChangedAt { get; private set; }

    /// <summary>The conclusive-answer deadline (30 days, once extendable by 30).</summary>
    public Deadline CitizenDeadline { get; private set; }

    /// <summary>Set while the first complement request suspends the citizen deadline.</summary>
    public DateTimeOffset? ClockPausedAt { get; private set; }

    /// <summary>Only the first complement request suspends the clock.</summary>
    public bool ClockPauseUsed { get; private set; }

    public string? ComplementRequest { get; private set; }

    public DateTimeOffset? ComplementDueAt { get; private set; }

    /// <summary>Everything the citizen sent as complements, oldest first.</summary>
    public string? ComplementText { get; private set; }

    public DateTimeOffset? AnsweredAt { get; private set; }

    public DateTimeOffset? ConcludedAt { get; private set; }

    /// <summary>"Demanda resolvida?": null until concluded.</summary>
    public bool? Resolved { get; private set; }

    public string? ResolutionNote { get; private set; }

    public ArchiveReason? ArchiveReason { get; private set; }

    public string? ArchiveJustification { get; private set; }

    public DateTimeOffset? ArchivedAt { get; private set; }

    /// <summary>Optimistic concurrency token, bumped on every save that changes the aggregate.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<Assignment> Assignments => _assignments;

    public IReadOnlyList<TreatmentMessage> Messages => _messages;

    public IReadOnlyList<CitizenAnswer> Answers => _answers;

    public IReadOnlyList<HistoryEntry> History => _history;

    public IReadOnlyList<Attachment> Attachments => _attachments;

    public bool IsAnonymous => Requester is null;

    public bool HasOpenResponsibleTreatment =>
        _assignments.Any(a => a.Role == AssignmentRole.Responsible && a.IsOpen);

    /// <summary>Registers a new manifestation; the caller hands the citizen the NUP and the clear password.</summary>
    public static Manifestation Register(
        Nup nup,
        ManifestationType type,
        Channel channel,
        Guid? themeId,
        string? subject,
        string description,
        Requester? requester,
        bool consentToShare,
        string passwordHash,
        DateTimeOffset now,
        DeadlineTerms terms)
    {
        if (string.IsNullOrWhiteSpace(description))
        {
            throw new DomainException("Descreva a sua manifestação.");
        }

        if (description.Length > MaxDescriptionLength)
        {
            throw new DomainException($"A descrição deve ter no máximo {MaxDescriptionLength} caracteres.");
        }

        EnsureIdentityMatchesType(type, requester);
        if (requester is not null && !consentToShare)
        {
            throw new DomainException("Para registrar uma manifestação identificada, autorize o compartilhamento dos seus dados com os órgãos responsáveis pela apuração (LGPD).");
        }

        var manifestation = new Manifestation
        {
            Id = Guid.NewGuid(),
            Nup = nup,
            Type = type,
            Channel = channel,
            ThemeId = themeId,
            // Never derived from the description: the subject is listed to units, the text may identify the citizen.
            Subject = string.IsNullOrWhiteSpace(subject) ? type.Label() : subject.Trim(),
            Description = description.Trim(),
            Requester = requester,
            ConsentToShare = requester is not null && consentToShare,
            PasswordHash = passwordHash,
            RegisteredAt = now,
            LastChangedAt = now,
            Status = ManifestationStatus.Registered,
            CitizenDeadline = new Deadline(now.AddDays(terms.EnsureValid().CitizenAnswerDays)),
        };
        manifestation.Record(HistoryAction.Registered, Actor.Citizen, $"Canal: {channel.Label()}", now);
        return manifestation;
    }

    /// <summary>Who may read this manifestation in the portal (the use case adds the access log).</summary>
    public bool CanBeReadBy(Actor actor) => actor.Kind switch
    {
        ActorKind.Ombudsman or ActorKind.Manager => true,
        ActorKind.Collaborator => _assignments.Any(a => a.Includes(actor)),
        ActorKind.Citizen or ActorKind.Administrator or ActorKind.System => false,
    };

    /// <summary>Whether the actor sees the original content and the requester's identity.</summary>
    public bool ShowsIdentityTo(Actor actor) => actor.IsOmbudsman;

    public bool VerifyPassword(string password) => ProtocolPassword.Verify(password, PasswordHash);

    /// <summary>Records an access (Decreto 10.153/2019 art. 6 §3: who accessed and when).</summary>
    public void RecordAccess(Actor actor, DateTimeOffset now)
    {
        if (!CanBeReadBy(actor))
        {
            throw new DomainException("Você não tem acesso a esta manifestação.");
        }

        _history.Add(new HistoryEntry(Id, HistoryAction.Viewed, actor.UserId, actor.Name, null, now));
    }

    public void RecordCitizenConsultation(DateTimeOffset now) =>
        _history.Add(new HistoryEntry(Id, HistoryAction.ConsultedByCitizen, null, Actor.Citizen.Name, null, now));

    public void StartTriage(Actor actor, DateTimeOffset now)
    {
        RequireOmbudsman(actor, "iniciar a triagem");
        RequireStatus("iniciar a triagem", ManifestationStatus.Registered);
        Status = ManifestationStatus.InTriage;
        Record(HistoryAction.TriageStarted, actor, null, now);
    }

    /// <summary>Confirms or changes type, theme and subject (triage; also during treatment).</summary>
    public void Classify(ManifestationType type, Guid? themeId, string subject, Actor actor, DateTimeOffset now)
    {
        RequireOmbudsman(actor, "classificar a manifestação");
        RequireStatus("classificar", ManifestationStatus.InTriage, ManifestationStatus.InTreatment);
        if (string.IsNullOrWhiteSpace(subject))
        {
            throw new DomainException("Informe o assunto da manifestação.");
        }

        TextLimits.Check(subject, TextLimits.Subject, "O assunto");
        EnsureIdentityMatchesType(type, Requester);
        if (type == ManifestationType.Compliment && _assignments.Any(a => a.Role == AssignmentRole.Responsible))
        {
            throw new DomainException("Elogios são respondidos pela Ouvidoria: remova as unidades responsáveis antes de reclassificar como elogio.");
        }

        var details = type != Type ? $"Tipo: {Type.Label()} → {type.Label()}" : null;
        Type = type;
        ThemeId = themeId;
        Subject = subject.Trim();
        Record(HistoryAction.Classified, actor, details, now);
    }

    public void WriteInternalNote(string note, Actor actor, DateTimeOffset now)
    {
        RequireOmbudsman(actor, "registrar a observação do órgão");
        RequireNotClosed("registrar a observação do órgão");
        InternalNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        Record(HistoryAction.InternalNoteWritten, actor, null, now);
    }

    /// <summary>The pseudonymized synthesis (extrato) that units will read instead of the original.</summary>
    public void WriteExtract(string extract, Actor actor, DateTimeOffset now)
    {
        RequireOmbudsman(actor, "registrar o extrato");
        RequireStatus("registrar o extrato", ManifestationStatus.InTriage, ManifestationStatus.AwaitingComplement, ManifestationStatus.InTreatment);
        if (string.IsNullOrWhiteSpace(extract))
        {
            throw new DomainException("O extrato não pode ser vazio: escreva uma síntese sem elementos que identifiquem o manifestante.");
        }

        Extract = extract.Trim();
        Record(HistoryAction.ExtractWritten, actor, null, now);
    }

    /// <summary>Asks the citizen for a complement; the first request suspends the answer deadline.</summary>
    public void RequestComplement(string request, Actor actor, DateTimeOffset now, DeadlineTerms terms)
    {
        RequireOmbudsman(actor, "pedir complementação");
        RequireStatus("pedir complementação", ManifestationStatus.InTriage);
        if (IsAnonymous)
        {
            throw new DomainException("Comunicações anônimas não podem receber pedido de complementação: não há como o manifestante acompanhá-las.");
        }

        if (string.IsNullOrWhiteSpace(request))
        {
            throw new DomainException("Escreva o que o manifestante deve complementar.");
        }

        ComplementRequest = request.Trim();
        ComplementDueAt = now.AddDays(terms.EnsureValid().ComplementDays);
        if (!ClockPauseUsed)
        {
            ClockPauseUsed = true;
            ClockPausedAt = now;
        }

        Status = ManifestationStatus.AwaitingComplement;
        Record(HistoryAction.ComplementRequested, actor, ComplementRequest, now);
    }

    /// <summary>The citizen answers the complement request (with NUP + password).</summary>
    public void ReceiveComplement(string text, DateTimeOffset now)
    {
        RequireStatus("enviar complementação", ManifestationStatus.AwaitingComplement);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DomainException("Escreva a complementação solicitada.");
        }

        var entry = text.Trim();
        ComplementText = ComplementText is null ? entry : ComplementText + "\n\n———\n\n" + entry;
        ResumeClock(now);
        ComplementDueAt = null;
        Status = ManifestationStatus.InTriage;
        Record(HistoryAction.ComplementReceived, Actor.Citizen, null, now);
        Raise(new ComplementArrived(Id, now));
    }

    /// <summary>Forwards to a unit (optionally a named collaborator) as responsible or observer.</summary>
    public Assignment Forward(Guid unitId, AssignmentRole role, string? collaboratorId, string? collaboratorName, string? instructions, Actor actor, DateTimeOffset now, DeadlineTerms terms)
    {
        RequireOmbudsman(actor, "encaminhar");
        RequireStatus("encaminhar", ManifestationStatus.InTriage, ManifestationStatus.InTreatment);
        if (Extract is null)
        {
            throw new DomainException("Registre o extrato (pseudonimização) antes de encaminhar: as unidades não recebem o teor original.");
        }

        if (role == AssignmentRole.Responsible && Type.IsAnsweredByOmbudsmanOnly())
        {
            throw new DomainException("Elogios são respondidos pela própria Ouvidoria: encaminhe a unidade apenas como observadora, para ciência.");
        }

        if (_assignments.Any(a => a.UnitId == unitId && a.CollaboratorId == collaboratorId && a.IsOpen))
        {
            throw new DomainException("Esta unidade já tem um tratamento em aberto desta manifestação.");
        }

        TextLimits.Check(instructions, TextLimits.Instructions, "As instruções");
        var assignment = new Assignment(Id, RegisteredAt, Status.IsOpen(), unitId, role, collaboratorId, collaboratorName, instructions, now, terms.EnsureValid().UnitAnswerDays);
        _assignments.Add(assignment);
        Status = ManifestationStatus.InTreatment;
        var who = collaboratorName is null ? string.Empty : $" ({collaboratorName})";
        Record(HistoryAction.Forwarded, actor, $"{(role == AssignmentRole.Responsible ? "Responsável" : "Observador")}{who}", now);
        Raise(new ForwardedToUnit(Id, assignment.Id, unitId, collaboratorId, role, assignment.Deadline.DueAt, now));
        return assignment;
    }

    /// <summary>
    /// The unit the ombudsman is offered first when forwarding (<see cref="Theme.DefaultUnitId"/>,
    /// "unidade padrão" of this manifestation's theme) — null when the theme has none, is not this
    /// manifestation's, or the unit already has an open treatment of it (forwarding again is refused).
    /// </summary>
    public Guid? SuggestedForwardUnit(Theme? theme) =>
        theme is { DefaultUnitId: { } unitId } && theme.Id == ThemeId
        && !_assignments.Any(a => a.UnitId == unitId && a.CollaboratorId is null && a.IsOpen)
            ? unitId
            : null;

    public TreatmentMessage PostMessage(string text, MessageVisibility visibility, Actor actor, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DomainException("Escreva a mensagem antes de enviar.");
        }

        TextLimits.Check(text, TextLimits.Message, "A mensagem");

        RequireStatus("enviar mensagens no tratamento", ManifestationStatus.InTriage, ManifestationStatus.AwaitingComplement, ManifestationStatus.InTreatment, ManifestationStatus.Answered, ManifestationStatus.Concluded);
        if (actor.IsCollaborator)
        {
            if (visibility == MessageVisibility.OmbudsmanOnly)
            {
                throw new DomainException("Mensagens internas são exclusivas da Ouvidoria.");
            }

            if (!_assignments.Any(a => a.Includes(actor) && a.IsOpen))
            {
                throw new DomainException("Seu tratamento desta manifestação não está em aberto: reabra-o para enviar mensagens.");
            }
        }
        else if (!actor.IsOmbudsman)
        {
            throw new DomainException("Somente a Ouvidoria e os colaboradores designados participam do tratamento.");
        }

        var message = new TreatmentMessage(Id, actor.UserId, actor.Name, actor.UnitId, text.Trim(), visibility, now);
        _messages.Add(message);
        Record(HistoryAction.MessagePosted, actor, null, now);
        return message;
    }

    /// <summary>
    /// The author deletes their own message (collaborator manual 2.3 III): a collaborator while
    /// their treatment is open, the ombudsman while the case is not closed. Files posted with it go
    /// too; the returned storage keys are for the caller to delete from the file store.
    /// </summary>
    public IReadOnlyList<string> DeleteMessage(Guid messageId, Actor actor, DateTimeOffset now)
    {
        var message = _messages.FirstOrDefault(m => m.Id == messageId)
            ?? throw new DomainException("Mensagem não encontrada nesta manifestação.");
        if (message.IsDeleted)
        {
            throw new DomainException("Esta mensagem já foi excluída.");
        }

        if (actor.UserId is null || message.AuthorId != actor.UserId)
        {
            throw new DomainException("Só quem escreveu a mensagem pode excluí-la.");
        }

        if (actor.IsCollaborator && !_assignments.Any(a => a.Includes(actor) && a.IsOpen))
        {
            throw new DomainException("Seu tratamento já foi finalizado: reabra-o para excluir mensagens.");
        }

        RequireNotClosed("excluir mensagens");
        var files = _attachments.Where(a => a.MessageId == messageId).ToList();
        _attachments.RemoveAll(a => a.MessageId == messageId);
        message.Delete(now);
        Record(HistoryAction.MessageDeleted, actor, files.Count == 0 ? null : $"{files.Count} anexo(s) removido(s)", now);
        return files.Select(f => f.StorageKey).ToList();
    }

    /// <summary>
    /// The unit has no competence on the subject (manual 2.3 passo 4): posts the manual's standard
    /// text — naming the right area when known — and finalizes that unit's treatment.
    /// </summary>
    public void DeclareNoCompetence(Guid assignmentId, string? rightArea, Actor actor, DateTimeOffset now) =>
        DeclareNoCompetence(assignmentId, rightArea, NoCompetenceText(rightArea), actor, now);

    /// <summary>As above, posting <paramref name="standardText"/> (the office's edited version of the manual's text).</summary>
    public void DeclareNoCompetence(Guid assignmentId, string? rightArea, string standardText, Actor actor, DateTimeOffset now)
    {
        var assignment = FindAssignment(assignmentId);
        if (!assignment.Includes(actor))
        {
            throw new DomainException("Somente a unidade designada pode declarar que não tem competência sobre o assunto.");
        }

        RequireStatus("declarar ausência de competência", ManifestationStatus.InTreatment);
        if (!assignment.IsOpen || assignment.Role != AssignmentRole.Responsible)
        {
            throw new DomainException("A declaração de ausência de competência encerra um tratamento em aberto da unidade responsável.");
        }

        EnsureMayEndTreatment(assignment);
        TextLimits.Check(rightArea, TextLimits.Subject, "A área responsável");
        if (string.IsNullOrWhiteSpace(standardText))
        {
            throw new DomainException("O texto padrão de ausência de competência está vazio: peça ao administrador que o restaure.");
        }

        TextLimits.Check(standardText, TextLimits.Message, "O texto");
        var text = standardText.Trim();
        _messages.Add(new TreatmentMessage(Id, actor.UserId, actor.Name, actor.UnitId, text, MessageVisibility.Team, now));
        assignment.Finalize(now);
        Record(HistoryAction.NoCompetenceDeclared, actor, string.IsNullOrWhiteSpace(rightArea) ? "Área responsável desconhecida" : $"Indicada: {rightArea.Trim()}", now);
    }

    /// <summary>The standard texts of the collaborator manual (2.3, passo 4, I a/b).</summary>
    public static string NoCompetenceText(string? rightArea) => string.IsNullOrWhiteSpace(rightArea)
        ? "Em leitura preliminar, identificamos que não temos competência sobre o assunto da manifestação. Encerramos nosso atendimento, porém, desconhecemos a área responsável."
        : $"Em leitura preliminar, identificamos que não temos competência sobre o assunto da manifestação. Encerramos nosso atendimento e indicamos o envio para a área {rightArea.Trim()}.";

    public void FinalizeTreatment(Guid assignmentId, Actor actor, DateTimeOffset now)
    {
        var assignment = FindAssignment(assignmentId);
        RequireTeamMember(assignment, actor, "finalizar o tratamento");
        RequireStatus("finalizar o tratamento", ManifestationStatus.InTreatment, ManifestationStatus.Answered, ManifestationStatus.Concluded);
        EnsureMayEndTreatment(assignment);
        assignment.Finalize(now);
        Record(HistoryAction.TreatmentFinalized, actor, null, now);
    }

    /// <summary>Reopens a finalized treatment for the chosen collaborator (or the whole unit).</summary>
    public void ReopenTreatment(Guid assignmentId, string? collaboratorId, string? collaboratorName, Actor actor, DateTimeOffset now, DeadlineTerms terms)
    {
        var assignment = FindAssignment(assignmentId);
        RequireTeamMember(assignment, actor, "reabrir o tratamento");
        RequireStatus("reabrir o tratamento", ManifestationStatus.InTreatment, ManifestationStatus.Answered, ManifestationStatus.Concluded);
        assignment.Reopen(collaboratorId, collaboratorName, now, terms.EnsureValid().UnitAnswerDays);
        Record(HistoryAction.TreatmentReopened, actor, collaboratorName is null ? null : $"Responsável: {collaboratorName}", now);
        Raise(new TreatmentReopened(Id, assignment.Id, assignment.UnitId, assignment.CollaboratorId, assignment.Deadline.DueAt, now));
    }

    /// <summary>The one extension of the citizen deadline (30 days by law, or the office's shorter term), with justification.</summary>
    public void ExtendDeadline(string justification, Actor actor, DateTimeOffset now, DeadlineTerms terms)
    {
        RequireOmbudsman(actor, "prorrogar o prazo");
        RequireStatus("prorrogar o prazo", ManifestationStatus.Registered, ManifestationStatus.InTriage, ManifestationStatus.AwaitingComplement, ManifestationStatus.InTreatment);
        CitizenDeadline = CitizenDeadline.Extend(terms.EnsureValid().CitizenExtensionDays, justification);
        Record(HistoryAction.DeadlineExtended, actor, justification.Trim(), now);
    }

    /// <summary>The one extension of a unit's deadline (20 days by law, or the office's shorter term), with justification.</summary>
    public void ExtendUnitDeadline(Guid assignmentId, string justification, Actor actor, DateTimeOffset now, DeadlineTerms terms)
    {
        RequireOmbudsman(actor, "prorrogar o prazo da unidade");
        RequireStatus("prorrogar o prazo da unidade", ManifestationStatus.InTreatment);
        var assignment = FindAssignment(assignmentId);
        assignment.ExtendDeadline(justification, terms.EnsureValid().UnitExtensionDays);
        Record(HistoryAction.UnitDeadlineExtended, actor, justification.Trim(), now);
    }

    /// <summary>Sends an intermediate or the conclusive answer to the citizen.</summary>
    public void Answer(string text, bool conclusive, Actor actor, DateTimeOffset now)
    {
        RequireOmbudsman(actor, "responder ao manifestante");
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DomainException("Escreva a resposta ao manifestante.");
        }

        TextLimits.Check(text, TextLimits.Message, "A resposta");

        if (conclusive)
        {
            RequireStatus("enviar a resposta conclusiva", ManifestationStatus.InTriage, ManifestationStatus.InTreatment);
            if (HasOpenResponsibleTreatment)
            {
                throw new DomainException("Há unidades com tratamento em aberto: aguarde que finalizem (ou finalize-os) antes da resposta conclusiva.");
            }

            Status = ManifestationStatus.Answered;
            AnsweredAt = now;
        }
        else
        {
            RequireStatus("enviar uma resposta intermediária", ManifestationStatus.InTriage, ManifestationStatus.AwaitingComplement, ManifestationStatus.InTreatment);
        }

        _answers.Add(new CitizenAnswer(Id, text.Trim(), conclusive, actor.Name, now));
        Record(conclusive ? HistoryAction.ConclusiveAnswerSent : HistoryAction.IntermediateAnswerSent, actor, null, now);
    }

    /// <summary>Concludes an answered manifestation, recording "Demanda resolvida?".</summary>
    public void Conclude(bool resolved, Actor actor, DateTimeOffset now)
    {
        RequireOmbudsman(actor, "concluir a manifestação");
        RequireStatus("concluir", ManifestationStatus.Answered);
        Resolved = resolved;
        ConcludedAt = now;
        Status = ManifestationStatus.Concluded;
        Record(HistoryAction.Concluded, actor, resolved ? "Demanda resolvida: sim" : "Demanda resolvida: não", now);
    }

    /// <summary>Records that an unresolved demand (pending investigation or implementation) was resolved.</summary>
    public void RecordResolution(string synthesis, Actor actor, DateTimeOffset now)
    {
        RequireOmbudsman(actor, "registrar a resolução");
        RequireStatus("registrar a resolução", ManifestationStatus.Concluded);
        if (Resolved != false)
        {
            throw new DomainException("Esta demanda já consta como resolvida.");
        }

        if (string.IsNullOrWhiteSpace(synthesis))
        {
            throw new DomainException("Informe a síntese das providências que resolveram a demanda.");
        }

        Resolved = true;
        ResolutionNote = synthesis.Trim();
        // Treatments reopened to report the resolution end with it.
        foreach (var assignment in _assignments)
        {
            assignment.CloseOnArchive(now);
        }

        Record(HistoryAction.ResolutionRecorded, actor, ResolutionNote, now);
    }

    public void Archive(ArchiveReason reason, string? justification, Actor actor, DateTimeOffset now)
    {
        if (!(actor.IsOmbudsman || (actor.Kind == ActorKind.System && reason == Manifestations.ArchiveReason.ComplementNotAnswered)))
        {
            throw new DomainException("Somente a Ouvidoria pode arquivar manifestações.");
        }

        RequireStatus("arquivar", ManifestationStatus.Registered, ManifestationStatus.InTriage, ManifestationStatus.AwaitingComplement, ManifestationStatus.InTreatment);
        if (reason == Manifestations.ArchiveReason.ComplementNotAnswered && Status != ManifestationStatus.AwaitingComplement)
        {
            throw new DomainException("Só se arquiva por complementação não atendida uma manifestação que aguarda complementação.");
        }

        if (reason == Manifestations.ArchiveReason.ComplementNotAnswered && ComplementDueAt is { } due && now < due)
        {
            throw new DomainException($"O manifestante tem até {due:dd/MM/yyyy} para responder à complementação.");
        }

        foreach (var assignment in _assignments)
        {
            assignment.CloseOnArchive(now);
        }

        ClockPausedAt = null;
        ArchiveReason = reason;
        ArchiveJustification = string.IsNullOrWhiteSpace(justification) ? null : justification.Trim();
        ArchivedAt = now;
        Status = ManifestationStatus.Archived;
        Record(HistoryAction.Archived, actor, reason.Label(), now);
    }

    /// <summary>
    /// Adds a stored file. Citizen files (original, complement) come only from the citizen and count
    /// against the office's <paramref name="limits"/> (at most 10 files / 30 MB); treatment files come
    /// from the team, optionally with a message.
    /// </summary>
    public Attachment AddAttachment(string fileName, string contentType, long sizeBytes, string storageKey, AttachmentOrigin origin, Actor actor, DateTimeOffset now, AttachmentLimits limits, Guid? messageId = null)
    {
        if (Status == ManifestationStatus.Archived)
        {
            throw new DomainException("Não é possível anexar arquivos a uma manifestação arquivada.");
        }

        if (origin == AttachmentOrigin.Treatment)
        {
            if (!actor.IsOmbudsman && !_assignments.Any(a => a.Includes(actor) && a.IsOpen))
            {
                throw new DomainException("Somente a Ouvidoria e as unidades com tratamento em aberto anexam arquivos ao tratamento.");
            }

            if (messageId is { } id && _messages.All(m => m.Id != id))
            {
                throw new DomainException("Mensagem do tratamento não encontrada.");
            }
        }
        else if (actor.Kind != ActorKind.Citizen)
        {
            throw new DomainException("Anexos originais e de complementação são enviados pelo manifestante.");
        }

        var name = AttachmentPolicy.SanitizeFileName(fileName);
        AttachmentPolicy.EnsureAllowedExtension(name);
        if (sizeBytes <= 0)
        {
            throw new DomainException($"O arquivo \"{name}\" está vazio.");
        }

        if (origin != AttachmentOrigin.Treatment)
        {
            var citizenFiles = _attachments.Where(a => a.Origin != AttachmentOrigin.Treatment).ToList();
            limits.EnsureValid();
            if (citizenFiles.Count >= limits.MaxFiles)
            {
                throw new DomainException($"Limite de {limits.MaxFiles} anexos por manifestação atingido.");
            }

            if (citizenFiles.Sum(a => a.SizeBytes) + sizeBytes > limits.MaxTotalBytes)
            {
                throw new DomainException($"Os anexos de uma manifestação somam no máximo {limits.MaxTotalMegabytes} MB.");
            }
        }

        var attachment = new Attachment(Id, name, contentType, sizeBytes, storageKey, origin, actor.Name, messageId, now);
        _attachments.Add(attachment);
        // A citizen's file name may identify them (e.g. "RG-Maria.jpg"): history names only team files.
        Record(HistoryAction.AttachmentAdded, actor, origin == AttachmentOrigin.Treatment ? name : "Anexo do manifestante", now);
        return attachment;
    }

    /// <summary>
    /// A file the citizen sends on its own after registering (the integration API): part of the
    /// manifestation while it awaits analysis, part of the complement while one is requested;
    /// refused in any other state (the team would never look for it).
    /// </summary>
    public Attachment AddCitizenFile(string fileName, string contentType, long sizeBytes, string storageKey, DateTimeOffset now, AttachmentLimits limits)
    {
        var origin = Status switch
        {
            ManifestationStatus.Registered or ManifestationStatus.InTriage => AttachmentOrigin.Original,
            ManifestationStatus.AwaitingComplement => AttachmentOrigin.Complement,
            _ => throw new DomainException("Só é possível anexar arquivos enquanto a manifestação aguarda análise ou complementação."),
        };
        return AddAttachment(fileName, contentType, sizeBytes, storageKey, origin, Actor.Citizen, now, limits);
    }

    /// <summary>
    /// The ombudsman downloads everything. Collaborators download the team's files of messages they
    /// see; the citizen's files may identify them, so a collaborator gets them only through a granted
    /// art. 7 requisition of their own, and the identity PDF (marked with its recipient's name) only
    /// the collaborator it was granted to (see Manifestation.Identity.cs).
    /// </summary>
    public bool CanDownload(Attachment attachment, Actor actor)
    {
        if (!CanBeReadBy(actor))
        {
            return false;
        }

        if (ShowsIdentityTo(actor))
        {
            return true;
        }

        if (attachment.Origin != AttachmentOrigin.Treatment)
        {
            return DeliveredByGrant(attachment, actor);
        }

        if (attachment.MessageId is not { } messageId)
        {
            return true;
        }

        var message = _messages.FirstOrDefault(x => x.Id == messageId);
        return message is not null
            && CanSee(message, actor)
            && (IdentityDeliveryOn(message) is not { } delivery || IsDeliveredTo(delivery, actor));
    }

    /// <summary>Logs a download (who, when, which file) and returns the attachment to stream.</summary>
    public Attachment RecordDownload(Guid attachmentId, Actor actor, DateTimeOffset now)
    {
        var attachment = _attachments.FirstOrDefault(a => a.Id == attachmentId)
            ?? throw new DomainException("Anexo não encontrado nesta manifestação.");
        if (!CanDownload(attachment, actor))
        {
            throw new DomainException("Você não tem acesso a este anexo.");
        }

        _history.Add(new HistoryEntry(Id, HistoryAction.AttachmentDownloaded, actor.UserId, actor.Name,
            attachment.Origin == AttachmentOrigin.Treatment ? attachment.FileName : $"Anexo do manifestante ({attachment.Id:N})", now));
        return attachment;
    }

    /// <summary>The deadline that matters to <paramref name="actor"/>: their unit's open responsible treatment, else the citizen's.</summary>
    public Deadline DeadlineFor(Actor actor) =>
        actor.IsCollaborator
            ? _assignments.Where(a => a.Includes(actor) && a.IsOpen && a.Role == AssignmentRole.Responsible).Select(a => a.Deadline).MinBy(d => d.DueAt) ?? CitizenDeadline
            : CitizenDeadline;

    private static void EnsureIdentityMatchesType(ManifestationType type, Requester? requester)
    {
        if (requester is null && type != ManifestationType.Communication)
        {
            throw new DomainException(type is ManifestationType.Denunciation or ManifestationType.Complaint
                ? "Manifestações anônimas são registradas como comunicação de irregularidade."
                : $"{type.Label()} exige identificação do manifestante; apenas denúncias e reclamações podem ser anônimas (comunicação de irregularidade).");
        }

        if (requester is not null && type == ManifestationType.Communication)
        {
            throw new DomainException("Comunicação de irregularidade é sempre anônima: para se identificar, registre uma denúncia.");
        }
    }

    private Assignment FindAssignment(Guid assignmentId) =>
        _assignments.FirstOrDefault(a => a.Id == assignmentId)
        ?? throw new DomainException("Tratamento não encontrado nesta manifestação.");

    private void ResumeClock(DateTimeOffset now)
    {
        if (ClockPausedAt is { } pausedAt)
        {
            CitizenDeadline = CitizenDeadline.Shift(now - pausedAt);
            ClockPausedAt = null;
        }
    }

    private void Record(HistoryAction action, Actor actor, string? details, DateTimeOffset now)
    {
        if (details is { Length: > HistoryEntry.MaxDetailsLength })
        {
            details = details[..(HistoryEntry.MaxDetailsLength - 1)] + "…";
        }

        _history.Add(new HistoryEntry(Id, action, actor.UserId, actor.Name, details, now));
        LastChangedAt = now;
    }

    private static void RequireOmbudsman(Actor actor, string what)
    {
        if (!actor.IsOmbudsman)
        {
            throw new DomainException($"Somente a Ouvidoria pode {what}.");
        }
    }

    private static void RequireTeamMember(Assignment assignment, Actor actor, string what)
    {
        if (!actor.IsOmbudsman && !assignment.Includes(actor))
        {
            throw new DomainException($"Somente a Ouvidoria ou a unidade designada pode {what}.");
        }
    }

    private void RequireStatus(string what, params ManifestationStatus[] allowed)
    {
        if (!allowed.Contains(Status))
        {
            throw new DomainException($"Não é possível {what}: a manifestação está \"{Status.Label()}\".");
        }
    }

    private void RequireNotClosed(string what)
    {
        if (Status is ManifestationStatus.Archived or ManifestationStatus.Concluded)
        {
            throw new DomainException($"Não é possível {what}: a manifestação está \"{Status.Label()}\".");
        }
    }
}
