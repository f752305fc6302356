using System.Globalization;
using Helpdesk.Mail.CustomerWords;

namespace Helpdesk.Cli.Commands;

/// <summary>`helpdesk words --corpus DIR`: how well the desk finds the customer's own words in a corpus of mail.</summary>
public sealed class WordsCommand : ICliCommand
{
    public string Name => "words";

    public string Summary => "Score visible text, machine mail and forwards over a corpus of .eml + .expected.json";

    public string Usage => """
        Usage: helpdesk words --corpus DIR [--failures N]

        Reads every DIR/**/NAME.eml that has NAME.expected.json beside it
        ({"visibleText": "...", "machine": null | "<kind>", "forwarded": null | {"from": "...", "subject": "..."}})
        and prints: the exact-match rate of the visible text after whitespace folding, machine mail precision
        and recall, forwarded accuracy, then the failures (file, field, expected, actual).
        Exit code 0 when the corpus was read, 1 when it could not be.

          --corpus DIR    the corpus folder (required)
          --failures N    list at most N failures (default 50; 0 lists none)
        """;

    public Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        string? corpus = null;
        var maxFailures = 50;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--corpus" when i + 1 < args.Length:
                    corpus = args[++i];
                    break;
                case "--failures" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var n) && n >= 0:
                    maxFailures = n;
                    i++;
                    break;
                default:
                    throw new CliUsageException($"unknown or incomplete option '{args[i]}'");
            }
        }
        if (corpus is null)
            throw new CliUsageException("--corpus DIR is required");
        if (!Directory.Exists(corpus))
        {
            stderr.WriteLine($"words: no folder {corpus}");
            return Task.FromResult(1);
        }

        WordsScore score;
        try
        {
            score = WordsCorpus.Evaluate(corpus);
        }
        catch (InvalidDataException e)
        {
            stderr.WriteLine("words: " + e.Message);
            return Task.FromResult(1);
        }
        var c = CultureInfo.InvariantCulture;
        stdout.WriteLine(string.Format(c, "messages             {0}", score.Messages));
        stdout.WriteLine(string.Format(c, "visible text exact   {0:P1}  ({1}/{2}, whitespace folded)", score.VisibleTextRate, score.VisibleTextExact, score.Messages));
        stdout.WriteLine(string.Format(c, "machine precision    {0:P1}  (tp {1}, fp {2})", score.MachinePrecision, score.MachineTruePositives, score.MachineFalsePositives));
        stdout.WriteLine(string.Format(c, "machine recall       {0:P1}  (tp {1}, fn {2}, expected {3})", score.MachineRecall, score.MachineTruePositives, score.MachineFalseNegatives, score.MachineExpected));
        stdout.WriteLine(string.Format(c, "forwarded accuracy   {0:P1}  ({1}/{2} forwards right, {3} false forwards)", score.ForwardedAccuracy, score.ForwardedCorrect, score.ForwardedExpected, score.ForwardedFalsePositives));
        stdout.WriteLine(string.Format(c, "failures             {0}", score.Failures.Count));
        foreach (var f in score.Failures.Take(maxFailures))
        {
            stdout.WriteLine($"  {f.File} [{f.Field}]");
            stdout.WriteLine($"    expected: {Show(f.Expected)}");
            stdout.WriteLine($"    actual:   {Show(f.Actual)}");
        }
        return Task.FromResult(0);
    }

    private static string Show(string s)
    {
        var one = s.Replace("\n", "\\n", StringComparison.Ordinal);
        return one.Length <= 300 ? one : one[..300] + "…";
    }
}
