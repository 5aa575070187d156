using Microsoft.EntityFrameworkCore;
using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Domain.Organization;
using Ouvidoria.Tests.Support.Integration;
using Ouvidoria.Web.Features.Citizen;

namespace Ouvidoria.Tests.Features.Citizen;

/// <summary>The citizen's side: registration (identified and anonymous) and consultation by NUP + password.</summary>
public abstract class RegisterAndConsultTests(OuvidoriaAppFactory app)
{
    private Task<Result<CitizenView>> ConsultAsync(string? nup, string? password) =>
        app.WithAsync<ConsultManifestation, Result<CitizenView>>(use => use.ExecuteAsync(nup, password));

    private async Task<int> ManifestationCountAsync()
    {
        await using var db = app.CreateDbContext();
        return await db.Manifestations.CountAsync();
    }

    [Theory]
    [InlineData(ManifestationType.Denunciation)]
    [InlineData(ManifestationType.Complaint)]
    public async Task RegisterManifestation_AnonymousDenunciationOrComplaint_BecomesAnonymousCommunication(ManifestationType requested)
    {
        var themeId = await app.ThemeIdAsync(Registrations.ThemeWithoutPersonalData);

        var receipt = await app.RegisterOkAsync(new RegistrationRequest
        {
            Type = requested,
            ThemeId = themeId,
            Anonymous = true,
            Name = "Nome que não deve ser guardado",
            Email = "nao.guardar@exemplo.com.br",
            Description = "Servidor recebe propina para liberar alvarás na regional norte.",
        });

        Assert.Equal(ManifestationType.Communication, receipt.Type);
        await using var db = app.CreateDbContext();
        var stored = await db.Manifestations.SingleAsync(m => m.Id == receipt.Id);
        Assert.Equal(ManifestationType.Communication, stored.Type);
        Assert.Null(stored.Requester);
        Assert.False(stored.ConsentToShare);
        Assert.Equal(ManifestationStatus.Registered, stored.Status);
    }

    [Fact]
    public async Task RegisterManifestation_Identified_StoresRequesterConsentDeadlineAndHistory()
    {
        var themeId = await app.ThemeIdAsync(Registrations.ThemeRequiringEmail);
        var now = app.Clock.GetUtcNow();

        var receipt = await app.RegisterOkAsync(Registrations.Identified(themeId));

        await using var db = app.CreateDbContext();
        var stored = await db.Manifestations.Include(m => m.History).SingleAsync(m => m.Id == receipt.Id);
        Assert.Equal(ManifestationType.Complaint, stored.Type);
        Assert.Equal(Channel.Web, stored.Channel);
        Assert.Equal(themeId, stored.ThemeId);
        Assert.Equal(new Requester("Maria das Dores Sigilosa", "maria.sigilosa@exemplo.com.br", "(31) 99999-0000"), stored.Requester);
        Assert.True(stored.ConsentToShare);
        Assert.Equal(now, stored.RegisteredAt);
        Assert.Equal(now.AddDays(DeadlinePolicy.CitizenAnswerDays), stored.CitizenDeadline.DueAt);
        Assert.Equal(stored.CitizenDeadline.DueAt, receipt.DueAt);
        Assert.Equal(receipt.Nup, stored.Nup.ToString());
        var registered = Assert.Single(stored.History);
        Assert.Equal(HistoryAction.Registered, registered.Action);
    }

    [Fact]
    public async Task RegisterManifestation_IdentifiedWithoutConsent_ReturnsPtBrValidationErrorAndStoresNothing()
    {
        var themeId = await app.ThemeIdAsync(Registrations.ThemeWithoutPersonalData);
        var before = await ManifestationCountAsync();

        var result = await app.RegisterAsync(Registrations.Identified(themeId) with { ConsentToShare = false });

        Assert.False(result.IsSuccess);
        Assert.Equal(ErrorKind.Validation, result.Error!.Kind);
        Assert.Equal("Para registrar uma manifestação identificada, autorize o compartilhamento dos seus dados com os órgãos responsáveis pela apuração (LGPD).", result.Error.Message);
        Assert.Equal(before, await ManifestationCountAsync());
    }

