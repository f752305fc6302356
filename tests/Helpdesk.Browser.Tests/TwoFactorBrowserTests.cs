using Helpdesk.Core.Data;
using Helpdesk.Core.Staff;
using Helpdesk.Web.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Helpdesk.Browser.Tests;

[TestClass]
public sealed class TwoFactorBrowserTests
{
    [TestMethod]
    public async Task Admin_EnrolsAnAuthenticatorFromThePage_AndSignsInWithItsCode()
    {
        await using var desk = await BrowserDesk.StartAsync();
        // A new phone: the admin's two-factor sign-in is reset, so the next sign-in leads to enrolment.
        long adminId;
        await using (var db = await desk.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>().CreateDbContextAsync())
            adminId = await db.Staff.Where(s => s.UserName == "admin").Select(s => s.Id).SingleAsync();
        await desk.Services.GetRequiredService<StaffDirectory>().ResetTwoFactorAsync(adminId, adminId);

        var page = await desk.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.FillAsync("#username", "admin");
        await page.FillAsync("#password", BrowserDesk.DemoPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/two-factor");
        Assert.AreEqual(1, await page.Locator(".qr-code svg").CountAsync(), "the QR code is shown");
        var key = await page.Locator("[data-key]").GetAttributeAsync("data-key") ?? throw new AssertFailedException("no manual key");
        await BrowserDesk.ScreenshotAsync(page, "two-factor-enrol");

        // The test is the phone: it computes the code from the key the page shows.
        await page.FillAsync("#code", AuthenticatorApp.CodeNow(key));
        // The code's own form: the signed-in layout has submit buttons of its own (sign out, sign out everywhere).
        await page.ClickAsync("form:has(#code) button[type=submit]");
        await page.Locator(".recovery-codes li").First.WaitForAsync();
        Assert.AreEqual(StaffTwoFactor.RecoveryCodeCount, await page.Locator(".recovery-codes li").CountAsync());
        await page.ClickAsync("a:has-text('Continue to the desk')");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await BrowserDesk.WaitForCircuitAsync(page);

        var next = await desk.NewPageAsync();
        await next.GotoAsync("/signin");
        await next.FillAsync("#username", "admin");
        await next.FillAsync("#password", BrowserDesk.DemoPassword);
        await next.ClickAsync("button[type=submit]");
        await next.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/signin/code");
        await next.FillAsync("#code", AuthenticatorApp.CodeNow(key));
        await next.ClickAsync("form:has(#code) button[type=submit]");
        await next.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await BrowserDesk.WaitForCircuitAsync(next);
        await next.GotoAsync("/admin/staff");
        await next.Locator("tr[data-staff='admin'] [data-two-factor=on]").WaitForAsync();
    }
}
