using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Helpdesk.Testing.Dns;

/// <summary>
/// OpenDKIM (Debian packages opendkim, opendkim-tools) as a signing milter on 127.0.0.1: a fresh key made by
/// opendkim-genkey, opendkim started in the foreground with a pid file and stopped by that pid. Postfix hands it the
/// mail of one listener (<c>LoopbackMailServers.Start(..., dkimMilterPort)</c>); the loopback DNS publishes
/// <see cref="Record"/> at <see cref="RecordName"/>. Shared as a linked source file.
/// </summary>
public sealed partial class LoopbackOpenDkim : IDisposable
{
    private readonly Process _process;

    private LoopbackOpenDkim(Process process, int port, string directory, string domain, string selector, string record)
    {
        _process = process;
        Port = port;
        Directory = directory;
        Domain = domain;
        Selector = selector;
        Record = record;
    }

    public int Port { get; }

    public string Directory { get; }

    public string Domain { get; }

    public string Selector { get; }

    /// <summary>The TXT record opendkim-genkey wrote (v=DKIM1; h=sha256; k=rsa; p=...), its quoted parts joined.</summary>
    public string Record { get; }

    /// <summary>Where the record lives in DNS.</summary>
    public string RecordName => $"{Selector}._domainkey.{Domain}";

    /// <summary>Postfix's smtpd_milters value for this signer.</summary>
    public string Milter => $"inet:127.0.0.1:{Port}";

    /// <summary>The pid opendkim wrote (the process started here, which stays in the foreground).</summary>
    public int Pid => _process.Id;

    public static LoopbackOpenDkim Start(int port, string domain, string selector)
    {
        var opendkim = Find("opendkim");
        var genkey = Find("opendkim-genkey");
        var directory = System.IO.Directory.CreateTempSubdirectory("helpdesk-opendkim-").FullName;
        Run(genkey, ["-b", "2048", "-D", directory, "-d", domain, "-s", selector]);
        var record = ParseRecord(File.ReadAllText(Path.Combine(directory, selector + ".txt")));
        var pidFile = Path.Combine(directory, "opendkim.pid");
        var config = new StringBuilder()
            .AppendLine("Syslog no")
            .AppendLine("Mode s")
            .AppendLine($"Domain {domain}")
            .AppendLine($"Selector {selector}")
            .AppendLine($"KeyFile {Path.Combine(directory, selector + ".private")}")
            .AppendLine($"Socket inet:{port}@127.0.0.1")
            .AppendLine($"PidFile {pidFile}")
            .AppendLine("Canonicalization relaxed/simple")
            .AppendLine("SignatureAlgorithm rsa-sha256")
            .AppendLine("InternalHosts 127.0.0.1")
            .AppendLine("OversignHeaders From")
            // The key and this file live under /tmp, which everyone may write (sticky): opendkim refuses such paths unless told.
            .AppendLine("RequireSafeKeys no");
        var file = Path.Combine(directory, "opendkim.conf");
        File.WriteAllText(file, config.ToString());
        var start = new ProcessStartInfo(opendkim) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "-f", "-x", file }) start.ArgumentList.Add(a);
        var process = Process.Start(start) ?? throw new InvalidOperationException("opendkim did not start.");
        var signer = new LoopbackOpenDkim(process, port, directory, domain, selector, record);
        signer.WaitUntilListening(pidFile);
        return signer;
    }

    private void WaitUntilListening(string pidFile)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"opendkim stopped at start (exit {_process.ExitCode}): {_process.StandardError.ReadToEnd()}");
            try
            {
                using var tcp = new TcpClient();
                tcp.Connect("127.0.0.1", Port);
                if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid) && pid != _process.Id)
                    throw new InvalidOperationException($"opendkim wrote pid {pid}, not the {_process.Id} started here (it left the foreground).");
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }
        throw new InvalidOperationException($"opendkim did not listen on 127.0.0.1:{Port} within 10 s.");
    }

    /// <summary>The parts in quotes of a zone-file TXT record, joined (opendkim-genkey splits the key over several).</summary>
    internal static string ParseRecord(string zoneText)
    {
        var parts = Quoted().Matches(zoneText).Select(m => m.Groups[1].Value).ToList();
        if (parts.Count == 0) throw new InvalidOperationException("opendkim-genkey wrote no TXT record: " + zoneText);
        return string.Concat(parts).Trim();
    }

    [GeneratedRegex("\"([^\"]*)\"")]
    private static partial Regex Quoted();

    private static string Find(string name) =>
        new[] { "/usr/sbin/" + name, "/usr/bin/" + name }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"{name} is not installed (Debian packages opendkim opendkim-tools; see tests/install-deps.sh).");

    private static void Run(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(start) ?? throw new InvalidOperationException(file + " did not start.");
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} failed (exit {process.ExitCode}): {error}");
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
