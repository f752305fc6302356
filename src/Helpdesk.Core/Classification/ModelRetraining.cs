using Helpdesk.Classification.Evaluation;
using Helpdesk.Core.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Helpdesk.Core.Classification;

public enum RetrainState
{
    Idle = 0,
    Training = 1,
    /// <summary>A candidate is trained and scored; a trainer may activate it.</summary>
    Ready = 2,
    Failed = 3,
}

/// <summary>Where the trainers' "Retrain" stands: the candidate's and the live model's scores on the same held-out file.</summary>
public sealed record RetrainStatus(
    RetrainState State, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, TrainedModel? Candidate, EvaluationReport? Live,
    string? Error, string? Outcome)
{
    /// <summary>What the running retrain is doing now, in the trainer's words (the trainer's last progress line); null when idle.</summary>
    public string? Stage { get; init; }
}

/// <summary>What pressing "Activate" did, in words for the trainer.</summary>
public sealed record ActivationOutcome(bool Activated, string Message);

/// <summary>
/// The trainers' retrain: trains a candidate in the background (data/training plus accepted examples) so the page stays
/// responsive, scores it and the live model on the held-out file, and activates it only under the desk's promotion rule
/// (<see cref="Evaluator.ShouldActivate(EvaluationReport, EvaluationReport?)"/>). One retrain at a time per desk.
/// </summary>
public sealed class ModelRetraining(IntentClassifierService classifier, TimeProvider time, ILogger<ModelRetraining> logger)
{
    private readonly Lock _lock = new();
    private RetrainStatus _status = new(RetrainState.Idle, null, null, null, null, null, null);

    public RetrainStatus Status
    {
        get { lock (_lock) return _status; }
    }

    /// <summary>The running (or last) retrain, for callers that wait for it, e.g. tests and the CLI.</summary>
    public Task Running { get; private set; } = Task.CompletedTask;

    /// <summary>Raised whenever <see cref="Status"/> changes (from a background thread).</summary>
    public event Action? Changed;

    /// <summary>Starts a retrain; false when one is already running.</summary>
    public bool Start()
    {
        lock (_lock)
        {
            if (_status.State == RetrainState.Training) return false;
            _status = new RetrainStatus(RetrainState.Training, time.GetUtcNow(), null, null, _status.Live, null, null);
            Running = Task.Run(TrainAsync);
        }
        Changed?.Invoke();
        return true;
    }

    /// <summary>Activates the trained candidate if it is not worse than the live model; says why when it refuses.</summary>
    public async Task<ActivationOutcome> ActivateAsync(CancellationToken cancellationToken = default)
    {
        var status = Status;
        if (status.State != RetrainState.Ready || status.Candidate is not { } candidate)
            return new ActivationOutcome(false, "There is no trained candidate to activate. Press Retrain first.");
        var result = await classifier.ActivateIfNotWorseAsync(candidate, cancellationToken).ConfigureAwait(false);
        var outcome = result.Activated
            ? new ActivationOutcome(true, result.LiveMacroF1 is { } was
                ? $"Activated: the new model (macro-F1 {result.CandidateMacroF1:0.000}) classifies new mail now; the previous one scored {was:0.000}."
                : $"Activated: the new model (macro-F1 {result.CandidateMacroF1:0.000}) classifies new mail now.")
            : new ActivationOutcome(false,
                $"Not activated: the new model's held-out macro-F1 {result.CandidateMacroF1:0.000} is lower than the live model's " +
                $"{result.LiveMacroF1:0.000}, and the desk only activates a model that is at least as good. The live model stays. " +
                "Review more examples or fix the ones the new model gets wrong, then retrain.");
        lock (_lock)
        {
            _status = result.Activated
                ? _status with { State = RetrainState.Idle, Live = candidate.HeldOut, Candidate = null, Outcome = outcome.Message }
                : _status with { Outcome = outcome.Message };
        }
        Changed?.Invoke();
        return outcome;
    }

    private async Task TrainAsync()
    {
        try
        {
            var live = await classifier.EnsureModelAsync(null).ConfigureAwait(false);
            // Training takes minutes: every step the trainer reports (calibration fit, final fit, scoring) is shown on the page.
            var candidate = await classifier.TrainAsync(new StageProgress(this)).ConfigureAwait(false);
            var liveReport = classifier.EvaluateHeldOut(classifier.Holder.Current ?? live);
            lock (_lock)
                _status = _status with { State = RetrainState.Ready, FinishedAt = time.GetUtcNow(), Candidate = candidate, Live = liveReport, Stage = null };
            logger.ModelRetrained(candidate.HeldOut.MacroF1, liveReport.MacroF1);
        }
        catch (Exception e)
        {
            logger.ModelRetrainingFailed(e);
            lock (_lock) _status = _status with { State = RetrainState.Failed, FinishedAt = time.GetUtcNow(), Error = e.Message, Stage = null };
        }
        Changed?.Invoke();
    }

    private void ReportStage(string line)
    {
        lock (_lock)
        {
            if (_status.State != RetrainState.Training) return;
            _status = _status with { Stage = line.Trim() };
        }
        Changed?.Invoke();
    }

    /// <summary>Reports synchronously (Progress&lt;T&gt; would post to a context the background task does not have).</summary>
    private sealed class StageProgress(ModelRetraining owner) : IProgress<string>
    {
        public void Report(string value) => owner.ReportStage(value);
    }
}
