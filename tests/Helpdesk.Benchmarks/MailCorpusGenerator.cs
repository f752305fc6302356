using System.Text;

namespace Helpdesk.Benchmarks;

/// <summary>
/// Writes a seeded mix of the mail the desk receives, about 6 KB on average: Gmail-style replies quoting the
/// notice (text + HTML), Outlook windows-1252 quoted-printable replies with header blocks, iPhone base64
/// HTML-only mail, messages with a screenshot or PDF, bounces with DSN parts, and auto-replies.
/// </summary>
internal sealed class MailCorpusGenerator(int seed)
{
    private readonly Random _random = new(seed);

    private static readonly string[] Sentences =
    [
        "I tried to create a new password but the link in your email does not work.",
        "The page says my reset link has expired and I only requested it ten minutes ago.",
        "Was my credit card information taken? I used it on your site last month.",
        "I cannot sign in after resetting my password, it says my account is locked.",
        "Is this email really from Meridian Outfitters or is it a scam?",
        "I am traveling in Portugal and your website will not load at all.",
        "Please delete my account and all of my information, I do not trust you anymore.",
        "Will you pay for identity theft protection? My bank says I should ask.",
        "Why did it take you a week to tell us about this breach?",
        "My order from November 12 has not arrived yet, can you check on it?",
        "Thank you for letting us know so quickly, I appreciate the honesty.",
        "Ich habe versucht, ein neues Passwort zu erstellen, aber der Link funktioniert nicht.",
        "J'ai essayé de créer un nouveau mot de passe mais la page affiche une erreur.",
        "He intentado crear una nueva contraseña pero el enlace no funciona.",
        "The new password is rejected even though it has twelve characters and a symbol.",
        "I never received the password reset email, I checked my spam folder too.",
    ];

    private const string Notice =
        "Dear Customer,\n\nOn November 17 we confirmed that an unauthorized party accessed a Meridian Outfitters system that\n" +
        "stores customer account information. Your payment card information was not affected.\n\n" +
        "As a precaution we have expired all passwords. The next time you visit meridian.example, please select\n" +
        "\"Create a New Password\" and follow the steps.\n\nMeridian will never ask you for your password or personal\n" +
        "information by email. We apologize for the inconvenience. Questions? Reply to this email or write to\n" +
        "passwordchange@meridian.example.\n\nMeridian Outfitters\nhttps://www.meridian.example";

    public byte[] Next(int index)
    {
        var roll = _random.Next(100);
        var text = roll switch
        {
            < 32 => GmailReply(index),
            < 52 => OutlookReply(index),
            < 66 => IphoneHtmlOnly(index),
            < 84 => WithAttachment(index),
            < 93 => Bounce(index),
            _ => AutoReply(index),
        };
        return Encoding.UTF8.GetBytes(text.Replace("\r\n", "\n").Replace("\n", "\r\n"));
    }

