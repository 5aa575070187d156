using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Infrastructure.Persistence.Protection;
using Ouvidoria.Tests.Support.Integration;

namespace Ouvidoria.Tests.Infrastructure.Protection;

/// <summary>
/// The requester's name, e-mail and phone never reach the database in clear: the raw columns hold
/// Data Protection ciphertext, while the ombudsman still reads the citizen's identity on the page.
/// </summary>
public abstract class IdentityEncryptionTests(OuvidoriaAppFactory app)
{
    private sealed record RawIdentity(string? Name, string? Email, string? Phone);

    /// <summary>The three columns exactly as stored, read with SQL (no EF conversion).</summary>
    private async Task<RawIdentity> RawAsync(Guid id)
    {
        await using var db = app.CreateDbContext();
        async Task<string?> Column(FormattableString sql) => await db.Database.SqlQuery<string?>(sql).SingleAsync();
        return new RawIdentity(
            await Column($"SELECT \"RequesterName\" AS \"Value\" FROM \"Manifestations\" WHERE \"Id\" = {id}"),
            await Column($"SELECT \"RequesterEmail\" AS \"Value\" FROM \"Manifestations\" WHERE \"Id\" = {id}"),
            await Column($"SELECT \"RequesterPhone\" AS \"Value\" FROM \"Manifestations\" WHERE \"Id\" = {id}"));
    }

    private IDataProtector Protector => app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(IdentityProtection.Purpose);

    [Fact]
    public async Task Register_IdentifiedCitizen_IdentityColumnsHoldNoPlainText()
    {
        var request = Registrations.Identified(await app.ThemeIdAsync(Registrations.ThemeRequiringEmail));
        var receipt = await app.RegisterOkAsync(request);

        var raw = await RawAsync(receipt.Id);

        string?[] stored = [raw.Name, raw.Email, raw.Phone];
        string[] plain = [request.Name!, request.Email!, request.Phone!];
        foreach (var (column, clear) in stored.Zip(plain))
        {
            Assert.NotNull(column);
            foreach (var fragment in new[] { clear, "Maria", "Sigilosa", "sigilosa@", "99999" })
            {
                Assert.DoesNotContain(fragment, column, StringComparison.OrdinalIgnoreCase);
            }

            // It is ciphertext of this app's identity protector, not something else that hides the text.
            Assert.Equal(clear, Protector.Unprotect(column!));
        }
    }

    [Fact]
    public async Task Register_WithCpfAndAddress_StoredEncryptedShownToTheOmbudsmanOnly()
    {
        var request = Registrations.Identified(await app.ThemeIdAsync(Registrations.ThemeRequiringEmail))
            with { Cpf = "52998224725", Address = "Rua das Acácias, 120, ap. 301 — Belo Horizonte" };
        var receipt = await app.RegisterOkAsync(request);

        await using (var db = app.CreateDbContext())
        {
            var cpf = await db.Database.SqlQuery<string?>($"SELECT \"RequesterCpf\" AS \"Value\" FROM \"Manifestations\" WHERE \"Id\" = {receipt.Id}").SingleAsync();
            var address = await db.Database.SqlQuery<string?>($"SELECT \"RequesterAddress\" AS \"Value\" FROM \"Manifestations\" WHERE \"Id\" = {receipt.Id}").SingleAsync();
            Assert.DoesNotContain("529", cpf!, StringComparison.Ordinal);
            Assert.DoesNotContain("Acácias", address!, StringComparison.Ordinal);
            Assert.Equal("529.982.247-25", Protector.Unprotect(cpf!));
        }

        var ombudsman = await app.ActorAsync(DemoStaff.Ombudsman);
        await app.WorkflowOkAsync(w => w.StartTriageAsync(receipt.Id, ombudsman));
        var forOmbudsman = await app.OpenOkAsync(receipt.Id, ombudsman, recordAccess: false);
        Assert.Equal(("529.982.247-25", "Rua das Acácias, 120, ap. 301 — Belo Horizonte"), (forOmbudsman.RequesterCpf, forOmbudsman.RequesterAddress));
        var manager = await app.OpenOkAsync(receipt.Id, await app.ActorAsync(DemoStaff.Manager), recordAccess: false);
        Assert.Equal((null, null), (manager.RequesterCpf, manager.RequesterAddress));
    }

