using System.Net;
using System.Text;
using Helpdesk.Core.Data;
using Helpdesk.Core.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Helpdesk.Web.Tests;

[TestClass]
public sealed class AdminPagesTests
{
    [TestMethod]
    public async Task StaffPage_Admin_ListsAccountsWithRolesAndActions()
    {
        using var factory = new DeskFactory();
        var client = Browserless.Client(factory);
        await Browserless.SignInAsync(client, "admin", "demo-desk");

        var page = await Browserless.GetDocumentAsync(client, "/admin/staff");

        var lead = page.QuerySelector("tr[data-staff='lead']") ?? throw new AssertFailedException("the lead's row is missing");
        Assert.IsTrue(lead.QuerySelector("input[data-role='Lead']")!.HasAttribute("checked"));
        Assert.IsFalse(lead.QuerySelector("input[data-role='Trainer']")!.HasAttribute("checked"));
        var buttons = lead.QuerySelectorAll("button").Select(b => b.TextContent.Trim()).ToArray();
        CollectionAssert.IsSubsetOf(new[] { "Disable", "Reset password", "Sign out everywhere" }, buttons);
        Assert.IsNotNull(page.QuerySelector("input[type=file]#staff-csv"));
        Assert.IsNotNull(page.QuerySelector("nav a[href='/admin/staff']"));
    }

    [TestMethod]
    public async Task StaffPage_Search_OnlyMatchingRows()
    {
        using var factory = new DeskFactory();
        var client = Browserless.Client(factory);
        await Browserless.SignInAsync(client, "admin", "demo-desk");

        var page = await Browserless.GetDocumentAsync(client, "/admin/staff");

        Assert.IsTrue(page.QuerySelectorAll("tr[data-staff]").Length >= 4);
        StringAssert.Contains(page.QuerySelector("[data-count=staff]")!.TextContent, "accounts");
    }

    [TestMethod]
    public async Task OutboxPage_Lead_CountsFailedRowsWithServersWordsAndPauseOwner()
    {
        using var factory = new DeskFactory();
        var client = Browserless.Client(factory);
        await Browserless.SignInAsync(client, "lead", "demo-desk");
        var services = factory.Services;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        await using (var db = await services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>().CreateDbContextAsync())
        {
            var ticket = await db.Tickets.Include(t => t.Customer).OrderBy(t => t.Number).FirstAsync();
            var failed = new OutboxItem(OutboxKind.Reply, ticket.Number, null, $"f-{Guid.NewGuid():N}@meridian.example", "passwordchange@meridian.example",
                ticket.Customer!.Address, "Re: help", now);
            failed.SetMime(Encoding.UTF8.GetBytes("Subject: x\r\n\r\nx\r\n"));
            failed.MarkFailed("550 5.1.1 <x@example.com>: Recipient address rejected", now);
            db.Outbox.Add(failed);
            await db.SaveChangesAsync();
        }
        await services.GetRequiredService<OutboxControl>().PauseAsync("Provider throttling us", "lead", null);

        var page = await Browserless.GetDocumentAsync(client, "/outbox");

        Assert.IsTrue(int.Parse(page.QuerySelector("[data-count=failed]")!.TextContent, System.Globalization.CultureInfo.InvariantCulture) >= 1);
        var row = page.QuerySelectorAll("tr[data-outbox]").Single(r => r.TextContent.Contains("Recipient address rejected", StringComparison.Ordinal));
        Assert.AreEqual("1", row.QuerySelector("[data-cell=attempts]")!.TextContent.Trim());
        StringAssert.StartsWith(row.QuerySelector("[data-cell=ticket]")!.TextContent.Trim(), "#");
        Assert.AreEqual("Retry", row.QuerySelector("button")!.TextContent.Trim());
        Assert.IsNotNull(page.QuerySelectorAll("button").FirstOrDefault(b => b.TextContent.Contains("Retry all failed", StringComparison.Ordinal)));
        var pause = page.QuerySelector("[data-pause-state]")!;
        Assert.AreEqual("paused", pause.GetAttribute("data-pause-state"));
        StringAssert.Contains(pause.TextContent, "by lead");
        StringAssert.Contains(pause.TextContent, "Provider throttling us");
        Assert.IsNotNull(page.QuerySelectorAll("button").FirstOrDefault(b => b.TextContent.Trim() == "Resume sending"));
    }

    [TestMethod]
    public async Task OutboxPage_NotSignedIn_RedirectsToSignIn()
    {
        using var factory = new DeskFactory();
        var client = Browserless.Client(factory);

        var response = await client.GetAsync("/outbox");

        Assert.AreEqual(HttpStatusCode.Redirect, response.StatusCode);
        StringAssert.StartsWith(response.Headers.Location!.PathAndQuery, "/signin");
    }
}
