using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GroundTruth.Tests.EndToEnd;

/// <summary>What a person does on the portal's pages, as Playwright steps.</summary>
public static class PortalPages
{
    /// <summary>Waits until the Blazor circuit is up, so clicks are not lost to the prerendered page.</summary>
    public static Task WaitInteractiveAsync(IPage page) =>
        page.Locator("[data-interactive='true']").First.WaitForAsync();

    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/Account/Login");
        await page.Locator("#Input\\.Email").FillAsync(email);
        await page.Locator("#Input\\.Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync(email);
    }

    /// <summary>Opens a MudSelect by its input id and picks the items with these texts.</summary>
    public static async Task ChooseAsync(IPage page, string inputId, params string[] items)
    {
        await page.Locator($"#{inputId}").Locator("xpath=ancestor::div[contains(@class,'mud-select')][1]").ClickAsync();
        foreach (var item in items)
        {
            await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = item }).First.ClickAsync();
        }

        if (await page.Locator(".mud-popover-open").CountAsync() > 0)
        {
            await page.Keyboard.PressAsync("Escape");
        }

        // The list closes over a frame or two; until then it covers (and takes the clicks meant for) what lies below.
        await Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
    }

    /// <summary>Chooses a file for a form's file chooser and waits, as a person would, until the form shows its name.</summary>
    public static async Task ChooseFileAsync(IPage page, string testId, string path)
    {
        await page.Locator($"input.gt-file-input-{testId}").SetInputFilesAsync(path);
        await Expect(page.GetByTestId($"{testId}-chosen")).ToHaveTextAsync(Path.GetFileName(path), new() { Timeout = 15_000 });
    }
}
