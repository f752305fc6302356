using System.Text.Json;
using Helpdesk.Core.Data;
using Helpdesk.Core.Intake;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Helpdesk.Cli.Commands;

/// <summary>`helpdesk stats`: counts from the database for operators and scripts.</summary>
public sealed class StatsCommand : ICliCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public string Name => "stats";

    public string Summary => "Print counts: tickets, messages, machine mail, quarantined, by intent and status, intake lag";

    public string Usage => """
        Usage: helpdesk stats [--json]

        tickets, messages, stored emails (pending, quarantined, duplicates), machine mails by kind, tickets by intent
        ("unclassified" when none) and by status, and per mailbox the intake lag: UID cursor, messages waiting on the
        server at the last poll, last poll, last good poll, last error.
          --json   one JSON object (for scripts)
        """;

    public async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var options = CliArgs.Parse(args, flags: ["--json"], valued: []);
        using var host = await CliHost.StartAsync(cancellationToken: cancellationToken);
        var counts = await IntakeCounts.ReadAsync(host.Services.GetRequiredService<IDbContextFactory<HelpdeskDbContext>>(), cancellationToken);
        if (options.Flag("--json"))
        {
            await stdout.WriteLineAsync(JsonSerializer.Serialize(counts, Json));
            return 0;
        }
        await stdout.WriteLineAsync($"tickets {counts.Tickets}, messages {counts.Messages}, stored emails {counts.RawMessages} (pending {counts.Pending}, quarantined {counts.Quarantined}, duplicates {counts.Duplicates})");
        await stdout.WriteLineAsync("machine mail: " + string.Join(", ", counts.MachineMailByKind.Select(k => $"{k.Key} {k.Value}")));
        await stdout.WriteLineAsync("by status: " + string.Join(", ", counts.TicketsByStatus.Select(k => $"{k.Key} {k.Value}")));
        await stdout.WriteLineAsync("by intent: " + string.Join(", ", counts.TicketsByIntent.OrderByDescending(k => k.Value).Select(k => $"{k.Key} {k.Value}")));
        foreach (var m in counts.Mailboxes)
            await stdout.WriteLineAsync($"mailbox {m.Mailbox}: uid {m.LastUid}, waiting {m.WaitingOnServer}, last good poll {m.LastGoodPollAt:u}{(m.LastError is null ? "" : ", error: " + m.LastError)}");
        return 0;
    }
}
