using System.ComponentModel.DataAnnotations;

namespace Helpdesk.Core.Intake;

/// <summary>Bound from <c>Helpdesk:Intake</c>.</summary>
public sealed class IntakeOptions
{
    public const string Section = "Helpdesk:Intake";

    /// <summary>Run the intake worker in the web host. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Send an automatic acknowledgment with the ticket number and the FAQ link. Default true.</summary>
    public bool Acknowledge { get; set; } = true;

    /// <summary>At most one acknowledgment per customer within this window. Default 24 hours.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan AcknowledgeWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Folder polled for *.eml files. Default <c>drop</c> under the data directory.</summary>
    public string? DropFolder { get; set; }

    /// <summary>How often the drop folder is looked at. Default 2 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan DropFolderInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How many mailboxes take in mail at the same time. Default 4.</summary>
    [Range(1, 64)]
    public int MaxConcurrentMailboxes { get; set; } = 4;

    /// <summary>How long one IDLE wait lasts before the worker looks again on its own. Default 5 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:29:00")]
    public TimeSpan IdleWait { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>First wait after a failed pass; doubles each failure up to <see cref="MaxReconnectDelay"/>. Default 1 second.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between reconnect attempts. Default 2 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Messages above this size are stored and quarantined unread. Default 64 MiB (the parser's own limit).</summary>
    /// <summary>
    /// How long an instance's hold on a mailbox lasts without renewal (renewed every third of it). When the holder
    /// dies another instance takes the mailbox over after at most this long. Default 20 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:03", "00:10:00", ErrorMessage = "Helpdesk:Intake:MailboxLease must be from 3 seconds to 10 minutes.")]
    public TimeSpan MailboxLease { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>This instance's name in the mailbox lease table; default the machine's name. Give each instance on one machine its own.</summary>
    public string? InstanceName { get; set; }

    [Range(1024, 1L << 31)]
    public long MaxMessageSize { get; set; } = 64L * 1024 * 1024;
}
