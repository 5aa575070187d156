using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ouvidoria.Domain.Common;
using Ouvidoria.Infrastructure.Identity;
using Ouvidoria.Tests.Support.Integration;
using Ouvidoria.Web.Features.Account;
using Ouvidoria.Web.Features.Administration.Users;

namespace Ouvidoria.Tests.Features.Account;

/// <summary>
/// The sign-in steps over HTTP, as a browser posts them: a deactivated account is refused on every
/// path (password, authenticator code, recovery code) without revealing itself to whoever lacks the
/// password; recovery codes work once; wrong second-step codes lock the account like wrong passwords.
/// </summary>
public abstract class SignInSecurityTests(OuvidoriaAppFactory app)
{
    private HttpClient NewClient() => app.AnonymousClient();

    private async Task DeactivateAsync(TestStaff staff)
    {
        var admin = await app.ActorAsync(DemoStaff.Administrator);
        var result = await app.WithAsync<UserAdministration, Result<Done>>(u => u.DeactivateAsync(staff.Id, admin));
        Assert.True(result.IsSuccess, result.Error?.Message);
    }

    private async Task<int> RecoveryCodesLeftAsync(TestStaff staff)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return await users.CountRecoveryCodesAsync((await users.FindByIdAsync(staff.Id))!);
    }

    /// <summary>The password step of an account with the authenticator app: on to the second step, not yet signed in.</summary>
    private static async Task PasswordStepAsync(HttpClient client, TestStaff staff)
    {
        var response = await client.PostPasswordAsync(staff.Email, staff.Password);
        Assert.StartsWith("/conta/entrar/2fa", response.RedirectTarget(), StringComparison.Ordinal);
        Assert.False(response.SetsAuthCookie());
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string message)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.SetsAuthCookie(), "a cookie was issued");
        Assert.Contains(message, await response.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_DeactivatedAccountWithTwoFactor_IsRefusedAtThePasswordStepWithThePtBrMessage()
    {
        var staff = await app.CreateStaffAsync(Roles.Ombudsman, twoFactor: true);
        await DeactivateAsync(staff);
        using var client = NewClient();

        var response = await client.PostPasswordAsync(staff.Email, staff.Password);

        await AssertRefusedAsync(response, SignInMessages.Inactive);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/conta/entrar/2fa")).StatusCode);
    }

    [Fact]
    public async Task SignIn_DeactivatedAccountWrongPassword_GetsTheOrdinaryErrorAndTheAttemptCounts()
    {
        var staff = await app.CreateStaffAsync(Roles.Collaborator, unitId: await app.UnitIdAsync(DemoStaff.HealthUnit));
        await DeactivateAsync(staff);
        using var client = NewClient();

        var response = await client.PostPasswordAsync(staff.Email, "SenhaErrada@1");

        await AssertRefusedAsync(response, SignInMessages.WrongPassword);
        Assert.DoesNotContain("desativado", await response.TextAsync(), StringComparison.OrdinalIgnoreCase);
        await using var db = app.CreateDbContext();
        Assert.Equal(1, await db.Users.Where(u => u.Id == staff.Id).Select(u => u.AccessFailedCount).SingleAsync());
    }

    [Fact]
    public async Task SignIn_DeactivatedAccountWithoutTwoFactor_RightPassword_IsRefused()
    {
        var staff = await app.CreateStaffAsync(Roles.Manager);
        await DeactivateAsync(staff);
        using var client = NewClient();

        var response = await client.PostPasswordAsync(staff.Email, staff.Password);

        await AssertRefusedAsync(response, SignInMessages.Inactive);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/tratar")).StatusCode);
    }

    [Fact]
    public async Task TwoFactor_AccountDeactivatedAfterThePassword_TheAuthenticatorCodeIsRefused()
    {
        var staff = await app.CreateStaffAsync(Roles.Ombudsman, twoFactor: true);
        using var client = NewClient();
        await PasswordStepAsync(client, staff);
        await DeactivateAsync(staff);

        var response = await client.PostSecondStepAsync(staff.CurrentCode());

        await AssertRefusedAsync(response, SignInMessages.Inactive);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/tratar")).StatusCode);
    }

    [Fact]
    public async Task TwoFactor_AccountDeactivatedAfterThePassword_ARecoveryCodeIsRefusedAndKept()
    {
        var staff = await app.CreateStaffAsync(Roles.Ombudsman, twoFactor: true);
        using var client = NewClient();
        await PasswordStepAsync(client, staff);
        await DeactivateAsync(staff);

        var response = await client.PostSecondStepAsync(staff.RecoveryCodes[0], recoveryCode: true);

        await AssertRefusedAsync(response, SignInMessages.Inactive);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/tratar")).StatusCode);
        Assert.Equal(10, await RecoveryCodesLeftAsync(staff));
    }

    [Fact]
    public async Task TwoFactor_RecoveryCode_SignsInOnceAndCannotBeUsedAgain()
    {
        var staff = await app.CreateStaffAsync(Roles.Ombudsman, twoFactor: true);
        using var first = NewClient();
        await PasswordStepAsync(first, staff);

        var signedIn = await first.PostSecondStepAsync(staff.RecoveryCodes[3], recoveryCode: true);

        Assert.Equal("/", signedIn.RedirectTarget());
        Assert.True(signedIn.SetsAuthCookie());
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/tratar")).StatusCode);
        Assert.Equal(9, await RecoveryCodesLeftAsync(staff));

        using var second = NewClient();
        await PasswordStepAsync(second, staff);
        var reused = await second.PostSecondStepAsync(staff.RecoveryCodes[3], recoveryCode: true);

        await AssertRefusedAsync(reused, SignInMessages.WrongCode);
        Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync("/tratar")).StatusCode);
        // Another one still works, typed carelessly (small letters, a space for the dash).
        var other = await second.PostSecondStepAsync(" " + staff.RecoveryCodes[4].Replace('-', ' ').ToLowerInvariant(), recoveryCode: true);
        Assert.True(other.SetsAuthCookie());
        Assert.Equal(8, await RecoveryCodesLeftAsync(staff));
    }

    [Fact]
    public async Task TwoFactor_AuthenticatorCode_SignsInWithTheTwoFactorMark()
    {
        var staff = await app.CreateStaffAsync(Roles.Ombudsman, twoFactor: true);
        using var client = NewClient();
        await PasswordStepAsync(client, staff);

        var response = await client.PostSecondStepAsync(staff.CurrentCode());

        Assert.Equal("/", response.RedirectTarget());
        Assert.True(response.SetsAuthCookie());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/tratar")).StatusCode);
    }

    [Fact]
    public async Task TwoFactor_WrongCodeFiveTimes_LocksTheAccountAgainstCodesRecoveryCodesAndPasswords()
    {
        var staff = await app.CreateStaffAsync(Roles.Ombudsman, twoFactor: true);
        using var client = NewClient();
        await PasswordStepAsync(client, staff);

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await AssertRefusedAsync(await client.PostSecondStepAsync(staff.WrongCode()), SignInMessages.WrongCode);
        }

        await AssertRefusedAsync(await client.PostSecondStepAsync(staff.WrongCode()), SignInMessages.LockedOut);

        // Locked out: neither the right code nor a recovery code opens it now, nor a new password step.
        await AssertRefusedAsync(await client.PostSecondStepAsync(staff.CurrentCode()), SignInMessages.LockedOut);
        await AssertRefusedAsync(await client.PostSecondStepAsync(staff.RecoveryCodes[0], recoveryCode: true), SignInMessages.LockedOut);
        Assert.Equal(10, await RecoveryCodesLeftAsync(staff));
        using var again = NewClient();
        await AssertRefusedAsync(await again.PostPasswordAsync(staff.Email, staff.Password), SignInMessages.LockedOut);
    }

    [Fact]
    public async Task TwoFactor_WrongRecoveryCodeFiveTimes_LocksTheAccount()
    {
        var staff = await app.CreateStaffAsync(Roles.Ombudsman, twoFactor: true);
        using var client = NewClient();
        await PasswordStepAsync(client, staff);

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await AssertRefusedAsync(await client.PostSecondStepAsync($"ERRADO{attempt:D2}", recoveryCode: true), SignInMessages.WrongCode);
        }

        await AssertRefusedAsync(await client.PostSecondStepAsync("ERRADO05", recoveryCode: true), SignInMessages.LockedOut);
        await AssertRefusedAsync(await client.PostSecondStepAsync(staff.RecoveryCodes[0], recoveryCode: true), SignInMessages.LockedOut);
    }

    [Fact]
    public async Task TwoFactor_RightCodeAfterWrongOnes_ResetsTheFailureCount()
    {
        var staff = await app.CreateStaffAsync(Roles.Ombudsman, twoFactor: true);
        using var client = NewClient();
        await PasswordStepAsync(client, staff);
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await client.PostSecondStepAsync(staff.WrongCode());
        }

        Assert.True((await client.PostSecondStepAsync(staff.CurrentCode())).SetsAuthCookie());

        await using var db = app.CreateDbContext();
        Assert.Equal(0, await db.Users.Where(u => u.Id == staff.Id).Select(u => u.AccessFailedCount).SingleAsync());
    }
}

public sealed class SignInSecurityTestsSqlite(SqliteDemoApp app) : SignInSecurityTests(app), IClassFixture<SqliteDemoApp>;

public sealed class SignInSecurityTestsPostgres(PostgresDemoApp app) : SignInSecurityTests(app), IClassFixture<PostgresDemoApp>;