    [Fact]
    public async Task Register_InvalidCpf_RefusedWithAClearMessageAndNothingStored()
    {
        var request = Registrations.Identified(await app.ThemeIdAsync(Registrations.ThemeRequiringEmail)) with { Cpf = "529.982.247-24" };

        var result = await app.RegisterAsync(request);

        Assert.False(result.IsSuccess);
        Assert.Contains("dígitos verificadores", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenManifestation_Ombudsman_ReadsTheDecryptedIdentity()
    {
        var request = Registrations.Identified(await app.ThemeIdAsync(Registrations.ThemeRequiringEmail));
        var receipt = await app.RegisterOkAsync(request);

        var details = await app.OpenOkAsync(receipt.Id, await app.ActorAsync(DemoStaff.Ombudsman));

        Assert.True(details.IdentityVisible);
        Assert.Equal((request.Name, request.Email, request.Phone), (details.RequesterName, details.RequesterEmail, details.RequesterPhone));
    }

    [Fact]
    public async Task Register_LongestIdentityInThreeByteCharacters_FitsTheEncryptedColumns()
    {
        // 200 "€" are 600 UTF-8 bytes: the worst case the column widths are computed for.
        var request = Registrations.Identified(await app.ThemeIdAsync(Registrations.ThemeRequiringEmail)) with
        {
            Name = new string('€', TextLimits.Name),
            Phone = new string('€', TextLimits.Phone),
        };

        var receipt = await app.RegisterOkAsync(request);

        var details = await app.OpenOkAsync(receipt.Id, await app.ActorAsync(DemoStaff.Ombudsman));
        Assert.Equal((request.Name, request.Phone), (details.RequesterName, details.RequesterPhone));
    }

    [Fact]
    public async Task Register_SameCitizenTwice_StoresDifferentCiphertexts()
    {
        var request = Registrations.Identified(await app.ThemeIdAsync(Registrations.ThemeRequiringEmail));

        var first = await RawAsync((await app.RegisterOkAsync(request)).Id);
        var second = await RawAsync((await app.RegisterOkAsync(request)).Id);

        // Randomized encryption: nobody can find a citizen by comparing columns (nor can the app: never filter on them).
        Assert.NotEqual(first.Name, second.Name);
        Assert.NotEqual(first.Email, second.Email);
    }

    [Fact]
    public async Task Seed_DemoRequesters_AreStoredEncrypted()
    {
        await using var db = app.CreateDbContext();
        var raw = await db.Database.SqlQuery<string>($"SELECT \"RequesterName\" AS \"Value\" FROM \"Manifestations\" WHERE \"RequesterName\" IS NOT NULL").ToListAsync();
        var names = await db.Manifestations.AsNoTracking().Where(m => m.Requester != null).Select(m => m.Requester!.Name).ToListAsync();

        Assert.True(raw.Count > 100, $"{raw.Count} manifestações identificadas");
        Assert.Equal(names.Order(), raw.Select(Protector.Unprotect).Order());
        Assert.Empty(raw.Intersect(names));
        Assert.DoesNotContain(raw, value => value.Contains(' ', StringComparison.Ordinal));
    }

    [Fact]
    public async Task OpenManifestation_Collaborator_StillSeesThePseudonym()
    {
        var prepared = await app.PrepareForwardedAsync(await app.UnitIdAsync(DemoStaff.HealthUnit));

        var details = await app.OpenOkAsync(prepared.Id, await app.ActorAsync(DemoStaff.HealthCollaborator));

        Assert.Equal(Requester.Pseudonymized, details.RequesterName);
        Assert.Null(details.RequesterEmail);
    }
}

public sealed class IdentityEncryptionTestsSqlite(SqliteDemoApp app) : IdentityEncryptionTests(app), IClassFixture<SqliteDemoApp>;

public sealed class IdentityEncryptionTestsPostgres(PostgresDemoApp app) : IdentityEncryptionTests(app), IClassFixture<PostgresDemoApp>;
