using System.Globalization;
using System.Text;

namespace Helpdesk.Benchmarks;

/// <summary>
/// Customer mail as the support address receives it during the incident: relay headers, a DKIM signature,
/// plain or HTML bodies quoting the notice, now and then a screenshot. Deterministic for a given seed.
/// </summary>
public static class RealisticMail
{
    private static readonly string[] Questions =
    [
        "I clicked \"Create a New Password\" but the link in the email says it has expired. Can you send a new one?",
        "I never received the reset email. I checked spam twice. My account is under this address.",
        "After resetting my password I still cannot sign in, it says my account is locked.",
        "Was my credit card stolen? I used it on your site last month and now I see a strange charge.",
        "Is this email really from you? It asks me to click a link, which is exactly what scammers do.",
        "I live in Canada and your site won't load at all, not even the help page.",
        "Please delete my account and all my data. I don't trust you with it anymore.",
        "Will you pay for credit monitoring? This is the second breach this year for me.",
        "Where is my order 448213? It was supposed to arrive Friday.",
        "Thanks for letting us know so quickly.",
    ];

    private static readonly string Notice = string.Join("\r\n", new[]
    {
        "> Subject: Important: please create a new password",
        "> Dear Customer, On November 17 we confirmed that an unauthorized party accessed a Meridian Outfitters",
        "> system that stores customer account information. Your payment card information was not affected.",
        "> As a precaution we have expired all passwords. The next time you visit meridian.example, please select",
        "> \"Create a New Password\" and follow the steps. Meridian will never ask you for your password or",
        "> personal information by email. We apologize for the inconvenience.",
    });

    public static IEnumerable<byte[]> Generate(int count, int seed)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2026, 11, 20, 14, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < count; i++)
        {
            var date = start.AddSeconds(i * 9 + random.Next(9));
            var from = $"customer{random.Next(1, 24_000_000)}@example.test";
            var question = Questions[random.Next(Questions.Length)];
            var text = new StringBuilder()
                .Append("Hello,\r\n\r\n").Append(question).Append("\r\n\r\n")
                .Append(string.Join("\r\n", Enumerable.Repeat("I have been a customer for years and I want this sorted out today.", random.Next(0, 6))))
                .Append("\r\n\r\nRegards\r\n\r\nOn Fri, Nov 20, 2026 Meridian Outfitters wrote:\r\n").Append(Notice).Append("\r\n").ToString();
            var headers = new StringBuilder()
                .Append("Return-Path: <").Append(from).Append(">\r\n")
                .Append("Received: from mx").Append(random.Next(1, 9)).Append(".example.test (mx.example.test [192.0.2.").Append(random.Next(1, 254))
                .Append("])\r\n\tby mail.meridian.example with ESMTPS id ").Append(random.NextInt64().ToString("x", CultureInfo.InvariantCulture))
                .Append("\r\n\tfor <passwordchange@meridian.example>; ").Append(date.ToString("ddd, dd MMM yyyy HH:mm:ss +0000", CultureInfo.InvariantCulture)).Append("\r\n")
                .Append("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.test; s=s1;\r\n\th=from:to:subject:date:message-id; bh=")
                .Append(Convert.ToBase64String(Guid.NewGuid().ToByteArray())).Append(";\r\n\tb=").Append(Convert.ToBase64String(RandomBytes(random, 192))).Append("\r\n")
                .Append("From: Customer ").Append(i).Append(" <").Append(from).Append(">\r\n")
                .Append("To: passwordchange@meridian.example\r\n")
                .Append("Subject: Re: Important: please create a new password\r\n")
                .Append("Date: ").Append(date.ToString("ddd, dd MMM yyyy HH:mm:ss +0000", CultureInfo.InvariantCulture)).Append("\r\n")
                .Append("Message-ID: <bench-").Append(i).Append('.').Append(seed).Append("@example.test>\r\n")
                .Append("MIME-Version: 1.0\r\n");
            var kind = random.Next(100);
            if (kind < 70)
            {
                headers.Append("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n").Append(text);
            }
            else
            {
                var boundary = "b" + i.ToString(CultureInfo.InvariantCulture);
                headers.Append("Content-Type: multipart/mixed; boundary=\"").Append(boundary).Append("\"\r\n\r\n")
                    .Append("--").Append(boundary).Append("\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n").Append(text)
                    .Append("--").Append(boundary).Append("\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body><p>")
                    .Append(text.Replace("\r\n", "<br>\r\n", StringComparison.Ordinal)).Append("</p></body></html>\r\n");
                if (kind >= 92)
                {
                    // A screenshot of the error page: mostly 20-120 KB, a few large ones.
                    var size = kind >= 98 ? random.Next(300_000, 600_000) : random.Next(20_000, 120_000);
                    headers.Append("--").Append(boundary).Append("\r\nContent-Type: image/png; name=\"error.png\"\r\n")
                        .Append("Content-Disposition: attachment; filename=\"error.png\"\r\nContent-Transfer-Encoding: base64\r\n\r\n")
                        .Append(Base64Lines(RandomBytes(random, size)));
                }

                headers.Append("--").Append(boundary).Append("--\r\n");
            }

            yield return Encoding.UTF8.GetBytes(headers.ToString());
        }
    }

    private static byte[] RandomBytes(Random random, int size)
    {
        var bytes = new byte[size];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string Base64Lines(byte[] data)
    {
        var base64 = Convert.ToBase64String(data);
        var text = new StringBuilder(base64.Length + base64.Length / 38);
        for (var i = 0; i < base64.Length; i += 76)
        {
            text.Append(base64, i, Math.Min(76, base64.Length - i)).Append("\r\n");
        }

        return text.ToString();
    }
}