    [Fact]
    public async Task RegisterManifestation_ThemeRequiringEmailWithoutEmail_ReturnsValidationErrorAndStoresNothing()
    {
        Assert.Equal(PersonalDataRequirement.NameAndEmail, await app.ThemeRequirementAsync(Registrations.ThemeRequiringEmail));
        var themeId = await app.ThemeIdAsync(Registrations.ThemeRequiringEmail);
        var before = await ManifestationCountAsync();

        var result = await app.RegisterAsync(Registrations.Identified(themeId) with { Email = "  " });

        Assert.Equal(ErrorKind.Validation, result.Error?.Kind);
        Assert.Equal("Para a temática \"Saúde\" informe também um e-mail para contato.", result.Error!.Message);
        Assert.Equal(before, await ManifestationCountAsync());
    }

    [Fact]
    public async Task RegisterManifestation_AnonymousSuggestion_ReturnsValidationError()
    {
        var themeId = await app.ThemeIdAsync(Registrations.ThemeWithoutPersonalData);
        var before = await ManifestationCountAsync();

        var result = await app.RegisterAsync(Registrations.Identified(themeId, ManifestationType.Suggestion) with { Anonymous = true });

        Assert.Equal(ErrorKind.Validation, result.Error?.Kind);
        Assert.StartsWith("Sugestão exige identificação do manifestante", result.Error!.Message);
        Assert.Equal(before, await ManifestationCountAsync());
    }

    [Fact]
    public async Task RegisterManifestation_UnknownTheme_ReturnsValidationError()
    {
        var result = await app.RegisterAsync(Registrations.Identified(Guid.NewGuid()));

        Assert.Equal(ErrorKind.Validation, result.Error?.Kind);
        Assert.Equal("Escolha uma temática da lista.", result.Error!.Message);
    }

    [Fact]
    public async Task RegisterManifestation_Password_IsStoredOnlyAsASaltedHash()
    {
        var themeId = await app.ThemeIdAsync(Registrations.ThemeWithoutPersonalData);
        var receipt = await app.RegisterOkAsync(Registrations.Identified(themeId));
        var digits = Nup.Parse(receipt.Nup).Digits;

        await using var db = app.CreateDbContext();
        var stored = await db.Database
            .SqlQuery<string>($"SELECT \"PasswordHash\" AS \"Value\" FROM \"Manifestations\" WHERE \"Nup\" = {digits}")
            .SingleAsync();
        var rowsContainingThePassword = await db.Database
            .SqlQuery<int>($"SELECT COUNT(*) AS \"Value\" FROM \"Manifestations\" WHERE \"PasswordHash\" LIKE '%' || {receipt.Password} || '%'")
            .SingleAsync();

        Assert.Equal(ProtocolPassword.Length, receipt.Password.Length);
        Assert.DoesNotContain(receipt.Password, stored, StringComparison.Ordinal);
        Assert.StartsWith("v1.", stored, StringComparison.Ordinal);
        Assert.Equal(0, rowsContainingThePassword);
        Assert.True(ProtocolPassword.Verify(receipt.Password, stored));
    }

    [Fact]
    public async Task ConsultManifestation_RightNupAndPassword_ReturnsTheCitizenViewAndLogsTheConsultation()
    {
        var themeId = await app.ThemeIdAsync(Registrations.ThemeWithoutPersonalData);
        var request = Registrations.Identified(themeId, description: "Fila de três horas na unidade de atendimento do centro.");
        var receipt = await app.RegisterOkAsync(request);

        var result = await ConsultAsync(receipt.Nup, receipt.Password);

        Assert.True(result.IsSuccess, result.Error?.Message);
        var view = result.Value;
        Assert.Equal(receipt.Nup, view.Nup);
        Assert.Equal(ManifestationType.Complaint, view.Type);
        Assert.Equal(ManifestationStatus.Registered, view.Status);
        Assert.Equal(request.Description, view.Description);
        Assert.Equal(receipt.DueAt, view.DueAt);
        Assert.Empty(view.Answers);
        await using var db = app.CreateDbContext();
        Assert.Equal(1, await db.History.CountAsync(h => h.ManifestationId == receipt.Id && h.Action == HistoryAction.ConsultedByCitizen));
    }

