using Helpdesk.Mail.Compose;
using Helpdesk.Mail.Mime;
using Helpdesk.Mail.Reading;

namespace Helpdesk.Core.Tests.Intake;

[TestClass]
public sealed class OutgoingMessageBuilderTests
{
    [TestMethod]
    public void Build_NonAsciiSubjectAndLongUtf8Text_ReadsBackTheSame()
    {
        var text = "Hola Señora Müller,\n\n" + string.Concat(Enumerable.Repeat("Ñandú café — ", 30)) + "\n.leading dot line\ntrailing space \nhttps://www.meridian.example/help";
        var message = new OutgoingMessage
        {
            From = new EmailAddress("Meridian Outfitters Customer Care", "passwordchange@meridian.example"),
            To = new EmailAddress("José Núñez", "jose@example.com"),
            Subject = "Re: Contraseña nueva — no llega el correo [#123]",
            MessageId = "ack-123-1@meridian.example",
            Date = new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero),
            Text = text,
            InReplyTo = "m1@example.com",
            References = ["m0@example.com", "m1@example.com"],
        };

        var bytes = OutgoingMessageBuilder.Build(message);
        var parsed = new EmailReader().Read(bytes);

        Assert.IsTrue(bytes.All(b => b < 128), "7-bit on the wire");
        Assert.IsTrue(System.Text.Encoding.ASCII.GetString(bytes).Split("\r\n").All(l => l.Length <= 78), "no line over 78");
        Assert.AreEqual(message.Subject, parsed.Subject);
        Assert.AreEqual("ack-123-1@meridian.example", parsed.MessageId);
        Assert.AreEqual("m1@example.com", parsed.InReplyTo);
        CollectionAssert.AreEqual(new[] { "m0@example.com", "m1@example.com" }, parsed.References.ToArray());
        Assert.AreEqual("José Núñez", parsed.To.Single().Name);
        // The reader drops white space at line ends (as mail clients do); everything else must come back.
        static string Lines(string s) => string.Join('\n', s.TrimEnd().Split('\n').Select(l => l.TrimEnd()));
        Assert.AreEqual(Lines(text), Lines(parsed.Text));
        StringAssert.Contains(parsed.Html, "href=\"https://www.meridian.example/help\"");
    }
}
