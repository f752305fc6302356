using System.Diagnostics;
using Helpdesk.Core.Abstractions;
using Helpdesk.Core.Classification;
using Helpdesk.Core.Data;
using Helpdesk.Core.Diagnostics;
using Helpdesk.Mail.Reading;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Helpdesk.Core.Intake;

/// <summary>What became of one stored email.</summary>
public sealed record IntakeOutcome(long RawMessageId, RawMessageState State, long? TicketNumber, string? MachineKind, string? Error);

/// <summary>
/// Turns stored emails into tickets: parse, machine mail, threading, masking, classification, ticket created or
/// updated, acknowledgment queued, the stored email marked processed, the console told. A batch is one write
/// transaction (the expensive part of intake on SQLite is the commit, not the work); a message that cannot be
/// processed is quarantined with the reason and the others go on.
/// </summary>
public sealed class IntakePipeline
{
    private readonly IDbContextFactory<HelpdeskDbContext> _factory;
    private readonly ITicketClassifier _classifier;
    private readonly IDeskNotifier _notifier;
    private readonly Acknowledgments _acknowledgments;
    private readonly Security.SecurityOptions _security;
    private readonly Security.SecurityFeed _securityFeed;
    private readonly TimeProvider _time;
    private readonly ILogger<IntakePipeline> _logger;
    private readonly EmailReader _reader;
    private readonly Authenticity.SenderChecks _senders;
    // One batch at a time: two mailboxes creating the same new customer at once would collide on the unique address.
    private readonly SemaphoreSlim _serial = new(1, 1);

    public IntakePipeline(IDbContextFactory<HelpdeskDbContext> factory, ITicketClassifier classifier, IDeskNotifier notifier,
        Acknowledgments acknowledgments, IOptions<IntakeOptions> options, TimeProvider time, ILogger<IntakePipeline> logger,
        IOptions<Security.SecurityOptions> security, Security.SecurityFeed securityFeed, Authenticity.SenderChecks senders)
    {
        _security = security.Value;
        _securityFeed = securityFeed;
        _senders = senders;
        _factory = factory;
        _classifier = classifier;
        _notifier = notifier;
        _acknowledgments = acknowledgments;
        _time = time;
        _logger = logger;
        _reader = new EmailReader(new MimeParserOptions { MaxMessageSize = options.Value.MaxMessageSize });
    }

    /// <summary>Time spent per stage since start (parse, database), for the benchmark's "which stage limits it".</summary>
    public IntakeStageTimes StageTimes { get; } = new();

    /// <summary>Processes one email; stores it first when it has not been stored yet.</summary>
    public async Task<IntakeOutcome> ProcessAsync(RawMessage raw, CancellationToken cancellationToken = default)
    {
        var outcomes = await ProcessBatchAsync([raw], cancellationToken).ConfigureAwait(false);
        return outcomes[0];
    }

