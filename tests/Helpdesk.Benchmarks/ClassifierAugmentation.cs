using System.Text;
using System.Text.Json;
using Helpdesk.Classification.Training;

namespace Helpdesk.Benchmarks;

/// <summary>
/// Grows the training set to a fixed size for the training-time benchmark: the originals, then
/// copies with small seeded edits (a word dropped, two words swapped, a typo, case changed) so the
/// extra messages are not exact duplicates and the vocabulary grows the way real mail makes it grow.
/// </summary>
internal static class ClassifierAugmentation
{
    public static IReadOnlyList<LabeledText> Expand(IReadOnlyList<LabeledText> examples, int size)
    {
        var result = new List<LabeledText>(size);
        var random = new Random(20261122);
        for (int i = 0; i < size; i++)
        {
            LabeledText source = examples[i % examples.Count];
            if (i < examples.Count)
            {
                result.Add(source);
                continue;
            }

            string text = source.Text;
            int edits = 1 + random.Next(3);
            for (int e = 0; e < edits; e++)
            {
                text = Edit(text, random);
            }

            result.Add(source with { Text = text, Id = $"{source.Id}-aug{i / examples.Count}" });
        }

        return result;
    }

    public static void WriteJsonLines(IReadOnlyList<LabeledText> examples, string path)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        foreach (LabeledText e in examples)
        {
            int newline = e.Text.IndexOf('\n', StringComparison.Ordinal);
            string subject = newline < 0 ? e.Text : e.Text[..newline];
            string body = newline < 0 ? "" : e.Text[(newline + 1)..];
            writer.WriteLine(JsonSerializer.Serialize(new { id = e.Id, intent = e.Label, subject, body }));
        }
    }

    private static string Edit(string text, Random random)
    {
        string[] words = text.Split(' ');
        if (words.Length < 3)
        {
            return text.ToUpperInvariant();
        }

        int i = random.Next(words.Length - 1);
        switch (random.Next(4))
        {
            case 0:
                return string.Join(' ', words.Where((_, k) => k != i));
            case 1:
                (words[i], words[i + 1]) = (words[i + 1], words[i]);
                return string.Join(' ', words);
            case 2:
                string w = words[i];
                if (w.Length > 3)
                {
                    int c = random.Next(w.Length - 1);
                    words[i] = string.Concat(w.AsSpan(0, c), w.AsSpan(c + 1, 1), w.AsSpan(c, 1), w.AsSpan(c + 2));
                }

                return string.Join(' ', words);
            default:
                words[i] = words[i].ToUpperInvariant();
                return string.Join(' ', words);
        }
    }
}
