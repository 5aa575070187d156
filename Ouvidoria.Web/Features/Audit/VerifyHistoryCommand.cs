using Ouvidoria.Infrastructure.Audit;
using Ouvidoria.Web.Components.Shared;

namespace Ouvidoria.Web.Features.Audit;

/// <summary>
/// <c>dotnet run --project Ouvidoria.Web -- verify-history</c>: verifies every manifestation's
/// history chain against the configured database and key; prints the result in pt-BR; exit code 0
/// when intact, 1 when any chain is broken, 2 when the check could not run.
/// </summary>
public static class VerifyHistoryCommand
{
    public const string Name = "verify-history";

    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output, CancellationToken ct = default)
    {
        HistoryVerification result;
        try
        {
            result = await services.GetRequiredService<HistoryVerifier>().VerifyAllAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await output.WriteLineAsync($"Não foi possível verificar o histórico: {e.Message}");
            return 2;
        }

        if (result.Intact)
        {
            await output.WriteLineAsync($"Histórico de ações íntegro: {result.Manifestations} manifestações, {result.Entries} registros verificados.");
            return 0;
        }

        await output.WriteLineAsync($"Histórico de ações VIOLADO em {result.Broken.Count} de {result.Manifestations} manifestações ({result.Entries} registros lidos):");
        foreach (var broken in result.Broken)
        {
            await output.WriteLineAsync($"  {broken.Nup} — {Describe(broken)}");
        }

        return 1;
    }

    /// <summary>"registro nº 3 (Acesso à manifestação, 01/12/2026 10:00): Conteúdo alterado…".</summary>
    public static string Describe(BrokenChain broken)
    {
        var context = string.Join(", ", new[] { broken.ActionLabel, broken.At is { } at ? Formats.DateTime(at) : null }.OfType<string>());
        return $"registro nº {broken.Sequence}{(context.Length > 0 ? $" ({context})" : string.Empty)}: {broken.Problem}";
    }
}