    /// <summary>Processes stored emails together (one transaction); returns one outcome per email, in order.</summary>
    public async Task<IReadOnlyList<IntakeOutcome>> ProcessBatchAsync(IReadOnlyList<RawMessage> raws, CancellationToken cancellationToken = default)
    {
        if (raws.Count == 0) return [];
        await _serial.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (raws.Any(r => r.Id == 0)) await StoreUnsavedAsync(raws, cancellationToken).ConfigureAwait(false);
            var clock = Stopwatch.StartNew();
            if (!_classifier.IsReady)
            {
                await WaitForModelAsync(cancellationToken).ConfigureAwait(false);
                StageTimes.Add(IntakeStage.Model, clock.Elapsed);
                clock.Restart();
            }
            // Each write chunk is read (parse, mask, classify, sender checks: CPU and DNS waits) while the chunk before it
            // is written (the one SQLite writer): the stages ran one after another and left a core idle. Reading has no
            // side effects, so a crash anywhere still leaves exactly the unwritten chunks Pending.
            var chunks = raws.Chunk(await WriteChunkAsync(cancellationToken).ConfigureAwait(false)).ToList();
            var written = new List<IntakeOutcome>(raws.Count);
            Task<List<PreparedMessage>>? reading = PrepareAsync(chunks[0], overlapped: false, cancellationToken);
            for (var k = 0; k < chunks.Count; k++)
            {
                var prepared = await reading!.ConfigureAwait(false);
                reading = k + 1 < chunks.Count ? PrepareAsync(chunks[k + 1], overlapped: true, cancellationToken) : null;
                try
                {
                    clock.Restart();
                    written.AddRange(await WriteOrOneByOneAsync(prepared, cancellationToken).ConfigureAwait(false));
                    StageTimes.Add(IntakeStage.Database, clock.Elapsed);
                }
                catch
                {
                    // Not left running unobserved; what it read is simply read again from the Pending rows.
                    if (reading is not null) await ((Task)reading).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    throw;
                }
            }
            return written;
        }
        finally
        {
            _serial.Release();
        }
    }

    /// <summary>
    /// Reads one chunk on the thread pool: parsing, sanitizing and masking are pure CPU work per message, spread over the
    /// cores; then the sender checks. While a chunk is being written (<paramref name="overlapped"/>) one core is left to
    /// the writer, which the whole batch waits on.
    /// </summary>
    private Task<List<PreparedMessage>> PrepareAsync(RawMessage[] raws, bool overlapped, CancellationToken cancellationToken) => Task.Run(async () =>
    {
        var clock = Stopwatch.StartNew();
        var prepared = new List<PreparedMessage>(new PreparedMessage[raws.Length]);
        var cores = overlapped ? Math.Max(1, Environment.ProcessorCount - 1) : Environment.ProcessorCount;
        Parallel.For(0, raws.Length, new ParallelOptions { MaxDegreeOfParallelism = cores, CancellationToken = cancellationToken },
            i => prepared[i] = Prepare(raws[i]));
        StageTimes.Add(IntakeStage.Parse, clock.Elapsed);
        clock.Restart();
        await CheckSendersAsync(prepared, cancellationToken).ConfigureAwait(false);
        StageTimes.Add(IntakeStage.Senders, clock.Elapsed);
        return prepared;
    }, cancellationToken);

    /// <summary>
    /// How many emails one write transaction takes. SQLite has one writer: a whole fetch batch (500) in one transaction
    /// held every claim and every send behind it for seconds while a surge came in (the breach-week drill measured claim
    /// p99 at 9.3 s), so there a batch is written <see cref="SqliteWriteChunk"/> at a time, each chunk atomic (a crash
    /// leaves the rest Pending for the next pass). PostgreSQL writes the batch at once (no single writer to wait for).
    /// </summary>
    private async ValueTask<int> WriteChunkAsync(CancellationToken cancellationToken)
    {
        if (_writeChunk is { } known) return known;
        await using var db = await _factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return (_writeChunk = Data.Sql.ProviderSql.For(db).WriteGate(db) is null ? int.MaxValue : SqliteWriteChunk).Value;
    }

    /// <summary>Emails per write transaction on SQLite (see <see cref="WriteChunkAsync"/>).</summary>
    internal const int SqliteWriteChunk = 100;

    private int? _writeChunk;

    private async Task<IReadOnlyList<IntakeOutcome>> WriteOrOneByOneAsync(IReadOnlyList<PreparedMessage> prepared, CancellationToken cancellationToken)
    {
        try
        {
            return await WriteAsync(prepared, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException && prepared.Count > 1)
        {
            // One message the database refuses must not hold back the others: go one by one.
            _logger.IntakeBatchFailed(e, prepared.Count);
            var outcomes = new List<IntakeOutcome>(prepared.Count);
            foreach (var p in prepared) outcomes.Add(await WriteOneOrQuarantineAsync(p, cancellationToken).ConfigureAwait(false));
            return outcomes;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return [await QuarantineAsync(prepared[0].Raw, "Processing failed: " + e.Message, cancellationToken).ConfigureAwait(false)];
        }
    }

    /// <summary>Processes every stored email still Pending (left by a crash or a stopped process), oldest first.</summary>
    /// <param name="onlySource">Only this source's emails (a mailbox, by the lease holder), or null for all.</param>
    /// <param name="exceptSources">Leave these sources' emails to whoever holds their lease.</param>
    public async Task<int> ProcessPendingAsync(int batchSize = 500, CancellationToken cancellationToken = default,
        string? onlySource = null, IReadOnlyCollection<string>? exceptSources = null)
    {
        var except = exceptSources?.ToList() ?? [];
        var total = 0;
        long after = 0;
        while (true)
        {
            List<RawMessage> batch;
            await using (var db = await _factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
            {
                batch = await db.RawMessages.AsNoTracking()
                    .Where(r => r.State == RawMessageState.Pending && r.Id > after)
                    .Where(r => onlySource == null || r.Source == onlySource)
                    .Where(r => !except.Contains(r.Source))
                    .OrderBy(r => r.Id).Take(batchSize).ToListAsync(cancellationToken).ConfigureAwait(false);
            }
            if (batch.Count == 0) return total;
            after = batch[^1].Id;
            await ProcessBatchAsync(batch, cancellationToken).ConfigureAwait(false);
            total += batch.Count;
        }
    }

    /// <summary>
    /// No ticket without a verdict: on a fresh desk the intent model is still loading or training (seconds), so the batch
    /// waits for it; its mail is stored already. Only when there can be no model (no training data) does it go on
    /// unclassified rather than lose or hold mail.
    /// </summary>
    private async Task WaitForModelAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _classifier.WarmUpAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.IntakeUnclassified(e);
        }
    }

    /// <summary>
    /// Who really sent each person's mail (DNS work, so concurrent and bounded by the checks' own timeout). A check that
    /// goes wrong leaves the mail unchecked rather than holding it back.
    /// </summary>
    private async Task CheckSendersAsync(List<PreparedMessage> prepared, CancellationToken cancellationToken)
    {
        if (!_senders.Enabled) return;
        await Parallel.ForEachAsync(prepared.Where(p => p.Email is { Machine.IsMachine: false }),
            new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (p, ct) =>
            {
                try
                {
                    p.Senders = await _senders.CheckAsync(p.Email!, ct).ConfigureAwait(false);
                    p.Prediction = WithForwardEvidence(p.Prediction, p.Senders.Forwarded);
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    _logger.IntakeSenderCheckFailed(e, p.Raw.Id);
                }
            }).ConfigureAwait(false);
    }

    /// <summary>
    /// A customer who forwards a mail that claims to be from us (or imitates us) is asking whether it is real. When the
    /// classifier is unsure (a bare forward says little in the customer's own words), the forward's evidence decides:
    /// "Is this really you?", with the classifier's own probability for it where it ranked it.
    /// </summary>
    internal static IntentPrediction WithForwardEvidence(IntentPrediction prediction, Mail.Authenticity.PhishingJudgment? forwarded)
    {
        if (!prediction.NeedsTriage || forwarded is not { ClaimsUs: true }) return prediction;
        var score = prediction.Top.FirstOrDefault(t => t.Intent == Intents.SeedIntents.PhishingCheck)?.Probability;
        return prediction with { Intent = Intents.SeedIntents.PhishingCheck, Confidence = score, NeedsTriage = false };
    }

    private async Task StoreUnsavedAsync(IReadOnlyList<RawMessage> raws, CancellationToken cancellationToken)
    {
        await using var db = await _factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        db.RawMessages.AddRange(raws.Where(r => r.Id == 0));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    private PreparedMessage Prepare(RawMessage raw)
    {
        try
        {
            var email = _reader.Read(raw.Bytes);
            var prepared = new PreparedMessage(raw, email, null);
            if (!email.Machine.IsMachine)
            {
                prepared.Text = SensitiveDataMasker.Mask(email.Text);
                prepared.VisibleText = SensitiveDataMasker.Mask(email.VisibleText);
                prepared.Prediction = _classifier.IsReady ? _classifier.Classify(email.Subject, prepared.VisibleText) : IntentPrediction.Unclassified;
                _ = email.Html; // sanitized here, on the parallel path, not inside the write transaction
                // Attachments decoded and hashed here too: the ticket's attachment rows need size and SHA-256.
                foreach (var attachment in email.Attachments) _ = attachment.Sha256;
            }
            return prepared;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new PreparedMessage(raw, null, $"Could not read the message: {e.Message}");
        }
    }

    private async Task<IReadOnlyList<IntakeOutcome>> WriteAsync(IReadOnlyList<PreparedMessage> prepared, CancellationToken cancellationToken)
    {
        await using var db = await _factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var gate = Data.Sql.ProviderSql.For(db).WriteGate(db);
        if (gate is not null) await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        IntakeBatch batch;
        try
        {
            // BEGIN IMMEDIATE on SQLite: the reads below see what the writes will change (no other writer between).
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            batch = new IntakeBatch(db, prepared, _acknowledgments, _time.GetUtcNow(), _security, StageTimes);
            await batch.RunAsync(cancellationToken).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate?.Release();
        }
        if (batch.ChangedTickets.Count > 0) _notifier.TicketsChanged(batch.ChangedTickets);
        if (batch.PhishingReports > 0) _securityFeed.ReportsAdded(batch.AlertsRaised);
        RecordTakenIn(prepared, batch.Outcomes, _time.GetUtcNow());
        return batch.Outcomes;
    }

    /// <summary>Counts, lag from fetch and bounces of a written batch, one email at a time (see <see cref="Diagnostics.DeskMetrics"/>).</summary>
    private static void RecordTakenIn(IReadOnlyList<PreparedMessage> prepared, IReadOnlyList<IntakeOutcome> outcomes, DateTimeOffset now)
    {
        var fetched = prepared.ToDictionary(p => p.Raw.Id, p => p.Raw.FetchedAt);
        foreach (var outcome in outcomes)
            Diagnostics.DeskMetrics.TakenIn(outcome.State.ToString().ToLowerInvariant(),
                fetched.TryGetValue(outcome.RawMessageId, out var at) ? now - at : null,
                string.Equals(outcome.MachineKind, "bounce", StringComparison.OrdinalIgnoreCase));
    }

    private async Task<IntakeOutcome> WriteOneOrQuarantineAsync(PreparedMessage prepared, CancellationToken cancellationToken)
    {
        try
        {
            return (await WriteAsync([prepared.Fresh()], cancellationToken).ConfigureAwait(false))[0];
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.IntakeQuarantined(e, prepared.Raw.Id);
            return await QuarantineAsync(prepared.Raw, "Processing failed: " + e.Message, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<IntakeOutcome> QuarantineAsync(RawMessage raw, string reason, CancellationToken cancellationToken)
    {
        await using var db = await _factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var stored = await db.RawMessages.FirstAsync(r => r.Id == raw.Id, cancellationToken).ConfigureAwait(false);
        if (stored.State == RawMessageState.Pending) stored.Quarantine(reason, _time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new IntakeOutcome(stored.Id, stored.State, stored.TicketNumber, stored.MachineKind, stored.Error);
    }
}

/// <summary>One stored email read and masked, before the database work.</summary>
internal sealed class PreparedMessage(RawMessage raw, ParsedEmail? email, string? error)
{
    public RawMessage Raw { get; } = raw;

    public ParsedEmail? Email { get; } = email;

    public string? Error { get; } = error;

    public string Text { get; set; } = "";

    public string VisibleText { get; set; } = "";

    public IntentPrediction Prediction { get; set; } = IntentPrediction.Unclassified;

    /// <summary>The sender checks, or null when they were off or went wrong.</summary>
    public Authenticity.SenderCheckResult? Senders { get; set; }

    /// <summary>
    /// For a retry in a new database context after a rolled-back write: the stored email forgets what the failed attempt
    /// marked on it (its row is still Pending), the parse and the checks are kept.
    /// </summary>
    public PreparedMessage Fresh()
    {
        Raw.ForgetUncommittedOutcome();
        return new(Raw, Email, Error) { Text = Text, VisibleText = VisibleText, Prediction = Prediction, Senders = Senders };
    }
}

public enum IntakeStage
{
    Fetch,
    Store,
    Parse,
    Database,
    Server,
    /// <summary>Inside Database: the batch's look-ups (customers, threads, duplicates).</summary>
    Lookup,
    /// <summary>Inside Database: SaveChanges of tickets, messages, customers.</summary>
    Save,
    /// <summary>Inside Database: acknowledgments built and saved, stored emails marked.</summary>
    Acknowledge,
    /// <summary>Sender authenticity and lookalikes (DNS).</summary>
    Senders,
    /// <summary>Waiting for the intent model: on a desk's first start it is trained from the seed set (tens of seconds).</summary>
    Model,
}

/// <summary>Accumulated wall time per intake stage (thread-safe).</summary>
public sealed class IntakeStageTimes
{
    private readonly long[] _ticks = new long[Enum.GetValues<IntakeStage>().Length];

    public void Add(IntakeStage stage, TimeSpan elapsed) => Interlocked.Add(ref _ticks[(int)stage], elapsed.Ticks);

    public TimeSpan this[IntakeStage stage] => TimeSpan.FromTicks(Interlocked.Read(ref _ticks[(int)stage]));

    public void Reset()
    {
        for (var i = 0; i < _ticks.Length; i++) Interlocked.Exchange(ref _ticks[i], 0);
    }
}
