using Helpdesk.Classification.Model;
using Helpdesk.Classification.Pipeline;
using Helpdesk.Classification.Training;

namespace Helpdesk.Classification.Evaluation;

/// <summary>Scores models on labelled examples and decides whether a new model may go live.</summary>
public static class Evaluator
{
    /// <summary>Predicts every example with <paramref name="model"/> and scores the result.</summary>
    public static EvaluationReport Evaluate(IntentModel model, IReadOnlyList<LabeledText> examples, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(examples);
        return Score(examples, model.PredictBatch(examples.Select(e => e.Text).ToArray(), cancellationToken));
    }

    /// <summary>Scores <paramref name="predictions"/> (one per example, in order).</summary>
    public static EvaluationReport Score(IReadOnlyList<LabeledText> examples, IReadOnlyList<Prediction> predictions)
    {
        var mistakes = new List<Mistake>();
        for (int i = 0; i < examples.Count; i++)
        {
            if (!string.Equals(examples[i].Label, predictions[i].Label, StringComparison.Ordinal))
            {
                mistakes.Add(new Mistake(examples[i].Id, examples[i].Label, predictions[i].Label, predictions[i].Probability));
            }
        }

        EvaluationReport report = EvaluationReport.FromLabels(
            examples.Select(e => e.Label).ToArray(),
            predictions.Select(p => p.Label).ToArray());
        return report with { DataHash = IntentTrainer.HashExamples(examples), Mistakes = mistakes };
    }

    /// <summary>The model carrying <paramref name="heldOut"/>'s scores as its held-out metrics.</summary>
    public static IntentModel WithHeldOutMetrics(IntentModel model, EvaluationReport heldOut)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(heldOut);
        return model.WithMetrics(model.Metrics with
        {
            HeldOutMacroF1 = heldOut.MacroF1,
            HeldOutAccuracy = heldOut.Accuracy,
            HeldOutExamples = heldOut.Examples,
            HeldOutDataHash = heldOut.DataHash,
        });
    }

    /// <summary>
    /// The desk's promotion rule: a candidate goes live only if its macro-F1 on the held-out file is
    /// not lower than the live model's. Both reports must come from the same held-out examples
    /// (evaluate the live model again when the file changed); with no live model the candidate wins.
    /// </summary>
    public static bool ShouldActivate(EvaluationReport candidate, EvaluationReport? live)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        if (live is null)
        {
            return true;
        }

        if (candidate.DataHash is not null && live.DataHash is not null && candidate.DataHash != live.DataHash)
        {
            throw new ArgumentException("The two reports were made on different held-out examples; evaluate both models on the same file.", nameof(live));
        }

        return candidate.MacroF1 >= live.MacroF1;
    }

    /// <summary>
    /// The same rule on the held-out metrics the models carry (see <see cref="WithHeldOutMetrics"/>).
    /// Throws when either model lacks them or they come from different held-out files.
    /// </summary>
    public static bool ShouldActivate(IntentModel candidate, IntentModel? live)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        double candidateF1 = candidate.Metrics.HeldOutMacroF1
            ?? throw new InvalidOperationException("The candidate model has not been evaluated on the held-out file.");
        if (live is null)
        {
            return true;
        }

        double liveF1 = live.Metrics.HeldOutMacroF1
            ?? throw new InvalidOperationException("The live model carries no held-out score; evaluate it on the held-out file first.");
        if (candidate.Metrics.HeldOutDataHash != live.Metrics.HeldOutDataHash)
        {
            throw new InvalidOperationException("The models were scored on different held-out files; evaluate both on the same file.");
        }

        return candidateF1 >= liveF1;
    }
}
