using System.Net;
using System.Net.Sockets;
using System.Text;
using Helpdesk.Mail.Transport;

namespace Helpdesk.Mail.Tests.Smtp;

/// <summary>
/// How the desk reads what an SMTP server says, against a scripted server on loopback: the outbox's retry decisions
/// (4xx later, 5xx never, login refused pauses) rest on this mapping of MailKit's errors.
/// </summary>
[TestClass]
public sealed class SmtpSenderTests
{
    /// <summary>
    /// A plain-text SMTP server that answers 250 to everything except the replies a test scripts, keyed by command
    /// ("RCPT", "MAIL", "AUTH", "DATA" for the 354, "." for the end of the message; "drop" closes the connection).
    /// </summary>
    private sealed class ScriptedServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        public ScriptedServer(Dictionary<string, Queue<string>> script, string extensions = "250-PIPELINING\r\n250 8BITMIME")
        {
            _listener.Start();
            _loop = Task.Run(async () =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    TcpClient client;
                    try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
                    catch (OperationCanceledException) { return; }
                    Interlocked.Increment(ref _connections);
                    _ = Task.Run(() => ServeAsync(client, script, extensions));
                }
            });
        }

        private int _connections;

        public int Connections => _connections;

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public int Messages;

        private async Task ServeAsync(TcpClient client, Dictionary<string, Queue<string>> script, string extensions)
        {
            using var _ = client;
            var stream = client.GetStream();
            var reader = new StreamReader(stream, Encoding.ASCII);
            var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            string Next(string key, string fallback)
            {
                lock (script) return script.TryGetValue(key, out var q) && q.Count > 0 ? q.Dequeue() : fallback;
            }
            try
            {
                await writer.WriteLineAsync("220 scripted ESMTP");
                while (await reader.ReadLineAsync() is { } line)
                {
                    var verb = line.Split(' ', ':')[0].ToUpperInvariant();
                    var reply = verb switch
                    {
                        "EHLO" => "250-scripted\r\n" + extensions,
                        "DATA" => Next("DATA", "354 go ahead"),
                        "QUIT" => "221 bye",
                        _ => Next(verb, "250 2.0.0 OK"),
                    };
                    if (reply == "drop") return;
                    await writer.WriteLineAsync(reply);
                    if (verb == "QUIT") return;
                    if (verb == "DATA" && reply.StartsWith("354", StringComparison.Ordinal))
                    {
                        while (await reader.ReadLineAsync() is { } data && data != ".") { }
                        var end = Next(".", "250 2.0.0 queued");
                        if (end == "drop") return;
                        if (end.StartsWith('2')) Interlocked.Increment(ref Messages);
                        await writer.WriteLineAsync(end);
                    }
                }
            }
            catch (IOException)
            {
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            await _loop;
        }
    }

    private static Dictionary<string, Queue<string>> Script(params (string Command, string Reply)[] replies)
    {
        var script = new Dictionary<string, Queue<string>>();
        foreach (var (command, reply) in replies)
        {
            if (!script.TryGetValue(command, out var q)) script[command] = q = new Queue<string>();
            q.Enqueue(reply);
        }
        return script;
    }

    private static SmtpSender Sender(ScriptedServer server, MailServerSecurity security = MailServerSecurity.None, string? user = null) => new(new SmtpSenderOptions
    {
        Host = "127.0.0.1", Port = server.Port, Security = security, UserName = user, Password = user is null ? null : "secret",
        Timeout = TimeSpan.FromSeconds(10),
    });

    private static readonly SubmissionEnvelope Envelope = new("desk@meridian.example", "casey@example.com");

    private static byte[] Message(int n) => Encoding.ASCII.GetBytes(
        $"From: desk@meridian.example\r\nTo: casey@example.com\r\nSubject: Re: help\r\nMessage-ID: <m{n}@meridian.example>\r\n\r\nHello {n}\r\n");

    [TestMethod]
    public async Task SendAsync_RecipientDeferred451_TransientWithTheServersWordsAndTheConnectionKept()
    {
        await using var server = new ScriptedServer(Script(("RCPT", "451 4.3.0 Greylisted, try again later")));
        await using var sender = Sender(server);

        var error = await Assert.ThrowsExactlyAsync<SmtpTransientException>(() => sender.SendAsync(Envelope, Message(1)));
        await sender.SendAsync(Envelope, Message(2));

        Assert.AreEqual(451, error.Reply!.Code);
        Assert.AreEqual("4.3.0", error.Reply.EnhancedStatus);
        Assert.AreEqual("451 4.3.0 Greylisted, try again later", error.Reply.ToString());
        Assert.AreEqual(1, server.Connections, "a refused message does not cost the connection");
        Assert.AreEqual(1, server.Messages);
    }

    [TestMethod]
    public async Task SendAsync_RecipientUnknown550_PermanentWithTheServersWords()
    {
        await using var server = new ScriptedServer(Script(("RCPT", "550 5.1.1 User unknown")));
        await using var sender = Sender(server);

        var error = await Assert.ThrowsExactlyAsync<SmtpPermanentException>(() => sender.SendAsync(Envelope, Message(1)));

        Assert.AreEqual("550 5.1.1 User unknown", error.Reply!.ToString());
        StringAssert.Contains(error.Message, "casey@example.com");
    }

    [TestMethod]
    public async Task SendAsync_MessageRefusedAtEndOfData554_Permanent()
    {
        await using var server = new ScriptedServer(Script((".", "554 5.7.1 Message rejected as spam")));
        await using var sender = Sender(server);

        var error = await Assert.ThrowsExactlyAsync<SmtpPermanentException>(() => sender.SendAsync(Envelope, Message(1)));

        Assert.AreEqual(554, error.Reply!.Code);
        Assert.AreEqual(0, server.Messages);
    }

    [TestMethod]
    public async Task SendAsync_ServerClosing421_TransientAndTheNextMessageOnAFreshConnection()
    {
        await using var server = new ScriptedServer(Script(("MAIL", "421 4.3.2 Service shutting down")));
        await using var sender = Sender(server);

        var error = await Assert.ThrowsExactlyAsync<SmtpTransientException>(() => sender.SendAsync(Envelope, Message(1)));
        await sender.SendAsync(Envelope, Message(2));

        Assert.AreEqual(421, error.Reply!.Code);
        Assert.AreEqual(1, server.Messages);
    }

    [TestMethod]
    public async Task SendAsync_ConnectionDroppedDuringData_TransientWithoutReplyThenReconnects()
    {
        await using var server = new ScriptedServer(Script((".", "drop")));
        await using var sender = Sender(server);

        var error = await Assert.ThrowsExactlyAsync<SmtpTransientException>(() => sender.SendAsync(Envelope, Message(1)));
        await sender.SendAsync(Envelope, Message(2));

        Assert.IsNull(error.Reply, "no reply: the connection itself failed (the dispatcher drops it)");
        Assert.AreEqual(2, server.Connections);
        Assert.AreEqual(1, server.Messages);
    }

    [TestMethod]
    public async Task SendAsync_LoginRefused535_AuthenticationExceptionNotAMessageFailure()
    {
        await using var server = new ScriptedServer(Script(("AUTH", "535 5.7.8 Authentication credentials invalid")), "250-AUTH PLAIN\r\n250 PIPELINING");
        await using var sender = Sender(server, user: "desk@meridian.example");

        var error = await Assert.ThrowsExactlyAsync<SmtpAuthenticationException>(() => sender.SendAsync(Envelope, Message(1)));

        StringAssert.Contains(error.Message, "Authentication credentials invalid");
        Assert.AreEqual(0, server.Messages);
    }

    [TestMethod]
    public async Task SendAsync_StartTlsRequiredButNotOffered_TransientAndNothingSentInPlainText()
    {
        await using var server = new ScriptedServer(Script());
        await using var sender = Sender(server, MailServerSecurity.StartTls);

        var error = await Assert.ThrowsExactlyAsync<SmtpTransientException>(() => sender.SendAsync(Envelope, Message(1)));

        StringAssert.Contains(error.Message, "STARTTLS");
        Assert.AreEqual(0, server.Messages);
    }

    [TestMethod]
    public async Task SendAsync_ServerDown_TransientWithoutReply()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now
        await using var sender = new SmtpSender(new SmtpSenderOptions { Host = "127.0.0.1", Port = port, Security = MailServerSecurity.None });

        var error = await Assert.ThrowsExactlyAsync<SmtpTransientException>(() => sender.SendAsync(Envelope, Message(1)));

        Assert.IsNull(error.Reply);
    }

    [TestMethod]
    public async Task SendAsync_RecipientNotAnAddress_PermanentBeforeAnythingIsSent()
    {
        await using var server = new ScriptedServer(Script());
        await using var sender = Sender(server);

        var error = await Assert.ThrowsExactlyAsync<SmtpPermanentException>(() =>
            sender.SendAsync(new SubmissionEnvelope("desk@meridian.example", "casey at example dot com"), Message(1)));

        Assert.AreEqual(501, error.Reply!.Code);
        StringAssert.Contains(error.Reply.Text, "casey at example dot com");
        Assert.AreEqual(0, server.Connections);
    }
}
