using Ouvidoria.Domain.Common;

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
    IReadOnlySet<ActorKind> TwoFactorRequiredFor);

/// <summary>
/// The office's settings: one row. Until an administrator saves them, the configuration's values
/// (appsettings/environment) apply; once saved, the row wins. Deadlines set by law
/// (<c>DeadlinePolicy</c>) and the attachment limits (<c>AttachmentPolicy</c>) are not settings.
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

    public IReadOnlyList<int> AlertDaysBefore => SecondAlertDays > 0 ? [FirstAlertDays, SecondAlertDays] : [FirstAlertDays];

    public IReadOnlySet<ActorKind> TwoFactorRequiredFor =>
        TwoFactorRequiredRoles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(r => Enum.TryParse<ActorKind>(r, out var kind) ? kind : (ActorKind?)null)
            .OfType<ActorKind>().ToHashSet();

    public SettingsValues Values => new(OfficeName, NupUnitCode.ToString("D5", System.Globalization.CultureInfo.InvariantCulture),
        FirstAlertDays, SecondAlertDays, ChannelLogDays, ClosedCaseFilesDays, IdleTimeoutMinutes, TwoFactorRequiredFor);

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

        return problems;
    }
}
