using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;

namespace Ouvidoria.Domain.Administration;

/// <summary>The values an administrator edits on "Configurações" (validated together).</summary>
public sealed record SettingsValues(
    string OfficeName,
    string NupUnitCode,
    int FirstAlertDays,
    int SecondAlertDays,
    int ChannelLogDays,
    int ClosedCaseFilesDays,
    int IdleTimeoutMinutes,
    IReadOnlySet<ActorKind> TwoFactorRequiredFor)
{
    /// <summary>The office's deadlines (at most the law's, <see cref="DeadlineTerms.Legal"/>).</summary>
    public DeadlineTerms Deadlines { get; init; } = DeadlineTerms.Legal;

    /// <summary>The office's attachment limits (at most <see cref="AttachmentLimits.Legal"/>).</summary>
    public AttachmentLimits Attachments { get; init; } = AttachmentLimits.Legal;

    /// <summary>The words the answer hints flag (<see cref="AnswerQuality"/>); empty: no foreign-word hint.</summary>
    public IReadOnlyList<string> ForeignWords { get; init; } = AnswerQuality.DefaultForeignWords;
}

/// <summary>
/// The office's settings: one row. Until an administrator saves them, the configuration's values
/// (appsettings/environment) apply; once saved, the row wins. Deadlines and attachment limits may
/// only tighten the law's (<see cref="DeadlinePolicy"/>, <see cref="AttachmentPolicy"/>): see
/// docs/decisions/0014-configurable-limits.md.
/// </summary>
public sealed class SystemSettings
{
    public const string EntityType = "SystemSettings";
    public const int SingletonId = 1;
    public const int MaxOfficeNameLength = 200;
    public const int MinIdleMinutes = 5;
    public const int MaxIdleMinutes = 480;

    /// <summary>The warning shows this long before an idle session ends.</summary>
    public static readonly TimeSpan IdleWarning = TimeSpan.FromMinutes(2);

    public static readonly IReadOnlyList<ActorKind> StaffKinds = [ActorKind.Ombudsman, ActorKind.Collaborator, ActorKind.Manager, ActorKind.Administrator];

    private SystemSettings()
    {
        OfficeName = string.Empty;
        TwoFactorRequiredRoles = string.Empty;
        ForeignWordList = string.Empty;
    }

    public int Id { get; private set; }

    public string OfficeName { get; private set; }

    /// <summary>The registering unit's code in every NUP (5 digits).</summary>
    public int NupUnitCode { get; private set; }

    /// <summary>Days before a deadline when the first alert goes out.</summary>
    public int FirstAlertDays { get; private set; }

    /// <summary>Days before a deadline when the second alert goes out (0: none).</summary>
    public int SecondAlertDays { get; private set; }

    /// <summary>Days processed WhatsApp inbox/outbox rows are kept.</summary>
    public int ChannelLogDays { get; private set; }

    /// <summary>Days after closing when a case's files are erased (0: kept).</summary>
    public int ClosedCaseFilesDays { get; private set; }

    /// <summary>Minutes without activity after which a staff session ends.</summary>
    public int IdleTimeoutMinutes { get; private set; }

    /// <summary>The staff kinds that must sign in with an authenticator app (comma-separated <see cref="ActorKind"/> names).</summary>
    public string TwoFactorRequiredRoles { get; private set; }

    /// <summary>Conclusive answer to the citizen (days; at most <see cref="DeadlinePolicy.CitizenAnswerDays"/>).</summary>
    public int CitizenAnswerDays { get; private set; }

    public int CitizenExtensionDays { get; private set; }

    public int UnitAnswerDays { get; private set; }

    public int UnitExtensionDays { get; private set; }

    public int ComplementDays { get; private set; }

    /// <summary>Citizen files per manifestation (at most <see cref="AttachmentPolicy.MaxFiles"/>).</summary>
    public int MaxAttachmentFiles { get; private set; }

    /// <summary>Megabytes of citizen files per manifestation (at most 30).</summary>
    public int MaxAttachmentMegabytes { get; private set; }

    /// <summary>The answer hints' foreign words, one per line.</summary>
    public string ForeignWordList { get; private set; }

    public DeadlineTerms DeadlineTerms => new(CitizenAnswerDays, CitizenExtensionDays, UnitAnswerDays, UnitExtensionDays, ComplementDays);

    public AttachmentLimits AttachmentLimits => new(MaxAttachmentFiles, MaxAttachmentMegabytes);

    public IReadOnlyList<string> ForeignWords => AnswerQuality.ParseForeignWords(ForeignWordList);

    public IReadOnlyList<int> AlertDaysBefore => SecondAlertDays > 0 ? [FirstAlertDays, SecondAlertDays] : [FirstAlertDays];

