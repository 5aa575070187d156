using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ouvidoria.Tests.EndToEnd;

/// <summary>How a person uses the portal's pages, in pt-BR.</summary>
internal static class PageExtensions
{
    /// <summary>Navigates and waits until the Blazor circuit is interactive.</summary>
    public static async Task OpenAsync(this IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.WaitForInteractiveAsync();
    }

    public static Task WaitForInteractiveAsync(this IPage page) =>
        page.Locator("#app-ready").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

    /// <summary>Picks an option of a Radzen dropdown identified by its aria-label.</summary>
    public static async Task ChooseAsync(this IPage page, string dropdownLabel, string option)
    {
        await page.GetByRole(AriaRole.Combobox, new PageGetByRoleOptions { Name = dropdownLabel, Exact = true }).ClickAsync();
        await page.Locator(".rz-popup:visible .rz-dropdown-item", new PageLocatorOptions { HasTextString = option }).First.ClickAsync();
    }

    public static async Task SignInAsync(this IPage page, string email, string password)
    {
        await page.SubmitSignInAsync(email, password);
        await page.WaitForInteractiveAsync();
    }

    /// <summary>Fills and sends the sign-in form; where it leads (a pending step's static page, say) is the caller's.</summary>
    public static async Task SubmitSignInAsync(this IPage page, string email, string password)
    {
        await page.GotoAsync("conta/entrar");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Senha").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Entrar" }).ClickAsync();
    }

    public static async Task SignOutAsync(this IPage page)
    {
        var signOut = page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sair" });
        await signOut.ClickAsync();
        // The form posts without enhanced navigation: done once the page that replaces it has no
        // "Sair" button (a URL check alone passes at once on pages outside /manifestacoes).
        await Expect(signOut).ToHaveCountAsync(0);
    }

    public static Task ShotAsync(this IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalFixture.ScreenshotDirectory, name + ".png"), FullPage = true });
}
