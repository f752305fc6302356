using Helpdesk.Classification.Clustering;

namespace Helpdesk.Classification.Tests.Clustering;

[TestClass]
public sealed class NearDuplicateClustererTests
{
    // Eight questions customers of the surge ask in nearly the same words, two per intent, and distinct one-offs.
    private static readonly (string Intent, string Text)[] Questions =
    [
        ("reset_help", "I clicked Create a New Password like the email said and it tells me the link has expired. What do I do now?"),
        ("reset_help", "I have asked for the reset email four times and nothing comes, it is not in my spam folder either. Please send it again."),
        ("card_safety", "Is my credit card safe? Should I cancel it and ask my bank for a new one after this breach?"),
        ("card_safety", "There is a charge on my card I do not recognise from last night. Was my card stolen in your breach?"),
        ("phishing_check", "I got an email asking me to confirm my password with a link. Is this really from Meridian or is it a scam?"),
        ("phishing_check", "Someone called me saying they were from Meridian and asked for my date of birth. Was that you?"),
        ("close_account", "Please delete my account and all of my personal data. I do not want to shop with you any more."),
        ("close_account", "Remove me from all of your mailing lists and close my loyalty account right away."),
    ];

    private static readonly string[] OneOffs =
    [
        "my order 5512 arrived with the wrong size boots, how do I return them",
        "thanks for letting us know so quickly",
        "I live in Canada and the website will not load at all, even with my VPN switched off",
        "will you pay for credit monitoring for my whole family",
        "why did it take you three days to tell us about this",
        "I cannot sign in after resetting, it says my account is locked",
        "the new password page shows an error 500 every time",
        "which of my details were taken, my address too",
        "you should compensate every customer for this mess",
        "can I still use my gift card in stores",
    ];

    private static readonly string[] Names = ["Linda", "Bob", "Ana", "Marcus", "Priya", "Tom", "Grace", "Wei"];
    private static readonly string[] Openers = ["", "Hi,", "Hello,", "Good morning.", "hi there"];
    private static readonly string[] Closers = ["", "Thanks", "Thank you.", "Regards", "Please help!", "thx"];

    /// <summary>Each question written by 30 customers with their own greeting, sign-off, a dropped word and a typo.</summary>
    private static List<(ClusterInput Input, string Label)> Fixture(int perQuestion = 30, int seed = 7)
    {
        var random = new Random(seed);
        var items = new List<(ClusterInput, string)>();
        var id = 0L;
        for (var copy = 0; copy < perQuestion; copy++)
            foreach (var (index, (intent, text)) in Questions.Index())
                items.Add((new ClusterInput(++id, intent, Vary(text, random)), $"q{index}"));
        foreach (var (index, text) in OneOffs.Index())
            items.Add((new ClusterInput(++id, "reset_help", text), $"one-off {index}"));
        return items;
    }

    private static string Vary(string text, Random random)
    {
        var words = text.Split(' ').ToList();
        if (random.NextDouble() < 0.6) words.RemoveAt(random.Next(words.Count));
        if (random.NextDouble() < 0.5)
        {
            var i = random.Next(words.Count);
            if (words[i].Length > 3) words[i] = words[i][..1] + words[i][2] + words[i][1] + words[i][3..];
        }
        var body = string.Join(' ', words);
        if (random.NextDouble() < 0.3) body = body.ToLowerInvariant();
        return $"{Openers[random.Next(Openers.Length)]} {body}\n\n{Closers[random.Next(Closers.Length)]}\n{Names[random.Next(Names.Length)]}".Trim();
    }

    [TestMethod]
    public void Cluster_KnownGroups_PurityAndRecallAboveThresholds()
    {
        var fixture = Fixture();
        var labels = fixture.ToDictionary(f => f.Input.Id, f => f.Label);

        var clusters = NearDuplicateClusterer.Cluster(fixture.Select(f => f.Input).ToList());

        var clustered = clusters.Sum(c => c.Size);
        var majority = clusters.Sum(c => c.Members.GroupBy(m => labels[m.Id]).Max(g => g.Count()));
        var purity = (double)majority / clustered;
        // Recall: for each known group, the share of its members found together in its biggest cluster.
        var groups = fixture.Where(f => f.Label.StartsWith('q')).GroupBy(f => f.Label).ToList();
        var recall = groups.Average(g => (double)clusters.Max(c => c.Members.Count(m => labels[m.Id] == g.Key)) / g.Count());
        var oneOffsClustered = clusters.SelectMany(c => c.Members).Count(m => labels[m.Id].StartsWith("one-off", StringComparison.Ordinal));

        Assert.IsTrue(purity >= 0.98, $"purity {purity:P1}");
        Assert.IsTrue(recall >= 0.90, $"recall {recall:P1}");
        Assert.AreEqual(0, oneOffsClustered, "distinct questions stay out of the clusters");
        Console.WriteLine($"purity {purity:P1}, recall {recall:P1}, {clusters.Count} clusters over {clustered} of {fixture.Count} texts");
    }

    [TestMethod]
    public void Cluster_SameInput_SameClustersAndRepresentativeFirst()
    {
        var inputs = Fixture().Select(f => f.Input).ToList();

        var first = NearDuplicateClusterer.Cluster(inputs);
        var second = NearDuplicateClusterer.Cluster(inputs);

        Assert.AreEqual(first.Count, second.Count);
        for (var i = 0; i < first.Count; i++)
        {
            Assert.AreEqual(first[i].RepresentativeId, second[i].RepresentativeId);
            CollectionAssert.AreEqual(first[i].Members.ToArray(), second[i].Members.ToArray());
            Assert.AreEqual(first[i].RepresentativeId, first[i].Members[0].Id);
            Assert.AreEqual(1.0, first[i].Members[0].Similarity);
        }
    }

    [TestMethod]
    public void Cluster_IdenticalTextInTwoGroups_NeverMixed()
    {
        var inputs = new List<ClusterInput>
        {
            new(1, "card_safety", "is my card safe"), new(2, "phishing_check", "is my card safe"),
            new(3, "card_safety", "is my card safe"), new(4, "phishing_check", "is my card safe"),
        };

        var clusters = NearDuplicateClusterer.Cluster(inputs);

        Assert.AreEqual(2, clusters.Count);
        CollectionAssert.AreEquivalent(new long[] { 1, 3 }, clusters.Single(c => c.Group == "card_safety").Members.Select(m => m.Id).ToArray());
        CollectionAssert.AreEquivalent(new long[] { 2, 4 }, clusters.Single(c => c.Group == "phishing_check").Members.Select(m => m.Id).ToArray());
    }

    [TestMethod]
    public void Cluster_BelowMinSize_NotReported()
    {
        var inputs = new List<ClusterInput> { new(1, "thanks", "thank you for telling us"), new(2, "thanks", "thank you for telling us") };

        Assert.AreEqual(0, NearDuplicateClusterer.Cluster(inputs, new NearDuplicateOptions { MinSize = 3 }).Count);
        Assert.AreEqual(1, NearDuplicateClusterer.Cluster(inputs, new NearDuplicateOptions { MinSize = 2 }).Count);
    }
}
