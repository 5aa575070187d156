using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Persistence;
using Ouvidoria.Tests.Support.Integration;

namespace Ouvidoria.Tests.Infrastructure;

/// <summary>NUP allocation on the real database: unique, valid, consecutive, yearly.</summary>
public abstract class NupAllocationTests(OuvidoriaAppFactory app)
{
    private int UnitCode => app.Services.GetRequiredService<IOptions<NupOptions>>().Value.UnitCode;

    private async Task<int> LastSequenceAsync(int year)
    {
        await using var db = app.CreateDbContext();
        return await db.NupSequences.Where(s => s.UnitCode == UnitCode && s.Year == year).Select(s => s.LastValue).SingleOrDefaultAsync();
    }

    [Fact]
    public async Task RegisterManifestation_40ConcurrentRegistrations_GetDistinctValidConsecutiveNups()
    {
        const int count = 40;
        var year = app.Clock.GetUtcNow().Year;
        var themeId = await app.ThemeIdAsync(Registrations.ThemeWithoutPersonalData);
        var before = await LastSequenceAsync(year);

        // Each registration in its own DI scope and DbContext, all started together.
        var results = await Task.WhenAll(Enumerable.Range(0, count).Select(i => Task.Run(() =>
            app.RegisterAsync(Registrations.Identified(themeId, description: $"Registro concorrente número {i}.")))));

        Assert.All(results, r => Assert.True(r.IsSuccess, r.Error?.Message));
        var texts = results.Select(r => r.Value.Nup).ToList();
        Assert.Equal(count, texts.Distinct().Count());
        var nups = texts.Select(t => Assert.IsType<Nup>(Nup.TryParse(t, out var nup) ? nup : null)).ToList();
        Assert.All(nups, n =>
        {
            Assert.Equal(UnitCode, n.UnitCode);
            Assert.Equal(year, n.Year);
        });
        Assert.Equal(Enumerable.Range(before + 1, count), nups.Select(n => n.Sequence).Order());
        Assert.Equal(before + count, await LastSequenceAsync(year));

        await using var db = app.CreateDbContext();
        var stored = await db.Manifestations.Where(m => nups.Contains(m.Nup)).Select(m => m.Nup).ToListAsync();
        Assert.Equal(nups.Select(n => n.Digits).Order(), stored.Select(n => n.Digits).Order());
    }

    [Fact]
    public async Task NextAsync_NewYear_RestartsTheSequenceAtOne()
    {
        var year = app.Clock.GetUtcNow().Year;
        var allocator = app.Services.GetRequiredService<NupAllocator>();
        var themeId = await app.ThemeIdAsync(Registrations.ThemeWithoutPersonalData);
        var thisYear = (await app.RegisterOkAsync(Registrations.Identified(themeId))).Nup;
        var current = Nup.Parse(thisYear).Sequence;

        await using var db = app.CreateDbContext();
        var first = await allocator.NextAsync(db, year + 1);
        var second = await allocator.NextAsync(db, year + 1);
        var backToThisYear = await allocator.NextAsync(db, year);

        Assert.Equal((1, year + 1), (first.Sequence, first.Year));
        Assert.Equal((2, year + 1), (second.Sequence, second.Year));
        Assert.True(current >= 1);
        Assert.Equal((current + 1, year), (backToThisYear.Sequence, backToThisYear.Year));
    }

    [Fact]
    public async Task RegisterManifestation_RegistrationRejectedAfterAllocation_LeavesNoGap()
    {
        var themeId = await app.ThemeIdAsync(Registrations.ThemeWithoutPersonalData);
        var first = Nup.Parse((await app.RegisterOkAsync(Registrations.Identified(themeId))).Nup);

        // Without consent the domain refuses the registration after the NUP was drawn in the transaction.
        var rejected = await app.RegisterAsync(Registrations.Identified(themeId) with { ConsentToShare = false });
        var next = Nup.Parse((await app.RegisterOkAsync(Registrations.Identified(themeId))).Nup);

        Assert.Equal(ErrorKind.Validation, rejected.Error?.Kind);
        Assert.Equal(first.Sequence + 1, next.Sequence);
    }
}

public sealed class NupAllocationTestsSqlite(SqliteEmptyApp app) : NupAllocationTests(app), IClassFixture<SqliteEmptyApp>;

public sealed class NupAllocationTestsPostgres(PostgresEmptyApp app) : NupAllocationTests(app), IClassFixture<PostgresEmptyApp>;