    public IReadOnlySet<ActorKind> TwoFactorRequiredFor =>
        TwoFactorRequiredRoles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(r => Enum.TryParse<ActorKind>(r, out var kind) ? kind : (ActorKind?)null)
            .OfType<ActorKind>().ToHashSet();

    public SettingsValues Values => new(OfficeName, NupUnitCode.ToString("D5", System.Globalization.CultureInfo.InvariantCulture),
        FirstAlertDays, SecondAlertDays, ChannelLogDays, ClosedCaseFilesDays, IdleTimeoutMinutes, TwoFactorRequiredFor)
    {
        Deadlines = DeadlineTerms,
        Attachments = AttachmentLimits,
        ForeignWords = ForeignWords,
    };

    /// <summary>A settings row holding <paramref name="values"/> (validated).</summary>
    public static SystemSettings Create(SettingsValues values)
    {
        var settings = new SystemSettings { Id = SingletonId };
        settings.Change(values);
        return settings;
    }

    /// <summary>Replaces every value; refuses the whole change, naming every problem, when one is invalid.</summary>
    public void Change(SettingsValues values)
    {
        var problems = Validate(values);
        if (problems.Count > 0)
        {
            throw new DomainException(string.Join(" ", problems));
        }

        OfficeName = values.OfficeName.Trim();
        NupUnitCode = int.Parse(values.NupUnitCode.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        FirstAlertDays = values.FirstAlertDays;
        SecondAlertDays = values.SecondAlertDays;
        ChannelLogDays = values.ChannelLogDays;
        ClosedCaseFilesDays = values.ClosedCaseFilesDays;
        IdleTimeoutMinutes = values.IdleTimeoutMinutes;
        TwoFactorRequiredRoles = string.Join(',', StaffKinds.Where(values.TwoFactorRequiredFor.Contains));
        (CitizenAnswerDays, CitizenExtensionDays, UnitAnswerDays, UnitExtensionDays, ComplementDays) =
            (values.Deadlines.CitizenAnswerDays, values.Deadlines.CitizenExtensionDays, values.Deadlines.UnitAnswerDays, values.Deadlines.UnitExtensionDays, values.Deadlines.ComplementDays);
        (MaxAttachmentFiles, MaxAttachmentMegabytes) = (values.Attachments.MaxFiles, values.Attachments.MaxTotalMegabytes);
        ForeignWordList = string.Join('\n', values.ForeignWords.Select(w => w.Trim()).Distinct(StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>Every problem of <paramref name="values"/>, one pt-BR sentence each (empty: valid).</summary>
    public static IReadOnlyList<string> Validate(SettingsValues values)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(values.OfficeName))
        {
            problems.Add("Informe o nome da ouvidoria.");
        }
        else if (values.OfficeName.Trim().Length > MaxOfficeNameLength)
        {
            problems.Add($"O nome da ouvidoria deve ter no máximo {MaxOfficeNameLength} caracteres.");
        }

        var code = values.NupUnitCode?.Trim() ?? string.Empty;
        if (code.Length != 5 || !code.All(char.IsAsciiDigit))
        {
            problems.Add("O código da unidade no NUP deve ter exatamente 5 dígitos (ex.: 12345).");
        }

        if (values.FirstAlertDays is < 1 or > 30)
        {
            problems.Add("O primeiro alerta de prazo deve ser de 1 a 30 dias antes do vencimento.");
        }

        if (values.SecondAlertDays < 0 || (values.SecondAlertDays > 0 && values.SecondAlertDays >= values.FirstAlertDays))
        {
            problems.Add("O segundo alerta de prazo deve ser menor que o primeiro (ou 0 para não enviar).");
        }

        if (values.ChannelLogDays is < 1 or > 365)
        {
            problems.Add("A retenção das mensagens processadas do WhatsApp deve ser de 1 a 365 dias.");
        }

        if (values.ClosedCaseFilesDays is < 0 or > 36_500)
        {
            problems.Add("A retenção dos anexos de casos encerrados deve ser de 0 (manter) a 36500 dias.");
        }

        if (values.IdleTimeoutMinutes is < MinIdleMinutes or > MaxIdleMinutes)
        {
            problems.Add($"O tempo de inatividade deve ser de {MinIdleMinutes} a {MaxIdleMinutes} minutos.");
        }

        if (values.TwoFactorRequiredFor.Any(k => !StaffKinds.Contains(k)))
        {
            problems.Add("A verificação em duas etapas só pode ser exigida de perfis de servidores.");
        }

        problems.AddRange(values.Deadlines.Problems());
        problems.AddRange(values.Attachments.Problems());
        problems.AddRange(AnswerQuality.ForeignWordProblems(values.ForeignWords));
        return problems;
    }

    /// <summary>The stored form of the default foreign-word list (also the column default of rows saved before it existed).</summary>
    public static string DefaultForeignWordList => string.Join('\n', AnswerQuality.DefaultForeignWords);
}
