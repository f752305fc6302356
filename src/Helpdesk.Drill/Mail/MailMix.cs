using MimeKit;

namespace Helpdesk.Drill.Mail;

/// <summary>
/// The week's mail, drawn with a seed: new questions of every intent and language (a share quoting our notice), the
/// same customers writing again on their thread, forwarded phishing, and out-of-office replies. Bounces are not
/// written here: they are real, made by Postfix when our own mail meets an undeliverable customer address.
/// </summary>
public sealed class MailMix
{
    /// <summary>The mix of one week: shares of all customer mails.</summary>
    public const double FollowUpShare = 0.12, PhishingShare = 0.05, AutoReplyShare = 0.08;

    /// <summary>Of the questions, how many carry our notice quoted under the customer's words.</summary>
    public const double QuoteShare = 0.35;

    /// <summary>The intents' shares in a real surge (the same mix the demo's synthetic surge uses).</summary>
    private static readonly (string Intent, double Share)[] IntentMix =
    [
        ("reset_help", 0.20), ("login_problem", 0.14), ("exposure_question", 0.14), ("card_safety", 0.12),
        ("phishing_check", 0.04), ("complaint", 0.08), ("identity_protection", 0.06), ("close_account", 0.05),
        ("order_other", 0.05), ("intl_access", 0.04), ("thanks", 0.03),
    ];

    private const string Notice =
        "Dear Customer,\n\nOn November 17 we confirmed that an unauthorized party accessed a Meridian Outfitters system that\n"
        + "stores customer account information. Your payment card information was not affected.\n\n"
        + "As a precaution we have expired all passwords. The next time you visit meridian.example, please select\n"
        + "\"Create a New Password\" and follow the steps.\n\nQuestions? Reply to this email.\n\nMeridian Outfitters";

    private static readonly string[] FirstNames = ["Dana", "Luis", "Priya", "Tom", "Chloé", "Jonas", "Maria", "Kwame", "Aiko", "Sam", "Lucía", "Greta"];
    private static readonly string[] LastNames = ["Whitfield", "García", "Nair", "Becker", "Dubois", "Okafor", "Rossi", "Tanaka", "Miller", "Schmidt"];

    private readonly Random _random;
    private readonly WeekShape _shape;
    private readonly Dictionary<string, List<HumanText>> _byIntent;
    private readonly string _run;

    public MailMix(IReadOnlyList<HumanText> corpus, WeekShape shape, int seed, string run)
    {
        _random = new Random(seed);
        _shape = shape;
        _run = run;
        _byIntent = corpus.GroupBy(t => t.Intent).ToDictionary(g => g.Key, g => g.ToList());
    }

    /// <summary>The customer's own mailbox user at the loopback server; every deliverable customer's mail lands there.</summary>
    public const string CustomerUser = "patron@example.test";

    public const string DeskUser = "drill@example.test";

    /// <summary>
    /// <paramref name="count"/> customer mails in arrival order. Undeliverable customers write from an address the
    /// server has no mailbox for (gone+N@), so what the desk sends them comes back as a DSN.
    /// </summary>
    public List<DrillMail> Draw(int count, double undeliverableShare)
    {
        var followUps = (int)(count * FollowUpShare);
        var autoReplies = (int)(count * AutoReplyShare);
        var phishing = (int)(count * PhishingShare);
        var questions = count - followUps - autoReplies - phishing;
        var mails = new List<DrillMail>(count);
        var firsts = new List<DrillMail>();
        for (var i = 0; i < questions + phishing; i++)
        {
            var isPhishing = i >= questions;
            var intent = isPhishing ? "phishing_check" : PickIntent();
            var text = Pick(intent);
            var customer = NewCustomer(i, text.Language, undeliverableShare);
            var at = _shape.DrawArrival(_random, customer.Zone);
            var quotes = !isPhishing && _random.NextDouble() < QuoteShare;
            var mail = isPhishing ? Phishing(customer, text, at) : Question(customer, text, at, quotes);
            mails.Add(mail);
            firsts.Add(mail);
        }
        for (var i = 0; i < followUps; i++)
        {
            var first = firsts[_random.Next(firsts.Count)];
            var at = _shape.DrawArrival(_random, first.Customer.Zone, first.At + TimeSpan.FromMinutes(30));
            mails.Add(FollowUp(first, Pick(first.Intent), at, i));
        }
        var deliverable = firsts.Where(f => f.Customer.Deliverable).ToList();
        for (var i = 0; i < autoReplies && deliverable.Count > 0; i++)
        {
            var first = deliverable[_random.Next(deliverable.Count)];
            // The out-of-office answers our acknowledgment, which leaves a little after the customer's mail.
            mails.Add(AutoReply(first, first.At + TimeSpan.FromMinutes(2 + _random.Next(20)), i));
        }
        mails.Sort((a, b) => a.At.CompareTo(b.At));
        return mails;
    }

    private string PickIntent()
    {
        var x = _random.NextDouble() * IntentMix.Sum(m => m.Share);
        foreach (var (intent, share) in IntentMix)
        {
            x -= share;
            if (x <= 0 && _byIntent.ContainsKey(intent)) return intent;
        }
        return _byIntent.Keys.First();
    }

