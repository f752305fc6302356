using System.Diagnostics;
using System.Text;

namespace Helpdesk.Testing.Mail;

/// <summary>
/// Starts the Dovecot + Postfix pair of tests/servers/mail on 127.0.0.1 with its own run directory and ports, and
/// stops it by pid. Shared (as a linked source file) by the end-to-end tests and the benchmarks.
/// </summary>
public sealed class LoopbackMailServers
{
    private LoopbackMailServers(string script, string runDirectory, int basePort, string? oauth2IntrospectionUrl, string? dkimMilter = null)
    {
        Script = script;
        DkimMilter = dkimMilter;
        SigningPort = basePort + 587;
        OAuth2IntrospectionUrl = oauth2IntrospectionUrl;
        RunDirectory = runDirectory;
        ImapPort = basePort + 143;
        ImapsPort = basePort + 993;
        LmtpPort = basePort + 24;
        SmtpPort = basePort + 25;
        SmtpsPort = basePort + 465;
    }

    public string Script { get; }

    public string RunDirectory { get; }

    public int ImapPort { get; }

    public int ImapsPort { get; }

    public int LmtpPort { get; }

    public int SmtpPort { get; }

    public int SmtpsPort { get; }

    /// <summary>
    /// With a DKIM milter (<see cref="StartWithSigner"/>): the SMTP port whose mail that milter signs, as the company's own
    /// outbound server would (basePort + 587). Mail sent to <see cref="SmtpPort"/> is never signed.
    /// </summary>
    public int SigningPort { get; }

    /// <summary>Postfix's smtpd_milters value for <see cref="SigningPort"/> ("inet:127.0.0.1:PORT"), or null.</summary>
    public string? DkimMilter { get; }

    /// <summary>When set, Dovecot (and Postfix's AUTH through it) also takes XOAUTH2/OAUTHBEARER tokens checked at this URL.</summary>
    public string? OAuth2IntrospectionUrl { get; }

    /// <summary>The self-signed certificate both servers present (pin it, or point SSL_CERT_FILE at it).</summary>
    public string CertificatePath => Path.Combine(RunDirectory, "cert.pem");

    public string DovecotConfig => Path.Combine(RunDirectory, "dovecot.conf");

    /// <summary>
    /// Starts both servers; ports are basePort + 143 (IMAP), + 993 (IMAPS), + 24 (LMTP), + 25 (SMTP), + 465 (SMTPS).
    /// Throws with the script's own explanation when the servers are not installed. With
    /// <paramref name="oauth2IntrospectionUrl"/> the users may also sign in with OAuth2 tokens, each POSTed by
    /// Dovecot to that URL (RFC 7662 token introspection, served by the test).
    /// </summary>
    public static LoopbackMailServers Start(int basePort, string? oauth2IntrospectionUrl = null) => Start(basePort, oauth2IntrospectionUrl, null);

    /// <summary>
    /// As <see cref="Start(int, string?)"/>, plus a listener on <see cref="SigningPort"/> whose mail the milter at
    /// <paramref name="dkimMilter"/> (an OpenDKIM signer, "inet:127.0.0.1:PORT") signs; Postfix refuses that port's mail
    /// when the milter does not answer, so nothing arrives unsigned by mistake.
    /// </summary>
    public static LoopbackMailServers StartWithSigner(int basePort, string dkimMilter) => Start(basePort, null, dkimMilter);

    /// <summary>
    /// As <see cref="Start(int, string?)"/> with Dovecot storing mail as sdbox (a file per message) instead of Maildir:
    /// for a run that delivers a hundred thousand messages into one mailbox (the breach-week drill). Maildir rewrote its
    /// UID list on every delivery; mdbox re-read its shared map index log (up to 1 MB) on every delivery, 3-4 ms of
    /// Dovecot's CPU each against 1.3-1.6 ms for sdbox (docs/benchmarks.md, "Dovecot's storage for the drill").
    /// <see cref="ReadMaildir"/> does not apply.
    /// </summary>
    public static LoopbackMailServers StartForVolume(int basePort) => Start(basePort, null, null, "sdbox:~/sdbox");

    private static LoopbackMailServers Start(int basePort, string? oauth2IntrospectionUrl, string? dkimMilter, string? mailLocation = null)
    {
        var script = Path.Combine(FindRepositoryRoot(), "tests", "servers", "mail", "mailservers.sh");
        var run = Directory.CreateTempSubdirectory("helpdesk-mail-").FullName;
        var servers = new LoopbackMailServers(script, run, basePort, oauth2IntrospectionUrl, dkimMilter) { MailLocation = mailLocation };
        var (code, output) = servers.Run("start");
        if (code != 0)
        {
            throw new InvalidOperationException(
                $"Could not start the loopback mail servers (exit {code}). Install them with tests/install-deps.sh "
                + $"or 'bash {script} install' (root). Output:\n{output}");
        }

        return servers;
    }

