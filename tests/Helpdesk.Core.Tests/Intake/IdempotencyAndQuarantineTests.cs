using System.Text;
using Helpdesk.Core.Data;
using Helpdesk.Core.Intake;
using Helpdesk.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Tests.Intake;

[TestClass]
public sealed class IdempotencyAndQuarantineTests
{
    [TestMethod]
    public async Task StoreMailboxBatchAsync_SameUidTwice_StoredOnceCursorAdvanced()
    {
        await using var desk = await IntakeTestDesk.CreateAsync();
        var store = desk.Database.Get<IntakeStore>();
        var mail = Mails.Customer("dana@example.com", "m1@example.com", "Help", "x");

        var first = await store.StoreMailboxBatchAsync("box", 7, [new IntakeStore.Fetched(42, mail)], 0);
        var second = await store.StoreMailboxBatchAsync("box", 7, [new IntakeStore.Fetched(42, mail)], 0);

        Assert.AreEqual(1, first.Count);
        Assert.AreEqual(0, second.Count);
        Assert.AreEqual(1, await desk.QueryAsync(db => db.RawMessages.CountAsync()));
        Assert.AreEqual(42, (await store.GetCursorAsync("box")).LastUid);
    }

    [TestMethod]
    public async Task StoreMailboxBatchAsync_NewEmails_ReturnedIdsMatchStoredRows()
    {
        await using var desk = await IntakeTestDesk.CreateAsync();
        var store = desk.Database.Get<IntakeStore>();
        var now = desk.Database.Clock.GetUtcNow();
        var first = Mails.Customer("dana@example.com", "m1@example.com", "Help", "x");
        var second = Mails.Customer("lee@example.com", "m2@example.com", "Locked out", "y");

        var stored = await store.StoreMailboxBatchAsync("box", 7, [new IntakeStore.Fetched(9, second), new IntakeStore.Fetched(4, first)], 3);

        var rows = await desk.QueryAsync(db => db.RawMessages.AsNoTracking().OrderBy(r => r.Id).ToListAsync());
        CollectionAssert.AreEqual(rows.Select(r => r.Id).ToList(), stored.Select(r => r.Id).ToList(), "UID order, ids as the database gave them");
        Assert.AreEqual(4, rows[0].Uid);
        Assert.AreEqual(7, rows[0].UidValidity);
        Assert.AreEqual("box", rows[0].Source);
        CollectionAssert.AreEqual(first, rows[0].Bytes);
        Assert.AreEqual(stored[0].Sha256, rows[0].Sha256);
        Assert.AreEqual(first.Length, rows[0].Size);
        Assert.AreEqual(now.ToUnixTimeMilliseconds(), rows[0].FetchedAt.ToUnixTimeMilliseconds());
        Assert.AreEqual(RawMessageState.Pending, rows[1].State);
        CollectionAssert.AreEqual(second, rows[1].Bytes);
        Assert.AreEqual(9, (await store.GetCursorAsync("box")).LastUid);
    }

    [TestMethod]
    public async Task ProcessPendingAsync_StoredBytes_KeptApartAndNeverRewrittenByTheOutcome()
    {
        // The bytes live in RawMessageBodies so that marking an email processed rewrites a small row, not 20 KB of mail
        // (SQLite rewrites the whole row on UPDATE). Intake must never update or delete them: the database refuses here.
        await using var desk = await IntakeTestDesk.CreateAsync();
        var store = desk.Database.Get<IntakeStore>();
        var mails = Enumerable.Range(0, 5).Select(i => Mails.Customer($"c{i}@example.com", $"m{i}@example.com", $"Question {i}", "help")).ToList();
        await store.StoreMailboxBatchAsync("box", 1, mails.Select((m, i) => new IntakeStore.Fetched(i + 1, m)).ToList(), 0);
        await store.StoreMailboxBatchAsync("box", 1, [new IntakeStore.Fetched(6, mails[0])], 0); // the same email again
        await desk.QueryAsync(db => db.Database.ExecuteSqlRawAsync(TestDatabase.Provider == DatabaseProvider.Sqlite
            ? """
              CREATE TRIGGER keep_u BEFORE UPDATE ON RawMessageBodies BEGIN SELECT RAISE(ABORT, 'bytes rewritten (test)'); END;
              CREATE TRIGGER keep_d BEFORE DELETE ON RawMessageBodies BEGIN SELECT RAISE(ABORT, 'bytes deleted (test)'); END;
              """
            : """
              CREATE FUNCTION keep() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'bytes rewritten (test)'; END $$ LANGUAGE plpgsql;
              CREATE TRIGGER keep BEFORE UPDATE OR DELETE ON "RawMessageBodies" FOR EACH ROW EXECUTE FUNCTION keep();
              """));

        Assert.AreEqual(6, await desk.Pipeline.ProcessPendingAsync());

        var rows = await desk.QueryAsync(db => db.RawMessages.AsNoTracking().OrderBy(r => r.Uid).ToListAsync());
        CollectionAssert.AreEqual(new[] { RawMessageState.Processed, RawMessageState.Processed, RawMessageState.Processed, RawMessageState.Processed,
            RawMessageState.Processed, RawMessageState.Duplicate }, rows.Select(r => r.State).ToList());
        for (var i = 0; i < 6; i++) CollectionAssert.AreEqual(mails[i % 5], rows[i].Bytes, $"stored email {i + 1}");
        Assert.AreEqual(6, await desk.QueryAsync(db => db.Database.SqlQueryRaw<int>("""SELECT COUNT(*) AS "Value" FROM "RawMessageBodies" """).SingleAsync()));
        Assert.AreEqual(5, await desk.QueryAsync(db => db.Tickets.CountAsync()));
    }

