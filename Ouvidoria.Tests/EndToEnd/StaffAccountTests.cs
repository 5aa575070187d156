using Microsoft.Playwright;
using Ouvidoria.Infrastructure.Seeding;
using Ouvidoria.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Ouvidoria.Tests.EndToEnd;

/// <summary>
/// Staff accounts as people use them in Chromium: the administrator creates a collaborator and
/// hands over the one-time password; the collaborator must choose a password at the first sign-in,
/// enrols an authenticator app (the code is computed here, RFC 6238, from the key the page shows)
/// and then signs in with password + code; a wrong code is refused.
/// </summary>
public sealed class StaffAccountTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private const string NewPassword = "Nova@Senha2026";

    [Fact]
    public async Task NewCollaborator_OneTimePasswordThenOwnPasswordThenAuthenticatorApp_SignsInWithAComputedCode()
    {
        var email = $"colab.{Guid.NewGuid():N}"[..20] + "@demo.gov.br";
        var page = await portal.NewPageAsync();

        // 1. The administrator creates the collaborator and sees the one-time password once.
        await page.SignInAsync("admin@demo.gov.br", DemoSeeder.DemoPassword);
        await page.OpenAsync("administracao/usuarios");
        await page.GetByText("Cadastrar servidor").ClickAsync();
        var form = page.Locator("details.admin-form");
        await form.GetByLabel("Nome completo").FillAsync("Clara Colaboradora");
        await form.GetByLabel("E-mail").FillAsync(email);
        await form.GetByLabel("Perfil").SelectOptionAsync("Colaborador");
        await form.GetByLabel("Unidade").SelectOptionAsync(new SelectOptionValue { Label = "Secretaria de Saúde" });
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Cadastrar", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("one-time-password")).ToContainTextAsync("Clara Colaboradora");
        var oneTimePassword = (await page.GetByTestId("one-time-password-value").TextContentAsync())!.Trim();
        await Expect(page.Locator($"[data-email='{email}']")).ToContainTextAsync("Senha provisória");
        await page.ShotAsync("administracao-usuarios");
        await page.SignOutAsync();

        // 2. The collaborator signs in with it and must choose a password before anything else.
        await page.SubmitSignInAsync(email, oneTimePassword);
        await page.WaitForURLAsync("**/conta/senha**");
        await Expect(page.GetByTestId("must-change")).ToBeVisibleAsync();
        await page.GetByLabel("Senha atual", new PageGetByLabelOptions { Exact = true }).FillAsync(oneTimePassword);
        await page.GetByLabel("Nova senha", new PageGetByLabelOptions { Exact = true }).FillAsync("curta");
        await page.GetByLabel("Confirme a nova senha").FillAsync("curta");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Salvar senha" }).ClickAsync();
        await Expect(page.GetByTestId("password-error")).ToContainTextAsync("A senha deve ter pelo menos 8 caracteres.");
        await page.GetByLabel("Senha atual", new PageGetByLabelOptions { Exact = true }).FillAsync(oneTimePassword);
        await page.GetByLabel("Nova senha", new PageGetByLabelOptions { Exact = true }).FillAsync(NewPassword);
        await page.GetByLabel("Confirme a nova senha").FillAsync(NewPassword);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Salvar senha" }).ClickAsync();
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("user-name")).ToHaveTextAsync("Clara Colaboradora");

        // 3. Enrols the authenticator app: key on the page, code computed here; recovery codes shown once.
        await page.GotoAsync("conta/2fa");
        await Expect(page.GetByTestId("2fa-qr")).ToBeVisibleAsync();
        Assert.StartsWith("otpauth://totp/", await page.GetByTestId("2fa-qr").GetAttributeAsync("data-uri"), StringComparison.Ordinal);
        var key = (await page.GetByTestId("2fa-key").TextContentAsync())!;
        await page.GetByLabel("Código do aplicativo").FillAsync("000000" == Totp.Code(key, DateTimeOffset.UtcNow) ? "111111" : "000000");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Ativar" }).ClickAsync();
        await Expect(page.GetByTestId("2fa-error")).ToContainTextAsync("Código inválido.");
        await page.GetByLabel("Código do aplicativo").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Ativar" }).ClickAsync();
        await Expect(page.GetByTestId("2fa-enabled")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("recovery-codes").Locator("li")).ToHaveCountAsync(10);
        await page.ShotAsync("conta-2fa-codigos");
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Continuar" }).ClickAsync();
        await page.WaitForInteractiveAsync();
        await page.SignOutAsync();

        // 4. Signs in again: password, then the second step with a wrong and then a computed code.
        await page.GotoAsync("conta/entrar");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Senha").FillAsync(NewPassword);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Entrar" }).ClickAsync();
        await page.WaitForURLAsync("**/conta/entrar/2fa**");
        await page.GetByLabel("Código", new PageGetByLabelOptions { Exact = true }).FillAsync("12345x");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Verificar" }).ClickAsync();
        await Expect(page.GetByTestId("login-error")).ToContainTextAsync("Código inválido.");
        await page.ShotAsync("entrar-2fa");
        await page.GetByLabel("Código", new PageGetByLabelOptions { Exact = true }).FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Verificar" }).ClickAsync();
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("user-name")).ToHaveTextAsync("Clara Colaboradora");
        await page.OpenAsync("tratar");
        await Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Level = 1 })).ToBeVisibleAsync();
        Assert.Contains("/tratar", page.Url, StringComparison.Ordinal);
    }
}
