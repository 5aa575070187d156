using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ouvidoria.Infrastructure.Persistence;
using Ouvidoria.Infrastructure.Persistence.Protection;
using Ouvidoria.Infrastructure.WhatsApp.Store;
using Ouvidoria.Tests.Support.Integration;
using Ouvidoria.Web.Features.Citizen;

namespace Ouvidoria.Tests.Infrastructure.Protection;

/// <summary>
/// Two nodes on one database share the Data Protection key ring stored in it: each decrypts the
/// identity data and the WhatsApp numbers the other encrypted — no key folder to copy around.
/// </summary>
public abstract class KeySharingTests(OuvidoriaAppFactory app)
{
    /// <summary>Another instance of the app on the SAME database (and nothing else in common).</summary>
    private sealed class SecondNode(OuvidoriaAppFactory first) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Database:Provider", first.Database == TestDatabase.Postgres ? nameof(DatabaseProvider.Postgres) : nameof(DatabaseProvider.Sqlite));
            builder.UseSetting("ConnectionStrings:Ouvidoria", first.ConnectionString);
            builder.UseSetting("Seed:Demo", "false");
            builder.UseSetting("Storage:Root", first.StorageRoot);
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        }
    }

    private static async Task<Guid> RegisterAsync(IServiceProvider node, string name)
    {
        var themeId = await Db(node, db => db.Themes.Where(t => t.Name == Registrations.ThemeRequiringEmail).Select(t => t.Id).SingleAsync());
        await using var scope = node.CreateAsyncScope();
        var request = Registrations.Identified(themeId) with { Name = name };
        var result = await scope.ServiceProvider.GetRequiredService<RegisterManifestation>().ExecuteAsync(request);
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value.Id;
    }

    private static Task<string?> RequesterNameAsync(IServiceProvider node, Guid id) =>
        Db(node, db => db.Manifestations.AsNoTracking().Where(m => m.Id == id).Select(m => m.Requester!.Name).SingleAsync())!;

    private static async Task<T> Db<T>(IServiceProvider node, Func<OuvidoriaDbContext, Task<T>> query)
    {
        await using var db = await node.GetRequiredService<IDbContextFactory<OuvidoriaDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    [Fact]
    public async Task TwoNodesOnOneDatabase_EachDecryptsWhatTheOtherEncrypted()
    {
        await using var second = new SecondNode(app);
        var nodeB = second.Services;

        var fromA = await RegisterAsync(app.Services, "Helena Nó Primeiro");
        var fromB = await RegisterAsync(nodeB, "Otávio Nó Segundo");

        Assert.Equal("Helena Nó Primeiro", await RequesterNameAsync(nodeB, fromA));
        Assert.Equal("Otávio Nó Segundo", await RequesterNameAsync(app.Services, fromB));
        var phone = app.Services.GetRequiredService<PhoneProtector>().Protect("5531999990000");
        Assert.Equal("5531999990000", nodeB.GetRequiredService<PhoneProtector>().Unprotect(phone));
        // One key ring: the second node found the first node's key instead of creating its own.
        Assert.Equal(1, await Db(nodeB, db => db.DataProtectionKeys.CountAsync()));
    }

    [Fact]
    public async Task IdentityCiphertext_ProviderWithAnotherKeyRing_CannotDecryptIt()
    {
        var id = await RegisterAsync(app.Services, "Rita Chave Própria");
        var raw = await Db(app.Services, db => db.Database.SqlQuery<string>($"SELECT \"RequesterName\" AS \"Value\" FROM \"Manifestations\" WHERE \"Id\" = {id}").SingleAsync());

        // Same purpose, keys not from this database: what the first test shows is the shared ring, not luck.
        var outsider = new EphemeralDataProtectionProvider().CreateProtector(IdentityProtection.Purpose);

        Assert.ThrowsAny<CryptographicException>(() => outsider.Unprotect(raw));
        Assert.Equal("Rita Chave Própria", app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(IdentityProtection.Purpose).Unprotect(raw));
    }
}

public sealed class KeySharingTestsSqlite(SqliteEmptyApp app) : KeySharingTests(app), IClassFixture<SqliteEmptyApp>;

public sealed class KeySharingTestsPostgres(PostgresEmptyApp app) : KeySharingTests(app), IClassFixture<PostgresEmptyApp>;
