using Helpdesk.Mail.CustomerWords;
using Helpdesk.Mail.Mime;
using Helpdesk.Mail.Reading;
using Helpdesk.Mail.Tests.Support;
using MimeKit;

namespace Helpdesk.Mail.Tests;

/// <summary>The example messages of RFC 2045-2049, 2047, 2231, 3464 and 3834 (TestData/rfc, written from the RFC text).</summary>
[TestClass]
public sealed class RfcExampleTests
{
    private static ParsedEmail Read(string name) => new EmailReader().Read(TestFiles.Bytes(Path.Combine("rfc", name)));

    [TestMethod]
    public void Read_Rfc2046SimpleMultipart_ImplicitAndExplicitTextJoinedPreambleAndEpilogueIgnored()
    {
        var email = Read("rfc2046-simple-multipart.eml");

        Assert.AreEqual(2, ((Multipart)email.Message.Body!).Count);
        Assert.AreEqual("This is implicitly typed plain US-ASCII text.\nIt does NOT end with a linebreak.\n\nThis is explicitly typed plain US-ASCII text.\nIt DOES end with a linebreak.", email.Text);
        Assert.DoesNotContain("preamble", email.Text);
        Assert.DoesNotContain("epilogue", email.Text);
        Assert.AreEqual(new DateTimeOffset(1993, 3, 21, 23, 56, 48, TimeSpan.FromHours(-8)), email.Date);
        Assert.IsEmpty(email.Defects);
    }

    [TestMethod]
    public void Read_Rfc2049ComplexMultipart_BuildsTheWholeTree()
    {
        var email = Read("rfc2049-complex-multipart.eml");
        var root = (Multipart)email.Message.Body!;

        Assert.AreEqual("multipart/mixed", root.ContentType.MimeType);
        CollectionAssert.AreEqual(
            new[] { "text/plain", "text/plain", "multipart/parallel", "text/enriched", "message/rfc822" },
            root.Select(c => c.ContentType.MimeType).ToArray());
        CollectionAssert.AreEqual(new[] { "audio/basic", "image/jpeg" }, ((Multipart)root[2]).Select(c => c.ContentType.MimeType).ToArray());
        var inner = ((MessagePart)root[4]).Message;
        Assert.AreEqual("(subject in US-ASCII)", inner!.Headers["Subject"]);
        Assert.AreEqual("iso-8859-1", inner.Body!.ContentType.Charset!.ToLowerInvariant());
        Assert.AreEqual(ContentEncoding.QuotedPrintable, ((MimePart)inner.Body!).ContentTransferEncoding);
        StringAssert.StartsWith(email.Text.TrimStart(), "... Some text appears here ...");
        StringAssert.Contains(email.Text, "illustrates explicit versus implicit typing");
        StringAssert.Contains(email.Text, "This is <bold><italic>enriched.</italic></bold>");
        CollectionAssert.AreEqual(new[] { "audio/basic", "image/jpeg", "message/rfc822" }, email.Attachments.Select(a => a.ContentType).ToArray());
        Assert.AreEqual("(subject in US-ASCII)", email.Forwarded?.Subject);
    }

    [TestMethod]
    public void Read_Rfc2047FirstExample_DecodesNamesAndSubjectAcrossCharsets()
    {
        var email = Read("rfc2047-keith-moore.eml");

        Assert.AreEqual(new EmailAddress("Keith Moore", "moore@cs.utk.edu"), email.From);
        Assert.AreEqual(new EmailAddress("Keld Jørn Simonsen", "keld@dkuug.dk"), email.To.Single());
        Assert.AreEqual(new EmailAddress("André Pirard", "PIRARD@vm1.ulg.ac.be"), email.Cc.Single());
        Assert.AreEqual("If you can read this you understand the example.", email.Subject);
    }

    [TestMethod]
    public void Read_Rfc2047OtherExamples_DecodeDisplayNames()
    {
        Assert.AreEqual("Olle Järnefors", Read("rfc2047-olle-jarnefors.eml").From!.Name);
        Assert.AreEqual(2, Read("rfc2047-olle-jarnefors.eml").To.Count);
        Assert.AreEqual("Patrik Fältström", Read("rfc2047-patrik-faltstrom.eml").From!.Name);
        var hebrew = Read("rfc2047-comment-hebrew.eml");
        Assert.AreEqual(new EmailAddress("Nathaniel Borenstein", "nsb@thumper.bellcore.com"), hebrew.From);
        CollectionAssert.AreEqual(new[] { "gvaudre@NRI.Reston.VA.US", "ned@innosoft.com", "moore@cs.utk.edu" }, hebrew.To.Select(a => a.Address).ToArray());
        Assert.AreEqual("Ned Freed", hebrew.To[1].Name);
    }

