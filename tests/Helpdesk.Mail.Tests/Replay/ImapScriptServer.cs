using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Helpdesk.Mail.Tests.Replay;

/// <summary>
/// A tiny IMAP server on a loopback port that plays one scripted conversation with a real client (MailKit). Script
/// lines: "S: text" is sent as is, with {tag} replaced by the tag of the client's latest command; a line ending in
/// "{#}" starts a literal whose bytes are the following S lines up to the next one starting with ")", each ending
/// in CRLF. "C: command" expects the client's next tagged line to be exactly "TAG command" (the tag is remembered);
/// "C+: text" expects an untagged client line (DONE, a SASL response). Blank lines and "#" comments are skipped. A
/// LOGOUT after the script gets BYE and OK, a script ending in BYE closes the connection; anything else unexpected is recorded and ends the connection, so the
/// test sees the error in <see cref="AssertComplete"/>.
/// </summary>
public sealed class ImapScriptServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly List<string> _steps;
    private readonly X509Certificate2? _certificate;
    private readonly ErrorList _errors = new();
    private readonly Task _run;
    private int _done;

    private ImapScriptServer(string script, X509Certificate2? certificate)
    {
        _steps = script.ReplaceLineEndings("\n").Split('\n').Select(l => l.TrimStart())
            .Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        _certificate = certificate;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _run = Task.Run(RunAsync);
    }

    /// <summary>Errors also go to the test's output at once: the client's exception is usually what the test reports first.</summary>
    private sealed class ErrorList : List<string>
    {
        public new void Add(string error)
        {
            Console.WriteLine("script server: " + error);
            base.Add(error);
        }
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Every client line received, in order, as the server saw it (the test of what went over the wire).</summary>
    public List<string> Received { get; } = [];

    /// <summary>Starts listening; with a certificate the connection is TLS from the first byte.</summary>
    public static ImapScriptServer Start(string script, X509Certificate2? certificate = null) => new(script, certificate);

    /// <summary>Waits for the conversation to end and fails the test if the client strayed from the script or stopped early.</summary>
    public async Task AssertCompleteAsync()
    {
        await _run.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.IsEmpty(_errors, string.Join("\n", _errors));
        Assert.AreEqual(_steps.Count, _done, "the client stopped before the script ended; next step: " + (_done < _steps.Count ? _steps[_done] : ""));
    }

    private async Task RunAsync()
    {
        using var socket = await _listener.AcceptSocketAsync();
        Stream stream = new NetworkStream(socket, ownsSocket: false);
        try
        {
            if (_certificate is not null)
            {
                var ssl = new SslStream(stream);
                await ssl.AuthenticateAsServerAsync(_certificate);
                stream = ssl;
            }
            await PlayAsync(stream);
        }
        catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException or ObjectDisposedException)
        {
            // The client went away (a refused certificate, a test that disconnects on purpose): the steps left show it.
        }
        finally
        {
            await stream.DisposeAsync();
        }
    }

    private async Task PlayAsync(Stream stream)
    {
        var reader = new LineReader(stream);
        var tag = "*";
        for (; _done < _steps.Count; _done++)
        {
            var step = _steps[_done];
            if (step.StartsWith("S:", StringComparison.Ordinal))
            {
                var text = Text(step).Replace("{tag}", tag, StringComparison.Ordinal);
                if (text.EndsWith("{#}", StringComparison.Ordinal))
                {
                    var literal = new StringBuilder();
                    while (_done + 1 < _steps.Count && _steps[_done + 1].StartsWith("S:", StringComparison.Ordinal) && !Text(_steps[_done + 1]).StartsWith(')'))
                        literal.Append(Text(_steps[++_done])).Append("\r\n");
                    var bytes = Encoding.UTF8.GetBytes(literal.ToString());
                    await WriteAsync(stream, text[..^3] + "{" + bytes.Length + "}\r\n");
                    await stream.WriteAsync(bytes);
                }
                else
                {
                    await WriteAsync(stream, text + "\r\n");
                }
                continue;
            }

            var line = await reader.ReadLineAsync();
            if (line is null) { _errors.Add($"the client closed the connection; expected {step}"); return; }
            Received.Add(line);
            if (step.StartsWith("C+:", StringComparison.Ordinal))
            {
                if (line != Text(step)) { _errors.Add($"expected untagged '{Text(step)}', got '{line}'"); return; }
                continue;
            }
            var space = line.IndexOf(' ');
            var command = space < 0 ? "" : line[(space + 1)..];
            if (command != Text(step)) { _errors.Add($"expected '{Text(step)}', got '{line}'"); return; }
            tag = line[..space];
        }

        // A script that ends in BYE ends the connection, as a server does. Otherwise a polite LOGOUT is answered and
        // anything else is a command the script did not expect.
        if (_steps.Count > 0 && _steps[^1].StartsWith("S: * BYE", StringComparison.Ordinal)) return;
        while (await reader.ReadLineAsync() is { } extra)
        {
            Received.Add(extra);
            var parts = extra.Split(' ', 2);
            if (parts.Length == 2 && parts[1] == "LOGOUT")
            {
                await WriteAsync(stream, $"* BYE Logging out\r\n{parts[0]} OK Logout completed.\r\n");
                return;
            }
            _errors.Add($"unexpected after the script: '{extra}'");
            return;
        }
    }

    private static string Text(string step) => step[(step.IndexOf(':') + 1)..].TrimStart(' ').Length == 0 ? "" : step[(step.IndexOf(':') + 2)..];

    private static Task WriteAsync(Stream stream, string text) => stream.WriteAsync(Encoding.UTF8.GetBytes(text)).AsTask();

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        try { await _run.WaitAsync(TimeSpan.FromSeconds(5)); }
        catch (Exception e) when (e is TimeoutException or SocketException or IOException or ObjectDisposedException) { }
        _certificate?.Dispose();
    }

    /// <summary>Reads CRLF-terminated lines as UTF-8 from a stream, byte by byte (test traffic is small).</summary>
    private sealed class LineReader(Stream stream)
    {
        private readonly byte[] _one = new byte[1];

        public async Task<string?> ReadLineAsync()
        {
            var bytes = new List<byte>();
            while (true)
            {
                if (await stream.ReadAsync(_one) == 0) return bytes.Count == 0 ? null : Encoding.UTF8.GetString([.. bytes]);
                if (_one[0] == '\n')
                {
                    if (bytes.Count > 0 && bytes[^1] == '\r') bytes.RemoveAt(bytes.Count - 1);
                    return Encoding.UTF8.GetString([.. bytes]);
                }
                bytes.Add(_one[0]);
            }
        }
    }
}
