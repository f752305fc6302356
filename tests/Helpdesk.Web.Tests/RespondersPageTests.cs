using System.Security.Claims;
using Helpdesk.Core.Data;
using Helpdesk.Demo;
using Helpdesk.Core.Staff;
using Helpdesk.Web.Components.Pages;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Helpdesk.Web.Tests;

/// <summary>/lead/responders: a Lead sees who ends when and extends an ended account, which can then sign in again.</summary>
[TestClass]
public sealed class RespondersPageTests : BunitContext
{
    [TestMethod]
    public async Task Extend_ByALead_EndedAgentSignsInAgain_Audited()
    {
        using var desk = new DeskFactory();
        _ = desk.Server;
        var time = desk.Services.GetRequiredService<TimeProvider>();
        long lead;
        await using (var db = await desk.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>().CreateDbContextAsync())
        {
            var admin = await db.Staff.Where(s => s.UserName == "admin").Select(s => s.Id).SingleAsync();
            lead = await db.Staff.Where(s => s.UserName == "lead").Select(s => s.Id).SingleAsync();
            var agent = await db.Staff.Where(s => s.UserName == "agent").Select(s => s.Id).SingleAsync();
            await desk.Services.GetRequiredService<StaffDirectory>().SetEndsAtAsync(admin, agent, time.GetUtcNow().AddMinutes(-5));
        }
        var password = desk.Services.GetRequiredService<DemoDataSeeder>().DemoPassword;
        var before = await Browserless.SignInAsync(Browserless.Client(desk), "agent", password);
        StringAssert.Contains(before.Headers.Location!.ToString(), "error=ended");

        var auth = AddAuthorization();
        auth.SetAuthorized("lead");
        auth.SetRoles("Lead");
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, lead.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Services.AddFallbackServiceProvider(desk.Services);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        JSInterop.Mode = JSRuntimeMode.Loose;
        var page = Render<RespondersPage>();
        Assert.IsNotNull(page.Find("tr[data-responder=agent] [data-ended]"), "the ended account is listed as ended");
        page.Find("#extend-days").Change("3");
        await page.Find("tr[data-responder=agent] [data-action=extend]").ClickAsync(new());

        page.WaitForAssertion(() => StringAssert.Contains(page.Find("[data-message]").TextContent, "agent now ends"));
        Assert.AreEqual(0, page.FindAll("tr[data-responder=agent] [data-ended]").Count, "no longer ended");
        await using var check = await desk.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>().CreateDbContextAsync();
        var user = await check.Staff.SingleAsync(s => s.UserName == "agent");
        Assert.IsTrue(user.EndsAt > time.GetUtcNow().AddDays(2.9) && user.EndsAt < time.GetUtcNow().AddDays(3.1), $"ends {user.EndsAt:O}");
        var audit = await check.AuditEvents.SingleAsync(a => a.Action == "staff.extend");
        Assert.AreEqual("lead", audit.Actor);
        var after = await Browserless.SignInAsync(Browserless.Client(desk), "agent", password);
        Assert.AreEqual("/", after.Headers.Location!.ToString(), "the extended account signs in again");
    }

    [TestMethod]
    public async Task RespondersPage_AnAgent_IsNotLetIn()
    {
        using var desk = new DeskFactory();
        var password = desk.Services.GetRequiredService<DemoDataSeeder>().DemoPassword;
        var client = Browserless.Client(desk);
        await Browserless.SignInAsync(client, "agent", password);

        var response = await client.GetAsync("/lead/responders");

        Assert.AreNotEqual(System.Net.HttpStatusCode.OK, response.StatusCode, "an Agent must not reach the Lead page");
    }
}
