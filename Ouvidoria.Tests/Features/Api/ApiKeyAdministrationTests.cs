using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Integration;
using Ouvidoria.Tests.Support.Integration;
using Ouvidoria.Web.Features.Administration.ApiKeys;

namespace Ouvidoria.Tests.Features.Api;

/// <summary>"Chaves de API" through the real use case: administrators only, the secret never stored nor audited, every change audited.</summary>
public abstract class ApiKeyAdministrationTests(OuvidoriaAppFactory app)
{
    private Task<Result<T>> Admin<T>(Func<ApiKeyAdministration, Task<Result<T>>> action) => app.WithAsync(action);

    [Fact]
    public async Task Create_StoresOnlyTheHash_AuditsWithoutTheSecret_AndListsThePrefix()
    {
        var admin = await app.ActorAsync(DemoStaff.Administrator);

        var issued = await Admin(a => a.CreateAsync(new ApiKeyInput("Central 162", [ApiScope.Register, ApiScope.Consult], 60), admin));

        Assert.True(issued.IsSuccess, issued.Error?.Message);
        Assert.True(ApiKey.TryParse(issued.Value.Token, out var prefix, out var secret));
        await using var db = app.CreateDbContext();
        var stored = await db.ApiKeys.AsNoTracking().SingleAsync(k => k.Id == issued.Value.Id);
        Assert.Equal(prefix, stored.Prefix);
        Assert.DoesNotContain(secret, stored.SecretHash, StringComparison.Ordinal);
        Assert.True(stored.Matches(secret));
        var change = await db.AdministrativeChanges.AsNoTracking().SingleAsync(c => c.EntityType == ApiKeyAdministration.EntityType && c.EntityKey == stored.Id.ToString());
        Assert.DoesNotContain(secret, change.After, StringComparison.Ordinal);
        Assert.DoesNotContain(stored.SecretHash, change.After, StringComparison.Ordinal);
        Assert.Contains("manifestacoes.consultar", change.After, StringComparison.Ordinal);
        var row = (await Admin(a => a.ListAsync(admin))).Value.Single(k => k.Id == stored.Id);
        Assert.Equal((prefix, 60, admin.Name), (row.Prefix, row.RequestsPerMinute, row.CreatedBy));
        Assert.Equal([ApiScope.Register, ApiScope.Consult], row.Scopes);
    }

    [Fact]
    public async Task EditAndRevoke_AreAudited_AndARevokedKeyCannotBeEdited()
    {
        var admin = await app.ActorAsync(DemoStaff.Administrator);
        var id = (await Admin(a => a.CreateAsync(new ApiKeyInput("Sistema estadual", [ApiScope.Synchronize], 100), admin))).Value.Id;

        var edited = await Admin(a => a.EditAsync(id, new ApiKeyInput("Sistema estadual (MGOUV)", [ApiScope.Synchronize, ApiScope.Consult], 200), admin));
        var revoked = await Admin(a => a.RevokeAsync(id, admin));
        var again = await Admin(a => a.RevokeAsync(id, admin));
        var editRevoked = await Admin(a => a.EditAsync(id, new ApiKeyInput("X", [ApiScope.Consult], 10), admin));

        Assert.True(edited.IsSuccess && revoked.IsSuccess);
        Assert.Equal("A chave já está revogada.", again.Error?.Message);
        Assert.Equal("Uma chave revogada não pode ser alterada.", editRevoked.Error?.Message);
        await using var db = app.CreateDbContext();
        var summaries = await db.AdministrativeChanges.AsNoTracking().Where(c => c.EntityKey == id.ToString()).Select(c => c.Summary).ToListAsync();
        Assert.Equal(3, summaries.Count);
        Assert.Contains("Chave de API revogada: Sistema estadual (MGOUV)", summaries);
        var key = await db.ApiKeys.AsNoTracking().SingleAsync(k => k.Id == id);
        Assert.Equal((admin.Name, false), (key.RevokedBy, key.IsActive));
    }

    [Fact]
    public async Task InvalidInput_NamesEveryProblemInPtBr_AndStoresNothing()
    {
        var admin = await app.ActorAsync(DemoStaff.Administrator);
        await using var before = app.CreateDbContext();
        var count = await before.ApiKeys.CountAsync();

        var result = await Admin(a => a.CreateAsync(new ApiKeyInput(" ", [], 0), admin));

        Assert.Equal(ErrorKind.Validation, result.Error?.Kind);
        Assert.Contains("Informe o nome do sistema", result.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("pelo menos uma permissão", result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("entre 1 e 10.000", result.Error.Message, StringComparison.Ordinal);
        await using var after = app.CreateDbContext();
        Assert.Equal(count, await after.ApiKeys.CountAsync());
    }

    [Theory]
    [InlineData(DemoStaff.Ombudsman)]
    [InlineData(DemoStaff.Manager)]
    [InlineData(DemoStaff.HealthCollaborator)]
    public async Task OtherRoles_AreRefusedByTheUseCase_AndNothingChanges(string email)
    {
        var actor = await app.ActorAsync(email);
        var admin = await app.ActorAsync(DemoStaff.Administrator);
        var id = (await Admin(a => a.CreateAsync(new ApiKeyInput("Alvo", [ApiScope.Consult], 10), admin))).Value.Id;

        var errors = new[]
        {
            (await Admin(a => a.CreateAsync(new ApiKeyInput("Indevida", [ApiScope.Consult], 10), actor))).Error,
            (await Admin(a => a.ListAsync(actor))).Error,
            (await Admin(a => a.EditAsync(id, new ApiKeyInput("Indevida", [ApiScope.Register], 10), actor))).Error,
            (await Admin(a => a.RevokeAsync(id, actor))).Error,
        };

        Assert.All(errors, e => Assert.Equal(ErrorKind.Forbidden, e?.Kind));
        await using var db = app.CreateDbContext();
        Assert.False(await db.ApiKeys.AnyAsync(k => k.Name == "Indevida"));
        Assert.True(await db.ApiKeys.AnyAsync(k => k.Id == id && k.RevokedAt == null && k.Name == "Alvo"));
    }
}

public sealed class ApiKeyAdministrationTestsSqlite(SqliteDemoApp app) : ApiKeyAdministrationTests(app), IClassFixture<SqliteDemoApp>;

public sealed class ApiKeyAdministrationTestsPostgres(PostgresDemoApp app) : ApiKeyAdministrationTests(app), IClassFixture<PostgresDemoApp>;
