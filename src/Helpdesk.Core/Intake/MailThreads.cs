using System.Globalization;
using System.Text.RegularExpressions;
using Helpdesk.Core.Customers;
using Helpdesk.Core.Data;
using Helpdesk.Core.Tickets;
using Helpdesk.Mail.Reading;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Intake;

/// <summary>
/// Which ticket an email belongs to, for one intake batch: a reply to a known message (In-Reply-To, then References
/// newest first; ours or the customer's), the subject's "[#12345]" token from that ticket's own customer, or the
/// customer's open ticket. <see cref="LoadAsync"/> reads what the batch's emails refer to in a few queries; the rest
/// is in memory, and tickets the batch opens are found by the emails after them.
/// </summary>
internal sealed partial class MailThreads
{
    private static readonly TicketStatus[] OpenStatuses = [TicketStatus.New, TicketStatus.Open, TicketStatus.Pending];

    private readonly Dictionary<long, Ticket> _tickets = [];
    private readonly Dictionary<string, long> _threadIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Ticket> _newThreadIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<long, Ticket> _openByCustomer = [];
    private readonly Dictionary<long, long> _latestByCustomer = [];

    // New customers have no id until the save; their ticket is remembered by the object instead.
    private readonly Dictionary<Customer, Ticket> _openByNewCustomer = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// Reads the messages and sent replies the emails refer to, the customers' open and latest tickets, and the tickets
    /// named by those or by subject tokens (tracked: intake changes them).
    /// </summary>
    public async Task LoadAsync(HelpdeskDbContext db, IReadOnlyList<ParsedEmail> emails, IEnumerable<long> customerIds, CancellationToken cancellationToken)
    {
        var referenced = emails.SelectMany(ThreadIds).Distinct().ToList();
        foreach (var chunk in referenced.Chunk(500))
        {
            var rows = await db.Messages.AsNoTracking().Where(m => m.MessageIdHeader != null && chunk.Contains(m.MessageIdHeader))
                .Select(m => new { m.MessageIdHeader, m.TicketNumber }).ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var r in rows) _threadIndex.TryAdd(r.MessageIdHeader!, r.TicketNumber);
            var sent = await db.Outbox.AsNoTracking().Where(o => chunk.Contains(o.MessageIdHeader))
                .Select(o => new { o.MessageIdHeader, o.TicketNumber }).ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var r in sent) _threadIndex.TryAdd(r.MessageIdHeader, r.TicketNumber);
        }

        var numbers = _threadIndex.Values.Concat(emails.Select(e => SubjectTicketNumber(e.Subject)).OfType<long>()).Distinct().ToList();
        foreach (var chunk in customerIds.Chunk(500))
        {
            var latest = await db.Tickets.AsNoTracking().Where(t => chunk.Contains(t.CustomerId))
                .GroupBy(t => t.CustomerId).Select(g => new { g.Key, Number = g.Max(t => t.Number) })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var l in latest) _latestByCustomer[l.Key] = l.Number;
            var open = await db.Tickets.Where(t => chunk.Contains(t.CustomerId) && OpenStatuses.Contains(t.Status))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var t in open)
            {
                _tickets[t.Number] = t;
                if (!_openByCustomer.TryGetValue(t.CustomerId, out var current) || current.Number < t.Number) _openByCustomer[t.CustomerId] = t;
            }
        }
        numbers.AddRange(_latestByCustomer.Values);
        var missing = numbers.Where(n => !_tickets.ContainsKey(n)).Distinct().ToList();
        foreach (var chunk in missing.Chunk(500))
            foreach (var t in await db.Tickets.Where(t => chunk.Contains(t.Number)).ToListAsync(cancellationToken).ConfigureAwait(false))
                _tickets[t.Number] = t;
    }

    /// <summary>In-Reply-To first, then References newest first: the closest known ancestor wins.</summary>
    public static IEnumerable<string> ThreadIds(ParsedEmail email)
    {
        if (email.InReplyTo is { Length: > 0 } irt) yield return irt;
        for (var i = email.References.Count - 1; i >= 0; i--) yield return email.References[i];
        if (email.Machine.Bounce?.OriginalMessageId is { Length: > 0 } original) yield return original;
    }

    /// <summary>The "[#12345]" token the desk puts in its subjects.</summary>
    public static long? SubjectTicketNumber(string subject)
    {
        var m = TicketToken().Match(subject);
        return m.Success && long.TryParse(m.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    /// <summary>The ticket a customer's email continues; null when it starts a new one.</summary>
    public Ticket? Find(ParsedEmail email, Customer customer)
    {
        // 1. Replies to a known message (ours or the customer's earlier one).
        foreach (var id in ThreadIds(email))
        {
            if (_newThreadIndex.TryGetValue(id, out var fresh)) return Usable(fresh);
            if (_threadIndex.TryGetValue(id, out var number) && _tickets.TryGetValue(number, out var known)) return Usable(known);
        }
        // 2. The subject's ticket token, believed only from that ticket's own customer.
        if (SubjectTicketNumber(email.Subject) is { } n && _tickets.TryGetValue(n, out var byToken) && byToken.CustomerId == customer.Id && customer.Id != 0)
            return Usable(byToken);
        // 3. The customer wrote again while a ticket is still open.
        if (customer.Id == 0)
            return _openByNewCustomer.TryGetValue(customer, out var mine) && OpenStatuses.Contains(mine.Status) ? mine : null;
        return _openByCustomer.TryGetValue(customer.Id, out var open) && OpenStatuses.Contains(open.Status) ? open : null;
    }

    /// <summary>
    /// The ticket an auto-reply belongs to, closed or not: the message it answers, else the sender's newest ticket.
    /// </summary>
    public Ticket? FindForMachineReply(ParsedEmail email, Customer? sender)
    {
        Ticket? ticket = null;
        foreach (var id in ThreadIds(email))
        {
            if (_newThreadIndex.TryGetValue(id, out ticket)) break;
            if (_threadIndex.TryGetValue(id, out var number) && _tickets.TryGetValue(number, out ticket)) break;
        }
        if (ticket is null && sender is not null)
        {
            if (sender.Id == 0) _openByNewCustomer.TryGetValue(sender, out ticket);
            else if (_latestByCustomer.TryGetValue(sender.Id, out var latest)) _tickets.TryGetValue(latest, out ticket);
        }
        return ticket;
    }

    /// <summary>A customer's email went to <paramref name="ticket"/>: later emails of the batch find it there.</summary>
    public void Took(Ticket ticket, Customer customer, string? messageId)
    {
        if (customer.Id == 0) _openByNewCustomer[customer] = ticket;
        else _openByCustomer[customer.Id] = ticket;
        if (messageId is { Length: > 0 } mid) _newThreadIndex[mid] = ticket;
    }

    /// <summary>A closed ticket stays closed: the new email starts a new ticket. A solved one reopens.</summary>
    private static Ticket? Usable(Ticket ticket) => ticket.Status == TicketStatus.Closed ? null : ticket;

    [GeneratedRegex(@"\[#(\d{1,18})\]", RegexOptions.CultureInvariant)]
    private static partial Regex TicketToken();
}
