using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Helpdesk.Core.Diagnostics;

/// <summary>
/// The desk's own meters (meter "Helpdesk"), exported by the web host at /metrics and by OTLP. Static so that each
/// service records with one call and needs no new constructor parameter; a process runs one desk, so one meter.
/// Names follow OpenTelemetry's conventions; the Prometheus exporter turns "helpdesk.outbox.sent" into
/// <c>helpdesk_outbox_sent_total</c> and seconds histograms into <c>..._seconds</c>.
/// </summary>
public static class DeskMetrics
{
    public const string MeterName = "Helpdesk";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Emails = Meter.CreateCounter<long>("helpdesk.intake.emails", "{email}",
        "Stored emails processed by intake, by what became of them (processed, quarantined, ignored).");

    private static readonly Histogram<double> Lag = Meter.CreateHistogram<double>("helpdesk.intake.lag", "s",
        "From fetching an email to its ticket being written.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900, 3600] });

    private static readonly Counter<long> Bounces = Meter.CreateCounter<long>("helpdesk.intake.bounces", "{email}",
        "Delivery failure reports taken in (each marks a reply bounced).");

    private static readonly Counter<long> Claims = Meter.CreateCounter<long>("helpdesk.queue.claims", "{ticket}",
        "Tickets claimed by agents (next ticket, or one chosen by number).");

    private static readonly Counter<long> Sends = Meter.CreateCounter<long>("helpdesk.outbox.sent", "{email}",
        "Replies the SMTP server accepted.");

    private static readonly Counter<long> SendFailures = Meter.CreateCounter<long>("helpdesk.outbox.failures", "{attempt}",
        "Send attempts that did not go through, by outcome: retry (temporary), failed (permanent or gave up), paused (login refused).");

    private static readonly Histogram<double> ClassifierLatency = Meter.CreateHistogram<double>("helpdesk.classifier.duration", "s",
        "Time to classify one email's intent.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1] });

    // The waiting tickets per intent, as last read by QueueDepthSampler; a scrape never waits on the database.
    private static volatile IReadOnlyDictionary<string, long> _queueDepth = new Dictionary<string, long>();
    private static volatile IntakeBacklog _backlog = new(0, null);

    static DeskMetrics()
    {
        Meter.CreateObservableGauge("helpdesk.queue.depth", ObserveQueueDepth, "{ticket}",
            "New and open tickets waiting, by intent (\"unclassified\" when none), sampled every few seconds.");
        Meter.CreateObservableGauge("helpdesk.intake.pending", () => _backlog.Pending, "{email}",
            "Stored emails not yet turned into tickets.");
        Meter.CreateObservableGauge("helpdesk.intake.oldest_pending_age", () => _backlog.OldestAge?.TotalSeconds ?? 0, "s",
            "Age of the oldest stored email not yet turned into a ticket (0 when none): intake lag while intake is stuck.");
    }

    /// <summary>Intake finished one stored email: its state, how long after fetching, whether it was a bounce. Called per email of a batch.</summary>
    public static void TakenIn(string state, TimeSpan? sinceFetched, bool bounce)
    {
        Emails.Add(1, new KeyValuePair<string, object?>("state", state));
        if (sinceFetched is { } lag) Lag.Record(Math.Max(0, lag.TotalSeconds));
        if (bounce) Bounces.Add(1);
    }

    public static void Claimed() => Claims.Add(1);

    public static void Sent() => Sends.Add(1);

    /// <param name="outcome">retry, failed or paused.</param>
    public static void SendFailed(string outcome) => SendFailures.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>Times one classification: <c>using var _ = DeskMetrics.TimeClassification();</c>.</summary>
    public static ClassificationTiming TimeClassification() => new(Stopwatch.GetTimestamp());

    public readonly struct ClassificationTiming(long started) : IDisposable
    {
        public void Dispose() => ClassifierLatency.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    internal static void SetQueueDepth(IReadOnlyDictionary<string, long> byIntent) => _queueDepth = byIntent;

    internal static void SetIntakeBacklog(IntakeBacklog backlog) => _backlog = backlog;

    private static IEnumerable<Measurement<long>> ObserveQueueDepth() =>
        _queueDepth.Select(kv => new Measurement<long>(kv.Value, new KeyValuePair<string, object?>("intent", kv.Key)));
}

/// <summary>Stored emails waiting for intake and how long the oldest has waited.</summary>
public sealed record IntakeBacklog(long Pending, TimeSpan? OldestAge);
