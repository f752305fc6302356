namespace Helpdesk.Classification.Model;

/// <summary>One label and its calibrated probability.</summary>
public readonly record struct LabelProbability(string Label, float Probability);

/// <summary>The model's answer for one text: every label, most probable first.</summary>
public sealed class Prediction
{
    internal Prediction(LabelProbability[] ranked)
    {
        Ranked = ranked;
    }

    /// <summary>All labels ranked by probability (descending; ties by label order in the model). Sums to 1.</summary>
    public IReadOnlyList<LabelProbability> Ranked { get; }

    /// <summary>The most probable label.</summary>
    public string Label => Ranked[0].Label;

    /// <summary>Probability of <see cref="Label"/>.</summary>
    public float Probability => Ranked[0].Probability;

    /// <summary>The <paramref name="count"/> most probable labels (fewer when the model has fewer).</summary>
    public IReadOnlyList<LabelProbability> Top(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return count >= Ranked.Count ? Ranked : Ranked.Take(count).ToArray();
    }

    /// <summary>Probability of <paramref name="label"/>, 0 when the model does not know it.</summary>
    public float ProbabilityOf(string label)
    {
        foreach (LabelProbability p in Ranked)
        {
            if (string.Equals(p.Label, label, StringComparison.Ordinal))
            {
                return p.Probability;
            }
        }

        return 0f;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Label} ({Probability:0.000})";
}
