using Helpdesk.Classification.Pipeline;
using Helpdesk.Classification.Training;

namespace Helpdesk.Classification.Tests;

/// <summary>Small generated data sets: each label has its own key phrases, mixed with shared filler.</summary>
internal static class Fixtures
{
    private static readonly Dictionary<string, string[]> Phrases = new()
    {
        ["reset_help"] = ["the reset link expired", "my new password is rejected", "reset email never arrived", "error on the reset page"],
        ["card_safety"] = ["is my credit card safe", "should I cancel my card", "strange charges on my card", "was my card number stolen"],
        ["order_other"] = ["where is my order", "I want to return the jacket", "shipping is late", "the boots do not fit"],
        ["thanks"] = ["thank you for telling us", "thanks for the heads up", "appreciate the notice", "many thanks for letting me know"],
    };

    private static readonly string[] Filler =
        ["hello", "hi there", "please", "today", "again", "regards", "best", "quickly", "team", "Meridian", "yesterday", "morning"];

    /// <summary>Options with a pinned clock, so metrics are the same every run.</summary>
    public static IntentTrainerOptions Options { get; } = new()
    {
        TimeProvider = new FixedTimeProvider(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero)),
    };

    /// <summary>One model on <c>Separable(30, seed: 1)</c>, shared by tests that only read it (models are immutable).</summary>
    public static Lazy<IntentModel> SeparableModel { get; } = new(() => new IntentTrainer(Options).Train(Separable(30, seed: 1)));

    public static IReadOnlyList<string> Labels => Phrases.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>Separable examples: each text holds one or two of its label's phrases plus filler.</summary>
    public static IReadOnlyList<LabeledText> Separable(int perLabel, int seed)
    {
        var random = new Random(seed);
        var examples = new List<LabeledText>();
        for (int i = 0; i < perLabel; i++)
        {
            foreach ((string label, string[] phrases) in Phrases)
            {
                string text = $"{Pick(Filler, random)} {Pick(phrases, random)} {Pick(Filler, random)}";
                if (random.Next(2) == 0)
                {
                    text += $". {Pick(phrases, random)} {Pick(Filler, random)}";
                }

                examples.Add(new LabeledText(text, label, $"{label}-{seed}-{i}"));
            }
        }

        return examples;
    }

    private static string Pick(string[] items, Random random) => items[random.Next(items.Length)];
}

/// <summary>A clock that always says the same time, so model files are byte-identical.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
