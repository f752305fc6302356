using System.Text;
using Helpdesk.Core.Customers;
using Helpdesk.Core.Outbox;
using Helpdesk.Core.Replies;
using Helpdesk.Core.Templates;
using Helpdesk.Core.Staff;
using Helpdesk.Core.Tests.Support;
using Helpdesk.Core.Tickets;
using Helpdesk.Mail.Transport;
using Microsoft.Extensions.DependencyInjection;

namespace Helpdesk.Core.Tests.Bulk;

/// <summary>A test desk with a lead, an agent, a live template and customers asking about expired links.</summary>
internal sealed class BulkDesk : IAsyncDisposable
{
    public const string TemplateId = "reset_help.link_expired.en";

    private BulkDesk(TestDatabase desk) { Desk = desk; }

    public TestDatabase Desk { get; }

    public long LeadId { get; private set; }

    public long AgentId { get; private set; }

    public long TemplateVersionId { get; private set; }

    public RecordingSubmitter Smtp { get; } = new();

    public static async Task<BulkDesk> CreateAsync(Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?> { ["Helpdesk:Outbox:Host"] = "smtp.example.test", ["Helpdesk:Outbox:MaxPerSecond"] = "1000" };
        foreach (var (k, v) in settings ?? []) all[k] = v;
        var bulk = new BulkDesk(await TestDatabase.CreateAsync(all));
        await using var db = await bulk.Desk.Factory.CreateDbContextAsync();
        var lead = new StaffUser("lead", "Lena Lead", "lead@meridian.example", StaffRoles.Lead, TestDatabase.Start);
        var agent = new StaffUser("agent", "Priya Kumar", "agent@meridian.example", StaffRoles.Agent, TestDatabase.Start);
        db.Staff.AddRange(lead, agent);
        var template = new ReplyTemplate(TemplateId, "Reset link expired", "en", ["reset_help"], TestDatabase.Start);
        var version = template.SaveVersion("Hello {{customer.first_name}},\n\nUse {{site.reset_url}} for a fresh link ({{ticket.number}}).\n\n{{agent.first_name}}",
            null, requiresApproval: false, TestDatabase.Start);
        db.ReplyTemplates.Add(template);
        await db.SaveChangesAsync();
        bulk.LeadId = lead.Id;
        bulk.AgentId = agent.Id;
        bulk.TemplateVersionId = version.Id;
        return bulk;
    }

    /// <summary>One waiting ticket per text, each from its own named customer with its own Message-ID.</summary>
    public async Task<List<long>> AddTicketsAsync(IReadOnlyList<string> texts, string intent = "reset_help", double confidence = 0.95)
    {
        await using var db = await Desk.Factory.CreateDbContextAsync();
        var tickets = new List<Ticket>();
        foreach (var (i, text) in texts.Index())
        {
            var at = Desk.Clock.GetUtcNow().AddSeconds(-1000 + i);
            var customer = new Customer($"cust{i}-{Guid.NewGuid():N}@example.com", $"Name{i} Family", at);
            db.Customers.Add(customer);
            var ticket = Ticket.Open(customer, $"Link problem {i}", at);
            ticket.AddCustomerMessage(TicketMessage.Inbound($"msg-{i}-{Guid.NewGuid():N}@mail.example", null, [$"notice-{i}@meridian.example"],
                customer.Address, customer.Name, $"Re: Important: please create a new password", text, text, null, at, null));
            ticket.Classify(intent, confidence, needsTriage: false);
            tickets.Add(ticket);
        }
        db.Tickets.AddRange(tickets);
        await db.SaveChangesAsync();
        return tickets.Select(t => t.Number).ToList();
    }

    public OutboxDispatcher Dispatcher() =>
        new(Desk.Factory, Smtp, Desk.Get<OutboxOptions>(), Desk.Get<OutboxControl>(), Desk.Clock,
            Desk.Services.GetRequiredService<Microsoft.Extensions.Logging.ILogger<OutboxDispatcher>>());

    public ValueTask DisposeAsync() => Desk.DisposeAsync();

    internal sealed class RecordingSubmitter : IMailSubmitter, IMailSubmitterFactory
    {
        public List<string> Accepted { get; } = [];

        public IMailSubmitter Create() => this;

        public Task SendAsync(SubmissionEnvelope envelope, ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default)
        {
            lock (Accepted) Accepted.Add(Encoding.UTF8.GetString(message.Span)); // the dispatcher sends on several connections at once
            return Task.CompletedTask;
        }
    }
}
