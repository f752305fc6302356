using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Helpdesk.Mail.Imap;

internal enum ImapTokenKind
{
    Atom,
    Quoted,
    Literal,
    OpenParen,
    CloseParen,
    OpenBracket,
    CloseBracket,
    EndOfLine,
}

/// <summary>
/// Splits the server's byte stream into IMAP tokens, scanning a read-ahead buffer in place. A token's bytes stay
/// valid until the next read. Literals are handed over as a length; their bytes are read by the caller straight
/// into the destination array. Every limit of <see cref="ImapClientOptions"/> is enforced here.
/// </summary>
internal sealed class ImapTokenReader : IDisposable
{
    // Atoms stop at these; '\\' and '*' stay inside ("\Seen", "\*", "*").
    private static readonly SearchValues<byte> AtomEnd = SearchValues.Create(" \r\n()[]\"{"u8);
    private static readonly SearchValues<byte> QuotedSpecial = SearchValues.Create("\"\\\r\n"u8);

    private readonly Stream _stream;
    private readonly ImapClientOptions _options;
    private readonly Timer _timeout;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private long _lineLength;
    private int _tokenStart;
    private int _tokenLength;
    private byte[]? _unescaped;
    private volatile bool _timedOut;

    public ImapTokenReader(Stream stream, ImapClientOptions options)
    {
        _stream = stream;
        _options = options;
        _buffer = new byte[Math.Min(64 * 1024, options.MaxTokenLength) + 2];
        ReadTimeout = options.ReadTimeout;
        // A read that waits too long is ended by closing the stream: the connection is lost anyway.
        _timeout = new Timer(static state => ((ImapTokenReader)state!).OnTimeout(), this, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>How long a single read may wait; IDLE raises it while it waits for news.</summary>
    public TimeSpan ReadTimeout { get; set; }

    public ImapTokenKind Kind { get; private set; }

    /// <summary>True when bytes were read ahead beyond the current response.</summary>
    public bool HasBufferedData => _start < _end;

    /// <summary>The current atom or (unescaped) quoted string.</summary>
    public ReadOnlySpan<byte> Token => Kind == ImapTokenKind.Quoted && _unescaped is not null && _tokenStart < 0
        ? _unescaped.AsSpan(0, _tokenLength)
        : _buffer.AsSpan(_tokenStart, _tokenLength);

    /// <summary>Length of the current literal token, whose bytes follow in the stream.</summary>
    public long LiteralLength { get; private set; }

    public bool IsAtom(ReadOnlySpan<byte> upperCase) =>
        Kind == ImapTokenKind.Atom && Ascii.EqualsIgnoreCase(Token, upperCase);

    public bool IsNil => IsAtom("NIL"u8);

    public string TokenText => Encoding.UTF8.GetString(Token);

    public bool TryGetNumber(out ulong value)
    {
        value = 0;
        return Kind == ImapTokenKind.Atom && Utf8Parser.TryParse(Token, out value, out var used) && used == _tokenLength;
    }

    public async ValueTask<ImapTokenKind> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_start == _end)
            {
                await FillAsync(cancellationToken).ConfigureAwait(false);
            }

            var b = _buffer[_start];
            if (b == (byte)' ')
            {
                Consume(1);
                continue;
            }

            switch (b)
            {
                case (byte)'\r':
                    if (_end - _start < 2)
                    {
                        await EnsureAsync(2, cancellationToken).ConfigureAwait(false);
                    }

                    Consume(_buffer[_start + 1] == (byte)'\n' ? 2 : 1);
                    _lineLength = 0;
                    return Kind = ImapTokenKind.EndOfLine;
                case (byte)'\n':
                    Consume(1);
                    _lineLength = 0;
                    return Kind = ImapTokenKind.EndOfLine;
                case (byte)'(':
                    return Single(ImapTokenKind.OpenParen);
                case (byte)')':
                    return Single(ImapTokenKind.CloseParen);
                case (byte)'[':
                    return Single(ImapTokenKind.OpenBracket);
                case (byte)']':
                    return Single(ImapTokenKind.CloseBracket);
                case (byte)'"':
                    await ReadQuotedAsync(cancellationToken).ConfigureAwait(false);
                    return Kind = ImapTokenKind.Quoted;
                case (byte)'{':
                    await ReadLiteralHeaderAsync(cancellationToken).ConfigureAwait(false);
                    return Kind = ImapTokenKind.Literal;
                default:
                    await ReadAtomAsync(cancellationToken).ConfigureAwait(false);
                    return Kind = ImapTokenKind.Atom;
            }
        }
    }

    /// <summary>Skips spaces and tells whether the next byte is <paramref name="value"/> (without consuming it).</summary>
    public async ValueTask<bool> PeekIsAsync(byte value, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_start == _end)
            {
                await FillAsync(cancellationToken).ConfigureAwait(false);
            }

            if (_buffer[_start] != (byte)' ')
            {
                return _buffer[_start] == value;
            }

            Consume(1);
        }
    }

    /// <summary>Reads free text up to the end of the line (consuming the line end), e.g. after "OK".</summary>
    public async ValueTask<string> ReadTextToEndOfLineAsync(CancellationToken cancellationToken) =>
        await ReadTextUntilAsync((byte)'\n', cancellationToken).ConfigureAwait(false);

    /// <summary>Reads a response code's content up to and including ']', e.g. "UIDNEXT 42".</summary>
    public async ValueTask<string> ReadResponseCodeAsync(CancellationToken cancellationToken)
    {
        Consume(1); // '['
        return await ReadTextUntilAsync((byte)']', cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the current literal's bytes into a new array of exactly its length.</summary>
    public async ValueTask<byte[]> ReadLiteralAsync(CancellationToken cancellationToken)
    {
        var length = (int)LiteralLength;
        var target = GC.AllocateUninitializedArray<byte>(length);
        var buffered = Math.Min(length, _end - _start);
        _buffer.AsSpan(_start, buffered).CopyTo(target);
        _start += buffered;
        var filled = buffered;
        // The rest goes from the stream straight into the target: a large message never passes through the buffer.
        while (filled < length)
        {
            var n = await ReadStreamAsync(target.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            filled += n;
        }

        return target;
    }

    public async ValueTask SkipLiteralAsync(CancellationToken cancellationToken)
    {
        var remaining = LiteralLength;
        while (remaining > 0)
        {
            if (_start == _end)
            {
                await FillAsync(cancellationToken).ConfigureAwait(false);
            }

            var n = (int)Math.Min(remaining, _end - _start);
            _start += n;
            remaining -= n;
        }
    }

    public void Dispose() => _timeout.Dispose();

    private ImapTokenKind Single(ImapTokenKind kind)
    {
        _tokenStart = _start;
        _tokenLength = 1;
        Consume(1);
        return Kind = kind;
    }

    private async ValueTask ReadAtomAsync(CancellationToken cancellationToken)
    {
        var scanned = 0;
        while (true)
        {
            var end = _buffer.AsSpan(_start + scanned, _end - _start - scanned).IndexOfAny(AtomEnd);
            if (end >= 0)
            {
                SetToken(_start, scanned + end);
                Consume(scanned + end);
                return;
            }

            scanned = _end - _start;
            await FillMoreAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask ReadQuotedAsync(CancellationToken cancellationToken)
    {
        var scanned = 1;
        var escaped = false;
        while (true)
        {
            var span = _buffer.AsSpan(_start + scanned, _end - _start - scanned);
            var at = span.IndexOfAny(QuotedSpecial);
            if (at < 0 || (span[at] == (byte)'\\' && at + 1 >= span.Length))
            {
                scanned = _end - _start - (at < 0 ? 0 : span.Length - at);
                await FillMoreAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (span[at] == (byte)'\\')
            {
                escaped = true;
                scanned += at + 2;
                continue;
            }

            if (span[at] != (byte)'"')
            {
                throw Protocol("line ended inside a quoted string");
            }

            var length = scanned + at - 1;
            if (escaped)
            {
                Unescape(_buffer.AsSpan(_start + 1, length));
            }
            else
            {
                SetToken(_start + 1, length);
            }

            Consume(scanned + at + 1);
            return;
        }
    }

    private void Unescape(ReadOnlySpan<byte> raw)
    {
        if (_unescaped is null || _unescaped.Length < raw.Length)
        {
            _unescaped = new byte[Math.Max(raw.Length, 256)];
        }

        var n = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == (byte)'\\')
            {
                i++;
            }

            _unescaped[n++] = raw[i];
        }

        _tokenStart = -1;
        _tokenLength = n;
    }

    private async ValueTask ReadLiteralHeaderAsync(CancellationToken cancellationToken)
    {
        // "{123}\r\n" or "{123+}\r\n"; the digits are few, so a short header is all we wait for.
        while (true)
        {
            var span = _buffer.AsSpan(_start, _end - _start);
            var close = span.IndexOf((byte)'}');
            if (close < 0 || close + 1 >= span.Length || (span[close + 1] == (byte)'\r' && close + 2 >= span.Length))
            {
                if (span.Length > 32)
                {
                    throw Protocol("malformed literal header");
                }

                await FillMoreAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            var digits = span[1..close];
            if (digits.Length > 0 && digits[^1] == (byte)'+')
            {
                digits = digits[..^1];
            }

            if (!Utf8Parser.TryParse(digits, out ulong length, out var used) || used != digits.Length)
            {
                throw Protocol("malformed literal header");
            }

            if (length > (ulong)_options.MaxLiteralSize)
            {
                throw Protocol($"server sent a literal of {length} bytes, above the limit of {_options.MaxLiteralSize}");
            }

            var lineEnd = span[close + 1] == (byte)'\r' ? 2 : 1;
            if (span[close + lineEnd] != (byte)'\n')
            {
                throw Protocol("literal header not followed by a line end");
            }

            LiteralLength = (long)length;
            Consume(close + lineEnd + 1);
            return;
        }
    }

    private async ValueTask<string> ReadTextUntilAsync(byte terminator, CancellationToken cancellationToken)
    {
        while (_start < _end && _buffer[_start] == (byte)' ')
        {
            Consume(1);
        }

        var scanned = 0;
        while (true)
        {
            var at = _buffer.AsSpan(_start + scanned, _end - _start - scanned).IndexOfAny(terminator, (byte)'\n');
            if (at < 0)
            {
                scanned = _end - _start;
                await FillMoreAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            var length = scanned + at;
            var found = _buffer[_start + length];
            var text = _buffer.AsSpan(_start, length);
            if (found == (byte)'\n' && text.Length > 0 && text[^1] == (byte)'\r')
            {
                text = text[..^1];
            }

            if (found != terminator)
            {
                throw Protocol("line ended inside a response code");
            }

            var result = Encoding.UTF8.GetString(text);
            Consume(length + 1);
            if (found == (byte)'\n')
            {
                _lineLength = 0;
                Kind = ImapTokenKind.EndOfLine;
            }

            return result;
        }
    }

    private void SetToken(int start, int length)
    {
        _tokenStart = start;
        _tokenLength = length;
    }

    private void Consume(int count)
    {
        _start += count;
        _lineLength += count;
        if (_lineLength > _options.MaxLineLength)
        {
            throw Protocol($"response line longer than {_options.MaxLineLength} bytes");
        }
    }

    private async ValueTask EnsureAsync(int count, CancellationToken cancellationToken)
    {
        while (_end - _start < count)
        {
            await FillMoreAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads more bytes while keeping the unconsumed ones; a token may not outgrow the limit.</summary>
    private async ValueTask FillMoreAsync(CancellationToken cancellationToken)
    {
        var pending = _end - _start;
        if (pending >= _options.MaxTokenLength)
        {
            throw Protocol($"token longer than {_options.MaxTokenLength} bytes");
        }

        if (_start > 0 && _end == _buffer.Length)
        {
            _buffer.AsSpan(_start, pending).CopyTo(_buffer);
            _start = 0;
            _end = pending;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, _options.MaxTokenLength + 2));
        }

        _end += await ReadStreamAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        _start = 0;
        _end = await ReadStreamAsync(_buffer, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<int> ReadStreamAsync(Memory<byte> target, CancellationToken cancellationToken)
    {
        int n;
        _timeout.Change(ReadTimeout, Timeout.InfiniteTimeSpan);
        try
        {
            n = await _stream.ReadAsync(target, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            throw _timedOut
                ? Protocol($"no answer from the server within {ReadTimeout.TotalSeconds:0.#} s", e)
                : Protocol("connection lost: " + e.Message, e);
        }
        finally
        {
            _timeout.Change(Timeout.Infinite, Timeout.Infinite);
        }

        if (n == 0)
        {
            throw Protocol("the server closed the connection");
        }

        return n;
    }

    private void OnTimeout()
    {
        _timedOut = true;
        _stream.Dispose();
    }

    private static ImapProtocolException Protocol(string message, Exception? inner = null) => new(message, inner);
}
