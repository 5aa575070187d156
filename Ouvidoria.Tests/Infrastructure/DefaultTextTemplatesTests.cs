using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Templates;
using Ouvidoria.Infrastructure.Seeding;
using Ouvidoria.Tests.Support.Integration;

namespace Ouvidoria.Tests.Infrastructure;

/// <summary>The default texts are seeded at start-up in every environment, never over an administrator's text.</summary>
public abstract class DefaultTextTemplatesTests(OuvidoriaAppFactory app)
{
    [Fact]
    public async Task Startup_WithoutDemoData_SeedsEveryDefaultText()
    {
        Assert.False(app.SeedDemo);
        await using var db = app.CreateDbContext();

        var stored = await db.TextTemplates.AsNoTracking().ToListAsync();

        Assert.Equal(Enum.GetValues<TextTemplateKey>().Order(), stored.Select(t => t.Key).Order());
        Assert.All(stored, t =>
        {
            var definition = TextTemplateCatalog.Get(t.Key);
            Assert.Equal((definition.DefaultTitle, definition.DefaultBody), (t.Title, t.Body));
            Assert.True(t.IsDefault);
        });
        var untouched = stored.Single(t => t.Key == TextTemplateKey.AnswerComplaint);
        Assert.Equal((Actor.System.Name, (string?)null, 0), (untouched.UpdatedByName, untouched.UpdatedById, untouched.Version));
    }

    [Fact]
    public async Task EnsureAsync_OnTheNextStart_AddsOnlyMissingKeysAndKeepsAnAdministratorsText()
    {
        var admin = new Actor("admin-1", "Administradora", ActorKind.Administrator);
        await using (var db = app.CreateDbContext())
        {
            var request = await db.TextTemplates.SingleAsync(t => t.Key == TextTemplateKey.AnswerRequest);
            request.Edit("Solicitação (texto local)", "Texto local sobre o NUP {NUP}.", admin, app.Clock.GetUtcNow());
            db.TextTemplates.Remove(await db.TextTemplates.SingleAsync(t => t.Key == TextTemplateKey.IdentityRequest));
            await db.SaveChangesAsync();
        }

        try
        {
            int added;
            await using (var db = app.CreateDbContext())
            {
                added = await DefaultTextTemplates.EnsureAsync(db, app.Clock.GetUtcNow());
            }

            await using var check = app.CreateDbContext();
            Assert.Equal(1, added);
            Assert.Equal("Texto local sobre o NUP {NUP}.", (await check.TextTemplates.SingleAsync(t => t.Key == TextTemplateKey.AnswerRequest)).Body);
            Assert.True((await check.TextTemplates.SingleAsync(t => t.Key == TextTemplateKey.IdentityRequest)).IsDefault);
            await using var again = app.CreateDbContext();
            Assert.Equal(0, await DefaultTextTemplates.EnsureAsync(again, app.Clock.GetUtcNow()));
        }
        finally
        {
            // The class shares one database: leave the defaults as start-up left them.
            await using var db = app.CreateDbContext();
            var request = await db.TextTemplates.SingleAsync(t => t.Key == TextTemplateKey.AnswerRequest);
            if (!request.IsDefault)
            {
                request.RestoreDefault(admin, app.Clock.GetUtcNow());
                await db.SaveChangesAsync();
            }
        }
    }
}

public sealed class DefaultTextTemplatesTestsSqlite(SqliteEmptyApp app) : DefaultTextTemplatesTests(app), IClassFixture<SqliteEmptyApp>;

public sealed class DefaultTextTemplatesTestsPostgres(PostgresEmptyApp app) : DefaultTextTemplatesTests(app), IClassFixture<PostgresEmptyApp>;
