using Helpdesk.Core.Replies;
using Helpdesk.Core.Templates;
using Helpdesk.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Tests.Templates;

[TestClass]
public sealed class TemplateCatalogTests
{
    [TestMethod]
    public async Task ImportSeed_Twice_AddsEachTemplateOnceWithLiveVersionOne()
    {
        await using var desk = await TestDatabase.CreateAsync();
        var catalog = desk.Get<TemplateCatalog>();

        var first = await catalog.ImportSeedAsync();
        var second = await catalog.ImportSeedAsync();

        Assert.IsTrue(first >= 26);
        Assert.AreEqual(0, second);
        await using var db = await desk.Factory.CreateDbContextAsync();
        Assert.AreEqual(first, await db.ReplyTemplates.CountAsync());
        Assert.AreEqual(first, await db.ReplyTemplateVersions.CountAsync(v => v.Number == 1 && v.State == TemplateVersionState.Live));
    }

    [TestMethod]
    public async Task ImportSeed_TrainerEditedTemplate_NotOverwritten()
    {
        await using var desk = await TestDatabase.CreateAsync();
        var catalog = desk.Get<TemplateCatalog>();
        await catalog.ImportSeedAsync();
        await using (var db = await desk.Factory.CreateDbContextAsync())
        {
            var t = await db.ReplyTemplates.Include(x => x.Versions).SingleAsync(x => x.Id == "thanks.you_are_welcome.en");
            t.SaveVersion("Hello {{customer.first_name}},\n\nThanks to you.", 1, requiresApproval: false, TestDatabase.Start);
            await db.SaveChangesAsync();
        }

        await catalog.ImportSeedAsync();

        var live = (await catalog.LiveAsync()).Single(t => t.Id == "thanks.you_are_welcome.en");
        StringAssert.Contains(live.Body, "Thanks to you.");
    }
}
