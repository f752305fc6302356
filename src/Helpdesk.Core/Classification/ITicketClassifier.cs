namespace Helpdesk.Core.Classification;

/// <summary>One intent the classifier considered, with its probability.</summary>
public sealed record IntentScore(string Intent, double Probability);

/// <summary>How sure the classifier is, as an agent reads it.</summary>
public static class Confidence
{
    /// <summary>
    /// Whole percent, at most 99% and at least 1%: a calibrated probability of 0.996 is not certainty, and "100% sure" from
    /// rounding would tell an agent to stop reading.
    /// </summary>
    public static string Percent(double probability) =>
        Math.Clamp((int)Math.Round(probability * 100, MidpointRounding.AwayFromZero), 1, 99).ToString(System.Globalization.CultureInfo.InvariantCulture) + "%";
}

/// <summary>What the desk learned about a customer's message: the intent, or "needs triage" below the threshold.</summary>
public sealed record IntentPrediction(string? Intent, double? Confidence, bool NeedsTriage, IReadOnlyList<IntentScore> Top)
{
    public static IntentPrediction Unclassified { get; } = new(null, null, NeedsTriage: false, []);
}

/// <summary>Tags a customer's message with an intent. The desk runs without one ("unclassified") until a model exists.</summary>
public interface ITicketClassifier
{
    /// <summary>True when a model is loaded and predictions mean something.</summary>
    bool IsReady { get; }

    IntentPrediction Classify(string subject, string visibleText);

    /// <summary>Loads (or first trains) the model; callers that need real predictions, like the demo seeder, await it.</summary>
    Task WarmUpAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
}

/// <summary>The classifier used when no model is available: every ticket stays unclassified.</summary>
public sealed class UnclassifiedClassifier : ITicketClassifier
{
    public bool IsReady => false;

    public IntentPrediction Classify(string subject, string visibleText) => IntentPrediction.Unclassified;
}
