using Helpdesk.Mail.Transport.OAuth2;
using Helpdesk.Mail.Transport;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Helpdesk.Core.Outbox;

/// <summary>Runs the dispatcher while the desk runs: a pass whenever something may be due, never a crash loop.</summary>
public sealed partial class OutboxWorker(OutboxDispatcher dispatcher, OutboxOptions options, TimeProvider time, ILogger<OutboxWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.IsConfigured)
        {
            LogNotConfigured(logger);
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            var handled = 0;
            Diagnostics.WorkerHeartbeat.Outbox.Beat(time);
            try
            {
                handled = await dispatcher.DispatchOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // One bad pass (database busy, a bug on one item) must not stop sending for the day.
                LogPassFailed(logger, e);
            }
            if (handled == 0)
            {
                try { await Task.Delay(TimeSpan.FromMilliseconds(250), time, stoppingToken); }
                catch (OperationCanceledException) { break; }
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await dispatcher.DisposeAsync();
    }

    [LoggerMessage(EventId = 7010, Level = LogLevel.Warning, Message = "No SMTP server configured (Helpdesk:Outbox:Host): replies are queued and not sent")]
    private static partial void LogNotConfigured(ILogger logger);

    [LoggerMessage(EventId = 7011, Level = LogLevel.Error, Message = "Outbox pass failed; trying again")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}

/// <summary>
/// SMTP submission as configured under Helpdesk:Outbox, on MailKit: one <see cref="SmtpSender"/> per connection the
/// dispatcher keeps, each with its own DKIM signer when a key is configured, its conversation logged at Trace under
/// the "Helpdesk.Mail.Smtp" category with credentials redacted.
/// </summary>
public sealed class SmtpSubmitterFactory(OutboxOptions options, ILoggerFactory loggers, MailTokenProviders tokens) : IMailSubmitterFactory
{
    private readonly ILogger _protocolLog = loggers.CreateLogger("Helpdesk.Mail.Smtp");

    public IMailSubmitter Create()
    {
        MailServerPin? pin = null;
        if (options.PinnedCertificate is { Length: > 0 } p)
            pin = p.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase)
                ? MailServerPin.FromSha256Fingerprint(p["sha256:".Length..])
                : MailServerPin.FromPemFile(p);
        return new SmtpSender(new SmtpSenderOptions
        {
            Host = options.Host!,
            Port = options.Port,
            Security = options.Security,
            PinnedCertificate = pin,
            UserName = string.IsNullOrEmpty(options.User) ? null : options.User,
            Password = options.Password,
            Dkim = options.Dkim.CreateSigner(),
            Login = options.SignIn(),
            Tokens = tokens.For("outbox", options.SignIn()),
        }, _protocolLog);
    }
}
