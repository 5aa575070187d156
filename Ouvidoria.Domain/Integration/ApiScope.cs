namespace Ouvidoria.Domain.Integration;

/// <summary>
/// What an API key may do: each endpoint of the integration API needs exactly one scope, so a
/// phone-service system can register without ever being able to list the office's manifestations.
/// </summary>
public static class ApiScope
{
    /// <summary>Register a manifestation (and read the list of themes).</summary>
    public const string Register = "manifestacoes.registrar";

    /// <summary>Status and answers of one manifestation, by NUP + password.</summary>
    public const string Consult = "manifestacoes.consultar";

    /// <summary>Answer a complement request, by NUP + password.</summary>
    public const string Complement = "manifestacoes.complementar";

    /// <summary>Attach a citizen's file, by NUP + password.</summary>
    public const string Attach = "manifestacoes.anexar";

    /// <summary>List the manifestations changed since a time (facts only, for synchronization).</summary>
    public const string Synchronize = "manifestacoes.sincronizar";

    public static IReadOnlyList<string> All { get; } = [Register, Consult, Complement, Attach, Synchronize];

    public static bool IsKnown(string scope) => All.Contains(scope, StringComparer.Ordinal);

    public static string Label(string scope) => scope switch
    {
        Register => "Registrar manifestações",
        Consult => "Consultar situação e respostas (NUP + senha)",
        Complement => "Enviar complementação (NUP + senha)",
        Attach => "Anexar arquivos (NUP + senha)",
        Synchronize => "Sincronizar: listar manifestações alteradas (sem dados pessoais)",
        _ => scope,
    };
}
