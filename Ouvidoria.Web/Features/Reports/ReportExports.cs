using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Administration;
using Ouvidoria.Infrastructure.Pdf;
using Ouvidoria.Infrastructure.Persistence;
using Ouvidoria.Web.Components.Shared;
using Ouvidoria.Web.Features.Manifestations;

namespace Ouvidoria.Web.Features.Reports;

public enum ExportFormat
{
    Csv,
    Pdf,
}

/// <summary>A finished export waiting for its owner to download it.</summary>
public sealed record ExportFile(string OwnerId, string FileName, string ContentType, byte[] Content, DateTimeOffset ExpiresAt);

/// <summary>
/// Finished exports, in memory, for <see cref="Lifetime"/>: the component builds the file in the
/// background, then the browser downloads it once through an authorized endpoint that checks the
/// owner. Single node only (see docs/decisions/0012-reports.md).
/// </summary>
public sealed class ExportStore(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, ExportFile> _files = new();

    public string Add(string ownerId, string fileName, string contentType, byte[] content)
    {
        var now = clock.GetUtcNow();
        foreach (var (key, file) in _files)
        {
            if (file.ExpiresAt <= now)
            {
                _files.TryRemove(key, out _);
            }
        }

        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        _files[token] = new ExportFile(ownerId, fileName, contentType, content, now + Lifetime);
        return token;
    }

    /// <summary>The file, once, for its owner only.</summary>
    public ExportFile? Take(string token, string ownerId) =>
        _files.TryGetValue(token, out var file) && file.OwnerId == ownerId && file.ExpiresAt > clock.GetUtcNow() && _files.TryRemove(token, out _)
            ? file
            : null;
}

