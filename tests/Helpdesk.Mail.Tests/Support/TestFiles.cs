namespace Helpdesk.Mail.Tests.Support;

internal static class TestFiles
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "TestData");

    public static string Golden => Path.Combine(Root, "golden");

    public static string Rfc => Path.Combine(Root, "rfc");

    public static byte[] Bytes(string relative) => File.ReadAllBytes(Path.Combine(Root, relative));

    /// <summary>Every .eml under a folder (sorted), or none when the folder does not exist yet.</summary>
    public static IEnumerable<string> Messages(string folder) =>
        Directory.Exists(folder) ? Directory.GetFiles(folder, "*.eml").Order(StringComparer.Ordinal) : [];

    /// <summary>A message from lines joined with CRLF (tests write mail as arrays of lines to keep line ends exact).</summary>
    public static byte[] Crlf(params string[] lines) => System.Text.Encoding.UTF8.GetBytes(string.Join("\r\n", lines));
}
