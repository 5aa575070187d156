using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;

namespace Ouvidoria.Tests.Support;

/// <summary>
/// Builds a <see cref="Manifestation"/> in any status by calling the real domain methods, in the
/// order a real case goes through them, all at the builder's clock's current instant. Defaults:
/// an identified complaint (with consent) registered on the web, forwarded to <see cref="Actors.UnitA"/>
/// as responsible when a status needs a treatment.
/// </summary>
public sealed class ManifestationBuilder
{
    public const string DefaultPassword = "Kp7mWx4qRt";

    public const string DefaultDescription = "O posto de saúde do bairro está fechado há duas semanas sem aviso.";

    public const string DefaultExtract = "Relato de posto de saúde fechado há duas semanas sem aviso (sem dados pessoais).";

    /// <summary>PBKDF2 is deliberately slow: hash the default password once for all tests.</summary>
    private static readonly Lazy<string> DefaultPasswordHash = new(() => ProtocolPassword.Hash(DefaultPassword));

    private static int _sequence;

    private ManifestationType _type = ManifestationType.Complaint;
    private Requester? _requester = DefaultRequester();
    private bool _consentToShare = true;
    private Channel _channel = Channel.Web;
    private string _description = DefaultDescription;
    private string? _subject;
    private Guid? _themeId;
    private string? _passwordHash;
    private string? _extract;
    private bool _extractInTriage;
    private ManifestationStatus _status = ManifestationStatus.Registered;
    private Guid _unitId = Actors.UnitA;
    private string? _collaboratorId;
    private string? _collaboratorName;
    private AssignmentRole? _role;
    private bool _resolved = true;
    private ArchiveReason _archiveReason = ArchiveReason.Duplicate;
    private ManifestationStatus _archivedFrom = ManifestationStatus.InTriage;

    public FakeTimeProvider Clock { get; private set; } = new();

    public static Requester DefaultRequester() => new("Maria da Silva", "maria.silva@exemplo.com.br", "(31) 99999-0000");

    /// <summary>A NUP of unit 23037 for the current year, never repeated within a test run.</summary>
    public static Nup NextNup() => Nup.Create(23037, Interlocked.Increment(ref _sequence), 2025);

    public ManifestationBuilder WithClock(FakeTimeProvider clock)
    {
        Clock = clock;
        return this;
    }

    public ManifestationBuilder OfType(ManifestationType type)
    {
        _type = type;
        if (type == ManifestationType.Communication)
        {
            _requester = null;
            _consentToShare = false;
        }

        return this;
    }

    /// <summary>Identified by <paramref name="requester"/> (default: Maria), with consent to share.</summary>
    public ManifestationBuilder Identified(Requester? requester = null)
    {
        _requester = requester ?? DefaultRequester();
        _consentToShare = true;
        if (_type == ManifestationType.Communication)
        {
            _type = ManifestationType.Denunciation;
        }

        return this;
    }

    /// <summary>Anonymous: necessarily a comunicação de irregularidade.</summary>
    public ManifestationBuilder Anonymous() => OfType(ManifestationType.Communication);

    public ManifestationBuilder WithChannel(Channel channel)
    {
        _channel = channel;
        return this;
    }

    public ManifestationBuilder WithDescription(string description, string? subject = null)
    {
        _description = description;
        _subject = subject;
        return this;
    }

    public ManifestationBuilder WithTheme(Guid themeId)
    {
        _themeId = themeId;
        return this;
    }

    /// <summary>Uses <paramref name="clearPassword"/> instead of <see cref="DefaultPassword"/> (hashed now).</summary>
    public ManifestationBuilder WithPassword(string clearPassword)
    {
        _passwordHash = ProtocolPassword.Hash(clearPassword);
        return this;
    }

    /// <summary>The extract to write; in triage it is written only when this was called.</summary>
    public ManifestationBuilder WithExtract(string extract = DefaultExtract)
    {
        _extract = extract;
        _extractInTriage = true;
        return this;
    }

    public ManifestationBuilder Registered() => InStatus(ManifestationStatus.Registered);

    public ManifestationBuilder InTriage() => InStatus(ManifestationStatus.InTriage);

    public ManifestationBuilder AwaitingComplement() => InStatus(ManifestationStatus.AwaitingComplement);

