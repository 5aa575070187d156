using Ouvidoria.Domain.Manifestations;

namespace Ouvidoria.Web.Features.Reports;

/// <summary>
/// The managers' report filters: registration period (Brasília calendar dates, both inclusive),
/// a unit (manifestations forwarded to it), a type and a channel. Every field is optional.
/// </summary>
public sealed record ReportFilter
{
    public DateOnly? From { get; init; }

    public DateOnly? To { get; init; }

    public Guid? UnitId { get; init; }

    public ManifestationType? Type { get; init; }

    public Channel? Channel { get; init; }

    /// <summary>Start of the period in UTC (00:00 in Brasília of <see cref="From"/>).</summary>
    public DateTimeOffset? FromUtc => From is { } from ? ReportTime.StartOfDayUtc(from) : null;

    /// <summary>Exclusive end of the period in UTC (00:00 in Brasília of the day after <see cref="To"/>).</summary>
    public DateTimeOffset? ToUtcExclusive => To is { } to ? ReportTime.StartOfDayUtc(to.AddDays(1)) : null;
}

/// <summary>What a number or a chart bar of the report stands for: the list of manifestations behind it.</summary>
public enum ReportDrillKind
{
    /// <summary>Every manifestation registered under the filters.</summary>
    All,

    /// <summary>Still owed a conclusive answer.</summary>
    Open,

    /// <summary>Open, the citizen deadline passed and its clock running.</summary>
    Overdue,

    /// <summary>Concluded with "Demanda resolvida = Não".</summary>
    Unresolved,

    /// <summary>With a conclusive answer.</summary>
    Answered,

    /// <summary>Conclusive answer on or before the citizen deadline (with its extension).</summary>
    AnsweredOnTime,

    /// <summary>Conclusive answer after the citizen deadline.</summary>
    AnsweredLate,

    /// <summary>The citizen deadline was extended.</summary>
    CitizenExtended,

    /// <summary>At least one unit deadline was extended.</summary>
    UnitExtended,

    /// <summary><see cref="ReportDrill.Key"/> = the type's enum name.</summary>
    Type,

    /// <summary><see cref="ReportDrill.Key"/> = the theme id, or empty for "no theme".</summary>
    Theme,

    /// <summary><see cref="ReportDrill.Key"/> = the channel's enum name.</summary>
    Channel,

    /// <summary><see cref="ReportDrill.Key"/> = yyyy-MM (Brasília).</summary>
    Month,

    /// <summary><see cref="ReportDrill.Key"/> = the unit id: an open responsible treatment there.</summary>
    OpenInUnit,

    /// <summary><see cref="ReportDrill.Key"/> = the unit id: an open responsible treatment there past its deadline.</summary>
    OverdueInUnit,
}

public sealed record ReportDrill(ReportDrillKind Kind, string? Key = null)
{
    public static readonly ReportDrill All = new(ReportDrillKind.All);

    public string Label(Func<string?, string?>? resolveName = null) => Kind switch
    {
        ReportDrillKind.All => "Todas as manifestações",
        ReportDrillKind.Open => "Aguardando resposta conclusiva",
        ReportDrillKind.Overdue => "Vencidas (prazo do cidadão)",
        ReportDrillKind.Unresolved => "Demanda resolvida: não",
        ReportDrillKind.Answered => "Com resposta conclusiva",
        ReportDrillKind.AnsweredOnTime => "Respondidas no prazo legal",
        ReportDrillKind.AnsweredLate => "Respondidas fora do prazo legal",
        ReportDrillKind.CitizenExtended => "Prazo do cidadão prorrogado",
        ReportDrillKind.UnitExtended => "Prazo de unidade prorrogado",
        ReportDrillKind.Type => $"Tipo: {(Enum.TryParse<ManifestationType>(Key, out var t) ? t.Label() : Key)}",
        ReportDrillKind.Theme => $"Temática: {resolveName?.Invoke(Key) ?? (string.IsNullOrEmpty(Key) ? ReportLabels.NoTheme : Key)}",
        ReportDrillKind.Channel => $"Canal: {(Enum.TryParse<Channel>(Key, out var c) ? c.Label() : Key)}",
        ReportDrillKind.Month => $"Mês: {ReportLabels.Month(Key ?? string.Empty)}",
        ReportDrillKind.OpenInUnit => $"Em aberto na unidade {resolveName?.Invoke(Key) ?? Key}",
        ReportDrillKind.OverdueInUnit => $"Vencidas na unidade {resolveName?.Invoke(Key) ?? Key}",
    };
}

public static class ReportLabels
{
    public const string NoTheme = "Sem temática";

    private static readonly string[] Months = ["jan", "fev", "mar", "abr", "mai", "jun", "jul", "ago", "set", "out", "nov", "dez"];

    /// <summary>yyyy-MM → "mar/2025".</summary>
    public static string Month(string key) =>
        key.Length == 7 && int.TryParse(key[5..], out var month) && month is >= 1 and <= 12 ? $"{Months[month - 1]}/{key[..4]}" : key;
}

/// <summary>
/// Brasília civil time for report boundaries. Brazil has had no daylight saving time since 2019, so
/// the office's day and month boundaries are UTC−3; the SQL month buckets use the same fixed offset.
/// </summary>
public static class ReportTime
{
    public static readonly TimeSpan BrasiliaOffset = TimeSpan.FromHours(-3);

    public static DateTimeOffset StartOfDayUtc(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), BrasiliaOffset).ToUniversalTime();

    /// <summary>The month key's [start, end) in UTC.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) MonthRangeUtc(string key)
    {
        if (key.Length != 7 || !int.TryParse(key[..4], out var year) || !int.TryParse(key[5..], out var month) || month is < 1 or > 12)
        {
            throw new ArgumentException($"Mês inválido: {key}", nameof(key));
        }

        var first = new DateOnly(year, month, 1);
        return (StartOfDayUtc(first), StartOfDayUtc(first.AddMonths(1)));
    }
}
