using Helpdesk.Classification.Evaluation;
using Helpdesk.Classification.Model;
using Helpdesk.Classification.Pipeline;

namespace Helpdesk.Core.Classification;

/// <summary>One confidence band of the held-out file: how many messages fell in it and how often the model was right.</summary>
public sealed record ConfidenceBand(double From, double To, int Examples, double Accuracy);

/// <summary>What the trainers' model page shows about the live model without anyone pressing a button.</summary>
public sealed record LiveModelView(
    ModelMetrics Metrics, EvaluationReport HeldOut, IReadOnlyList<ConfidenceBand> Bands, double TriageRate, double KeptPrecision,
    double TriageThreshold, IReadOnlyList<ModelHistory.Version> History);

/// <summary>Scores the live model on the held-out file for the model page (a second or so; cached per live model).</summary>
public sealed class LiveModelSummary(IntentClassifierService classifier)
{
    /// <summary>Lower edges of the bands shown (the same as `helpdesk evaluate`).</summary>
    public static readonly double[] BandEdges = [0.9, 0.8, 0.7, 0.6, 0.5, 0.0];

    private (IntentModel Model, LiveModelView View)? _cached;

    /// <summary>The live model's figures, or null while no model is loaded.</summary>
    public async Task<LiveModelView?> DescribeAsync(CancellationToken cancellationToken = default)
    {
        if (classifier.Holder.Current is not { } model) return null;
        if (_cached is { } c && ReferenceEquals(c.Model, model)) return c.View with { History = ModelHistory.List(classifier.ModelPath) };
        var view = await Task.Run(() => Describe(model, cancellationToken), cancellationToken).ConfigureAwait(false);
        _cached = (model, view);
        return view;
    }

    private LiveModelView Describe(IntentModel model, CancellationToken cancellationToken)
    {
        var heldOut = classifier.LoadHeldOut();
        var predictions = model.PredictBatch(heldOut.Select(e => e.Text).ToArray(), cancellationToken);
        var report = Evaluator.Score(heldOut, predictions);
        var bands = new List<ConfidenceBand>();
        var upper = 1.0;
        foreach (var from in BandEdges)
        {
            var inBand = Enumerable.Range(0, heldOut.Count)
                .Where(i => predictions[i].Probability >= from && (predictions[i].Probability < upper || upper >= 1.0)).ToList();
            var right = inBand.Count(i => predictions[i].Label == heldOut[i].Label);
            bands.Add(new ConfidenceBand(from, upper, inBand.Count, inBand.Count == 0 ? 0 : (double)right / inBand.Count));
            upper = from;
        }
        var threshold = classifier.TriageThreshold;
        var kept = Enumerable.Range(0, heldOut.Count).Where(i => predictions[i].Probability >= threshold).ToList();
        var triage = heldOut.Count == 0 ? 0 : 1 - ((double)kept.Count / heldOut.Count);
        var keptPrecision = kept.Count == 0 ? 0 : (double)kept.Count(i => predictions[i].Label == heldOut[i].Label) / kept.Count;
        return new LiveModelView(model.Metrics, report, bands, triage, keptPrecision, threshold, ModelHistory.List(classifier.ModelPath));
    }
}
