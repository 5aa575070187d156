using System.Globalization;

namespace Ouvidoria.Web.Components.Shared;

/// <summary>pt-BR date formatting in the office's time zone (Brasília).</summary>
public static class Formats
{
    private static readonly CultureInfo PtBr = new("pt-BR");

    private static readonly TimeZoneInfo Brasilia =
        TimeZoneInfo.TryFindSystemTimeZoneById("America/Sao_Paulo", out var zone) ? zone : TimeZoneInfo.Utc;

    public static string Date(DateTimeOffset value) => TimeZoneInfo.ConvertTime(value, Brasilia).ToString("dd/MM/yyyy", PtBr);

    public static string DateTime(DateTimeOffset value) => TimeZoneInfo.ConvertTime(value, Brasilia).ToString("dd/MM/yyyy HH:mm", PtBr);

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} KB".Replace('.', ','),
        _ => $"{bytes / 1024.0 / 1024.0:0.#} MB".Replace('.', ','),
    };
}
