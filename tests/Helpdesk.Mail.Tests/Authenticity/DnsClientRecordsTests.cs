using System.Net;
using System.Net.Sockets;
using Helpdesk.Mail.Authenticity;

namespace Helpdesk.Mail.Tests.Authenticity;

/// <summary>
/// How many questions reach the name server when a batch's senders are checked together: a surge's mail comes from a
/// few domains, so identical questions asked at once must leave once, and "no such domain" must be remembered.
/// The server is a small UDP responder on loopback that counts what it is asked and answers NXDOMAIN after a delay.
/// </summary>
[TestClass]
public sealed class DnsClientRecordsTests
{
    [TestMethod]
    public async Task ManyMailsAskingTheSameNameAtOnce_OneQuestionReachesTheServer()
    {
        using var server = new CountingDnsServer(TimeSpan.FromMilliseconds(150));
        var dns = new DnsClientRecords([server.Endpoint], TimeSpan.FromSeconds(2));

        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => dns.TxtAsync("_dmarc.customers.example", CancellationToken.None)));

        Assert.IsTrue(answers.All(a => a.Count == 0), "NXDOMAIN is an empty answer");
        Assert.AreEqual(1, server.Questions("_dmarc.customers.example"), "forty checks at once, one question");
    }

    [TestMethod]
    public async Task NoSuchDomain_IsRemembered()
    {
        using var server = new CountingDnsServer(TimeSpan.Zero);
        var dns = new DnsClientRecords([server.Endpoint], TimeSpan.FromSeconds(2));

        for (var i = 0; i < 5; i++) Assert.AreEqual(0, (await dns.TxtAsync("nobody.example", CancellationToken.None)).Count);
        await dns.TxtAsync("someone-else.example", CancellationToken.None);

        Assert.AreEqual(1, server.Questions("nobody.example"), "asked once, then NXDOMAIN came from the cache");
        Assert.AreEqual(1, server.Questions("someone-else.example"), "another name is still asked");
    }

    [TestMethod]
    public async Task OneCallerGivingUp_DoesNotCancelTheAnswerOthersWaitFor()
    {
        using var server = new CountingDnsServer(TimeSpan.FromMilliseconds(300));
        var dns = new DnsClientRecords([server.Endpoint], TimeSpan.FromSeconds(2));
        using var impatient = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        var gaveUp = dns.TxtAsync("slow.example", impatient.Token);
        var waited = dns.TxtAsync("slow.example", CancellationToken.None);

        await Assert.ThrowsExactlyAsync<TaskCanceledException>(() => gaveUp);
        Assert.AreEqual(0, (await waited).Count);
        Assert.AreEqual(1, server.Questions("slow.example"));
    }

    /// <summary>Answers every question with NXDOMAIN (RCODE 3) after <c>delay</c>; counts questions by name.</summary>
    private sealed class CountingDnsServer : IDisposable
    {
        private readonly UdpClient _udp = new(new IPEndPoint(IPAddress.Loopback, 0));
        private readonly Dictionary<string, int> _counts = new(StringComparer.OrdinalIgnoreCase);
        private readonly CancellationTokenSource _stop = new();

        public CountingDnsServer(TimeSpan delay)
        {
            _ = Task.Run(async () =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    UdpReceiveResult packet;
                    try { packet = await _udp.ReceiveAsync(_stop.Token); }
                    catch (Exception) { return; }
                    var (name, questionEnd) = ReadQuestion(packet.Buffer);
                    lock (_counts) _counts[name] = _counts.GetValueOrDefault(name) + 1;
                    var reply = packet.Buffer[..questionEnd];
                    reply[2] = 0x81; // QR, RD
                    reply[3] = 0x83; // RA, NXDOMAIN
                    reply[10] = reply[11] = 0; // the question only: the client's EDNS record is not echoed
                    _ = Task.Run(async () =>
                    {
                        if (delay > TimeSpan.Zero) await Task.Delay(delay);
                        try { await _udp.SendAsync(reply, packet.RemoteEndPoint); } catch (ObjectDisposedException) { }
                    });
                }
            });
        }

        public string Endpoint => ((IPEndPoint)_udp.Client.LocalEndPoint!).ToString();

        public int Questions(string name)
        {
            lock (_counts) return _counts.GetValueOrDefault(name);
        }

        private static (string Name, int End) ReadQuestion(byte[] packet)
        {
            var labels = new List<string>();
            var at = 12;
            while (packet[at] != 0)
            {
                labels.Add(System.Text.Encoding.ASCII.GetString(packet, at + 1, packet[at]));
                at += packet[at] + 1;
            }
            return (string.Join('.', labels), at + 5); // zero byte, QTYPE, QCLASS
        }

        public void Dispose()
        {
            _stop.Cancel();
            _udp.Dispose();
            _stop.Dispose();
        }
    }
}