    [Fact]
    public async Task ConsultManifestation_WrongPasswordUnknownNupOrMalformedNup_GiveTheSameGenericFailure()
    {
        var themeId = await app.ThemeIdAsync(Registrations.ThemeWithoutPersonalData);
        var mine = await app.RegisterOkAsync(Registrations.Identified(themeId));
        var other = await app.RegisterOkAsync(Registrations.Identified(themeId));
        var mineNup = Nup.Parse(mine.Nup);
        var unknown = Nup.Create(mineNup.UnitCode, 999_999, mineNup.Year).ToString();
        var badCheckDigits = mineNup.Digits[..15] + (mineNup.Digits[15] == '0' ? "11" : "00");

        var failures = new[]
        {
            await ConsultAsync(mine.Nup, "senhaErrada"),
            await ConsultAsync(mine.Nup, other.Password),
            await ConsultAsync(mine.Nup, ""),
            await ConsultAsync(unknown, mine.Password),
            await ConsultAsync("12345.0001/2026", mine.Password),
            await ConsultAsync(badCheckDigits, mine.Password),
            await ConsultAsync(null, mine.Password),
        };

        Assert.All(failures, f =>
        {
            Assert.False(f.IsSuccess);
            Assert.Equal(ErrorKind.NotFound, f.Error!.Kind);
            Assert.Equal(ConsultManifestation.GenericFailure, f.Error.Message);
        });
        await using var db = app.CreateDbContext();
        Assert.Equal(0, await db.History.CountAsync(h => h.ManifestationId == mine.Id && h.Action == HistoryAction.ConsultedByCitizen));
    }

    [Fact]
    public async Task ConsultManifestation_FiveWrongPasswords_ThrottlesTheNupEvenWithTheRightPassword()
    {
        var themeId = await app.ThemeIdAsync(Registrations.ThemeWithoutPersonalData);
        var receipt = await app.RegisterOkAsync(Registrations.Identified(themeId));
        var other = await app.RegisterOkAsync(Registrations.Identified(themeId));

        for (var attempt = 1; attempt <= ConsultManifestation.MaxFailures; attempt++)
        {
            var failed = await ConsultAsync(receipt.Nup, "errada" + attempt);
            Assert.Equal(ConsultManifestation.GenericFailure, failed.Error?.Message);
        }

        var right = await ConsultAsync(receipt.Nup, receipt.Password);
        var rightWithoutSeparators = await ConsultAsync(Nup.Parse(receipt.Nup).Digits, receipt.Password);
        var otherNup = await ConsultAsync(other.Nup, other.Password);

        Assert.Equal(ConsultManifestation.TooManyAttempts, right.Error?.Message);
        Assert.Equal(ConsultManifestation.TooManyAttempts, rightWithoutSeparators.Error?.Message);
        Assert.True(otherNup.IsSuccess, otherNup.Error?.Message);
    }

    [Fact]
    public async Task ConsultManifestation_NupWithOrWithoutSeparators_FindsTheManifestation()
    {
        var themeId = await app.ThemeIdAsync(Registrations.ThemeWithoutPersonalData);
        var receipt = await app.RegisterOkAsync(Registrations.Identified(themeId));
        var digits = Nup.Parse(receipt.Nup).Digits;
        Assert.Contains('/', receipt.Nup);

        foreach (var written in new[] { receipt.Nup, digits, $" {receipt.Nup.Replace(".", " ", StringComparison.Ordinal)} " })
        {
            var result = await ConsultAsync(written, receipt.Password);
            Assert.True(result.IsSuccess, $"{written}: {result.Error?.Message}");
            Assert.Equal(receipt.Nup, result.Value.Nup);
        }
    }
}

public sealed class RegisterAndConsultTestsSqlite(SqliteEmptyApp app) : RegisterAndConsultTests(app), IClassFixture<SqliteEmptyApp>;

public sealed class RegisterAndConsultTestsPostgres(PostgresEmptyApp app) : RegisterAndConsultTests(app), IClassFixture<PostgresEmptyApp>;