    /// <summary>Forwarded to <paramref name="unitId"/> (default unit A), optionally to a named collaborator.</summary>
    /// <remarks>The role defaults to responsible, or observer for an elogio (which units never answer).</remarks>
    public ManifestationBuilder InTreatment(Guid? unitId = null, AssignmentRole? role = null, string? collaboratorId = null, string? collaboratorName = null)
    {
        _unitId = unitId ?? Actors.UnitA;
        _role = role;
        _collaboratorId = collaboratorId;
        _collaboratorName = collaboratorName;
        return InStatus(ManifestationStatus.InTreatment);
    }

    /// <summary>Treated by the unit, which finalized; then the conclusive answer was sent.</summary>
    public ManifestationBuilder Answered() => InStatus(ManifestationStatus.Answered);

    public ManifestationBuilder Concluded(bool resolved = true)
    {
        _resolved = resolved;
        return InStatus(ManifestationStatus.Concluded);
    }

    /// <summary>Archived for <paramref name="reason"/> from <paramref name="from"/> (triage by default).</summary>
    public ManifestationBuilder Archived(ArchiveReason reason = ArchiveReason.Duplicate, ManifestationStatus from = ManifestationStatus.InTriage)
    {
        if (from is not (ManifestationStatus.Registered or ManifestationStatus.InTriage or ManifestationStatus.AwaitingComplement or ManifestationStatus.InTreatment))
        {
            throw new ArgumentOutOfRangeException(nameof(from), from, "Only open manifestations can be archived.");
        }

        _archiveReason = reason;
        _archivedFrom = from;
        return InStatus(ManifestationStatus.Archived);
    }

    /// <summary>Any status with the defaults of the named methods (archived from triage).</summary>
    public ManifestationBuilder InStatus(ManifestationStatus status)
    {
        _status = status;
        return this;
    }

    public Manifestation Build()
    {
        var m = Manifestation.Register(
            NextNup(), _type, _channel, _themeId, _subject, _description, _requester, _consentToShare,
            _passwordHash ?? DefaultPasswordHash.Value, Now, terms: DeadlineTerms.Legal);

        var target = _status == ManifestationStatus.Archived ? _archivedFrom : _status;
        DriveTo(m, target);
        if (_status == ManifestationStatus.Archived)
        {
            var actor = _archiveReason == ArchiveReason.ComplementNotAnswered ? Actor.System : Actors.Ombudsman;
            m.Archive(_archiveReason, "Arquivada pelo construtor de testes.", actor, Now);
        }

        return m;
    }

    private DateTimeOffset Now => Clock.GetUtcNow();

    private void DriveTo(Manifestation m, ManifestationStatus target)
    {
        var ombudsman = Actors.Ombudsman;
        switch (target)
        {
            case ManifestationStatus.Registered:
                return;

            case ManifestationStatus.InTriage:
                m.StartTriage(ombudsman, Now);
                if (_extractInTriage)
                {
                    m.WriteExtract(_extract ?? DefaultExtract, ombudsman, Now);
                }

                return;

            case ManifestationStatus.AwaitingComplement:
                DriveTo(m, ManifestationStatus.InTriage);
                m.RequestComplement("Informe o endereço do posto de saúde.", ombudsman, Now, terms: DeadlineTerms.Legal);
                return;

            case ManifestationStatus.InTreatment:
                m.StartTriage(ombudsman, Now);
                m.WriteExtract(_extract ?? DefaultExtract, ombudsman, Now);
                var role = _role ?? (_type.IsAnsweredByOmbudsmanOnly() ? AssignmentRole.Observer : AssignmentRole.Responsible);
                m.Forward(_unitId, role, _collaboratorId, _collaboratorName, "Verificar e responder em 20 dias.", ombudsman, Now, terms: DeadlineTerms.Legal);
                return;

            case ManifestationStatus.Answered:
                DriveTo(m, ManifestationStatus.InTreatment);
                foreach (var assignment in m.Assignments.Where(a => a.Role == AssignmentRole.Responsible && a.IsOpen).ToList())
                {
                    m.FinalizeTreatment(assignment.Id, Actors.CollaboratorOf(assignment.UnitId, assignment.CollaboratorId), Now);
                }

                m.Answer("Prezada cidadã, o posto foi reaberto nesta semana.", conclusive: true, ombudsman, Now);
                return;

            case ManifestationStatus.Concluded:
                DriveTo(m, ManifestationStatus.Answered);
                m.Conclude(_resolved, ombudsman, Now);
                return;

            case ManifestationStatus.Archived:
                throw new InvalidOperationException("Archived is reached from another status.");
        }
    }
}
