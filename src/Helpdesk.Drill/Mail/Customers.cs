using System.Collections.Concurrent;
using System.Threading.Channels;
using Helpdesk.Mail.Transport;
using Helpdesk.Testing.Mail;

namespace Helpdesk.Drill.Mail;

/// <summary>
/// The customers: each mail is submitted to Postfix by SMTP at its moment of the compressed week, on a few
/// connections, exactly as mail arrives from the internet (Postfix hands it to Dovecot over LMTP).
/// </summary>
public sealed class Customers(DrillOptions options, LoopbackMailServers servers, DrillClock clock)
{
    /// <summary>Real time (since the drill started) Postfix accepted each mail, by Message-ID.</summary>
    public ConcurrentDictionary<string, double> AcceptedAt { get; } = new(StringComparer.Ordinal);

    /// <summary>Each accepted mail: when (real seconds) and its kind, for the arrivals series.</summary>
    public Observations Accepted { get; } = new();

    public long Failures => Interlocked.Read(ref _failures);

    private long _failures;

    public string? LastError { get; private set; }

    public async Task WriteAllAsync(IReadOnlyList<DrillMail> mails, CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<DrillMail>(new BoundedChannelOptions(1_000) { SingleWriter = true });
        var senders = Enumerable.Range(0, options.CustomerConnections).Select(_ => Task.Run(() => SendLoopAsync(channel.Reader, cancellationToken), cancellationToken)).ToList();
        try
        {
            foreach (var mail in mails)
            {
                var due = clock.ToReal(mail.At) - clock.Elapsed;
                if (due > TimeSpan.FromMilliseconds(5)) await Task.Delay(due, cancellationToken).ConfigureAwait(false);
                await channel.Writer.WriteAsync(mail, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            channel.Writer.TryComplete();
        }
        await Task.WhenAll(senders).ConfigureAwait(false);
    }

    private async Task SendLoopAsync(ChannelReader<DrillMail> reader, CancellationToken cancellationToken)
    {
        await using var smtp = new SmtpSender(new SmtpSenderOptions
        {
            Host = "127.0.0.1",
            Port = servers.SmtpPort,
            Security = MailServerSecurity.StartTls,
            PinnedCertificate = MailServerPin.FromPemFile(servers.CertificatePath),
            ClientName = "customers.example.test",
        });
        await foreach (var mail in reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await smtp.SendAsync(new SubmissionEnvelope(mail.Customer.Address, [MailMix.DeskUser]), mail.Bytes, cancellationToken).ConfigureAwait(false);
                    var at = clock.Elapsed.TotalSeconds;
                    AcceptedAt[mail.MessageId] = at;
                    Accepted.Add(at, (int)mail.Kind);
                    break;
                }
                catch (Exception e) when (e is not OperationCanceledException && attempt < 5)
                {
                    // A refused connection under load: the customer's own server would try again; so does the drill.
                    LastError = e.Message;
                    await Task.Delay(200 * attempt, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Interlocked.Increment(ref _failures);
                    LastError = e.Message;
                    break;
                }
            }
        }
    }
}
