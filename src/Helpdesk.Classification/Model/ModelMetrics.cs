namespace Helpdesk.Classification.Model;

/// <summary>
/// What a model file says about how it was made and how good it is. Everything here is
/// deterministic for the same data and options (no wall-clock durations), so two trainings on the
/// same data carry the same metrics.
/// </summary>
public sealed record ModelMetrics
{
    /// <summary>When the model was trained (from the trainer's <see cref="TimeProvider"/>).</summary>
    public DateTimeOffset CreatedUtc { get; init; }

    /// <summary>SHA-256 (hex) of the training examples, in order: label and text of each.</summary>
    public string TrainingDataHash { get; init; } = "";

    /// <summary>The trainer and features, e.g. "LbfgsMaximumEntropy L2=0.0001, word 1-2, char 3-5, dictionary".</summary>
    public string Trainer { get; init; } = "";

    /// <summary>Examples the final model was trained on.</summary>
    public int TrainingExamples { get; init; }

    /// <summary>Training examples per label, in label order.</summary>
    public IReadOnlyDictionary<string, int> ExamplesPerLabel { get; init; } = new Dictionary<string, int>();

    /// <summary>Examples held back from the first fit to fit the temperature (0 when too few to hold back).</summary>
    public int CalibrationExamples { get; init; }

    /// <summary>Macro-F1 of the first fit on the held-back calibration fold, when there was one.</summary>
    public double? CalibrationMacroF1 { get; init; }

    /// <summary>Mean negative log-likelihood on the calibration fold after temperature scaling.</summary>
    public double? CalibrationLogLoss { get; init; }

    /// <summary>
    /// The triage threshold chosen on the calibration fold (lowest at which the answers above it reach the trainer's
    /// precision target); null for models trained without a fold, or before it was chosen.
    /// </summary>
    public double? TriageThreshold { get; init; }

    /// <summary>Macro-F1 on the held-out test file, once evaluated (see <c>Evaluator</c>).</summary>
    public double? HeldOutMacroF1 { get; init; }

    /// <summary>Accuracy on the held-out test file, once evaluated.</summary>
    public double? HeldOutAccuracy { get; init; }

    /// <summary>Examples in the held-out test file it was evaluated on.</summary>
    public int? HeldOutExamples { get; init; }

    /// <summary>SHA-256 of the held-out examples: two models' held-out scores compare only when these match.</summary>
    public string? HeldOutDataHash { get; init; }
}
