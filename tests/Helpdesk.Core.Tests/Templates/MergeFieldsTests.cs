using Helpdesk.Core.Abstractions;
using Helpdesk.Core.Replies;
using Helpdesk.Core.Templates;

namespace Helpdesk.Core.Tests.Templates;

[TestClass]
public sealed class MergeFieldsTests
{
    private static readonly CompanyOptions Company = new();

    [TestMethod]
    public void Validate_KnownAndUnknownFields_ListsOnlyUnknownOnce()
    {
        var unknown = MergeFields.Validate("Hi {{customer.first_name}} {{customer.phone}} {{ customer.phone }} {{site.reset_url}} {{ticket.id}}");

        CollectionAssert.AreEqual(new[] { "{{customer.phone}}", "{{ customer.phone }}", "{{ticket.id}}" }, unknown.ToArray());
    }

    [TestMethod]
    public void Validate_StrayBraces_Reported()
    {
        var unknown = MergeFields.Validate("Hi {{customer.first_name}, see {{site.url}}");

        Assert.AreEqual(1, unknown.Count);
    }

    [TestMethod]
    public void Validate_EveryAllowedField_NothingReported()
    {
        var body = string.Join(' ', MergeFields.Allowed.Select(f => "{{" + f + "}}"));

        Assert.AreEqual(0, MergeFields.Validate(body).Count);
    }

    [TestMethod]
    public void Render_AllFields_FilledFromContextAndCompany()
    {
        var body = string.Join('|', MergeFields.Allowed.Select(f => "{{" + f + "}}"));
        var context = new MergeContext("Ana", "Ana Lopez", "ana@example.net", 1042, "help", "Priya");

        var text = MergeFields.Render(body, context, Company);

        Assert.AreEqual("Ana|Ana Lopez|ana@example.net|#1042|help|Priya|Meridian Outfitters|https://www.meridian.example|" +
                        "https://www.meridian.example/account/new-password|https://www.meridian.example/help|" +
                        "https://www.meridian.example/account/identity-protection", text);
    }

    [TestMethod]
    public void Render_NoFirstName_NeutralGreetingInEnglishAndSpanish()
    {
        var english = MergeFields.Render("Hello {{customer.first_name}},\n\nText.", new MergeContext(), Company);
        var spanish = MergeFields.Render("Hola, {{customer.first_name}}:\n\nTexto.", new MergeContext(), Company);

        Assert.AreEqual("Hello,\n\nText.", english);
        Assert.AreEqual("Hola:\n\nTexto.", spanish);
    }

    [TestMethod]
    public void Render_UnknownOrMissingValues_NoBracesLeft()
    {
        var text = MergeFields.Render("Case {{ticket.number}} {{nonsense}} {{agent.first_name}} }}", new MergeContext(), Company);

        Assert.IsFalse(text.Contains("{{", StringComparison.Ordinal) || text.Contains("}}", StringComparison.Ordinal), text);
        StringAssert.StartsWith(text, "Case ");
    }

    [TestMethod]
    public void Render_TicketNumber_AsTheCustomerSeesItInTheSubject()
    {
        var text = MergeFields.Render("ticket {{ticket.number}}", new MergeContext(TicketNumber: 10234), Company);

        Assert.AreEqual("ticket #10234", text);
    }
}
