using System.Text;
using Helpdesk.Core.Classification;
using Helpdesk.Core.Customers;
using Helpdesk.Core.Intake;
using Helpdesk.Core.Staff;
using Helpdesk.Core.Tickets;
using Helpdesk.Mail.CustomerWords;
using Helpdesk.Mail.Reading;

namespace Helpdesk.Demo;

/// <summary>
/// Lays the sample emails out over the three days since the notice went out: arrivals peak right after the notice
/// and follow office hours; agents answer oldest-first at a steady rate, so the early tickets are answered and a
/// backlog remains; a few customers write again after the answer.
/// </summary>
internal sealed class SurgePlan(
    SampleFiles samples, IReadOnlyList<Customer> customers, IReadOnlyList<StaffUser> agents,
    DateTimeOffset now, int emailCount, Random random)
{
    private static readonly TimeSpan Span = TimeSpan.FromHours(72);

    public List<RawMessage> MachineMail { get; } = [];

    public List<Ticket> Build(ITicketClassifier classifier)
    {
        var start = now - Span;
        var human = samples.Messages.Where(m => m.Kind == "customer").ToList();
        var machine = samples.Messages.Where(m => m.Kind != "customer").ToList();
        if (human.Count == 0) throw new InvalidDataException("The demo samples hold no customer messages (kind \"customer\").");

        var arrivals = Enumerable.Range(0, emailCount).Select(_ => ArrivalTime(start)).Order().ToList();
        var tickets = new List<Ticket>();
        var customerIndex = 0;
        var openByCustomer = new Dictionary<long, Ticket>();
        foreach (var at in arrivals)
        {
            var customer = customers[(customerIndex++ * 7919) % customers.Count];
            if (machine.Count > 0 && random.NextDouble() < 0.06)
            {
                AddMachineMail(machine[random.Next(machine.Count)], customer, at, openByCustomer);
                continue;
            }
            var sample = human[random.Next(human.Count)];
            var ticket = Ticket.Open(customer, sample.Subject ?? "", at);
            var visible = VisibleTextExtractor.Extract(sample.Body);
            ticket.AddCustomerMessage(Inbound(sample, visible, customer, at));
            var prediction = classifier.Classify(sample.Subject ?? "", visible);
            if (classifier.IsReady) ticket.Classify(prediction.Intent, prediction.Confidence, prediction.NeedsTriage);
            tickets.Add(ticket);
            openByCustomer[customer.Id] = ticket;
        }

        return tickets;
    }

    /// <summary>More mail right after the notice, fading over three days, and less at night (US Eastern).</summary>
    private DateTimeOffset ArrivalTime(DateTimeOffset start)
    {
        while (true)
        {
            var fraction = Math.Pow(random.NextDouble(), 1.7);
            var at = start + Span * fraction;
            var hour = at.ToOffset(TimeSpan.FromHours(-5)).Hour;
            var daylight = hour is >= 7 and <= 22 ? 1.0 : 0.25;
            if (random.NextDouble() < daylight) return at;
        }
    }

    /// <summary>Runs after the tickets are saved, so replies carry real ticket numbers in their subjects.</summary>
    public void AnswerOldestFirst(List<Ticket> tickets)
    {
        var start = now - Span;
        if (agents.Count == 0) return;
        // A steady rate that clears about 45% of the surge by now: the queue a lead sees is a real backlog.
        var perHour = tickets.Count * 0.45 / (Span.TotalHours - 2);
        var answerClock = start + TimeSpan.FromHours(2);
        var n = 0;
        foreach (var ticket in tickets)
        {
            answerClock += TimeSpan.FromHours(1 / perHour);
            var answeredAt = ticket.ReceivedAt + TimeSpan.FromMinutes(4 + random.Next(20));
            if (answerClock > answeredAt) answeredAt = answerClock;
            if (answeredAt >= now) break;
            var agent = agents[n++ % agents.Count];
            ticket.Claim(agent.Id, answeredAt, TimeSpan.FromMinutes(5));
            ticket.Reply(agent.Id, ticket.Version, Reply(ticket, agent, answeredAt), answeredAt);

            var roll = random.NextDouble();
            if (roll < 0.06 && answeredAt + TimeSpan.FromHours(1) < now)
            {
                var again = answeredAt + TimeSpan.FromMinutes(30 + random.Next(600));
                if (again < now) ticket.AddCustomerMessage(WroteAgain(ticket, again));
            }
            else if (roll < 0.35 && now - answeredAt > TimeSpan.FromHours(24))
            {
                ticket.Solve(answeredAt + TimeSpan.FromHours(24));
            }
        }
    }

    private static TicketMessage Inbound(SampleMessage sample, string visibleText, Customer customer, DateTimeOffset at) =>
        TicketMessage.Inbound($"demo-{Guid.NewGuid():N}@{customer.Address.Split('@')[1]}", null, [],
            customer.Address, customer.Name, sample.Subject, sample.Body, visibleText, null, at, null);

    private static TicketMessage Reply(Ticket ticket, StaffUser agent, DateTimeOffset at)
    {
        var first = ticket.Customer?.FirstName ?? "there";
        var text = $"Hello {first},\n\nThank you for writing to us. Your payment card information was not affected. " +
                   "To create your new password, go to https://www.meridian.example/account/new-password and follow the steps.\n\n" +
                   $"{agent.FirstName}\nMeridian Outfitters Customer Care";
        var inbound = ticket.Messages.Last(m => m.Direction == MessageDirection.Inbound);
        return TicketMessage.Outbound(agent.Id, $"reply-{Guid.NewGuid():N}@meridian.example", inbound.MessageIdHeader,
            inbound.ReferenceList.Append(inbound.MessageIdHeader!), $"Re: {ticket.Subject} [#{ticket.Number}]", text, at);
    }

    private TicketMessage WroteAgain(Ticket ticket, DateTimeOffset at)
    {
        string[] follow =
        [
            "I did what you said and it still does not work. The page just spins.",
            "Thanks, but you did not answer my question. Was my address taken or not?",
            "Still waiting on a real answer here.",
            "That link gives me an error 500. Please help.",
        ];
        var c = ticket.Customer!;
        return TicketMessage.Inbound($"demo-{Guid.NewGuid():N}@{c.Address.Split('@')[1]}", null, [], c.Address, c.Name,
            "Re: " + ticket.Subject, follow[random.Next(follow.Length)], follow[random.Next(follow.Length)], null, at, null);
    }

    private void AddMachineMail(SampleMessage sample, Customer customer, DateTimeOffset at, Dictionary<long, Ticket> openByCustomer)
    {
        var kind = sample.Kind == "bounce" ? "bounce" : "auto_reply";
        var mime = new StringBuilder()
            .Append("From: ").Append(kind == "bounce" ? "MAILER-DAEMON@" + customer.Address.Split('@')[1] : customer.Address).Append("\r\n")
            .Append("To: passwordchange@meridian.example\r\n")
            .Append("Subject: ").Append(sample.Subject ?? "").Append("\r\n")
            .Append("Date: ").Append(at.ToString("r")).Append("\r\n")
            .Append(kind == "bounce" ? "" : "Auto-Submitted: auto-replied\r\n")
            .Append("Content-Type: text/plain; charset=utf-8\r\n\r\n")
            .Append(sample.Body.Replace("\n", "\r\n")).Append("\r\n").ToString();
        var raw = new RawMessage("demo", null, null, Encoding.UTF8.GetBytes(mime), at);
        if (kind == "bounce")
        {
            customer.MarkUndeliverable("demo: mailbox unavailable", at);
            raw.MarkProcessed(kind, null, null, at);
        }
        else if (openByCustomer.TryGetValue(customer.Id, out var ticket))
        {
            ticket.AttachSilently(TicketMessage.MachineReply(null, customer.Address, sample.Subject, sample.Body, at, null));
            raw.MarkProcessed(kind, null, null, at);
        }
        else
        {
            raw.MarkProcessed(kind, null, null, at);
        }
        MachineMail.Add(raw);
    }
}
