using System.Globalization;
using Helpdesk.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Helpdesk.Browser.Tests;

/// <summary>An agent escalates; a lead finds it from the dashboard, reads why, and hands it back with advice.</summary>
[TestClass]
public sealed class EscalationBrowserTests
{
    private static readonly LocatorWaitForOptions Long = new() { Timeout = 30_000 };

    [TestMethod]
    public async Task Escalate_LeadTakesItFromDashboardTile_ReadsReasonAndReturnsItToAgents()
    {
        await using var desk = await BrowserDesk.StartAsync();
        var agent = await desk.SignedInPageAsync("agent");
        await agent.GotoAsync("/answer");
        await agent.Locator(".answer-workspace[data-state=working]").WaitForAsync(Long);
        var number = long.Parse(await agent.Locator(".ticket-number").GetAttributeAsync("data-ticket") ?? "", CultureInfo.InvariantCulture);

        await agent.GetByRole(AriaRole.Button, new() { Name = "Escalate to a lead" }).ClickAsync();
        await agent.FillAsync("#escalate-reason", "Customer says a store clerk asked for her card PIN.");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Escalate and take the next" }).ClickAsync();
        await agent.Locator(".workspace-notice", new() { HasTextString = $"#{number} went to the leads" }).WaitForAsync(Long);

        var lead = await desk.SignedInPageAsync("lead");
        await lead.GotoAsync("/lead");
        await BrowserDesk.WaitForCircuitAsync(lead);
        Assert.AreEqual("1", (await lead.Locator("[data-figure=escalated] .count-value").InnerTextAsync()).Trim());
        await lead.ClickAsync("[data-figure=escalated]");
        await lead.WaitForURLAsync(url => new Uri(url).PathAndQuery == "/answer?lane=escalated");
        await lead.Locator(".answer-workspace[data-state=working]").WaitForAsync(Long);

        Assert.AreEqual(number.ToString(CultureInfo.InvariantCulture), await lead.Locator(".ticket-number").GetAttributeAsync("data-ticket"));
        await lead.Locator(".lane-escalated").WaitForAsync();
        StringAssert.Contains(await lead.Locator(".answer-workspace").InnerTextAsync(), "asked for her card PIN");
        Assert.AreEqual(0, await lead.GetByRole(AriaRole.Button, new() { Name = "Escalate to a lead" }).CountAsync(),
            "an escalated ticket cannot be escalated again");
        await BrowserDesk.ScreenshotAsync(lead, "answer-escalated");

        await lead.ClickAsync("button.return-to-agents");
        await lead.FillAsync("#return-reason", "Ordinary card question: use the card-safety reply.");
        await lead.GetByRole(AriaRole.Button, new() { Name = "Return it and take the next" }).ClickAsync();
        await lead.Locator(".queue-empty", new() { HasTextString = "No escalated ticket is waiting" }).WaitForAsync(Long);

        await using var db = await desk.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>().CreateDbContextAsync();
        var ticket = await db.Tickets.AsNoTracking().SingleAsync(t => t.Number == number);
        Assert.IsFalse(ticket.Escalated, "back in the agents' queue");
        Assert.IsNull(ticket.ClaimedBy);
    }
}