    private HumanText Pick(string intent)
    {
        var list = _byIntent.TryGetValue(intent, out var l) ? l : _byIntent.Values.First();
        return list[_random.Next(list.Count)];
    }

    private DrillCustomer NewCustomer(int index, string language, double undeliverableShare)
    {
        var deliverable = _random.NextDouble() >= undeliverableShare;
        var name = $"{FirstNames[_random.Next(FirstNames.Length)]} {LastNames[_random.Next(LastNames.Length)]}";
        // patron+tag@ is delivered to patron@'s mailbox (Dovecot's recipient delimiter); gone@ has no mailbox at all.
        var address = $"{(deliverable ? "patron" : "gone")}+{_run}c{index:D7}@example.test";
        return new DrillCustomer(index, address, name, language, WeekShape.PickZone(_random, language), deliverable);
    }

    private string NewId(string kind, int index) => $"{kind}{index:D7}.{_run}@customers.example.test";

    private DrillMail Question(DrillCustomer customer, HumanText text, TimeSpan at, bool quotes)
    {
        var subject = quotes ? "Re: Important: please create a new password" : text.Subject.Length > 0 ? text.Subject : "Password";
        var body = quotes && !text.Body.Contains("> Dear Customer", StringComparison.Ordinal)
            ? text.Body + "\n\nOn Fri, Nov 20, 2026 at 9:02 AM Meridian Outfitters <passwordchange@meridian.example> wrote:\n\n" + Quote(Notice)
            : text.Body;
        var id = NewId("q", customer.Index);
        return new DrillMail(id, DrillMailKind.Question, customer, text.Intent, at, quotes || text.Body.Contains("> Dear Customer", StringComparison.Ordinal),
            Write(customer, id, subject, body, at, null));
    }

    private DrillMail Phishing(DrillCustomer customer, HumanText text, TimeSpan at)
    {
        var body = text.Body + "\n\n---------- Forwarded message ---------\nFrom: Meridian Security <security@meridian-outfitters-verify.example>\n"
            + "Subject: Urgent: verify your account within 24 hours\n\nDear valued customer,\nYour account will be suspended. Confirm your card "
            + "details at http://meridian-outfitters-verify.example/login to keep your account.\n";
        var id = NewId("p", customer.Index);
        return new DrillMail(id, DrillMailKind.ForwardedPhishing, customer, "phishing_check", at, false,
            Write(customer, id, "Fwd: Urgent: verify your account within 24 hours", body, at, null));
    }

    private DrillMail FollowUp(DrillMail first, HumanText text, TimeSpan at, int index)
    {
        var body = "Writing again as I have not heard back. " + text.Body;
        var id = NewId("f", index);
        var subject = first.Bytes.Length > 0 ? "Re: " + SubjectOf(first) : "Re: my question";
        return new DrillMail(id, DrillMailKind.FollowUp, first.Customer, first.Intent, at, false, Write(first.Customer, id, subject, body, at, first.MessageId));
    }

    private DrillMail AutoReply(DrillMail first, TimeSpan at, int index)
    {
        var id = NewId("a", index);
        var message = Message(first.Customer, id, "Automatic reply: We have your message", at, first.MessageId,
            "I am out of the office until next Monday with limited access to email. For urgent matters call the front desk.");
        message.Headers.Add("Auto-Submitted", "auto-replied");
        message.Headers.Add("X-Autoreply", "yes");
        return new DrillMail(id, DrillMailKind.AutoReply, first.Customer, "", at, false, Bytes(message));
    }

    private static string SubjectOf(DrillMail mail)
    {
        using var stream = new MemoryStream(mail.Bytes);
        var subject = MimeMessage.Load(stream).Subject ?? "";
        return subject.StartsWith("Re: ", StringComparison.OrdinalIgnoreCase) ? subject[4..] : subject;
    }

    private static string Quote(string text) => string.Join("\n", text.Split('\n').Select(l => l.Length == 0 ? ">" : "> " + l));

    private static byte[] Write(DrillCustomer customer, string id, string subject, string body, TimeSpan at, string? inReplyTo) =>
        Bytes(Message(customer, id, subject, at, inReplyTo, body));

    private static MimeMessage Message(DrillCustomer customer, string id, string subject, TimeSpan at, string? inReplyTo, string body)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(customer.Name, customer.Address));
        message.To.Add(new MailboxAddress("Meridian Outfitters", DeskUser));
        message.Subject = subject;
        message.MessageId = id;
        message.Date = new DateTimeOffset(2026, 11, 20, WeekShape.NoticeHourUtc, 0, 0, TimeSpan.Zero) + at;
        if (inReplyTo is not null)
        {
            message.InReplyTo = inReplyTo;
            message.References.Add(inReplyTo);
        }
        message.Body = new TextPart("plain") { Text = body.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal) };
        return message;
    }

    private static byte[] Bytes(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(FormatOptions.Default, stream);
        return stream.ToArray();
    }
}
