using Helpdesk.Core.Abstractions;
using Helpdesk.Core.Customers;
using Helpdesk.Core.Data;
using Helpdesk.Core.Outbox;
using Helpdesk.Core.Replies;
using Helpdesk.Core.Templates;
using Helpdesk.Core.Tickets;
using Microsoft.Extensions.Options;

namespace Helpdesk.Core.Intake;

/// <summary>
/// The automatic "we have your message, your ticket is #N" email. At most one per customer per window; never to
/// machine mail (the pipeline never asks), never to the desk's own addresses, never to an undeliverable address.
/// </summary>
public sealed class Acknowledgments
{
    private readonly IntakeOptions _intake;
    private readonly CompanyOptions _company;
    private readonly HashSet<string> _ownAddresses;
    private readonly AckTemplate _template;

    /// <summary>The template trainers edit for the acknowledgment (seeded from data/templates/ack.received.en.md).</summary>
    public const string TemplateId = "ack.received.en";

    public Acknowledgments(IOptions<IntakeOptions> intake, IOptions<CompanyOptions> company, MailboxList mailboxes, TemplateCatalog templates)
    {
        _intake = intake.Value;
        _company = company.Value;
        _ownAddresses = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { Customer.NormalizeAddress(_company.DeskAddress) };
        foreach (var a in _company.OtherDeskAddresses) _ownAddresses.Add(Customer.NormalizeAddress(a));
        foreach (var m in mailboxes.Mailboxes)
            if (m.User is { } user && user.Contains('@')) _ownAddresses.Add(Customer.NormalizeAddress(user));
        _template = AckTemplate.Load(Path.Combine(templates.SeedDirectory, "ack.received.en.md"));
    }

    public bool IsOwnAddress(string address) => _ownAddresses.Contains(Customer.NormalizeAddress(address));

    /// <summary>
    /// The acknowledgment for <paramref name="message"/>, just added to <paramref name="ticket"/> (which has its
    /// number), or null when the rules say no. Records the acknowledgment on the customer.
    /// </summary>
    public OutboxItem? TryCreate(Ticket ticket, Customer customer, TicketMessage message, DateTimeOffset now) =>
        Decide(customer, message, now) ? Build(ticket, customer, message, now, new AckWording(_template.Body, null, null)) : null;

    /// <summary>
    /// What acknowledgments say in this batch: the live version of the trainers' acknowledgment template (the seed
    /// file or the built-in text while none is live), and while incident mode is on, the incident banner above it.
    /// Read once per intake batch, so a trainer's edit or an Admin's switch applies to the next batch on every instance.
    /// </summary>
    internal async Task<AckWording> WordingAsync(Data.HelpdeskDbContext db, bool incidentOn, CancellationToken cancellationToken)
    {
        string[] ids = incidentOn ? [TemplateId, Incidents.IncidentBanner.TemplateId] : [TemplateId];
        var live = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.ReplyTemplates.Where(t => ids.Contains(t.Id) && !t.Archived)
                .Join(db.ReplyTemplateVersions.Where(v => v.State == TemplateVersionState.Live), t => t.Id, v => v.TemplateId,
                    (t, v) => new { t.Id, VersionId = v.Id, v.Body }), cancellationToken).ConfigureAwait(false);
        var ack = live.FirstOrDefault(l => l.Id == TemplateId);
        var banner = live.FirstOrDefault(l => l.Id == Incidents.IncidentBanner.TemplateId);
        return new AckWording(ack?.Body ?? _template.Body, ack?.VersionId, incidentOn ? banner?.Body ?? Incidents.IncidentBanner.BuiltIn : null);
    }

    /// <summary>
    /// Whether the rules allow an acknowledgment for <paramref name="message"/>; when they do, records it on the
    /// customer (so a second email from them in the same batch gets none). Run in arrival order.
    /// </summary>
    internal bool Decide(Customer customer, TicketMessage message, DateTimeOffset now)
    {
        if (!_intake.Acknowledge) return false;
        if (message.Direction != MessageDirection.Inbound || message.FromAddress is null) return false;
        if (IsOwnAddress(message.FromAddress) || IsOwnAddress(customer.Address)) return false;
        if (!customer.MayAcknowledge(now, _intake.AcknowledgeWindow)) return false;
        customer.RecordAcknowledged(now);
        return true;
    }

    /// <summary>The acknowledgment itself (text and MIME): changes nothing, so intake builds a batch's in parallel.</summary>
    internal OutboxItem Build(Ticket ticket, Customer customer, TicketMessage message, DateTimeOffset now, AckWording wording)
    {
        var messageId = $"ack-{ticket.Number}-{ticket.InboundCount}@{_company.DeskDomain}";
        var subject = TicketSubject.ForReply(message.Subject ?? ticket.Subject, ticket.Number, "(no subject)");
        var references = message.ReferenceList.ToList();
        if (message.MessageIdHeader is { Length: > 0 } mid) references.Add(mid);
        var context = new MergeContext(
            CustomerFirstName: customer.Name is null ? null : customer.FirstName, CustomerName: customer.Name,
            CustomerEmail: customer.Address, TicketNumber: ticket.Number, TicketSubject: ticket.Subject);
        var text = MergeFields.Render(wording.Body, context, _company);
        if (wording.Banner is { Length: > 0 } banner) text = MergeFields.Render(banner, context, _company).Trim() + "\n\n" + text;
        var mime = ReplyComposer.Acknowledgment(_company, customer.Name, customer.Address, subject, messageId, now, text,
            message.MessageIdHeader, references.TakeLast(20).ToList());
        var item = new OutboxItem(OutboxKind.Acknowledgment, ticket.Number, null, messageId, _company.DeskAddress, customer.Address, subject, now);
        item.SetMime(mime);
        return item;
    }

    /// <summary>
    /// The acknowledgment body: ack.received.en.md of the seed templates when present (front matter dropped), else a
    /// built-in text.
    /// </summary>
    private sealed class AckTemplate(string body)
    {
        private const string BuiltIn = """
            Hello {{customer.first_name}},

            We have received your message. Your ticket number is {{ticket.number}}; please keep it in the subject line if you write again.

            We are receiving many messages this week, so a reply may take a little longer than usual. Many questions already have an answer on our help page: {{site.help_url}}

            Meridian never asks for your password, card number or personal information by email, text or phone. Please do not send them to us.

            The {{company.name}} Customer Care team
            """;

        public static AckTemplate Load(string path)
        {
            if (!File.Exists(path)) return new AckTemplate(BuiltIn);
            // The same reader as every seed template; a file it cannot read falls back to the built-in text.
            var (template, _) = TemplateFiles.Parse(File.ReadAllText(path), path);
            return new AckTemplate(template is null ? BuiltIn : template.Body.Trim() + "\n");
        }

        /// <summary>Rendered by <see cref="MergeFields"/>, the same engine as every reply.</summary>
        public string Body => body;
    }
}

/// <summary>An acknowledgment's text for one batch: the template body (and its version, null for the file or built-in
/// text) and the incident banner while incident mode is on.</summary>
public sealed record AckWording(string Body, long? VersionId, string? Banner);
