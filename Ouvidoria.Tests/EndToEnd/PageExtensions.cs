using Microsoft.Playwright;

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
        await page.GotoAsync("conta/entrar");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Senha").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Entrar" }).ClickAsync();
        await page.WaitForInteractiveAsync();
    }

    public static async Task SignOutAsync(this IPage page)
    {
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sair" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/manifestacoes/", StringComparison.Ordinal) && !url.Contains("/tratar", StringComparison.Ordinal));
    }

    public static Task ShotAsync(this IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalFixture.ScreenshotDirectory, name + ".png"), FullPage = true });
}