    public void Stop()
    {
        Run("stop");
        try
        {
            Directory.Delete(RunDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a dying process: the temp folder is cleaned up by the system later.
        }
    }

    public void StopDovecot() => Expect(Run("stop-dovecot"), "stop-dovecot");

    /// <summary>Starts whatever is not running (after <see cref="StopDovecot"/>).</summary>
    public void EnsureStarted() => Expect(Run("start"), "start");

    /// <summary>
    /// Messages in Postfix's queue (maildrop, incoming, active, deferred, hold): mail accepted and not yet delivered or
    /// bounced. Null when the queue cannot be read (Postfix not started by root, or stopped).
    /// </summary>
    public int? PostfixQueued()
    {
        var spool = Path.Combine(RunDirectory, "postfix", "spool");
        try
        {
            var count = 0;
            foreach (var queue in new[] { "maildrop", "incoming", "active", "deferred", "hold" })
            {
                var folder = Path.Combine(spool, queue);
                if (Directory.Exists(folder))
                {
                    count += Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Count();
                }
            }

            return Directory.Exists(spool) ? count : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Saves one message straight into a mailbox (doveadm save, no SMTP, no added headers).</summary>
    public void Deliver(string user, byte[] message, string mailbox = "INBOX")
    {
        var start = new ProcessStartInfo("doveadm", ["-c", DovecotConfig, "save", "-u", user, "-m", mailbox])
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        process.StandardInput.BaseStream.Write(message);
        process.StandardInput.Close();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"doveadm save failed: {error}");
        }
    }

    /// <summary>The messages in a user's Maildir (new and cur) as Dovecot stored them, bytes unchanged; empty before the first delivery.</summary>
    public IReadOnlyList<byte[]> ReadMaildir(string user)
    {
        var maildir = Path.Combine(RunDirectory, "mail", user, "Maildir");
        return [.. new[] { "new", "cur" }.Select(sub => Path.Combine(maildir, sub)).Where(Directory.Exists)
            .SelectMany(Directory.EnumerateFiles).Select(File.ReadAllBytes)];
    }

    /// <summary>
    /// Writes messages as files into the user's Maildir/new (the fastest way to fill a mailbox; Dovecot picks them
    /// up at the next SELECT). Bytes are stored exactly as given; use CRLF line ends.
    /// </summary>
    public void WriteToMaildir(string user, IEnumerable<byte[]> messages)
    {
        var maildir = Path.Combine(RunDirectory, "mail", user, "Maildir");
        foreach (var sub in new[] { "new", "cur", "tmp" })
        {
            Directory.CreateDirectory(Path.Combine(maildir, sub));
        }

        var stamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var i = 0;
        foreach (var message in messages)
        {
            // Unique names; Dovecot assigns UIDs in the order it finds the files, not necessarily this one.
            var name = $"{stamp}.M{i++:D8}P{Environment.ProcessId}.helpdesk";
            File.WriteAllBytes(Path.Combine(maildir, "tmp", name), message);
            File.Move(Path.Combine(maildir, "tmp", name), Path.Combine(maildir, "new", name));
        }

        if (Environment.UserName == "root")
        {
            Expect(RunProcess("chown", ["-R", "mail:mail", Path.Combine(RunDirectory, "mail", user)]), "chown");
        }
    }

    private (int Code, string Output) Run(string verb) => RunProcess("bash", [Script, verb], new Dictionary<string, string>
    {
        ["MAIL_RUN"] = RunDirectory,
        ["IMAP_PORT"] = ImapPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["IMAPS_PORT"] = ImapsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["LMTP_PORT"] = LmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["SMTP_PORT"] = SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["SMTPS_PORT"] = SmtpsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["OAUTH2_INTROSPECTION_URL"] = OAuth2IntrospectionUrl ?? "",
        ["DKIM_MILTER"] = DkimMilter ?? "",
        ["SIGNING_PORT"] = SigningPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["MAIL_LOCATION"] = MailLocation ?? "",
    });

    /// <summary>Dovecot's mail_location, or null for the script's default (Maildir).</summary>
    public string? MailLocation { get; private init; }

    private static (int Code, string Output) RunProcess(string file, string[] arguments, Dictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var (key, value) in environment ?? [])
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "timed out\n" + output);
        }

        process.WaitForExit();
        return (process.ExitCode, output.ToString());
    }

    private static void Expect((int Code, string Output) result, string what)
    {
        if (result.Code != 0)
        {
            throw new InvalidOperationException($"{what} failed (exit {result.Code}): {result.Output}");
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Helpdesk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Helpdesk.sln not found above " + AppContext.BaseDirectory);
    }
}
