using Helpdesk.Core.Intake;
using Helpdesk.Core.Tests.Support;
using System.Security.Cryptography;
using System.Text;
using Helpdesk.Core.Data;
using Helpdesk.Core.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Tests.Intake;

[TestClass]
public sealed class AttachmentTests
{
    private static readonly byte[] Screenshot = [.. Enumerable.Range(0, 3000).Select(i => (byte)(i * 7 % 251))];

    private static byte[] MailWithScreenshot(string messageId) => Encoding.ASCII.GetBytes(
        "From: Dana Whitfield <dana@example.com>\r\nTo: passwordchange@meridian.example\r\nSubject: Reset page error\r\n"
        + $"Message-ID: <{messageId}>\r\nDate: Sun, 22 Nov 2026 09:00:00 +0000\r\nMIME-Version: 1.0\r\n"
        + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
        + "--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe new password page shows an error, screenshot attached.\r\n"
        + "--b1\r\nContent-Type: image/png; name=\"error.png\"\r\nContent-Disposition: attachment; filename=\"error.png\"\r\n"
        + "Content-Transfer-Encoding: base64\r\n\r\n"
        + Convert.ToBase64String(Screenshot, Base64FormattingOptions.InsertLineBreaks) + "\r\n"
        + "--b1\r\nContent-Type: text/plain; name=\"steps.txt\"\r\nContent-Disposition: attachment; filename=\"steps.txt\"\r\n\r\n"
        + "1. open the link\r\n2. error\r\n"
        + "--b1--\r\n");

    [TestMethod]
    public async Task ProcessAsync_MailWithAttachments_RowsDescribeThemAndTicketFlagged()
    {
        await using var desk = await IntakeTestDesk.CreateAsync();

        var outcome = await desk.TakeInAsync(MailWithScreenshot("att1@example.com"));

        var ticket = await desk.TicketAsync(outcome.TicketNumber!.Value);
        Assert.IsTrue(ticket.HasAttachments);
        var message = ticket.Messages.Single();
        Assert.AreEqual(outcome.TicketNumber, message.TicketNumber);
        var rows = await desk.QueryAsync(db => db.Attachments.AsNoTracking().Where(a => a.MessageId == message.Id).OrderBy(a => a.Id).ToListAsync());
        CollectionAssert.AreEqual(new[] { "error.png", "steps.txt" }, rows.Select(r => r.FileName).ToArray());
        Assert.AreEqual("image/png", rows[0].ContentType);
        Assert.AreEqual(Screenshot.Length, rows[0].Size);
        Assert.AreEqual(Convert.ToHexStringLower(SHA256.HashData(Screenshot)), rows[0].Sha256);
    }

    [TestMethod]
    public async Task OpenAsync_AttachmentTakenIn_ReturnsTheDecodedBytesFromTheRawEmail()
    {
        await using var desk = await IntakeTestDesk.CreateAsync();
        var outcome = await desk.TakeInAsync(MailWithScreenshot("att2@example.com"));
        var ids = await desk.QueryAsync(db => db.Attachments.AsNoTracking().OrderBy(a => a.Id).Select(a => a.Id).ToListAsync());

        var png = await desk.Database.Get<AttachmentFiles>().OpenAsync(ids[0]);
        var text = await desk.Database.Get<AttachmentFiles>().OpenAsync(ids[1]);

        Assert.IsNotNull(png);
        Assert.AreEqual("error.png", png.FileName);
        CollectionAssert.AreEqual(Screenshot, png.Content.ToArray());
        Assert.IsNotNull(text);
        Assert.AreEqual("1. open the link\r\n2. error", Encoding.ASCII.GetString(text.Content.Span));
        Assert.IsNotNull(outcome.TicketNumber);
    }

    [TestMethod]
    public async Task OpenAsync_UnknownAttachment_Null()
    {
        await using var desk = await IntakeTestDesk.CreateAsync();

        var file = await desk.Database.Get<AttachmentFiles>().OpenAsync(12345);

        Assert.IsNull(file);
    }
}
