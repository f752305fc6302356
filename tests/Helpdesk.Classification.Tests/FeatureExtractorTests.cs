using System.Text;
using Helpdesk.Classification.Features;

namespace Helpdesk.Classification.Tests;

[TestClass]
public sealed class FeatureExtractorTests
{
    private static Dictionary<int, float> Extract(string text, FeatureSettings? settings = null)
    {
        var extractor = new FeatureExtractor(settings ?? FeatureSettings.Default);
        var scratch = new FeatureScratch();
        extractor.Extract(text, scratch);
        var result = new Dictionary<int, float>();
        for (int i = 0; i < scratch.Counts.Count; i++)
        {
            result.Add(scratch.Counts.KeyAt(i), scratch.Counts.CountAt(i));
        }

        return result;
    }

    private static int Key(string gram, int block, FeatureSettings? settings = null)
    {
        settings ??= FeatureSettings.Default;
        uint bucket = MurmurHash3.Hash32(Encoding.UTF8.GetBytes(gram), settings.HashSeed) & ((1u << settings.HashBits) - 1);
        return (int)(bucket << 1) | block;
    }

    [TestMethod]
    public void Extract_ShortWord_EmitsWordAndPaddedCharNgramsOnce()
    {
        // " ab " has 4 characters: 3-grams " ab" and "ab ", then the whole padded word once (as char_wb does).
        Dictionary<int, float> features = Extract("ab");

        var expected = new Dictionary<int, float>
        {
            [Key("ab", FeatureExtractor.WordBlock)] = 1,
            [Key(" ab", FeatureExtractor.CharBlock)] = 1,
            [Key("ab ", FeatureExtractor.CharBlock)] = 1,
            [Key(" ab ", FeatureExtractor.CharBlock)] = 1,
        };
        CollectionAssert.AreEquivalent(expected.ToList(), features.ToList());
    }

    [TestMethod]
    public void Extract_RepeatedWord_CountsTermsAndAddsBigram()
    {
        Dictionary<int, float> features = Extract("AB ab");

        Assert.AreEqual(5, features.Count);
        Assert.AreEqual(2f, features[Key("ab", FeatureExtractor.WordBlock)]);
        Assert.AreEqual(1f, features[Key("ab ab", FeatureExtractor.WordBlock)]);
        Assert.AreEqual(2f, features[Key(" ab ", FeatureExtractor.CharBlock)]);
    }

    [TestMethod]
    public void Extract_AccentedWord_CountsCharactersNotBytesAndAddsFoldedWord()
    {
        // " ñu " is 4 characters (5 bytes): " ñu", "ñu ", " ñu "; words "ñu" and folded "nu".
        Dictionary<int, float> features = Extract("ñu");

        Assert.AreEqual(5, features.Count);
        Assert.IsTrue(features.ContainsKey(Key(" ñu", FeatureExtractor.CharBlock)));
        Assert.IsTrue(features.ContainsKey(Key("ñu ", FeatureExtractor.CharBlock)));
        Assert.IsTrue(features.ContainsKey(Key(" ñu ", FeatureExtractor.CharBlock)));
        Assert.IsTrue(features.ContainsKey(Key("ñu", FeatureExtractor.WordBlock)));
        Assert.IsTrue(features.ContainsKey(Key("nu", FeatureExtractor.WordBlock)));
    }

    [TestMethod]
    public void Extract_LongWord_EmitsEveryCharNgramOfEachLength()
    {
        // " reset " has 7 characters: 5 three-grams, 4 four-grams, 3 five-grams, all distinct.
        Dictionary<int, float> features = Extract("reset");

        int charFeatures = features.Keys.Count(k => (k & 1) == FeatureExtractor.CharBlock);
        Assert.AreEqual(12, charFeatures);
    }

    [TestMethod]
    public void Extract_UnigramsOnly_EmitsNoBigrams()
    {
        var settings = new FeatureSettings { WordNgramMax = 1 };

        Dictionary<int, float> features = Extract("new password", settings);

        Assert.IsFalse(features.ContainsKey(Key("new password", FeatureExtractor.WordBlock, settings)));
        Assert.IsTrue(features.ContainsKey(Key("password", FeatureExtractor.WordBlock, settings)));
    }

    [TestMethod]
    public void Extract_ManyDistinctFeatures_GrowsTableWithoutLosingCounts()
    {
        string text = string.Join(' ', Enumerable.Range(0, 3000).Select(i => "w" + i.ToString("x")));

        Dictionary<int, float> features = Extract(text + " " + text);

        Assert.IsTrue(features.Count > 3000);
        Assert.AreEqual(2f, features[Key("w0", FeatureExtractor.WordBlock)]);
    }
}