    private string Words(int sentences)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < sentences; i++)
        {
            if (i > 0)
                sb.Append(i % 3 == 0 ? "\n\n" : " ");
            sb.Append(Sentences[_random.Next(Sentences.Length)]);
        }
        return sb.ToString();
    }

    private string Name() => new[] { "Ruth Abernathy", "Jörg Müller", "Anil Raghunathan", "Carol Jensen", "María López", "Wei Zhang", "Hank Reinholt" }[_random.Next(7)];

    private string Headers(int index, string from, string subject, string contentType, string extra = "") =>
        $"Return-Path: <{from}>\nReceived: from mail-{index}.example.net (mail-{index}.example.net [192.0.2.{index % 250}])\n" +
        $"\tby mx1.meridian.example (Postfix) with ESMTPS id 4Fz{index:X6}\n\tfor <passwordchange@meridian.example>; Sat, 21 Nov 2026 16:40:05 +0000 (UTC)\n" +
        "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.net; s=20230601;\n" +
        "        h=to:subject:message-id:date:from:mime-version; bh=q0xUsHnKfy2fjfz0jndnYTxsh5kZbcNnbcWGYf7SJi8=;\n" +
        "        b=Y/iK+rfJ3yLk5nnPqS0u2ToTkdmpV2be8kr6sOfixM+QboYPN47ttbz8QPcA3siIvV98G8rDhFxXUe1eYNVgFpQgs4g28cE2R5RS0f2sfj1ZY\n" +
        $"From: {EncodeName(Name())} <{from}>\nTo: Meridian Outfitters <passwordchange@meridian.example>\n" +
        $"Subject: {subject}\nDate: Sat, 21 Nov 2026 {_random.Next(24):00}:{_random.Next(60):00}:{_random.Next(60):00} +0100\n" +
        $"Message-ID: <{index}.{_random.Next():x}@example.net>\nIn-Reply-To: <notice.20261120@meridian.example>\n" +
        "References: <notice.20261120@meridian.example>\nMIME-Version: 1.0\n" + extra + $"Content-Type: {contentType}\n";

    private static string EncodeName(string name) =>
        name.All(c => c < 128) ? name : "=?utf-8?B?" + Convert.ToBase64String(Encoding.UTF8.GetBytes(name)) + "?=";

    private static string Quote(string text) => string.Join("\n", text.Split('\n').Select(l => l.Length == 0 ? ">" : "> " + l));

    private static string HtmlParagraphs(string text) =>
        string.Concat(text.Split("\n\n").Select(p => "<p style=\"margin:0\">" + System.Net.WebUtility.HtmlEncode(p).Replace("\n", "<br>") + "</p>\n"));

    private string GmailReply(int index)
    {
        var words = Words(10 + _random.Next(14));
        var b = $"000000000000{index:x8}";
        return Headers(index, $"user{index}@gmail.example", "Re: Important: please create a new password", $"multipart/alternative; boundary=\"{b}\"") +
            $"\n--{b}\nContent-Type: text/plain; charset=\"UTF-8\"\nContent-Transfer-Encoding: quoted-printable\n\n" +
            words + "\n\nThanks\n\nOn Fri, Nov 20, 2026 at 9:14 AM Meridian Outfitters <passwordchange@meridian.example> wrote:\n\n" + Quote(Notice) +
            $"\n\n--{b}\nContent-Type: text/html; charset=\"UTF-8\"\nContent-Transfer-Encoding: quoted-printable\n\n" +
            "<div dir=3D\"ltr\">" + HtmlParagraphs(words).Replace("=", "=3D") + "<div>Thanks</div></div><br><div class=3D\"gmail_quote\"><div dir=3D\"ltr\" class=3D\"gmail_attr\">On Fri, Nov 20, 2026 at 9:14 AM Meridian Outfitters &lt;<a href=3D\"mailto:passwordchange@meridian.example\">passwordchange@meridian.example</a>&gt; wrote:<br></div>" +
            "<blockquote class=3D\"gmail_quote\" style=3D\"margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex\">" + HtmlParagraphs(Notice).Replace("=", "=3D") + "</blockquote></div>\n" +
            $"\n--{b}--\n";
    }

    private string OutlookReply(int index)
    {
        var words = Words(6 + _random.Next(12)).Replace("'", "\u2019");
        var b = $"_000_BY5PR04MB{index:X8}namprd04prod_";
        var qp = QuotedPrintable1252(words + "\n\nBest regards,\n" + Name() + "\n\n________________________________\nFrom: Meridian Outfitters <passwordchange@meridian.example>\nSent: Friday, November 20, 2026 9:14 AM\nTo: customer@example.org\nSubject: Important: please create a new password\n\n" + Notice);
        return Headers(index, $"customer{index}@outlook.example", "RE: Important: please create a new password", $"multipart/alternative; boundary=\"{b}\"",
                "Thread-Topic: Important: please create a new password\nThread-Index: AQHbO2Fq1bY2nZ3pQ0a5Jm8xkR7mRw==\nX-MS-Has-Attach:\nX-MS-TNEF-Correlator:\n") +
            $"\n--{b}\nContent-Type: text/plain; charset=\"Windows-1252\"\nContent-Transfer-Encoding: quoted-printable\n\n{qp}\n" +
            $"\n--{b}\nContent-Type: text/html; charset=\"Windows-1252\"\nContent-Transfer-Encoding: quoted-printable\n\n" +
            QuotedPrintable1252("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=Windows-1252\"><style type=\"text/css\" style=\"display:none;\"> P {margin-top:0;margin-bottom:0;} </style></head><body dir=\"ltr\"><div style=\"font-family: Calibri, Arial, Helvetica, sans-serif; font-size: 12pt; color: rgb(0, 0, 0);\">" + HtmlParagraphs(words) + "</div><hr style=\"display:inline-block;width:98%\" tabindex=\"-1\"><div id=\"divRplyFwdMsg\" dir=\"ltr\"><font face=\"Calibri, sans-serif\" style=\"font-size:11pt\" color=\"#000000\"><b>From:</b> Meridian Outfitters &lt;passwordchange@meridian.example&gt;<br><b>Sent:</b> Friday, November 20, 2026 9:14 AM<br><b>Subject:</b> Important: please create a new password</font><div>&nbsp;</div></div>" + HtmlParagraphs(Notice) + "</body></html>") +
            $"\n--{b}--\n";
    }

    private string IphoneHtmlOnly(int index)
    {
        var words = Words(6 + _random.Next(10));
        var html = "<html><head><meta http-equiv=\"content-type\" content=\"text/html; charset=utf-8\"></head><body dir=\"auto\">" + HtmlParagraphs(words) +
            "<div dir=\"ltr\">Sent from my iPhone</div><div dir=\"ltr\"><br><blockquote type=\"cite\">On Nov 20, 2026, at 6:14\u202FAM, Meridian Outfitters &lt;passwordchange@meridian.example&gt; wrote:<br><br></blockquote></div><blockquote type=\"cite\"><div dir=\"ltr\">" +
            HtmlParagraphs(Notice) + "</div></blockquote></body></html>";
        return Headers(index, $"user{index}@icloud.example", "Re: Important: please create a new password", "text/html; charset=utf-8", "Content-Transfer-Encoding: base64\nX-Mailer: iPhone Mail (22B91)\n") +
            "\n" + Base64Lines(Encoding.UTF8.GetBytes(html)) + "\n";
    }

    private string WithAttachment(int index)
    {
        var words = Words(6 + _random.Next(10));
        var b = $"----=_Part_{index}_{_random.Next()}";
        var attachment = new byte[3500 + _random.Next(6000)];
        _random.NextBytes(attachment);
        var (name, type) = _random.Next(2) == 0 ? ("screenshot.png", "image/png") : ("Statement_Nov2026.pdf", "application/pdf");
        return Headers(index, $"user{index}@yahoo.example", "Error when creating password", $"multipart/mixed; boundary=\"{b}\"") +
            $"\n--{b}\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n" + words + "\n\nRegards,\n" + Name() + "\n\n-- \nSent from Yahoo Mail on Android\n" +
            $"\n--{b}\nContent-Type: {type}; name={name}\nContent-Transfer-Encoding: base64\nContent-Disposition: attachment; filename={name}\n\n" +
            Base64Lines(attachment) + $"\n\n--{b}--\n";
    }

    private string Bounce(int index)
    {
        var b = $"{index:X8}.1795680361/mx.example.org";
        var rcpt = $"customer{index}@example.org";
        return $"Return-Path: <>\nReceived: by mx1.meridian.example (Postfix) id 4Fz{index:X6}; Fri, 20 Nov 2026 14:14:40 +0000 (UTC)\n" +
            "Date: Fri, 20 Nov 2026 14:14:40 +0000 (UTC)\nFrom: MAILER-DAEMON@mx.example.org (Mail Delivery System)\nSubject: Undelivered Mail Returned to Sender\n" +
            $"To: passwordchange@meridian.example\nAuto-Submitted: auto-replied\nMIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status;\n\tboundary=\"{b}\"\nMessage-Id: <bounce.{index}@mx.example.org>\n\n" +
            $"This is a MIME-encapsulated message.\n\n--{b}\nContent-Description: Notification\nContent-Type: text/plain; charset=us-ascii\n\n" +
            "This is the mail system at host mx.example.org.\n\nI'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients. It's attached below.\n\n" +
            $"                   The mail system\n\n<{rcpt}>: host mail.example.org[203.0.113.5] said: 550 5.1.1\n    <{rcpt}>: Recipient address rejected: User unknown in virtual mailbox table\n\n" +
            $"--{b}\nContent-Description: Delivery report\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.org\nArrival-Date: Fri, 20 Nov 2026 14:14:39 +0000 (UTC)\n\n" +
            $"Final-Recipient: rfc822; {rcpt}\nOriginal-Recipient: rfc822;{rcpt}\nAction: failed\nStatus: 5.1.1\nRemote-MTA: dns; mail.example.org\nDiagnostic-Code: smtp; 550 5.1.1 <{rcpt}>: Recipient address rejected:\n    User unknown in virtual mailbox table\n\n" +
            $"--{b}\nContent-Description: Undelivered Message\nContent-Type: message/rfc822\n\nFrom: Meridian Outfitters <passwordchange@meridian.example>\nTo: {rcpt}\nSubject: Important: please create a new password\n" +
            $"Message-ID: <notice.{index}@meridian.example>\nDate: Fri, 20 Nov 2026 14:14:03 +0000\nContent-Type: text/plain; charset=utf-8\n\n{Notice}\n\n--{b}--\n";
    }

    private string AutoReply(int index)
    {
        return Headers(index, $"office{index}@example.com", "Automatic reply: Important: please create a new password", "text/plain; charset=utf-8",
                "Auto-Submitted: auto-replied\nX-Auto-Response-Suppress: All\n") +
            "\nThank you for your email. I am out of the office until Monday, November 30, with limited access to email.\n" +
            "For urgent matters please contact my colleague at the front desk.\n\nKind regards\n" + Name() + "\n";
    }

    private static string Base64Lines(byte[] data)
    {
        var b64 = Convert.ToBase64String(data);
        var sb = new StringBuilder(b64.Length + b64.Length / 76 + 2);
        for (var i = 0; i < b64.Length; i += 76)
        {
            if (i > 0)
                sb.Append('\n');
            sb.Append(b64, i, Math.Min(76, b64.Length - i));
        }
        return sb.ToString();
    }

    private static string QuotedPrintable1252(string text)
    {
        var bytes = Encoding.GetEncoding(1252).GetBytes(text.Replace("\r\n", "\n"));
        var sb = new StringBuilder();
        var lineLength = 0;
        foreach (var b in bytes)
        {
            if (b == (byte)'\n')
            {
                sb.Append('\n');
                lineLength = 0;
                continue;
            }
            var piece = b is >= 33 and <= 126 && b != (byte)'=' || b == (byte)' ' ? ((char)b).ToString() : $"={b:X2}";
            if (lineLength + piece.Length > 75)
            {
                sb.Append("=\n");
                lineLength = 0;
            }
            sb.Append(piece);
            lineLength += piece.Length;
        }
        return sb.ToString();
    }
}
