using Helpdesk.Core.Abstractions;
using Helpdesk.Core.Data;
using Helpdesk.Core.Replies;
using Helpdesk.Core.Templates;

namespace Helpdesk.Core.Tests.Templates;

[TestClass]
public sealed class ReplyGuardrailsTests
{
    private static ReplyGuardrails Guardrails(params string[] extraDomains) =>
        new(new CompanyOptions(), new GuardrailOptions { AllowedLinkDomains = [.. extraDomains] });

    private static string[] Keys(string text, params string[] extraDomains) => [.. Guardrails(extraDomains).Check(text).Select(f => f.Key)];

    [TestMethod]
    public void Check_PlainHelpfulReply_NoFindings()
    {
        var keys = Keys("Hello Jane,\n\nYour card was not affected. Create your new password at https://www.meridian.example/account/new-password.\n\nSam");

        Assert.AreEqual(0, keys.Length, string.Join(", ", keys));
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("   \n\t ")]
    public void Check_EmptyReply_Blocks(string text)
    {
        var finding = Guardrails().Check(text).Single();

        Assert.AreEqual("empty", finding.Key);
        Assert.AreEqual(GuardrailSeverity.Block, finding.Severity);
    }

    [TestMethod]
    [DataRow("Your card 4111 1111 1111 1111 is safe.", "1111")]
    [DataRow("Card 4111-1111-1111-1111 noted", "1111")]
    [DataRow("number 5500005555555559.", "5559")]
    [DataRow("amex 378282246310005", "0005")]
    public void Check_LuhnValidCardNumber_BlocksWithLastFour(string text, string last4)
    {
        var finding = Guardrails().Check(text).Single();

        Assert.AreEqual("card:" + last4, finding.Key);
        Assert.AreEqual(GuardrailSeverity.Block, finding.Severity);
        StringAssert.Contains(finding.Message, last4);
    }

    [TestMethod]
    [DataRow("Your order 4111 1111 1111 1112 shipped.")] // fails Luhn
    [DataRow("Call 1 800 555 0199 any time.")] // too short
    [DataRow("Reference 12345678901234567890123")] // longer than any card
    [DataRow("Card ending **** **** **** 1111 is fine.")]
    public void Check_NotACardNumber_NoCardFinding(string text)
    {
        Assert.IsFalse(Keys(text).Any(k => k.StartsWith("card:", StringComparison.Ordinal)));
    }

    [TestMethod]
    [DataRow("4111111111111111", true)]
    [DataRow("4111111111111112", false)]
    [DataRow("79927398713", true)]
    [DataRow("79927398710", false)]
    public void PassesLuhn_KnownNumbers_AsExpected(string digits, bool expected)
    {
        Assert.AreEqual(expected, ReplyGuardrails.PassesLuhn(digits));
    }

    [TestMethod]
    [DataRow("Please send us your password so we can check the account.")]
    [DataRow("To verify, reply with your current password.")]
    [DataRow("What is your password?")]
    [DataRow("Por favor, envíenos su contraseña.")]
    public void Check_AsksForPassword_Warns(string text)
    {
        var finding = Guardrails().Check(text).Single();

        Assert.AreEqual("asks:password", finding.Key);
        Assert.AreEqual(GuardrailSeverity.Warning, finding.Severity);
    }

    [TestMethod]
    [DataRow("Please confirm your full card number and the CVV.")]
    [DataRow("Can you send the card number on file?")]
    [DataRow("Indíquenos el número de tarjeta, por favor.")]
    public void Check_AsksForCardDetails_Warns(string text)
    {
        Assert.IsTrue(Keys(text).Contains("asks:card"));
    }

    [TestMethod]
    [DataRow("We will never ask you for your password.")]
    [DataRow("Please do not send us your password or card number.")]
    [DataRow("Ignore any email asking you to give your card number.")]
    [DataRow("Please don't share your password with anyone.")]
    [DataRow("Meridian never asks for your password, card number or personal information by email.")]
    public void Check_WarnsCustomerNotToShare_NoRequestFinding(string text)
    {
        var keys = Keys(text);

        Assert.AreEqual(0, keys.Length, string.Join(", ", keys));
    }

