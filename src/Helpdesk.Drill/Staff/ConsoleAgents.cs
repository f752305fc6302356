using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Helpdesk.Drill.Staff;

/// <summary>
/// The real console in the drill, supplied by a caller that can host the web project and drive Chromium (the
/// benchmarks' drill command, the drill tests); this library stays free of both. With one, desk instance 1 is the
/// console's web host, so the simulated agents (through its services) and the console agents (through HTTP and the
/// Blazor circuit) work on one desk, and every reply goes through the same <c>ReplyService</c>.
/// </summary>
public interface IDrillConsole
{
    /// <summary>
    /// Builds, without starting, desk instance 1 as the console: the web host with the desk's intake and outbox workers,
    /// configured by <paramref name="settings"/> (the drill's desk settings). The drill migrates, starts and stops it.
    /// </summary>
    IHost BuildHost(IReadOnlyDictionary<string, string?> settings, ILoggerProvider? log);

    /// <summary>Once the host has started: waits until the console serves pages and returns its address.</summary>
    Task<Uri> ReadyAsync(IHost host, CancellationToken cancellationToken);

    /// <summary>
    /// The console agents' shift: each signs in at <paramref name="console"/> in a browser of their own and answers on
    /// /answer until <paramref name="shiftEnds"/>, reporting into <paramref name="agents"/>.
    /// </summary>
    Task RunAgentsAsync(Uri console, ConsoleAgents agents, CancellationToken shiftEnds);
}

/// <summary>The console agents' accounts (a password made for the run) and what they did and measured.</summary>
public sealed class ConsoleAgents(IReadOnlyList<string> userNames, IReadOnlyList<long> staffIds, string password, TimeSpan thinkTime, DrillClock clock)
{
    public const string Prefix = "drill-week-console-";

    private long _sends, _skips, _failures, _emptyAfterSend;

    public IReadOnlyList<string> UserNames { get; } = userNames;

    public IReadOnlyList<long> StaffIds { get; } = staffIds;

    public string Password { get; } = password;

    /// <summary>Mean time an agent reads a ticket before picking the suggestion (the simulated agents' think time).</summary>
    public TimeSpan ThinkTime { get; } = thinkTime;

    /// <summary>Send (Ctrl+Enter) → the next ticket rendered, measured in the page, milliseconds, by real seconds since the week began.</summary>
    public Observations SendToNextMs { get; } = new();

    public long Sends => Interlocked.Read(ref _sends);

    /// <summary>Sends after which the queue was empty: no next ticket to time.</summary>
    public long EmptyAfterSend => Interlocked.Read(ref _emptyAfterSend);

    public long Skips => Interlocked.Read(ref _skips);

    public long Failures => Interlocked.Read(ref _failures);

    public string? LastError { get; private set; }

    /// <summary>A reply went; <paramref name="sendToNextMs"/> is null when no next ticket followed (the queue was empty).</summary>
    public void Sent(double? sendToNextMs)
    {
        Interlocked.Increment(ref _sends);
        if (sendToNextMs is { } ms) SendToNextMs.Add(clock.Elapsed.TotalSeconds, ms);
        else Interlocked.Increment(ref _emptyAfterSend);
    }

    public void Skipped() => Interlocked.Increment(ref _skips);

    public void Failed(string error)
    {
        Interlocked.Increment(ref _failures);
        LastError = error;
    }
}
