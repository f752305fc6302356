using Helpdesk.Core.Customers;
using Helpdesk.Core.Replies;
using Helpdesk.Core.Templates;
using Helpdesk.Core.Staff;
using Helpdesk.Core.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Tests.Support;

/// <summary>Staff, tickets and sent replies for the trainers' tests.</summary>
public static class TrainerFixtures
{
    public static async Task<long> AddStaffAsync(this TestDatabase desk, string displayName = "Tess Trainer", StaffRoles roles = StaffRoles.Trainer)
    {
        await using var db = await desk.Factory.CreateDbContextAsync();
        var user = new StaffUser($"s{Guid.NewGuid():N}"[..12], displayName, $"{Guid.NewGuid():N}@meridian.example", roles, TestDatabase.Start);
        db.Staff.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    }

    /// <summary>A queued ticket from a new customer, with one inbound message.</summary>
    public static async Task<long> AddTicketAsync(this TestDatabase desk, string customerName, string subject, string body, string? intent = null,
        bool needsTriage = false)
    {
        await using var db = await desk.Factory.CreateDbContextAsync();
        var customer = new Customer($"{Guid.NewGuid():N}@example.com", customerName, TestDatabase.Start);
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        var ticket = Ticket.Open(customer, subject, TestDatabase.Start);
        ticket.AddCustomerMessage(TicketMessage.Inbound($"{Guid.NewGuid():N}@example.com", null, [], customer.Address, customerName, subject, body, body,
            null, TestDatabase.Start, null));
        if (intent is not null || needsTriage) ticket.Classify(intent, needsTriage ? 0.4 : 0.95, needsTriage);
        db.Tickets.Add(ticket);
        await db.SaveChangesAsync();
        return ticket.Number;
    }

    /// <summary>Replies to ticket <paramref name="ticketNumber"/> from the live version of a template, as <paramref name="text"/>.</summary>
    public static async Task<long> SendFromTemplateAsync(this TestDatabase desk, long ticketNumber, long agentId, string templateId, string text, bool unedited)
    {
        await using var db = await desk.Factory.CreateDbContextAsync();
        var version = await db.ReplyTemplateVersions.SingleAsync(v => v.TemplateId == templateId && v.State == TemplateVersionState.Live);
        var ticket = await db.Tickets.Include(t => t.Messages).SingleAsync(t => t.Number == ticketNumber);
        ticket.ReplyInBulk(TicketMessage.Outbound(agentId, $"{Guid.NewGuid():N}@meridian.example", null, [], "Re: q", text, desk.Clock.GetUtcNow(),
            version.Id, unedited), desk.Clock.GetUtcNow());
        await db.SaveChangesAsync();
        return version.Id;
    }

    public static TemplateEdit EditOf(ReplyTemplate template, string body) =>
        new(template.Title, template.Language, template.IntentList, body, template.PublishFaq, template.FaqQuestion, template.FaqAnswer);
}
