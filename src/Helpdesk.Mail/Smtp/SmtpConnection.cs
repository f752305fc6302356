using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Helpdesk.Mail.Smtp;

/// <summary>
/// The byte level of one SMTP connection: replies read from a read-ahead buffer, commands written as ASCII lines,
/// message data dot-stuffed on the fly. Any I/O failure or timeout surfaces as <see cref="SmtpTransientException"/>.
/// </summary>
internal sealed class SmtpConnection : IAsyncDisposable
{
    private const int ChunkSize = 64 * 1024;
    private readonly SmtpSubmitterOptions _options;
    private readonly byte[] _buffer = new byte[4096];
    private int _start;
    private int _end;

    public SmtpConnection(Stream stream, SmtpSubmitterOptions options)
    {
        Stream = stream;
        _options = options;
    }

    public Stream Stream { get; private set; }

    public bool HasBufferedData => _start < _end;

    /// <summary>Continues over a new stream (after STARTTLS) that wraps the old one.</summary>
    public void Replace(Stream stream) => Stream = stream;

    public async Task<SmtpReply> ReadReplyAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ReplyTimeout);
        var text = new StringBuilder();
        var total = 0;
        while (true)
        {
            var line = await ReadLineAsync(timeout.Token, cancellationToken).ConfigureAwait(false);
            total += line.Length;
            if (total > _options.MaxReplyLength)
            {
                throw new SmtpTransientException($"reply longer than {_options.MaxReplyLength} bytes");
            }

            if (line.Length < 3 || !Utf8Parser.TryParse(line.AsSpan(0, 3), out int code, out var used) || used != 3
                || (line.Length > 3 && line[3] is not ((byte)' ' or (byte)'-')))
            {
                throw new SmtpTransientException("malformed reply: " + Encoding.UTF8.GetString(line));
            }

            if (text.Length > 0)
            {
                text.Append('\n');
            }

            text.Append(Encoding.UTF8.GetString(line.AsSpan(Math.Min(4, line.Length))));
            if (line.Length == 3 || line[3] == (byte)' ')
            {
                return Parse(code, text.ToString());
            }
        }
    }

    public Task WriteLineAsync(string line, CancellationToken cancellationToken) =>
        WriteAsync(Encoding.UTF8.GetBytes(line + "\r\n"), cancellationToken);

    public async Task WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        try
        {
            await Stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            await Stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            throw new SmtpTransientException("connection lost while sending: " + e.Message, null, e);
        }
    }

    /// <summary>
    /// Writes the message for DATA: a '.' doubled at the start of a line, bare LF turned into CRLF, a final CRLF
    /// ensured, then the ".\r\n" terminator.
    /// </summary>
    public async Task WriteDataAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            var position = 0;
            var atLineStart = true;
            while (position < message.Length)
            {
                var used = FillData(message.Span, ref position, ref atLineStart, chunk.AsSpan(0, ChunkSize));
                await WriteAsync(chunk.AsMemory(0, used), cancellationToken).ConfigureAwait(false);
            }

            await WriteAsync(".\r\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    /// <summary>Copies as many (stuffed, CRLF-ended) lines as fit; a line longer than the chunk is split.</summary>
    internal static int FillData(ReadOnlySpan<byte> message, ref int position, ref bool atLineStart, Span<byte> chunk)
    {
        var used = 0;
        while (position < message.Length && chunk.Length - used >= 4)
        {
            if (atLineStart && message[position] == (byte)'.')
            {
                chunk[used++] = (byte)'.';
            }

            var rest = message[position..];
            var lf = rest.IndexOf((byte)'\n');
            var content = lf < 0 ? rest.Length : lf;
            if (content > 0 && rest[content - 1] == (byte)'\r')
            {
                content--;
            }

            var room = chunk.Length - used - 2;
            if (content > room)
            {
                rest[..room].CopyTo(chunk[used..]);
                used += room;
                position += room;
                atLineStart = false;
                break;
            }

            rest[..content].CopyTo(chunk[used..]);
            used += content;
            chunk[used++] = (byte)'\r';
            chunk[used++] = (byte)'\n';
            position += lf < 0 ? rest.Length : lf + 1;
            atLineStart = true;
        }

        return used;
    }

    public ValueTask DisposeAsync() => Stream.DisposeAsync();

    private static SmtpReply Parse(int code, string text)
    {
        // Enhanced status codes (RFC 3463) lead each line: "5.7.1 Relay access denied".
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        var first = space < 0 ? text : text[..space];
        var parts = first.Split('.');
        var enhanced = parts.Length == 3 && parts[0].Length == 1 && parts[0][0] == (char)('0' + code / 100)
                       && parts.All(p => p.Length is > 0 and <= 3 && p.All(char.IsAsciiDigit));
        return enhanced
            ? new SmtpReply(code, first, space < 0 ? "" : text[(space + 1)..])
            : new SmtpReply(code, null, text);
    }

    private async Task<byte[]> ReadLineAsync(CancellationToken readToken, CancellationToken callerToken)
    {
        var scanned = 0;
        while (true)
        {
            var lf = _buffer.AsSpan(_start + scanned, _end - _start - scanned).IndexOf((byte)'\n');
            if (lf >= 0)
            {
                var length = scanned + lf;
                var line = _buffer.AsSpan(_start, length);
                if (line.Length > 0 && line[^1] == (byte)'\r')
                {
                    line = line[..^1];
                }

                var result = line.ToArray();
                _start += length + 1;
                return result;
            }

            scanned = _end - _start;
            if (_start > 0)
            {
                _buffer.AsSpan(_start, scanned).CopyTo(_buffer);
                _start = 0;
                _end = scanned;
            }

            if (_end == _buffer.Length)
            {
                throw new SmtpTransientException($"reply line longer than {_buffer.Length} bytes");
            }

            int n;
            try
            {
                n = await Stream.ReadAsync(_buffer.AsMemory(_end), readToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!callerToken.IsCancellationRequested)
            {
                throw new SmtpTransientException($"no reply within {_options.ReplyTimeout.TotalSeconds:0.#} s");
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                throw new SmtpTransientException("connection lost: " + e.Message, null, e);
            }

            if (n == 0)
            {
                throw new SmtpTransientException("the server closed the connection");
            }

            _end += n;
        }
    }
}