    [TestMethod]
    public async Task ProcessAsync_SameMessageIdAndBytesFromAnotherSource_Duplicate()
    {
        await using var desk = await IntakeTestDesk.CreateAsync();
        var mail = Mails.Customer("dana@example.com", "m1@example.com", "Help", "x");
        await desk.TakeInAsync(mail, source: "INBOX");

        var again = await desk.TakeInAsync(mail, source: "drop");

        Assert.AreEqual(RawMessageState.Duplicate, again.State);
        Assert.AreEqual(1, await desk.QueryAsync(db => db.Tickets.CountAsync()));
        Assert.AreEqual(1, await desk.QueryAsync(db => db.Messages.CountAsync()));
        Assert.AreEqual(1, await desk.QueryAsync(db => db.Outbox.CountAsync()), "no second acknowledgment");
    }

    [TestMethod]
    public async Task ProcessAsync_SameMessageIdDifferentBytes_NotADuplicate()
    {
        await using var desk = await IntakeTestDesk.CreateAsync();
        await desk.TakeInAsync(Mails.Customer("dana@example.com", "m1@example.com", "Help", "x"));

        var other = await desk.TakeInAsync(Mails.Customer("dana@example.com", "m1@example.com", "Help", "a different body"));

        Assert.AreEqual(RawMessageState.Processed, other.State);
    }

    [TestMethod]
    public async Task ProcessBatchAsync_MessageOverMaxSize_QuarantinedAndNextFlows()
    {
        await using var desk = await IntakeTestDesk.CreateAsync(new Dictionary<string, string?> { ["Helpdesk:Intake:MaxMessageSize"] = "4096" });
        var now = desk.Database.Clock.GetUtcNow();
        var huge = Mails.Customer("big@example.com", "big@example.com", "Big", new string('a', 10_000));
        var normal = Mails.Customer("dana@example.com", "m1@example.com", "Help", "x");

        var outcomes = await desk.Pipeline.ProcessBatchAsync([new RawMessage("box", 1, 1, huge, now), new RawMessage("box", 1, 2, normal, now)]);

        Assert.AreEqual(RawMessageState.Quarantined, outcomes[0].State);
        StringAssert.Contains(outcomes[0].Error, "Could not read");
        Assert.AreEqual(RawMessageState.Processed, outcomes[1].State);
        var stored = await desk.QueryAsync(db => db.RawMessages.OrderBy(r => r.Id).ToListAsync());
        Assert.AreEqual(2, stored.Count, "the bad one is kept");
        Assert.IsTrue(stored[0].Size > 10_000);
        Assert.AreEqual(RawMessageState.Quarantined, stored[0].State);
    }

    [TestMethod]
    public async Task ProcessBatchAsync_StoredEmails_OutcomeColumnsWrittenAndBytesKept()
    {
        await using var desk = await IntakeTestDesk.CreateAsync();
        var now = desk.Database.Clock.GetUtcNow();
        var customer = Mails.Customer("dana@example.com", "m1@example.com", "Help", "x");
        var autoReply = Mails.AutoReply("robot@example.com", "auto1@example.com");

        var outcomes = await desk.Pipeline.ProcessBatchAsync([new RawMessage("box", 1, 1, customer, now), new RawMessage("box", 1, 2, autoReply, now)]);

        var stored = await desk.QueryAsync(db => db.RawMessages.AsNoTracking().OrderBy(r => r.Uid).ToListAsync());
        Assert.AreEqual(RawMessageState.Processed, stored[0].State);
        Assert.AreEqual(outcomes[0].TicketNumber, stored[0].TicketNumber);
        Assert.IsNotNull(stored[0].TicketNumber);
        Assert.AreEqual("none", stored[0].MachineKind);
        Assert.AreEqual("m1@example.com", stored[0].MessageIdHeader);
        Assert.AreEqual(now.ToUnixTimeMilliseconds(), stored[0].ProcessedAt?.ToUnixTimeMilliseconds());
        CollectionAssert.AreEqual(customer, stored[0].Bytes, "the raw bytes are never rewritten");
        Assert.AreEqual(RawMessageState.Processed, stored[1].State);
        Assert.AreEqual("auto_reply", stored[1].MachineKind);
        Assert.AreEqual("auto1@example.com", stored[1].MessageIdHeader);
        CollectionAssert.AreEqual(autoReply, stored[1].Bytes);
    }