    [TestMethod]
    public void Check_LinkOutsideCompany_WarnsPerHost_AndALookalikeOfOursBlocks()
    {
        var findings = Guardrails().Check("See https://meridian-support.example/reset and www.evil.example/x and https://evil.example/y.");

        // meridian-support.example is our name with an added word: a lookalike, never linked (issue 22's guardrail).
        CollectionAssert.AreEqual(new[] { "lookalike:meridian-support.example", "link:www.evil.example", "link:evil.example" },
            findings.Select(f => f.Key).ToArray());
        Assert.AreEqual(GuardrailSeverity.Block, findings[0].Severity);
        Assert.IsTrue(findings.Skip(1).All(f => f.Severity == GuardrailSeverity.Warning));
    }

    [TestMethod]
    [DataRow("https://www.meridian.example/help")]
    [DataRow("https://account.meridian.example/new")]
    [DataRow("http://meridian.example")]
    [DataRow("https://track.carrier.example/123")]
    public void Check_CompanyOrConfiguredDomain_Allowed(string link)
    {
        Assert.AreEqual(0, Keys($"Please see {link}.", "carrier.example").Length);
    }

    [TestMethod]
    public void Check_DomainTheSenderChecksCallOurs_AllowedAndItsLookalikeBlocked()
    {
        var company = new CompanyOptions();
        var authenticity = new Authenticity.AuthenticityOptions { OwnDomains = ["meridianoutfitters.com"] };
        var guardrails = new ReplyGuardrails(company, new GuardrailOptions(), Microsoft.Extensions.Options.Options.Create(authenticity));

        var keys = guardrails.Check("Our shop: https://shop.meridianoutfitters.com/orders and https://meridianoutfitters-support.com/x.").Select(f => f.Key).ToArray();

        // One list of our domains: what the sender checks call ours, a reply may link to.
        CollectionAssert.IsSubsetOf(Authenticity.SenderChecks.OwnDomainsOf(company, authenticity).ToArray(), guardrails.AllowedDomains.ToArray());
        CollectionAssert.AreEqual(new[] { "lookalike:meridianoutfitters-support.com" }, keys);
    }

    [TestMethod]
    [DataRow("Hello {{customer.first_name}}, thanks.", "placeholder:{{customer.first_name}}")]
    [DataRow("Your order [ORDER NUMBER] has shipped.", "placeholder:[ORDER NUMBER]")]
    [DataRow("Dear <<name>>, thanks.", "placeholder:<<name>>")]
    [DataRow("Your reference is XXXX.", "placeholder:XXXX")]
    public void Check_UnfilledPlaceholder_Blocks(string text, string key)
    {
        var finding = Guardrails().Check(text).Single();

        Assert.AreEqual(key, finding.Key);
        Assert.AreEqual(GuardrailSeverity.Block, finding.Severity);
    }

    [TestMethod]
    public void Enforce_WarningAcknowledged_Passes()
    {
        var text = "Track it at https://track.carrier.example/1.";

        Guardrails().Enforce(text, ["link:track.carrier.example"]);
    }

    [TestMethod]
    public void Enforce_WarningNotAcknowledged_ThrowsWithFinding()
    {
        var ex = Assert.ThrowsExactly<GuardrailException>(() =>
            Guardrails().Enforce("Track it at https://track.carrier.example/1 or https://other.example.", ["link:track.carrier.example"]));

        Assert.AreEqual("link:other.example", ex.Findings.Single().Key);
        StringAssert.Contains(ex.Message, "tick");
    }

    [TestMethod]
    public void Enforce_BlockEvenIfAcknowledged_Throws()
    {
        var ex = Assert.ThrowsExactly<GuardrailException>(() => Guardrails().Enforce("Card 4111 1111 1111 1111", ["card:1111"]));

        StringAssert.Contains(ex.Message, "card number");
    }

    [TestMethod]
    public void Check_EveryShippedTemplateRendered_NoFindings()
    {
        var templates = TemplateFiles.LoadDirectory(SeedFolder.Resolve(null, Path.GetTempPath(), "templates"));
        var context = new MergeContext("Jane", "Jane Doe", "jane@example.com", 10234, "Help", "Sam");
        var guardrails = Guardrails();

        foreach (var t in templates)
        {
            var findings = guardrails.Check(MergeFields.Render(t.Body, context, new CompanyOptions()));
            Assert.AreEqual(0, findings.Count, $"{t.Id}: {string.Join(" | ", findings.Select(f => f.Key))}");
        }
    }
}
