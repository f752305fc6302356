using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Helpdesk.Testing.Dns;

/// <summary>
/// A dnsmasq (Debian package dnsmasq-base) on 127.0.0.1 serving the TXT and A records a test gives it (DKIM keys, SPF,
/// DMARC), answering NXDOMAIN for anything else under the zones it is local for; started in the foreground and
/// stopped by its pid. Shared as a linked source file by the tests that verify senders against real DNS.
/// </summary>
public sealed class LoopbackDns : IDisposable
{
    private readonly Process _process;

    private LoopbackDns(Process process, int port, string directory)
    {
        _process = process;
        Port = port;
        Directory = directory;
    }

    public int Port { get; }

    public string Directory { get; }

    /// <summary>"127.0.0.1:port", as the desk's Helpdesk:Mail:DnsServers takes it.</summary>
    public string Server => $"127.0.0.1:{Port}";

    /// <param name="txt">name -> value; values over 255 bytes are split into several strings (RFC 7208 3.3).</param>
    /// <param name="addresses">name -> IPv4 address.</param>
    /// <param name="zones">Names answered NXDOMAIN locally when not listed (no upstream is ever asked).</param>
    public static LoopbackDns Start(int port, IReadOnlyDictionary<string, string> txt, IReadOnlyDictionary<string, string>? addresses = null,
        IEnumerable<string>? zones = null)
    {
        var dnsmasq = new[] { "/usr/sbin/dnsmasq", "/usr/bin/dnsmasq" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("dnsmasq is not installed (Debian package dnsmasq-base; see tests/install-deps.sh).");
        var directory = System.IO.Directory.CreateTempSubdirectory("helpdesk-dns-").FullName;
        var config = new StringBuilder();
        config.AppendLine("no-resolv").AppendLine("no-hosts").AppendLine("no-poll").AppendLine("bind-interfaces")
            .AppendLine("listen-address=127.0.0.1").AppendLine($"port={port}").AppendLine("user=root").AppendLine("pid-file=");
        foreach (var zone in zones ?? ["example", "test", "com", "net", "org"]) config.AppendLine($"local=/{zone}/");
        foreach (var (name, value) in txt)
            config.AppendLine($"txt-record={name},{string.Join(',', value.Chunk(250).Select(c => "\"" + new string(c) + "\""))}");
        foreach (var (name, ip) in addresses ?? new Dictionary<string, string>())
            config.AppendLine($"host-record={name},{ip}");
        var file = Path.Combine(directory, "dnsmasq.conf");
        File.WriteAllText(file, config.ToString());
        var start = new ProcessStartInfo(dnsmasq) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "--keep-in-foreground", "--conf-file=" + file, "--log-facility=" + Path.Combine(directory, "dnsmasq.log") })
            start.ArgumentList.Add(a);
        var process = Process.Start(start) ?? throw new InvalidOperationException("dnsmasq did not start.");
        var dns = new LoopbackDns(process, port, directory);
        dns.WaitUntilAnswering();
        return dns;
    }

    private void WaitUntilAnswering()
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"dnsmasq stopped at start: {_process.StandardError.ReadToEnd()}");
            using var udp = new UdpClient();
            udp.Client.ReceiveTimeout = 200;
            // A bare query for "." type NS: any answer means the server is up.
            byte[] query = [0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 1];
            try
            {
                udp.Send(query, query.Length, new IPEndPoint(IPAddress.Loopback, Port));
                IPEndPoint? from = null;
                if (udp.Receive(ref from).Length > 0) return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }
        throw new InvalidOperationException("dnsmasq did not answer within 10 s.");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }
        _process.Dispose();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