    [TestMethod]
    public async Task ProcessPendingAsync_LeftByCrash_ProcessedOnce()
    {
        await using var desk = await IntakeTestDesk.CreateAsync();
        var store = desk.Database.Get<IntakeStore>();
        await store.StoreMailboxBatchAsync("box", 1, [new IntakeStore.Fetched(1, Mails.Customer("a@example.com", "a@x", "A", "a")),
            new IntakeStore.Fetched(2, Mails.Customer("b@example.com", "b@x", "B", "b"))], 0);

        var first = await desk.Pipeline.ProcessPendingAsync();
        var second = await desk.Pipeline.ProcessPendingAsync();

        Assert.AreEqual(2, first);
        Assert.AreEqual(0, second);
        Assert.AreEqual(2, await desk.QueryAsync(db => db.Tickets.CountAsync()));
    }

    [TestMethod]
    public async Task ProcessBatchAsync_WriteFailsWhileNextChunkIsRead_UnwrittenStayPendingAndAreTakenInOnce()
    {
        // A chunk is read while the one before it is written. A write that fails (here: the database refuses to mark
        // any email past the 150th) must leave everything after it Pending, with nothing of the chunk read ahead written.
        await using var desk = await IntakeTestDesk.CreateAsync();
        var now = desk.Database.Clock.GetUtcNow();
        var count = 2 * IntakePipeline.SqliteWriteChunk + 50;
        var raws = Enumerable.Range(0, count)
            .Select(i => new RawMessage("box", 1, i + 1, Mails.Customer($"c{i}@example.com", $"m{i}@example.com", $"Question {i}", "help"), now)).ToList();
        await desk.QueryAsync(db => db.Database.ExecuteSqlRawAsync(TestDatabase.Provider == DatabaseProvider.Sqlite
            ? "CREATE TRIGGER refuse BEFORE UPDATE ON RawMessages WHEN NEW.Uid > 150 BEGIN SELECT RAISE(ABORT, 'disk full (test)'); END;"
            : """
              CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'disk full (test)'; END $$ LANGUAGE plpgsql;
              CREATE TRIGGER refuse BEFORE UPDATE ON "RawMessages" FOR EACH ROW WHEN (NEW."Uid" > 150) EXECUTE FUNCTION refuse();
              """));

        Exception? failure = null;
        try { await desk.Pipeline.ProcessBatchAsync(raws); }
        catch (Exception e) { failure = e; }

        Assert.IsNotNull(failure, "the refused write stops the batch");
        Assert.AreEqual(150, await desk.QueryAsync(db => db.Tickets.CountAsync()));
        Assert.AreEqual(count - 150, await desk.QueryAsync(db => db.RawMessages.CountAsync(r => r.State == RawMessageState.Pending)));
        Assert.AreEqual(0, await desk.QueryAsync(db => db.RawMessages.CountAsync(r => r.State == RawMessageState.Pending && r.TicketNumber != null)));

        await desk.QueryAsync(db => db.Database.ExecuteSqlRawAsync(TestDatabase.Provider == DatabaseProvider.Sqlite
            ? "DROP TRIGGER refuse;" : "DROP TRIGGER refuse ON \"RawMessages\"; DROP FUNCTION refuse();"));
        var pending = await desk.Pipeline.ProcessPendingAsync();

        Assert.AreEqual(count - 150, pending);
        Assert.AreEqual(count, await desk.QueryAsync(db => db.Tickets.CountAsync()));
        Assert.AreEqual(count, await desk.QueryAsync(db => db.Messages.Select(m => m.MessageIdHeader).Distinct().CountAsync()), "each email in one ticket message");
        Assert.AreEqual(count, await desk.QueryAsync(db => db.Messages.CountAsync()), "none twice");
        Assert.AreEqual(count, await desk.QueryAsync(db => db.Outbox.CountAsync()), "one acknowledgment each");
        // The emails written one by one after their chunk was rolled back point at the ticket that holds them, not at a
        // number the rolled-back attempt had given (PostgreSQL does not give those numbers back).
        var wrong = await desk.QueryAsync(db => db.RawMessages
            .Where(r => !db.Messages.Any(m => m.MessageIdHeader == r.MessageIdHeader && m.TicketNumber == r.TicketNumber))
            .Select(r => r.Uid).ToListAsync());
        Assert.AreEqual(0, wrong.Count, "stored emails pointing at another ticket: UIDs " + string.Join(", ", wrong));
    }

