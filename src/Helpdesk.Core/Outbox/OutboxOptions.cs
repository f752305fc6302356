using System.ComponentModel.DataAnnotations;
using Helpdesk.Mail.Net;

namespace Helpdesk.Core.Outbox;

/// <summary>Bound from <c>Helpdesk:Outbox</c>: where replies are submitted and how fast.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Helpdesk:Outbox";

    /// <summary>Submission server host. Empty: replies queue and wait (the lead dashboard shows it); default empty.</summary>
    public string? Host { get; set; }

    /// <summary>Default 587 (submission with STARTTLS).</summary>
    [Range(1, 65535, ErrorMessage = "Helpdesk:Outbox:Port must be from 1 to 65535.")]
    public int Port { get; set; } = 587;

    /// <summary>None, StartTls (default) or Tls (implicit, usually port 465).</summary>
    public MailSecurity Security { get; set; } = MailSecurity.StartTls;

    public string? User { get; set; }

    /// <summary>From the environment or a secrets file; never logged.</summary>
    public string? Password { get; set; }

    /// <summary>Trust exactly this certificate (a PEM file path or "sha256:HEX") for a self-signed server. Default none.</summary>
    public string? PinnedCertificate { get; set; }

    /// <summary>Envelope sender: where bounces go, which intake reads. Default the desk's address.</summary>
    public string EnvelopeFrom { get; set; } = "passwordchange@meridian.example";

    /// <summary>Sends per second across the desk; providers cap senders. Default 20.</summary>
    [Range(0.1, 10_000, ErrorMessage = "Helpdesk:Outbox:MaxPerSecond must be from 0.1 to 10000.")]
    public double MaxPerSecond { get; set; } = 20;

    /// <summary>Attempts before a reply that keeps failing temporarily is marked failed. Default 10 (about a day with the delays below).</summary>
    [Range(1, 100, ErrorMessage = "Helpdesk:Outbox:MaxAttempts must be from 1 to 100.")]
    public int MaxAttempts { get; set; } = 10;

    /// <summary>First retry delay, doubled per attempt with ±20 % jitter. Default 30 s.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest retry delay. Default 4 h.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(4);

    /// <summary>How long a dispatcher holds the items it is sending before another may take them. Default 2 min.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Items claimed per pass. Default 50.</summary>
    [Range(1, 10_000, ErrorMessage = "Helpdesk:Outbox:BatchSize must be from 1 to 10000.")]
    public int BatchSize { get; set; } = 50;

    /// <summary>
    /// Agents' replies go before due bulk replies; this share of each pass (at least one item when a pass holds two or
    /// more) stays for bulk replies while both wait, so a lead's batch still moves during a busy hour. Default 0.1.
    /// </summary>
    [Range(0.0, 0.9, ErrorMessage = "Helpdesk:Outbox:BulkShare must be from 0 to 0.9.")]
    public double BulkShare { get; set; } = 0.1;

    /// <summary>Start paused (a lead resumes from the dashboard). Default false.</summary>
    public bool StartPaused { get; set; }

    /// <summary>How long an instance trusts its copy of the shared pause state before reading it again. Default 3 s.</summary>
    public TimeSpan PauseCheckInterval { get; set; } = TimeSpan.FromSeconds(3);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}
