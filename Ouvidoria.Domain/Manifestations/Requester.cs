using Ouvidoria.Domain.Common;

namespace Ouvidoria.Domain.Manifestations;

/// <summary>
/// The identified citizen's personal data. Restricted information (Decreto 10.153/2019): shown to
/// the ombudsman; collaborators see <see cref="Pseudonymized"/> unless identity access is granted.
/// Only what the theme needs is collected.
/// </summary>
public sealed record Requester
{
    private Requester()
    {
        Name = string.Empty;
    }

    public Requester(string name, string? email, string? phone, string? cpf = null, string? address = null)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException("Informe o nome do manifestante (ou registre como anônimo).");
        }

        TextLimits.Check(name, TextLimits.Name, "O nome");
        TextLimits.Check(email, TextLimits.Email, "O e-mail");
        TextLimits.Check(phone, TextLimits.Phone, "O telefone");
        if (!string.IsNullOrWhiteSpace(email) && !IsPlausibleEmail(email))
        {
            throw new DomainException("E-mail inválido: use o formato nome@dominio.gov.br.");
        }

        TextLimits.Check(address, TextLimits.Address, "O endereço");
        string? formattedCpf = null;
        if (!string.IsNullOrWhiteSpace(cpf))
        {
            if (!Privacy.Cpf.TryParse(cpf, out var parsed, out var error))
            {
                throw new DomainException(error);
            }

            formattedCpf = parsed.ToString();
        }

        Name = name.Trim();
        Email = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        Phone = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim();
        Cpf = formattedCpf;
        Address = string.IsNullOrWhiteSpace(address) ? null : address.Trim();
    }

    public string Name { get; private init; }

    public string? Email { get; private init; }

    public string? Phone { get; private init; }

    /// <summary>Optional; validated check digits, stored formatted (000.000.000-00), encrypted at rest.</summary>
    public string? Cpf { get; private init; }

    /// <summary>Optional postal address, encrypted at rest.</summary>
    public string? Address { get; private init; }

    /// <summary>What a collaborator without identity access sees.</summary>
    public static string Pseudonymized => "[Dados pessoais protegidos — Decreto nº 10.153/2019]";

    private static bool IsPlausibleEmail(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == email.LastIndexOf('@') && email.IndexOf('.', at) > at + 1 && !email.EndsWith('.') && !email.Any(char.IsWhiteSpace);
    }
}