    [TestMethod]
    public async Task ProcessPendingAsync_BySource_EachMailboxLeftToItsLeaseHolder()
    {
        await using var desk = await IntakeTestDesk.CreateAsync();
        var store = desk.Database.Get<IntakeStore>();
        await store.StoreMailboxBatchAsync("box-a", 1, [new IntakeStore.Fetched(1, Mails.Customer("a@example.com", "a@x", "A", "a"))], 0);
        await store.StoreMailboxBatchAsync("box-b", 1, [new IntakeStore.Fetched(1, Mails.Customer("b@example.com", "b@x", "B", "b"))], 0);

        var atStart = await desk.Pipeline.ProcessPendingAsync(exceptSources: ["box-a", "box-b"]);
        var holderOfA = await desk.Pipeline.ProcessPendingAsync(onlySource: "box-a");

        Assert.AreEqual(0, atStart, "a starting instance leaves leased mailboxes to their holders");
        Assert.AreEqual(1, holderOfA);
        Assert.AreEqual(1, await desk.QueryAsync(db => db.RawMessages.CountAsync(r => r.State == RawMessageState.Pending && r.Source == "box-b")));
    }

    [TestMethod]
    public async Task ImportAsync_MboxWithEscapedFrom_SplitsAndUnescapes()
    {
        await using var desk = await IntakeTestDesk.CreateAsync();
        var mbox = Path.Combine(desk.Database.Directory, "in.mbox");
        var one = Encoding.UTF8.GetString(Mails.Customer("a@example.com", "a1@x", "A", "line\r\n>From the start")).Replace("\r\n", "\n");
        var two = Encoding.UTF8.GetString(Mails.Customer("b@example.com", "b1@x", "B", "b")).Replace("\r\n", "\n");
        await File.WriteAllTextAsync(mbox, $"From a@example.com Sun Nov 22 09:00:00 2026\n{one}\nFrom b@example.com Sun Nov 22 09:01:00 2026\n{two}\n");

        var summary = await new MailImporter(desk.Database.Get<IntakeStore>(), desk.Pipeline).ImportAsync([mbox]);

        Assert.AreEqual(2, summary.Emails);
        Assert.AreEqual(2, summary.Processed);
        var texts = await desk.QueryAsync(db => db.Messages.OrderBy(m => m.Id).Select(m => m.Text).ToListAsync());
        StringAssert.Contains(texts[0], "From the start");
        Assert.IsFalse(texts[0].Contains(">From", StringComparison.Ordinal));
    }

    [TestMethod]
    public void MailboxListValidate_MissingHost_NamesTheSetting()
    {
        var list = new MailboxList();
        list.Mailboxes.Add(new MailboxOptions { User = "u", Password = "p" });

        var errors = list.Validate();

        CollectionAssert.Contains(errors.ToList(), "Helpdesk:Mailboxes:0:Host is required.");
        Assert.IsFalse(new MailboxOptions { Host = "h", User = "u", Password = "secret-value" }.ToString().Contains("secret-value", StringComparison.Ordinal));
    }

    [TestMethod]
    public void MailboxListValidate_PlainTextToARemoteHost_RefusedNamingTheSettingButLoopbackAllowed()
    {
        var list = new MailboxList();
        list.Mailboxes.Add(new MailboxOptions { Host = "imap.example.com", User = "u", Password = "p", Security = Helpdesk.Mail.Transport.MailServerSecurity.None });
        list.Mailboxes.Add(new MailboxOptions { Host = "127.0.0.1", User = "u", Password = "p", Security = Helpdesk.Mail.Transport.MailServerSecurity.None, Name = "local" });
        list.Mailboxes.Add(new MailboxOptions { Host = "imap.example.com", User = "u", Password = "p", Timeout = TimeSpan.Zero, Name = "t" });

        var errors = list.Validate();

        Assert.HasCount(2, errors, string.Join("\n", errors));
        StringAssert.StartsWith(errors[0], "Helpdesk:Mailboxes:0:Security None sends the password in plain text");
        StringAssert.StartsWith(errors[1], "Helpdesk:Mailboxes:2:Timeout must be between");
    }
}
