using System.Globalization;
using System.Security.Claims;
using Helpdesk.Core.Data;
using Helpdesk.Core.Queue;
using Helpdesk.Web.Components.Pages;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Helpdesk.Web.Tests;

/// <summary>The queue page under bUnit on a real (demo) desk: a change made elsewhere is pushed into the open page.</summary>
[TestClass]
public sealed class QueuePageBehaviourTests : BunitContext
{
    [ClassInitialize]
    public static void StartDesk(Microsoft.VisualStudio.TestTools.UnitTesting.TestContext context) => ClassDesk<QueuePageBehaviourTests>.Start();

    [ClassCleanup]
    public static void StopDesk() => ClassDesk<QueuePageBehaviourTests>.Stop();

    private static DeskFactory Desk => ClassDesk<QueuePageBehaviourTests>.Desk;

    private static async Task<(long Id, string Name)> StaffAsync(string user)
    {
        await using var db = await Desk.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>().CreateDbContextAsync();
        var s = await db.Staff.Where(s => s.UserName == user).Select(s => new { s.Id, s.DisplayName }).SingleAsync();
        return (s.Id, s.DisplayName);
    }

    [TestMethod]
    public async Task OpenQueue_AnotherAgentTakesATicket_HolderShownWithoutReload()
    {
        var (agentId, _) = await StaffAsync("agent");
        var auth = AddAuthorization();
        auth.SetAuthorized("agent");
        auth.SetRoles("Agent");
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, agentId.ToString(CultureInfo.InvariantCulture)));
        Services.AddFallbackServiceProvider(Desk.Services);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        JSInterop.Mode = JSRuntimeMode.Loose;

        var page = Render<QueuePage>();
        var row = page.WaitForElement("tr[data-ticket]", TimeSpan.FromSeconds(30));
        var number = long.Parse(row.GetAttribute("data-ticket")!, CultureInfo.InvariantCulture);
        Assert.AreEqual("", page.Find($"tr[data-ticket='{number}'] .holder").TextContent.Trim(), "nobody holds it yet");

        var (leadId, leadName) = await StaffAsync("lead");
        Assert.IsTrue(await Desk.Services.GetRequiredService<AnsweringDesk>().TakeAsync(leadId, number));

        // The page's own refresh is every 30 s; within 10 s only the push can have brought it.
        page.WaitForAssertion(() => StringAssert.Contains(page.Find($"tr[data-ticket='{number}'] .holder").TextContent, leadName),
            TimeSpan.FromSeconds(10));
        await Desk.Services.GetRequiredService<AnsweringDesk>().SkipAsync(leadId, number);
    }
}
