namespace Helpdesk.Classification.Training;

/// <summary>
/// Fits the temperature T that makes softmax(logits / T) honest on examples the model did not train
/// on. Why temperature scaling: an L2-regularized model's raw probabilities are shrunk toward
/// uniform (or, on easy data, too sure), and the desk's "needs triage" threshold only means
/// something if 0.7 is right about 70% of the time. A single parameter cannot overfit a small
/// held-back fold, and dividing all logits by one positive number never changes which label wins,
/// so calibration leaves accuracy and macro-F1 untouched. (Platt scaling per class would need a
/// fold per class and can reorder labels.)
/// </summary>
internal static class TemperatureScaling
{
    /// <summary>Lowest and highest temperature considered: a fold the model gets all right would
    /// otherwise push T toward 0 and every probability to 1.</summary>
    public const double MinTemperature = 0.1;
    public const double MaxTemperature = 10;

    /// <summary>The temperature minimizing mean negative log-likelihood, and that NLL.</summary>
    public static (float Temperature, double LogLoss) Fit(IReadOnlyList<float[]> logits, IReadOnlyList<int> labels)
    {
        if (logits.Count == 0)
        {
            return (1f, double.NaN);
        }

        // NLL is convex in 1/T, hence unimodal in ln T: golden-section search on ln T.
        double lo = Math.Log(MinTemperature);
        double hi = Math.Log(MaxTemperature);
        double ratio = (Math.Sqrt(5) - 1) / 2;
        double a = hi - (ratio * (hi - lo));
        double b = lo + (ratio * (hi - lo));
        double fa = LogLoss(logits, labels, Math.Exp(a));
        double fb = LogLoss(logits, labels, Math.Exp(b));
        for (int i = 0; i < 80; i++)
        {
            if (fa <= fb)
            {
                hi = b;
                b = a;
                fb = fa;
                a = hi - (ratio * (hi - lo));
                fa = LogLoss(logits, labels, Math.Exp(a));
            }
            else
            {
                lo = a;
                a = b;
                fa = fb;
                b = lo + (ratio * (hi - lo));
                fb = LogLoss(logits, labels, Math.Exp(b));
            }
        }

        double temperature = Math.Exp((lo + hi) / 2);
        return ((float)temperature, LogLoss(logits, labels, temperature));
    }

    public static double LogLoss(IReadOnlyList<float[]> logits, IReadOnlyList<int> labels, double temperature)
    {
        double total = 0;
        for (int i = 0; i < logits.Count; i++)
        {
            float[] z = logits[i];
            double max = double.NegativeInfinity;
            foreach (float v in z)
            {
                max = Math.Max(max, v / temperature);
            }

            double sum = 0;
            foreach (float v in z)
            {
                sum += Math.Exp((v / temperature) - max);
            }

            total += Math.Log(sum) + max - (z[labels[i]] / temperature);
        }

        return total / logits.Count;
    }
}
