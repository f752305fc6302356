using Helpdesk.Mail.Authenticity.Lookalikes;
using Helpdesk.Mail.Tests.Support;

namespace Helpdesk.Mail.Tests.Authenticity;

/// <summary>
/// The lookalike detector over TestData/lookalikes/domains.tsv: 100+ lookalikes of the company's domains (homoglyphs,
/// punycode, ASCII confusables, added words, typos, other endings, our name as a subdomain) and 100 genuine domains
/// (our own subdomains, mail providers, unrelated companies with similar words). Precision first: an agent who sees
/// "lookalike" on a customer's gmail address stops trusting the badge.
/// </summary>
[TestClass]
public sealed class LookalikeTableTests
{
    public static readonly string[] Protected = ["meridian.example", "meridianoutfitters.com"];

    private const double MinimumPrecision = 0.98;
    private const double MinimumRecall = 0.95;

    public static IReadOnlyList<(string Domain, bool Lookalike, string Kind)> Table() =>
        [.. File.ReadLines(Path.Combine(TestFiles.Root, "lookalikes", "domains.tsv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .Select(p => (p[0], p[1] == "lookalike", p[2]))];

    [TestMethod]
    public void Table_LookalikesAndGenuineDomains_MeetPrecisionAndRecall()
    {
        var table = Table();
        var detector = new LookalikeDetector(Protected);
        int tp = 0, fp = 0, fn = 0;
        foreach (var (domain, expected, kind) in table)
        {
            var found = detector.Check(domain);
            if (found is not null && expected) tp++;
            else if (found is not null) { fp++; Console.WriteLine($"false alarm: {domain} ({kind}) -> {found.LooksLike}: {found.Why}"); }
            else if (expected) { fn++; Console.WriteLine($"missed: {domain} ({kind})"); }
        }
        var precision = (double)tp / (tp + fp);
        var recall = (double)tp / (tp + fn);
        Console.WriteLine($"lookalikes {table.Count(t => t.Lookalike)}, genuine {table.Count(t => !t.Lookalike)}: precision {precision:P2}, recall {recall:P2}");

        Assert.IsGreaterThanOrEqualTo(100, table.Count(t => t.Lookalike));
        Assert.IsGreaterThanOrEqualTo(100, table.Count(t => !t.Lookalike));
        Assert.IsGreaterThanOrEqualTo(MinimumPrecision, precision, $"precision {precision:P2}");
        Assert.IsGreaterThanOrEqualTo(MinimumRecall, recall, $"recall {recall:P2}");
    }

    [TestMethod]
    [DataRow("xn--mridian-7gg.example", "punycode homoglyph")]
    [DataRow("meridian-support.com", "added word 'support'")]
    [DataRow("meridian.net", "other ending (.net)")]
    [DataRow("rneridian.example", "confusable characters")]
    [DataRow("meridain.example", "one letter off")]
    public void Check_Lookalike_SaysHow(string host, string why)
    {
        var found = new LookalikeDetector(Protected).Check(host);

        Assert.IsNotNull(found, host);
        Assert.AreEqual(why, found.Why);
    }

    [TestMethod]
    [DataRow("help.meridian.example")]
    [DataRow("gmail.com")]
    [DataRow("median.com")]
    public void Check_Genuine_IsNull(string host) => Assert.IsNull(new LookalikeDetector(Protected).Check(host));

    [TestMethod]
    public void Skeleton_CyrillicAndLatin_AreTheSame() =>
        Assert.AreEqual(ConfusableSkeleton.Of("meridian"), ConfusableSkeleton.Of("mеrіdіаn"));
}
