using Helpdesk.Core.Data;
using Helpdesk.Demo;
using Helpdesk.Core.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Helpdesk.Web.Tests;

[TestClass]
public sealed class LoadDrillTests
{
    [TestMethod]
    public async Task LoadDrill_ThreeAgentsOnDemoDesk_TicketsAnsweredByDrillAccountsWithSuggestedReplies()
    {
        using var factory = new DeskFactory(new Dictionary<string, string?>
        {
            ["Helpdesk:LoadDrill:Agents"] = "3",
            ["Helpdesk:LoadDrill:ThinkTime"] = "00:00:00.020",
            ["Helpdesk:LoadDrill:ReportEvery"] = "00:00:01",
        });
        var drill = factory.Services.GetRequiredService<LoadDrill>();
        for (var i = 0; i < 600 && drill.Totals.Sends < 6; i++) await Task.Delay(50);

        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>().CreateDbContextAsync();
        var drillStaff = await db.Staff.Where(s => s.UserName.StartsWith(LoadDrillOptions.UserNamePrefix)).ToListAsync();
        var ids = drillStaff.Select(s => s.Id).ToList();
        var replies = await db.Messages.Where(m => m.Direction == MessageDirection.Outbound && m.AuthorStaffId != null
            && ids.Contains(m.AuthorStaffId.Value)).ToListAsync();

        CollectionAssert.AreEquivalent(new[] { "drill-agent-001", "drill-agent-002", "drill-agent-003" }, drillStaff.Select(s => s.UserName).ToList());
        Assert.IsTrue(drillStaff.All(s => s.IsDemo && s.HasRole(Helpdesk.Core.Staff.StaffRoles.Agent)));
        Assert.IsTrue(drill.Totals.Sends >= 6, $"the drill sent {drill.Totals.Sends} replies ({drill.Totals.Failures} failed, {drill.Totals.Skips} skipped)");
        Assert.IsTrue(replies.Count >= 6, $"{replies.Count} replies by drill agents in the database");
        Assert.IsTrue(replies.All(r => r.TemplateVersionId != null && r.SentUnedited), "each is a suggestion sent as suggested");
        var answered = replies.Select(r => r.TicketNumber).ToList();
        var outboxed = await db.Outbox.Where(o => answered.Contains(o.TicketNumber)).Select(o => o.TicketNumber).Distinct().CountAsync();
        Assert.AreEqual(answered.Distinct().Count(), outboxed, "each answered ticket has its reply in the outbox, as a console send does");
    }

    [TestMethod]
    public void LoadDrill_DemoModeNotOn_DeskRefusesToStartNamingTheSetting()
    {
        using var factory = new DeskFactory(new Dictionary<string, string?>
        {
            ["Helpdesk:Demo:Mode"] = "Auto",
            ["Helpdesk:LoadDrill:Agents"] = "2",
        });

        var error = Assert.ThrowsExactly<InvalidOperationException>(() => factory.Services.GetRequiredService<LoadDrill>());

        StringAssert.Contains(error.Message, "Helpdesk:Demo:Mode");
        StringAssert.Contains(error.Message, "Helpdesk:LoadDrill:Agents");
    }
}
