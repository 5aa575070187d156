using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ouvidoria.Domain.Common;

namespace Ouvidoria.Domain.Integration;

/// <summary>
/// A key another system uses to call the integration API (a phone service registering
/// manifestations "reduzidas a termo", a state system synchronizing). Created by an administrator,
/// shown ONCE, stored only as a SHA-256 hash of its secret (the secret is 256 random bits, so a slow
/// hash adds nothing); looked up by its public prefix. Scoped, rate limited per minute, revocable
/// (a revoked key never works again).
/// </summary>
public sealed class ApiKey
{
    public const string TokenPrefix = "ouv_";
    public const int PrefixLength = 12;
    public const int MaxNameLength = 100;
    public const int MinRequestsPerMinute = 1;
    public const int MaxRequestsPerMinute = 10_000;
    public const int DefaultRequestsPerMinute = 120;

    private ApiKey()
    {
        Name = string.Empty;
        Prefix = string.Empty;
        SecretHash = string.Empty;
        Scopes = string.Empty;
        CreatedBy = string.Empty;
    }

    public Guid Id { get; private set; }

    /// <summary>Who uses it, e.g. "Central 162 — atendimento telefônico".</summary>
    public string Name { get; private set; }

    /// <summary>The public part of the key (shown in lists, used for the lookup).</summary>
    public string Prefix { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the secret part.</summary>
    public string SecretHash { get; private set; }

    /// <summary>Comma-separated <see cref="ApiScope"/> values.</summary>
    public string Scopes { get; private set; }

    public int RequestsPerMinute { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string CreatedBy { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public string? RevokedBy { get; private set; }

    public DateTimeOffset? LastUsedAt { get; private set; }

    public bool IsActive => RevokedAt is null;

    public IReadOnlyList<string> ScopeList => Scopes.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public bool Allows(string scope) => IsActive && ScopeList.Contains(scope, StringComparer.Ordinal);

    /// <summary>A new key; the returned token is the only time the secret exists in clear.</summary>
    public static (ApiKey Key, string Token) Issue(string name, IEnumerable<string> scopes, int requestsPerMinute, Actor actor, DateTimeOffset now)
    {
        var key = new ApiKey
        {
            Id = Guid.NewGuid(),
            CreatedAt = now,
            CreatedBy = actor.Name,
        };
        key.Change(name, scopes, requestsPerMinute);
        key.Prefix = Convert.ToHexString(RandomNumberGenerator.GetBytes(PrefixLength / 2)).ToLowerInvariant();
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        key.SecretHash = Hash(secret);
        return (key, $"{TokenPrefix}{key.Prefix}_{secret}");
    }

    /// <summary>Splits a presented token into prefix and secret; false when it is not shaped like one.</summary>
    public static bool TryParse(string? token, out string prefix, out string secret)
    {
        prefix = secret = string.Empty;
        if (token is null || !token.StartsWith(TokenPrefix, StringComparison.Ordinal) || token.Length > 200)
        {
            return false;
        }

        var rest = token.AsSpan(TokenPrefix.Length);
        var separator = rest.IndexOf('_');
        if (separator != PrefixLength || rest.Length <= separator + 1)
        {
            return false;
        }

        prefix = rest[..separator].ToString();
        secret = rest[(separator + 1)..].ToString();
        return true;
    }

    /// <summary>Whether <paramref name="secret"/> is this key's (constant-time comparison).</summary>
    public bool Matches(string secret) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(SecretHash));

    /// <summary>Name, scopes and limit, validated together (every problem named).</summary>
    public void Change(string name, IEnumerable<string> scopes, int requestsPerMinute)
    {
        if (!IsActive)
        {
            throw new DomainException("Uma chave revogada não pode ser alterada.");
        }

        var list = scopes.Distinct(StringComparer.Ordinal).ToList();
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(name))
        {
            problems.Add("Informe o nome do sistema que usará a chave.");
        }
        else if (name.Trim().Length > MaxNameLength)
        {
            problems.Add($"O nome deve ter no máximo {MaxNameLength} caracteres.");
        }

        if (list.Count == 0)
        {
            problems.Add("Escolha pelo menos uma permissão para a chave.");
        }
        else if (list.FirstOrDefault(s => !ApiScope.IsKnown(s)) is { } unknown)
        {
            problems.Add($"Permissão desconhecida: {unknown}.");
        }

        if (requestsPerMinute is < MinRequestsPerMinute or > MaxRequestsPerMinute)
        {
            problems.Add($"O limite deve ficar entre {MinRequestsPerMinute} e {MaxRequestsPerMinute.ToString("N0", CultureInfo.GetCultureInfo("pt-BR"))} requisições por minuto.");
        }

        if (problems.Count > 0)
        {
            throw new DomainException(string.Join(" ", problems));
        }

        Name = name.Trim();
        Scopes = string.Join(',', ApiScope.All.Where(list.Contains));
        RequestsPerMinute = requestsPerMinute;
    }

    public void Revoke(Actor actor, DateTimeOffset now)
    {
        if (!IsActive)
        {
            throw new DomainException("A chave já está revogada.");
        }

        RevokedAt = now;
        RevokedBy = actor.Name;
    }

    /// <summary>Records use, at most once a minute (a write per request would cost more than it tells).</summary>
    public bool MarkUsed(DateTimeOffset now)
    {
        if (LastUsedAt is { } last && now - last < TimeSpan.FromMinutes(1))
        {
            return false;
        }

        LastUsedAt = now;
        return true;
    }

    private static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret))).ToLowerInvariant();

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
