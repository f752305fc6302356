using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Helpdesk.Classification.Evaluation;
using Helpdesk.Classification.Pipeline;
using Helpdesk.Classification.Training;
using Helpdesk.Core.Classification;
using Microsoft.Extensions.DependencyInjection;

namespace Helpdesk.Cli.Commands;

/// <summary>`helpdesk evaluate`: the live model (or a model file) scored on the held-out file.</summary>
public sealed class EvaluateCommand : ICliCommand
{
    /// <summary>Lower edges of the confidence bands shown to help choose the triage threshold.</summary>
    private static readonly double[] Bands = [0.9, 0.8, 0.7, 0.6, 0.5, 0.45, 0.4, 0.35, 0.3, 0.0];

    public string Name => "evaluate";

    public string Summary => "Score the live intent model (or --model FILE) on the held-out file: macro-F1, per intent, confusion matrix";

    public string Usage => """
        Usage: helpdesk evaluate [--json] [--model FILE] [--heldout FILE]

        Classifies data/training/heldout.jsonl (subject + visible text, as the desk sees mail) and prints accuracy,
        macro-F1, per-intent precision / recall / F1, the confusion matrix and accuracy by confidence band (to
        choose Helpdesk:Classification:TriageThreshold). Without --model: the live model, trained first on a fresh
        clone. --heldout FILE scores another labelled file instead (same JSONL format, e.g.
        data/training/heldout-unseen.jsonl). --json prints one JSON object instead.
        """;

    public async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var options = CliArgs.Parse(args, flags: ["--json"], valued: ["--model", "--heldout"]);
        if (options.Positional.Count > 0) throw new CliUsageException($"unexpected argument '{options.Positional[0]}'");
        using var host = await CliHost.StartAsync(cancellationToken: cancellationToken);
        var classifier = host.Services.GetRequiredService<IntentClassifierService>();
        IntentModel model;
        if (options.Value("--model") is { } file)
        {
            if (!File.Exists(file)) throw new CliUsageException($"no model file at {file}");
            model = IntentModelFile.Load(file);
        }
        else model = await classifier.EnsureModelAsync(new StderrProgress(stderr), cancellationToken);

        var heldOutFile = options.Value("--heldout");
        if (heldOutFile is not null && !File.Exists(heldOutFile)) throw new CliUsageException($"no held-out file at {heldOutFile}");
        var heldOut = classifier.LoadHeldOut(heldOutFile);
        var report = Evaluator.Evaluate(model, heldOut, cancellationToken);
        var bands = ConfidenceBands(model, heldOut, cancellationToken);
        if (options.Flag("--json"))
        {
            var json = JsonNode.Parse(report.ToJson())!.AsObject();
            json["triageThreshold"] = classifier.TriageThreshold;
            var array = new JsonArray();
            foreach (var b in bands)
                array.Add(new JsonObject { ["from"] = b.From, ["to"] = b.To, ["examples"] = b.Examples, ["accuracy"] = b.Accuracy });
            json["confidenceBands"] = array;
            await stdout.WriteLineAsync(json.ToJsonString());
            return 0;
        }
        await stdout.WriteLineAsync(report.ToText());
        var text = new StringBuilder("accuracy by confidence (top intent probability)\n");
        foreach (var b in bands)
            text.Append(CultureInfo.InvariantCulture, $"  [{b.From:0.00}, {b.To:0.00})  {b.Examples,5}  {(b.Examples == 0 ? "-" : b.Accuracy.ToString("0.000", CultureInfo.InvariantCulture))}\n");
        text.Append(CultureInfo.InvariantCulture, $"triage threshold {classifier.TriageThreshold:0.00}: below it a ticket needs triage");
        await stdout.WriteLineAsync(text.ToString());
        return 0;
    }

    private static List<(double From, double To, int Examples, double Accuracy)> ConfidenceBands(
        IntentModel model, IReadOnlyList<LabeledText> examples, CancellationToken cancellationToken)
    {
        var predictions = model.PredictBatch(examples.Select(e => e.Text).ToArray(), cancellationToken);
        var result = new List<(double, double, int, double)>();
        var upper = 1.0001;
        foreach (var from in Bands)
        {
            var inBand = Enumerable.Range(0, examples.Count).Where(i => predictions[i].Probability >= from && predictions[i].Probability < upper).ToList();
            var right = inBand.Count(i => predictions[i].Label == examples[i].Label);
            result.Add((from, Math.Min(upper, 1.0), inBand.Count, inBand.Count == 0 ? 0 : (double)right / inBand.Count));
            upper = from;
        }
        return result;
    }
}
