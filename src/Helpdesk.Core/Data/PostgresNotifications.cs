using System.Globalization;
using System.Text;
using Helpdesk.Core.Abstractions;
using Helpdesk.Core.Intake;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Helpdesk.Core.Data;

/// <summary>
/// Live updates across desk instances on PostgreSQL: "tickets changed" is raised in this process at once and sent to
/// the other instances with NOTIFY; <see cref="PostgresNotificationListener"/> raises what the others send. On SQLite
/// there is one instance and <see cref="InProcessDeskNotifier"/> alone is used.
/// </summary>
public sealed class PostgresDeskNotifier(InProcessDeskNotifier local, DatabaseTarget database, ILogger<PostgresDeskNotifier> logger)
    : IDeskNotifier, IAsyncDisposable
{
    public const string Channel = "helpdesk_tickets";

    /// <summary>Desk-wide settings: the payload is "ORIGIN:name".</summary>
    public const string SettingsChannel = "helpdesk_settings";

    /// <summary>NOTIFY payloads must stay under 8,000 bytes; ticket numbers are sent in chunks below that.</summary>
    internal const int MaxPayloadBytes = 7_000;

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(database.ConnectionString);

    /// <summary>Marks this process's own notifications, which the listener ignores (they were raised locally already).</summary>
    public string Origin { get; } = Guid.NewGuid().ToString("N")[..12];

    public void TicketsChanged(IReadOnlyCollection<long> ticketNumbers)
    {
        if (ticketNumbers.Count == 0) return;
        local.TicketsChanged(ticketNumbers);
        _ = SendAsync(ticketNumbers.ToArray());
    }

    public void SettingChanged(string name)
    {
        local.SettingChanged(name);
        _ = NotifyAsync(SettingsChannel, Origin + ":" + name);
    }

    private async Task NotifyAsync(string channel, string payload)
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync().ConfigureAwait(false);
            await using var cmd = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
            cmd.Parameters.AddWithValue("channel", channel);
            cmd.Parameters.AddWithValue("payload", payload);
            await cmd.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            logger.LogWarning("Could not tell the other desk instances that {Payload} changed: {Error}", payload, e.Message);
        }
    }

    private async Task SendAsync(long[] numbers)
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync().ConfigureAwait(false);
            foreach (var payload in Payloads(Origin, numbers))
            {
                await using var cmd = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
                cmd.Parameters.AddWithValue("channel", Channel);
                cmd.Parameters.AddWithValue("payload", payload);
                await cmd.ExecuteNonQueryAsync().ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            // Other instances' screens refresh on their own timers too; a lost notification delays, never loses, work.
            logger.LogWarning("Could not tell the other desk instances about {Count} changed tickets: {Error}", numbers.Length, e.Message);
        }
    }

    /// <summary>"ORIGIN:1,2,3" in chunks that fit a NOTIFY payload.</summary>
    internal static IEnumerable<string> Payloads(string origin, IReadOnlyList<long> numbers)
    {
        var sb = new StringBuilder(origin).Append(':');
        var empty = sb.Length;
        foreach (var n in numbers)
        {
            var text = n.ToString(CultureInfo.InvariantCulture);
            if (sb.Length + text.Length + 1 > MaxPayloadBytes)
            {
                yield return sb.ToString(0, sb.Length - 1);
                sb.Length = empty;
            }
            sb.Append(text).Append(',');
        }
        if (sb.Length > empty) yield return sb.ToString(0, sb.Length - 1);
    }

    /// <summary>The origin and ticket numbers of a payload, or null when it is not one of the desk's.</summary>
    internal static (string Origin, long[] Numbers)? Parse(string payload)
    {
        var colon = payload.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0) return null;
        var numbers = new List<long>();
        foreach (var part in payload.AsSpan(colon + 1).Split(','))
        {
            if (!long.TryParse(payload.AsSpan(colon + 1)[part], NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return null;
            numbers.Add(n);
        }
        return (payload[..colon], numbers.ToArray());
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}

/// <summary>
/// Holds one connection that LISTENs for the other instances' "tickets changed" and raises them in this process.
/// Reconnects after a lost connection; what changed meanwhile reaches screens through their refresh timers.
/// </summary>
public sealed class PostgresNotificationListener(PostgresDeskNotifier notifier, InProcessDeskNotifier local, DatabaseTarget database,
    TimeProvider time, ILogger<PostgresNotificationListener> logger) : BackgroundService
{
    /// <summary>Set once the LISTEN is in place (tests wait for it before they expect anything).</summary>
    public Task Listening => _listening.Task;

    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { KeepAlive = 30 }.ConnectionString);
                await connection.OpenAsync(stoppingToken).ConfigureAwait(false);
                connection.Notification += (_, e) =>
                {
                    if (e.Channel == PostgresDeskNotifier.SettingsChannel)
                    {
                        var colon = e.Payload.IndexOf(':', StringComparison.Ordinal);
                        if (colon > 0 && e.Payload[..colon] != notifier.Origin) local.SettingChanged(e.Payload[(colon + 1)..]);
                    }
                    else if (PostgresDeskNotifier.Parse(e.Payload) is { } parsed && parsed.Origin != notifier.Origin)
                        local.TicketsChanged(parsed.Numbers);
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {PostgresDeskNotifier.Channel}; LISTEN {PostgresDeskNotifier.SettingsChannel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken).ConfigureAwait(false);
                _listening.TrySetResult();
                failures = 0;
                while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                failures++;
                var delay = TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, failures - 1)));
                logger.LogWarning("Live updates from other desk instances paused ({Error}); reconnecting in {Delay} s", e.Message, delay.TotalSeconds);
                try { await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false); }
                catch (OperationCanceledException) { return; }
            }
        }
    }
}
