using System.Text;
using MailKit;
using Microsoft.Extensions.Logging;

namespace Helpdesk.Mail.Transport;

/// <summary>
/// MailKit's SMTP conversation written to the desk's log at Trace level, one entry per line. Secrets MailKit marks
/// during AUTH (passwords, tokens) are replaced by "********", and a message's DATA is summarised as its size:
/// customer mail does not belong in a protocol log. Costs nothing when Trace is off.
/// </summary>
public sealed partial class SmtpProtocolLog(ILogger logger) : IProtocolLogger
{
    private bool _awaitingGoAhead; // DATA sent, 354 not yet seen
    private bool _inData;          // between 354 and the server's next reply
    private long _chunkLeft;       // bytes of a BDAT chunk still to come
    private long _dataBytes;

    public IAuthenticationSecretDetector? AuthenticationSecretDetector { get; set; }

    private bool Enabled => logger.IsEnabled(LogLevel.Trace);

    public void LogConnect(Uri uri)
    {
        _awaitingGoAhead = _inData = false;
        _chunkLeft = _dataBytes = 0;
        if (Enabled) LogConnected(logger, uri.ToString());
    }

    public void LogClient(byte[] buffer, int offset, int count)
    {
        if (!Enabled) return;
        var end = offset + count;
        while (offset < end)
        {
            if (_inData || _chunkLeft > 0)
            {
                var take = _inData ? end - offset : (int)Math.Min(_chunkLeft, end - offset);
                _dataBytes += take;
                offset += take;
                if (!_inData && (_chunkLeft -= take) == 0) FlushData();
                continue;
            }
            var lf = Array.IndexOf(buffer, (byte)'\n', offset, end - offset);
            var lineEnd = lf < 0 ? end : lf + 1;
            var line = Redact(buffer, offset, lineEnd - offset).TrimEnd('\r', '\n');
            offset = lineEnd;
            if (line.Length > 0) LogLine(logger, "C", line);
            // MailKit pipelines MAIL FROM / RCPT TO / DATA in one write; the message follows the 354 (or a BDAT line).
            if (line.Equals("DATA", StringComparison.OrdinalIgnoreCase)) _awaitingGoAhead = true;
            else if (line.StartsWith("BDAT ", StringComparison.OrdinalIgnoreCase)
                     && long.TryParse(line.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture, out var size)) _chunkLeft = size;
        }
    }

    public void LogServer(byte[] buffer, int offset, int count)
    {
        if (!Enabled) return;
        if (_inData)
        {
            _inData = false;
            FlushData();
        }
        foreach (var line in Encoding.UTF8.GetString(buffer, offset, count).Split("\r\n").Where(l => l.Length > 0))
        {
            LogLine(logger, "S", line);
            if (_awaitingGoAhead && line.StartsWith("354", StringComparison.Ordinal))
            {
                _awaitingGoAhead = false;
                _inData = true;
            }
        }
    }

    private void FlushData()
    {
        LogLine(logger, "C", $"[message data, {_dataBytes} bytes]");
        _dataBytes = 0;
    }

    public void Dispose()
    {
    }

    private string Redact(byte[] buffer, int offset, int count)
    {
        var secrets = AuthenticationSecretDetector?.DetectSecrets(buffer, offset, count);
        if (secrets is null || secrets.Count == 0) return Encoding.UTF8.GetString(buffer, offset, count);
        var sb = new StringBuilder();
        var at = offset;
        foreach (var secret in secrets.OrderBy(s => s.StartIndex))
        {
            sb.Append(Encoding.UTF8.GetString(buffer, at, secret.StartIndex - at)).Append("********");
            at = secret.StartIndex + secret.Length;
        }
        return sb.Append(Encoding.UTF8.GetString(buffer, at, offset + count - at)).ToString();
    }

    [LoggerMessage(EventId = 7101, Level = LogLevel.Trace, Message = "SMTP connect {Uri}")]
    private static partial void LogConnected(ILogger logger, string uri);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Trace, Message = "SMTP {Side}: {Line}")]
    private static partial void LogLine(ILogger logger, string side, string line);
}