/// <summary>
/// Exports of the report and of any drill-down list as CSV or PDF. The list is read in pages (the
/// progress callback gets the share done) and carries facts only — never the requester, the text,
/// the subject nor the extract. The PDF carries the recipient's mark like every generated PDF.
/// </summary>
public sealed class ReportExports(
    IDbContextFactory<OuvidoriaDbContext> factory,
    ReportsQuery reports,
    TimeProvider clock,
    SystemSettingsStore settings)
{
    public const int BatchSize = 500;

    public const string CsvContentType = "text/csv; charset=utf-8";

    private static readonly CultureInfo PtBr = new("pt-BR");

    private static readonly string[] ListColumns =
        ["NUP", "Tipo", "Situação", "Canal", "Temática", "Cadastro", "Prazo do cidadão", "Resposta conclusiva", "Demanda resolvida", "Unidades responsáveis"];

    public async Task<Result<GeneratedPdf>> ListAsync(ReportFilter filter, ReportDrill drill, ExportFormat format, Actor actor, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        if (!ReportsQuery.MayRun(actor))
        {
            return Error.Forbidden("Os relatórios são restritos à gestão e à Ouvidoria.");
        }

        var now = clock.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct);
        IQueryable<Manifestation> query;
        try
        {
            query = ReportListQuery.Apply(db, filter, drill, now);
        }
        catch (ArgumentException e)
        {
            return Error.Validation(e.Message);
        }

        var names = await NamesAsync(db, ct);
        var total = await query.CountAsync(ct);
        var rows = new List<ReportListRow>(Math.Min(total, 100_000));
        while (rows.Count < total)
        {
            var batch = await ReportListQuery.PageAsync(db, query, rows.Count, BatchSize, ct);
            if (batch.Count == 0)
            {
                break;
            }

            rows.AddRange(batch);
            progress?.Report(0.9 * rows.Count / total);
        }

        var cells = rows.Select(ListCells).ToList();
        var title = drill.Label(key => names.GetValueOrDefault(key ?? string.Empty));
        var stamp = now.ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture);
        GeneratedPdf file;
        if (format == ExportFormat.Csv)
        {
            var csv = new ReportCsv().Row(ListColumns);
            foreach (var row in cells)
            {
                csv.Row(row);
            }

            file = new GeneratedPdf($"manifestacoes-{stamp}.csv", csv.ToBytes());
        }
        else
        {
            var pdf = ReportPdf.Render(
                new ReportPdfContent
                {
                    OfficeName = (await settings.GetAsync(ct)).OfficeName,
                    Title = $"Manifestações — {title}",
                    Filters = FiltersLine(filter, names),
                    Figures = [new("Total", total.ToString(PtBr))],
                    Tables = [new ReportPdfTable("Manifestações", ListColumns, [16, 11, 10, 8, 10, 9, 9, 9, 7, 14], cells)],
                },
                new PdfRecipient(actor.Name, Formats.DateTime(now)));
            file = new GeneratedPdf($"manifestacoes-{stamp}.pdf", pdf);
        }

        progress?.Report(1);
        return file;
    }

    public async Task<Result<GeneratedPdf>> ReportAsync(ReportFilter filter, ExportFormat format, Actor actor, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        var result = await reports.ExecuteAsync(filter, actor, ct);
        if (!result.IsSuccess)
        {
            return result.Error!;
        }

        progress?.Report(0.6);
        var report = result.Value;
        await using var db = await factory.CreateDbContextAsync(ct);
        var names = await NamesAsync(db, ct);
        var figures = Figures(report);
        var tables = Tables(report);
        var stamp = report.GeneratedAt.ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture);
        GeneratedPdf file;
        if (format == ExportFormat.Csv)
        {
            var csv = new ReportCsv().Row("Relatório gerencial").Row("Filtros", FiltersLine(filter, names)).Row("Gerado em", Formats.DateTime(report.GeneratedAt)).Blank();
            csv.Row("Indicador", "Valor");
            foreach (var (label, value) in figures)
            {
                csv.Row(label, value);
            }

            foreach (var table in tables)
            {
                csv.Blank().Row(table.Heading).Row(table.Columns);
                foreach (var row in table.Rows)
                {
                    csv.Row(row);
                }
            }

            file = new GeneratedPdf($"relatorio-{stamp}.csv", csv.ToBytes());
        }
        else
        {
            file = new GeneratedPdf($"relatorio-{stamp}.pdf", ReportPdf.Render(
                new ReportPdfContent { OfficeName = (await settings.GetAsync(ct)).OfficeName, Title = "Relatório gerencial", Filters = FiltersLine(filter, names), Figures = figures, Tables = tables },
                new PdfRecipient(actor.Name, Formats.DateTime(report.GeneratedAt))));
        }

        progress?.Report(1);
        return file;
    }

    public static string Number(double value, string format = "0.0") => value.ToString(format, PtBr);

    public static string Percent(double? share) => share is { } s ? (s * 100).ToString("0.0", PtBr) + "%" : "—";

    public static string Days(double? days) => days is { } d ? $"{Number(d)} dias" : "—";

    private static List<KeyValuePair<string, string>> Figures(ManagementReport report)
    {
        var t = report.Totals;
        return
        [
            new("Manifestações registradas", t.Registered.ToString(PtBr)),
            new("Aguardando resposta conclusiva", t.Open.ToString(PtBr)),
            new("Vencidas (prazo do cidadão)", t.Overdue.ToString(PtBr)),
            new("Demanda resolvida: não", t.Unresolved.ToString(PtBr)),
            new("Com resposta conclusiva", t.Answered.ToString(PtBr)),
            new("Respondidas no prazo legal", $"{t.AnsweredOnTime.ToString(PtBr)} ({Percent(t.OnTimeShare)})"),
            new("Prorrogações do prazo do cidadão", t.CitizenExtensions.ToString(PtBr)),
            new("Prorrogações de prazo de unidades", t.UnitExtensions.ToString(PtBr)),
            new("Tempo médio até a resposta conclusiva", Days(report.AnswerTimes.AverageDays)),
            new("Mediana (percentil 50)", Days(report.AnswerTimes.MedianDays)),
            new("Percentil 90", Days(report.AnswerTimes.P90Days)),
        ];
    }

    private static List<ReportPdfTable> Tables(ManagementReport report)
    {
        static IReadOnlyList<IReadOnlyList<string>> Counts(IEnumerable<ReportCount> counts) =>
            counts.Select(c => (IReadOnlyList<string>)[c.Label, c.Count.ToString(PtBr)]).ToList();

        return
        [
            new("Por mês de registro", ["Mês", "Quantidade"], [3, 1], Counts(report.ByMonth)),
            new("Por tipo", ["Tipo", "Quantidade"], [3, 1], Counts(report.ByType)),
            new("Por temática", ["Temática", "Quantidade"], [3, 1], Counts(report.ByTheme)),
            new("Por canal", ["Canal", "Quantidade"], [3, 1], Counts(report.ByChannel)),
            new("Em aberto por unidade", ["Unidade", "Em aberto", "Vencidas na unidade"], [3, 1, 1],
                report.OpenByUnit.Select(u => (IReadOnlyList<string>)[u.Unit, u.Open.ToString(PtBr), u.Overdue.ToString(PtBr)]).ToList()),
        ];
    }

    private static IReadOnlyList<string> ListCells(ReportListRow r) =>
    [
        r.Nup,
        r.Type.Label(),
        r.Status.Label(),
        r.Channel.Label(),
        r.Theme,
        Formats.DateTime(r.RegisteredAt),
        Formats.Date(r.CitizenDueAt),
        r.AnsweredAt is { } answered ? Formats.DateTime(answered) : "—",
        r.Resolved switch { true => "Sim", false => "Não", null => "—" },
        r.Units,
    ];

    /// <summary>Unit and theme names by id (as the drill keys spell them).</summary>
    private static async Task<Dictionary<string, string>> NamesAsync(OuvidoriaDbContext db, CancellationToken ct)
    {
        var units = await db.Units.AsNoTracking().Select(u => new { u.Id, u.Name }).ToListAsync(ct);
        var themes = await db.Themes.AsNoTracking().Select(t => new { t.Id, t.Name }).ToListAsync(ct);
        return units.Concat(themes).ToDictionary(x => x.Id.ToString(), x => x.Name);
    }

    public static string FiltersLine(ReportFilter filter, IReadOnlyDictionary<string, string> names)
    {
        var period = (filter.From, filter.To) switch
        {
            (null, null) => "todo o período",
            ({ } from, null) => $"a partir de {from.ToString("dd/MM/yyyy", PtBr)}",
            (null, { } to) => $"até {to.ToString("dd/MM/yyyy", PtBr)}",
            ({ } from, { } to) => $"{from.ToString("dd/MM/yyyy", PtBr)} a {to.ToString("dd/MM/yyyy", PtBr)}",
        };
        var unit = filter.UnitId is { } id ? names.GetValueOrDefault(id.ToString(), id.ToString()) : "todas";
        return $"Período: {period} · Unidade: {unit} · Tipo: {filter.Type?.Label() ?? "todos"} · Canal: {filter.Channel?.Label() ?? "todos"}";
    }
}