    [TestMethod]
    [DataRow("(=?ISO-8859-1?Q?a?=)", "(a)")]
    [DataRow("(=?ISO-8859-1?Q?a?= b)", "(a b)")]
    [DataRow("(=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=)", "(ab)")]
    [DataRow("(=?ISO-8859-1?Q?a?=  =?ISO-8859-1?Q?b?=)", "(ab)")]
    [DataRow("(=?ISO-8859-1?Q?a?=\r\n    =?ISO-8859-1?Q?b?=)", "(ab)")]
    [DataRow("(=?ISO-8859-1?Q?a_b?=)", "(a b)")]
    [DataRow("(=?ISO-8859-1?Q?a?= =?ISO-8859-2?Q?_b?=)", "(a b)")]
    public void Decode_Rfc2047Section8Table_MatchesDisplayedForm(string encoded, string expected)
    {
        var email = new EmailReader().Read(TestFiles.Crlf("From: a@b.example", "Subject: " + encoded, "", "body"));

        Assert.AreEqual(expected, email.Subject);
    }

    [TestMethod]
    public void Read_Rfc2231Examples_JoinsContinuationsAndDecodesCharsets()
    {
        var parts = (Multipart)Read("rfc2231-parameters.eml").Message.Body!;

        Assert.AreEqual("ftp://cs.utk.edu/pub/moore/bulk-mailer/bulk-mailer.tar", parts[0].ContentType.Parameters["url"]);
        Assert.AreEqual("This is ***fun***", parts[1].ContentType.Parameters["title"]);
        Assert.AreEqual("This is even more ***fun*** isn't it!", parts[2].ContentType.Parameters["title"]);
    }

    [TestMethod]
    public void Read_Rfc3464DelayedExample_IsBounceWithRecipientAndNoOriginalId()
    {
        var email = Read("rfc3464-delayed-5-days.eml");

        Assert.AreEqual(MachineMailKind.Bounce, email.Machine.Kind);
        var r = email.Machine.Bounce!.Recipients.Single();
        Assert.AreEqual(new BounceRecipient("louisl@larry.slip.umd.edu", "failed", "4.0.0", "426 connection timed out"), r);
        // The RFC returns only a placeholder, "[original message goes here]": there is no Message-ID to find.
        Assert.IsNull(email.Machine.Bounce.OriginalMessageId);
    }

    [TestMethod]
    public void Read_Rfc3464MultipleRecipients_ListsEachWithActionStatusAndFoldedDiagnostic()
    {
        var recipients = Read("rfc3464-multiple-recipients.eml").Machine.Bounce!.Recipients;

        Assert.HasCount(3, recipients);
        Assert.AreEqual(new BounceRecipient("arathib@vnet.ibm.com", "failed", "5.0.0", "550 'arathib@vnet.IBM.COM' is not a registered gateway user"), recipients[0]);
        Assert.AreEqual(new BounceRecipient("johnh@hpnjld.njd.hp.com", "delayed", "4.0.0", null), recipients[1]);
        Assert.AreEqual(new BounceRecipient("wsnell@sdcc13.ucsd.edu", "failed", "5.0.0", "550 user unknown"), recipients[2]);
    }

    [TestMethod]
    public void Read_Rfc3834AutoReplied_IsAutoReply()
    {
        var email = Read("rfc3834-auto-reply.eml");

        Assert.AreEqual(MachineMailKind.AutoReply, email.Machine.Kind);
        Assert.AreEqual("Auto-Submitted: auto-replied", email.Machine.Reason);
        Assert.AreEqual("20040802170312.GA1234@example.org", email.InReplyTo);
    }

    [TestMethod]
    public void Read_Rfc3834AutoGenerated_IsAutoReply()
    {
        Assert.AreEqual(MachineMailKind.AutoReply, Read("rfc3834-auto-generated-notice.eml").Machine.Kind);
    }
}
