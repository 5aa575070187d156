namespace Ouvidoria.Domain.Common;

/// <summary>The plausibility check of an e-mail address used by the domain (one '@', a dot after it, no spaces).</summary>
public static class EmailAddresses
{
    public static bool IsPlausible(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == email.LastIndexOf('@') && email.IndexOf('.', at) > at + 1 && !email.EndsWith('.') && !email.Any(char.IsWhiteSpace);
    }
}
