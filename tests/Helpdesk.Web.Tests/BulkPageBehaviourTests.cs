using System.Globalization;
using System.Security.Claims;
using Helpdesk.Core.Data;
using Helpdesk.Core.Outbox;
using Helpdesk.Core.Tickets;
using Helpdesk.Web.Components.Pages;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Helpdesk.Web.Tests;

/// <summary>
/// The bulk page's behaviour under bUnit on a real (demo) desk, with the page's clock in the test's hand: the hold
/// window counts down as time passes, and Undo takes every reply back before it reaches the outbox.
/// </summary>
[TestClass]
public sealed class BulkPageBehaviourTests : BunitContext
{
    private FakeTimeProvider _time = default!;

    [ClassInitialize]
    public static void StartDesk(Microsoft.VisualStudio.TestTools.UnitTesting.TestContext context) => ClassDesk<BulkPageBehaviourTests>.Start();

    [ClassCleanup]
    public static void StopDesk() => ClassDesk<BulkPageBehaviourTests>.Stop();

    private static DeskFactory Desk => ClassDesk<BulkPageBehaviourTests>.Desk;

    [TestInitialize]
    public async Task Setup()
    {
        long leadId;
        await using (var db = await Desk.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>().CreateDbContextAsync())
            leadId = await db.Staff.Where(s => s.UserName == "lead").Select(s => s.Id).SingleAsync();
        var auth = AddAuthorization();
        auth.SetAuthorized("lead");
        auth.SetRoles("Lead");
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, leadId.ToString(CultureInfo.InvariantCulture)));
        // The page's clock only; the desk's services keep the real one (the hold window is set by them).
        _time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        Services.AddSingleton<TimeProvider>(_time);
        Services.AddFallbackServiceProvider(Desk.Services);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    private static int Countdown(IRenderedComponent<BulkPage> page) =>
        int.Parse(page.Find("[data-countdown]").TextContent, CultureInfo.InvariantCulture);

    [TestMethod]
    public async Task SendCluster_TimePasses_CountdownFalls_UndoPutsEveryTicketBack()
    {
        var page = Render<BulkPage>();
        page.WaitForElement("tr[data-cluster] button", TimeSpan.FromSeconds(30)).Click();
        page.WaitForAssertion(() => Assert.IsFalse(page.Find("[data-preview-button]").HasAttribute("disabled")), TimeSpan.FromSeconds(30));
        var members = page.FindAll("tr[data-member]").Select(r => long.Parse(r.GetAttribute("data-member")!, CultureInfo.InvariantCulture)).ToList();
        Assert.IsGreaterThanOrEqualTo(2, members.Count);
        page.Find("[data-preview-button]").Click();
        page.WaitForAssertion(() => Assert.IsFalse(page.Find("[data-send]").HasAttribute("disabled")), TimeSpan.FromSeconds(30));

        page.Find("[data-send]").Click();
        page.WaitForElement("[data-bulk-state=holding]", TimeSpan.FromSeconds(30));
        var first = Countdown(page);
        _time.Advance(TimeSpan.FromSeconds(10));
        page.WaitForAssertion(() => Assert.AreEqual(first - 10, Countdown(page)), TimeSpan.FromSeconds(10));

        page.Find("button[data-undo]").Click();
        page.WaitForElement("[data-bulk-state=undone]", TimeSpan.FromSeconds(30));
        Assert.IsEmpty(page.FindAll("button[data-undo]"));
        await using var db = await Desk.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>().CreateDbContextAsync();
        var tickets = await db.Tickets.AsNoTracking().Where(t => members.Contains(t.Number)).ToListAsync();
        Assert.IsTrue(tickets.All(t => t.Status is TicketStatus.New or TicketStatus.Open), "every ticket waits again: "
            + string.Join(", ", tickets.Select(t => $"#{t.Number} {t.Status}")));
        var replies = await db.Outbox.AsNoTracking().Where(o => members.Contains(o.TicketNumber) && o.Kind == OutboxKind.BulkReply).ToListAsync();
        Assert.IsNotEmpty(replies, "the send had written its replies, held");
        Assert.IsTrue(replies.All(o => o.State == OutboxState.Cancelled), "every held reply was withdrawn: "
            + string.Join(", ", replies.Select(o => $"#{o.TicketNumber} {o.State}")));
    }
}
