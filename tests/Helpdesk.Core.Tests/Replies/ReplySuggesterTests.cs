using Helpdesk.Core.Classification;
using Helpdesk.Core.Customers;
using Helpdesk.Core.Replies;
using Helpdesk.Core.Templates;
using Helpdesk.Core.Staff;
using Helpdesk.Core.Tests.Support;
using Helpdesk.Core.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Tests.Replies;

[TestClass]
public sealed class ReplySuggesterTests
{
    private static IntentPrediction Prediction(params (string Intent, double P)[] top) =>
        new(top[0].Intent, top[0].P, NeedsTriage: false, top.Select(t => new IntentScore(t.Intent, t.P)).ToList());

    [TestMethod]
    public async Task Suggest_EnglishCustomer_ThreeEnglishTemplatesOfLikelyIntentsByProbability()
    {
        await using var desk = await TestDatabase.CreateAsync();
        await desk.Get<TemplateCatalog>().ImportSeedAsync();

        var suggestions = await desk.Get<ReplySuggester>().SuggestAsync(
            Prediction(("intl_access", 0.7), ("card_safety", 0.2), ("thanks", 0.1)), "en", new MergeContext("Jane"));

        CollectionAssert.AreEqual(new[] { "intl_access.outside_us.en", "card_safety.is_my_card_safe.en", "card_safety.strange_charges.en" },
            suggestions.Select(s => s.TemplateId).ToArray());
        StringAssert.StartsWith(suggestions[0].Text, "Hello Jane,");
        Assert.IsFalse(suggestions.Any(s => s.Text.Contains("{{", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task Suggest_SpanishCustomer_SpanishTemplatesFirst()
    {
        await using var desk = await TestDatabase.CreateAsync();
        await desk.Get<TemplateCatalog>().ImportSeedAsync();

        var suggestions = await desk.Get<ReplySuggester>().SuggestAsync(
            Prediction(("card_safety", 0.6), ("exposure_question", 0.3), ("thanks", 0.1)), "es", new MergeContext());

        CollectionAssert.AreEqual(new[] { "card_safety.is_my_card_safe.es", "exposure_question.what_was_taken.es", "thanks.you_are_welcome.es" },
            suggestions.Select(s => s.TemplateId).ToArray());
        StringAssert.StartsWith(suggestions[0].Text, "Hola:");
    }

    [TestMethod]
    public async Task Suggest_TemplateOftenSentUnedited_RanksAboveSlightlyLikelierIntent()
    {
        await using var desk = await TestDatabase.CreateAsync();
        await desk.Get<TemplateCatalog>().ImportSeedAsync();
        await SendAsync(desk, "thanks.you_are_welcome.en", unedited: true, times: 3);
        await SendAsync(desk, "complaint.we_hear_you.en", unedited: false, times: 3);

        var suggestions = await desk.Get<ReplySuggester>().SuggestAsync(
            Prediction(("complaint", 0.5), ("thanks", 0.4), ("order_other", 0.1)), "en", new MergeContext());

        // thanks: 0.4 × (1 + 3/3) = 0.8 beats complaint: 0.5 × (1 + 0/3) = 0.5.
        Assert.AreEqual("thanks.you_are_welcome.en", suggestions[0].TemplateId);
        Assert.AreEqual("complaint.we_hear_you.en", suggestions[1].TemplateId);
        Assert.AreEqual(1.0, (await desk.Get<ReplySuggester>().UneditedRatesAsync())["thanks.you_are_welcome.en"], 1e-9);
    }

    [TestMethod]
    public async Task Suggest_NeedsTriage_NeedsMoreInfoFirst()
    {
        await using var desk = await TestDatabase.CreateAsync();
        await desk.Get<TemplateCatalog>().ImportSeedAsync();
        var triage = new IntentPrediction(null, 0.4, NeedsTriage: true, [new("reset_help", 0.4), new("login_problem", 0.35), new("thanks", 0.25)]);

        var suggestions = await desk.Get<ReplySuggester>().SuggestAsync(triage, "en", new MergeContext());

        Assert.AreEqual("needs_more_info.generic.en", suggestions[0].TemplateId);
        Assert.AreEqual(3, suggestions.Count);
    }

    [TestMethod]
    public async Task UneditedRates_AfterTheMinute_StaleRatesAnsweredAtOnceWhileOneLoadRefreshesThem()
    {
        await using var desk = await TestDatabase.CreateAsync();
        await desk.Get<TemplateCatalog>().ImportSeedAsync();
        var suggester = desk.Get<ReplySuggester>();
        Assert.IsFalse((await suggester.UneditedRatesAsync()).ContainsKey("thanks.you_are_welcome.en"));
        await SendAsync(desk, "thanks.you_are_welcome.en", unedited: true, times: 2);

        desk.Clock.Advance(TimeSpan.FromMinutes(2));
        // The minute is up: the caller gets the rates it had (no send waits for the scan of all replies) ...
        Assert.IsFalse((await suggester.UneditedRatesAsync()).ContainsKey("thanks.you_are_welcome.en"), "stale rates expected while the refresh runs");
        // ... and the refresh it started lands for a later caller.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        IReadOnlyDictionary<string, double> rates;
        while (!(rates = await suggester.UneditedRatesAsync()).ContainsKey("thanks.you_are_welcome.en") && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        Assert.AreEqual(1.0, rates["thanks.you_are_welcome.en"], 1e-9);
    }

    private static async Task SendAsync(TestDatabase desk, string templateId, bool unedited, int times)
    {
        await using var db = await desk.Factory.CreateDbContextAsync();
        var version = await db.ReplyTemplateVersions.SingleAsync(v => v.TemplateId == templateId && v.State == TemplateVersionState.Live);
        var agent = new StaffUser($"a{Guid.NewGuid():N}"[..12], "Alex Agent", $"{Guid.NewGuid():N}@meridian.example", StaffRoles.Agent, TestDatabase.Start);
        db.Staff.Add(agent);
        var customer = new Customer($"{Guid.NewGuid():N}@example.com", "Jo Doe", TestDatabase.Start);
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        for (var i = 0; i < times; i++)
        {
            var ticket = Ticket.Open(customer, "q", TestDatabase.Start);
            ticket.AddCustomerMessage(TicketMessage.Inbound($"{Guid.NewGuid():N}@example.com", null, [], customer.Address, null, "q", "q", "q", null, TestDatabase.Start, null));
            ticket.ReplyInBulk(TicketMessage.Outbound(agent.Id, $"{Guid.NewGuid():N}@meridian.example", null, [], "Re: q", "text", TestDatabase.Start, version.Id, unedited), TestDatabase.Start);
            db.Tickets.Add(ticket);
        }
        await db.SaveChangesAsync();
    }
}
