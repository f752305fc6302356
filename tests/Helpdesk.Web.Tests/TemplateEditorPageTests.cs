using System.Globalization;
using System.Security.Claims;
using Helpdesk.Core.Data;
using Helpdesk.Web.Components.Pages.Trainer;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Helpdesk.Web.Tests;

/// <summary>The template editor's behaviour under bUnit on a real (demo) desk: merge-field errors as the trainer types, and the preview.</summary>
[TestClass]
public sealed class TemplateEditorPageTests : BunitContext
{
    [ClassInitialize]
    public static void StartDesk(Microsoft.VisualStudio.TestTools.UnitTesting.TestContext context) => ClassDesk<TemplateEditorPageTests>.Start();

    [ClassCleanup]
    public static void StopDesk() => ClassDesk<TemplateEditorPageTests>.Stop();

    private static DeskFactory Desk => ClassDesk<TemplateEditorPageTests>.Desk;

    private async Task<IRenderedComponent<TemplateEditorPage>> OpenAsync()
    {
        string templateId;
        long trainerId;
        await using (var db = await Desk.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>().CreateDbContextAsync())
        {
            trainerId = await db.Staff.Where(s => s.UserName == "trainer").Select(s => s.Id).SingleAsync();
            templateId = await db.ReplyTemplates.OrderBy(t => t.Id).Select(t => t.Id).FirstAsync();
        }
        var auth = AddAuthorization();
        auth.SetAuthorized("trainer");
        auth.SetRoles("Trainer");
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, trainerId.ToString(CultureInfo.InvariantCulture)));
        Services.AddFallbackServiceProvider(Desk.Services);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        JSInterop.Mode = JSRuntimeMode.Loose;
        var page = Render<TemplateEditorPage>(p => p.Add(c => c.Id, templateId));
        page.WaitForElement("#template-body", TimeSpan.FromSeconds(30));
        return page;
    }

    [TestMethod]
    public async Task Body_UnknownMergeField_NamedAtOnce_GoneWhenFixed()
    {
        var page = await OpenAsync();
        Assert.IsEmpty(page.FindAll("[data-unknown-fields]"));

        page.Find("#template-body").Input("Hello {{customer.first_name}}, your {{customer.shoe_size}} is fine.");
        StringAssert.Contains(page.Find("[data-unknown-fields]").TextContent, "customer.shoe_size");
        Assert.IsFalse(page.Find("[data-unknown-fields]").TextContent.Contains("customer.first_name", StringComparison.Ordinal));

        page.Find("#template-body").Input("Hello {{customer.first_name}}, your account is fine.");
        Assert.IsEmpty(page.FindAll("[data-unknown-fields]"));
    }

    [TestMethod]
    public async Task Preview_AgainstATicket_MergeFieldsFilledWithThatTicket()
    {
        var page = await OpenAsync();
        long number;
        string subject;
        await using (var db = await Desk.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>().CreateDbContextAsync())
        {
            var ticket = await db.Tickets.OrderBy(t => t.Number).Select(t => new { t.Number, t.Subject }).FirstAsync();
            (number, subject) = (ticket.Number, ticket.Subject);
        }

        page.Find("#template-body").Input("About #{{ticket.number}}: {{ticket.subject}}");
        page.Find("#preview-ticket").Change(number.ToString(CultureInfo.InvariantCulture));
        page.Find("form.d-flex").Submit();

        page.WaitForAssertion(() =>
        {
            var text = page.Find("[data-preview]").TextContent.Trim();
            StringAssert.EndsWith(text, ": " + subject);
            Assert.IsFalse(text.Contains("{{", StringComparison.Ordinal), text);
            // The number as the customer reads it (with or without a thousands separator).
            var shown = text["About #".Length..text.IndexOf(':', StringComparison.Ordinal)];
            Assert.AreEqual(number.ToString(CultureInfo.InvariantCulture), new string([.. shown.Where(char.IsAsciiDigit)]), text);
        }, TimeSpan.FromSeconds(30));
    }
}
