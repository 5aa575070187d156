using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ouvidoria.Domain.Common;
using Ouvidoria.Infrastructure.Identity;
using Ouvidoria.Tests.Support.Integration;
using Ouvidoria.Web.Features.Account;
using Ouvidoria.Web.Features.Administration.Settings;
using Ouvidoria.Web.Features.Administration.Users;

namespace Ouvidoria.Tests.Features.Account;

/// <summary>
/// A sign-in with a pending step (one-time password; authenticator app the role requires) opens
/// nothing but that step: over HTTP (redirect to the step, also from the home page) and inside a
/// circuit, where the router evaluates the same policies (checked here through the authorization
/// service with the principal the sign-in builds). Each class has its own database.
/// </summary>
public abstract class SignInStepsTests(OuvidoriaAppFactory app)
{
    private static readonly string[] StaffPolicies = [Policies.Staff, Policies.Treatment, Policies.Ombudsman, Policies.Audit, Policies.Administration, Policies.Reports];

    private async Task<(string Email, string Password)> NewCollaboratorAsync()
    {
        var admin = await app.ActorAsync(DemoStaff.Administrator);
        await using var db = app.CreateDbContext();
        var unit = await db.Units.Where(u => u.Name == DemoStaff.HealthUnit).Select(u => u.Id).SingleAsync();
        var email = $"passo.{Guid.NewGuid():N}"[..16] + "@demo.gov.br";
        var created = await app.WithAsync<UserAdministration, Result<OneTimePassword>>(u => u.CreateAsync("Pedro Pendente", email, new StaffAccess(Roles.Collaborator, unit, false), admin));
        Assert.True(created.IsSuccess, created.Error?.Message);
        return (email, created.Value.Password);
    }

    private async Task<bool> AllowedAsync(string email, string policy)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var principal = await scope.ServiceProvider.GetRequiredService<SignInManager<ApplicationUser>>()
            .CreateUserPrincipalAsync((await users.FindByEmailAsync(email))!);
        return (await scope.ServiceProvider.GetRequiredService<IAuthorizationService>().AuthorizeAsync(principal, null, policy)).Succeeded;
    }

    [Fact]
    public async Task OneTimePassword_EveryProtectedPageAndTheHomePage_RedirectToTheChangePasswordPage()
    {
        var (email, password) = await NewCollaboratorAsync();
        var client = await app.SignedInClientAsync(email, password);

        var queue = await client.GetAsync("/tratar");
        var home = await client.GetAsync("/");
        var step = await client.GetAsync("/conta/senha");

        Assert.Equal(HttpStatusCode.Redirect, queue.StatusCode);
        Assert.Equal("/conta/senha?ReturnUrl=%2Ftratar", queue.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Contains("conta/senha?ReturnUrl=", home.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, step.StatusCode);
        Assert.Contains("senha provisória", HtmlForms.Text(await step.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OneTimePassword_InsideACircuit_NoStaffPolicyIsMet_UntilThePasswordIsChanged()
    {
        var (email, password) = await NewCollaboratorAsync();

        foreach (var policy in StaffPolicies)
        {
            Assert.False(await AllowedAsync(email, policy), policy);
        }

        Assert.True(await AllowedAsync(email, Policies.StaffSigningIn));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            Assert.True((await users.ChangePasswordAsync(user, password, "Nova@Senha2026")).Succeeded);
            user.MustChangePassword = false;
            await users.UpdateAsync(user);
        }

        Assert.True(await AllowedAsync(email, Policies.Treatment));
        Assert.False(await AllowedAsync(email, Policies.Administration));
    }

    [Fact]
    public async Task TwoFactorRequiredForTheRole_PasswordOnlySignIn_IsSentToEnrolTheAuthenticatorApp()
    {
        var admin = await app.ActorAsync(DemoStaff.Administrator);
        var current = await app.WithAsync<SettingsAdministration, Result<SettingsView>>(s => s.GetAsync(admin));
        var required = current.Value.Values with { TwoFactorRequiredFor = new HashSet<ActorKind> { ActorKind.Collaborator } };
        var saved = await app.WithAsync<SettingsAdministration, Result<SettingsView>>(s => s.SaveAsync(required, admin));
        Assert.True(saved.IsSuccess, saved.Error?.Message);
        try
        {
            var client = await app.SignedInClientAsync(DemoStaff.EducationCollaborator);

            var queue = await client.GetAsync("/tratar");
            var enrol = await client.GetAsync("/conta/2fa");

            Assert.Equal("/conta/2fa?ReturnUrl=%2Ftratar", queue.Headers.Location?.OriginalString);
            Assert.Equal(HttpStatusCode.OK, enrol.StatusCode);
            Assert.False(await AllowedAsync(DemoStaff.EducationCollaborator, Policies.Treatment));
            // Another role is not concerned.
            Assert.True(await AllowedAsync(DemoStaff.Ombudsman, Policies.Treatment));
        }
        finally
        {
            await app.WithAsync<SettingsAdministration, Result<SettingsView>>(s => s.SaveAsync(current.Value.Values, admin));
        }
    }
}

public sealed class SignInStepsTestsSqlite(SqliteDemoApp app) : SignInStepsTests(app), IClassFixture<SqliteDemoApp>;

public sealed class SignInStepsTestsPostgres(PostgresDemoApp app) : SignInStepsTests(app), IClassFixture<PostgresDemoApp>;
