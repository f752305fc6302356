using Helpdesk.Core.Data;
using Helpdesk.Core.Intake;
using Helpdesk.Core.Tests.Support;
using Helpdesk.Core.Tickets;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Tests.Intake;

/// <summary>A fresh desk with the intake pipeline, and helpers to feed it emails.</summary>
internal sealed class IntakeTestDesk : IAsyncDisposable
{
    private long _uid;

    private IntakeTestDesk(TestDatabase database) => Database = database;

    public TestDatabase Database { get; }

    public IntakePipeline Pipeline => Database.Get<IntakePipeline>();

    public static async Task<IntakeTestDesk> CreateAsync(IDictionary<string, string?>? settings = null) =>
        new(await TestDatabase.CreateAsync(settings));

    public async Task<IntakeOutcome> TakeInAsync(byte[] mail, string source = "INBOX-test")
    {
        var raw = new RawMessage(source, 1, ++_uid, mail, Database.Clock.GetUtcNow());
        return await Pipeline.ProcessAsync(raw);
    }

    public async Task<Ticket> TicketAsync(long number)
    {
        await using var db = await Database.Factory.CreateDbContextAsync();
        return await db.Tickets.Include(t => t.Messages).Include(t => t.Customer).AsNoTracking().FirstAsync(t => t.Number == number);
    }

    public async Task<T> QueryAsync<T>(Func<HelpdeskDbContext, Task<T>> query)
    {
        await using var db = await Database.Factory.CreateDbContextAsync();
        return await query(db);
    }

    public async Task ChangeTicketAsync(long number, Action<Ticket> change)
    {
        await using var db = await Database.Factory.CreateDbContextAsync();
        var ticket = await db.Tickets.FirstAsync(t => t.Number == number);
        change(ticket);
        await db.SaveChangesAsync();
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
