using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Integration;
using Ouvidoria.Infrastructure.Persistence;

namespace Ouvidoria.Web.Features.Administration.ApiKeys;

public sealed record ApiKeyRow(
    Guid Id,
    string Name,
    string Prefix,
    IReadOnlyList<string> Scopes,
    int RequestsPerMinute,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt,
    string? RevokedBy);

/// <summary>What the key form sends (create and edit).</summary>
public sealed record ApiKeyInput(string Name, IReadOnlyCollection<string> Scopes, int RequestsPerMinute);

/// <summary>The new key, in clear this once.</summary>
public sealed record IssuedApiKey(Guid Id, string Token);

/// <summary>
/// "Chaves de API": the keys other systems use to call the integration API. Administrators only
/// (checked here). A key's secret is shown once when created and stored only as a hash; a revoked
/// key never works again. Every change has its audit row — never with the secret or its hash.
/// </summary>
public sealed class ApiKeyAdministration(IDbContextFactory<OuvidoriaDbContext> factory, TimeProvider clock)
{
    public const string EntityType = "ApiKey";

    public async Task<Result<IReadOnlyList<ApiKeyRow>>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        if (!AdminChanges.MayAdminister(actor))
        {
            return AdminChanges.Forbidden();
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var keys = await db.ApiKeys.AsNoTracking().ToListAsync(ct);
        return keys.OrderBy(k => k.RevokedAt is not null).ThenBy(k => k.Name, StringComparer.CurrentCultureIgnoreCase)
            .Select(k => new ApiKeyRow(k.Id, k.Name, k.Prefix, k.ScopeList, k.RequestsPerMinute, k.CreatedAt, k.CreatedBy, k.LastUsedAt, k.RevokedAt, k.RevokedBy))
            .ToList();
    }

    public async Task<Result<IssuedApiKey>> CreateAsync(ApiKeyInput input, Actor actor, CancellationToken ct = default)
    {
        if (!AdminChanges.MayAdminister(actor))
        {
            return AdminChanges.Forbidden();
        }

        ApiKey key;
        string token;
        var now = clock.GetUtcNow();
        try
        {
            (key, token) = ApiKey.Issue(input.Name, input.Scopes, input.RequestsPerMinute, actor, now);
        }
        catch (DomainException e)
        {
            return Error.Validation(e.Message);
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        db.ApiKeys.Add(key);
        db.AdministrativeChanges.Add(AdminChanges.Of(EntityType, key.Id, $"Chave de API criada: {key.Name}", null, Snapshot(key), actor, now));
        await db.SaveChangesAsync(ct);
        return new IssuedApiKey(key.Id, token);
    }

    public Task<Result<Guid>> EditAsync(Guid id, ApiKeyInput input, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(id, actor, "Chave de API alterada", key => key.Change(input.Name, input.Scopes, input.RequestsPerMinute), ct);

    public Task<Result<Guid>> RevokeAsync(Guid id, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(id, actor, "Chave de API revogada", key => key.Revoke(actor, clock.GetUtcNow()), ct);

    private async Task<Result<Guid>> ChangeAsync(Guid id, Actor actor, string summary, Action<ApiKey> change, CancellationToken ct)
    {
        if (!AdminChanges.MayAdminister(actor))
        {
            return AdminChanges.Forbidden();
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, ct);
        if (key is null)
        {
            return Error.NotFound("Chave de API não encontrada.");
        }

        var before = Snapshot(key);
        try
        {
            change(key);
        }
        catch (DomainException e)
        {
            return Error.Validation(e.Message);
        }

        db.AdministrativeChanges.Add(AdminChanges.Of(EntityType, key.Id, $"{summary}: {key.Name}", before, Snapshot(key), actor, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return key.Id;
    }

    /// <summary>What the audit keeps: never the secret nor its hash.</summary>
    private static object Snapshot(ApiKey k) => new { k.Name, k.Prefix, Scopes = k.ScopeList, k.RequestsPerMinute, Active = k.IsActive };
}
