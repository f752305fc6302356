using System.Text;

namespace Helpdesk.Mail.Tests.Replay;

/// <summary>
/// An in-memory duplex stream that plays a recorded conversation: it serves the server's lines ("S: ...") and
/// checks that the client writes exactly the expected lines ("C: ...") in between. Reads wait (asynchronously)
/// while the transcript expects the client to speak, so a concurrent write (IDLE's DONE) works as on a socket.
/// Transcript syntax: "#" comments, "S: text" and "C: text" (CRLF added), "S:" alone for an empty line. In a
/// server line "{#}" becomes "{n}" where n counts the following server lines up to one starting with ")".
/// </summary>
public sealed class ReplayStream : Stream
{
    private readonly List<(bool FromServer, byte[] Bytes)> _steps;
    private readonly SemaphoreSlim _changed = new(0);
    private readonly object _gate = new();
    // Two cursors: the server may only speak past a client step once the client has written it; the client may
    // write ahead of what the server has sent (a pipelined command written while responses are still arriving).
    private int _serverStep;
    private int _serverOffset;
    private int _clientStep;
    private int _clientOffset;
    private bool _disposed;

    private ReplayStream(List<(bool, byte[])> steps) => _steps = steps;

    /// <summary>Largest number of bytes one read returns; small values split tokens across reads. Default: no limit.</summary>
    public int MaxReadSize { get; init; } = int.MaxValue;

    /// <summary>How long a read waits for the client's expected write before failing. Default 5 s.</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The first difference between what the client wrote and what the transcript expected, if any.</summary>
    public string? Mismatch { get; private set; }

    public bool IsComplete
    {
        get
        {
            lock (_gate)
            {
                return NextServerStep() == _steps.Count && NextClientStep() == _steps.Count;
            }
        }
    }

    public static ReplayStream FromTranscript(string transcript, int maxReadSize = int.MaxValue) =>
        new(Parse(transcript)) { MaxReadSize = maxReadSize };

    public static ReplayStream FromFile(string name, int maxReadSize = int.MaxValue) =>
        FromTranscript(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, name)), maxReadSize);

    /// <summary>Fails the test unless the whole transcript was played and every client line matched.</summary>
    public void AssertComplete()
    {
        Assert.IsNull(Mismatch, Mismatch);
        lock (_gate)
        {
            var next = Math.Min(NextServerStep(), NextClientStep());
            Assert.AreEqual(_steps.Count, next, next < _steps.Count ? $"transcript not finished; next step: {Describe(_steps[next])}" : "");
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stall.CancelAfter(StallTimeout);
        while (true)
        {
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                var step = NextServerStep();
                if (Mismatch is not null || (step == _steps.Count && NextClientStep() == _steps.Count))
                {
                    return 0; // the server hangs up at the end of the transcript
                }

                // The server may not answer what the client has not yet said.
                if (step < _steps.Count && NextClientStep() >= step)
                {
                    var bytes = _steps[step].Bytes;
                    _serverStep = step;
                    var n = Math.Min(Math.Min(buffer.Length, MaxReadSize), bytes.Length - _serverOffset);
                    bytes.AsSpan(_serverOffset, n).CopyTo(buffer.Span);
                    _serverOffset += n;
                    if (_serverOffset == bytes.Length)
                    {
                        _serverStep++;
                        _serverOffset = 0;
                    }

                    return n;
                }
            }

            try
            {
                await _changed.WaitAsync(stall.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                lock (_gate)
                {
                    Mismatch ??= $"the client waits for the server, but the transcript expects it to send: {Describe(_steps[NextClientStep()])}";
                }

                throw new IOException(Mismatch);
            }
        }
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var written = buffer.Span;
            while (written.Length > 0)
            {
                var step = NextClientStep();
                if (step == _steps.Count)
                {
                    Mismatch ??= $"unexpected client bytes at the end of the transcript: {Encoding.UTF8.GetString(written)}";
                    throw new IOException(Mismatch);
                }

                _clientStep = step;
                var expected = _steps[step].Bytes;
                var n = Math.Min(written.Length, expected.Length - _clientOffset);
                if (!written[..n].SequenceEqual(expected.AsSpan(_clientOffset, n)))
                {
                    Mismatch ??= $"client sent: {Encoding.UTF8.GetString(written)}\nexpected: {Encoding.UTF8.GetString(expected.AsSpan(_clientOffset))}";
                    throw new IOException(Mismatch);
                }

                written = written[n..];
                _clientOffset += n;
                if (_clientOffset == expected.Length)
                {
                    _clientStep++;
                    _clientOffset = 0;
                }
            }
        }

        _changed.Release();
        return ValueTask.CompletedTask;
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Flush()
    {
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        lock (_gate)
        {
            _disposed = true;
        }

        _changed.Release();
        base.Dispose(disposing);
    }

    private int NextServerStep()
    {
        var i = _serverStep;
        while (i < _steps.Count && !_steps[i].FromServer)
        {
            i++;
        }

        return i;
    }

    private int NextClientStep()
    {
        var i = _clientStep;
        while (i < _steps.Count && _steps[i].FromServer)
        {
            i++;
        }

        return i;
    }

    private static string Describe((bool FromServer, byte[] Bytes) step) =>
        (step.FromServer ? "S: " : "C: ") + Encoding.UTF8.GetString(step.Bytes).TrimEnd();

    private static List<(bool, byte[])> Parse(string transcript)
    {
        var lines = transcript.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var steps = new List<(bool, byte[])>();
        var current = new StringBuilder();
        bool? side = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith('#') || (line.Length == 0 && i == lines.Length - 1) || line.Length == 0)
            {
                continue;
            }

            bool fromServer = line.StartsWith("S:", StringComparison.Ordinal);
            if (!fromServer && !line.StartsWith("C:", StringComparison.Ordinal))
            {
                throw new FormatException($"transcript line {i + 1} starts with neither 'S:' nor 'C:': {line}");
            }

            var text = line.Length > 3 ? line[3..] : "";
            if (fromServer && text.EndsWith("{#}", StringComparison.Ordinal))
            {
                var length = 0;
                for (var j = i + 1; j < lines.Length && !lines[j].StartsWith("S: )", StringComparison.Ordinal); j++)
                {
                    length += Encoding.UTF8.GetByteCount(lines[j].Length > 3 ? lines[j][3..] : "") + 2;
                }

                text = text[..^3] + "{" + length + "}";
            }

            if (side is not null && side != fromServer)
            {
                steps.Add((side.Value, Encoding.UTF8.GetBytes(current.ToString())));
                current.Clear();
            }

            side = fromServer;
            current.Append(text).Append("\r\n");
        }

        if (side is not null)
        {
            steps.Add((side.Value, Encoding.UTF8.GetBytes(current.ToString())));
        }

        return steps;
    }
}
