using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Helpdesk.Classification.Evaluation;

/// <summary>Precision, recall and F1 of one label.</summary>
public sealed record LabelScore(string Label, double Precision, double Recall, double F1, int Support, int Predicted);

/// <summary>One example the model got wrong.</summary>
public sealed record Mistake(string? Id, string Actual, string Predicted, double Probability);

/// <summary>
/// How a model did on a set of labelled examples. Labels are those that occur as actual or as
/// predicted (as scikit-learn's macro average does), in ordinal order; a label with no predictions
/// has precision 0, one with no examples has recall 0.
/// </summary>
public sealed record EvaluationReport
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Labels in matrix order.</summary>
    public required IReadOnlyList<string> Labels { get; init; }

    /// <summary>Number of examples.</summary>
    public required int Examples { get; init; }

    /// <summary>Share of examples predicted correctly.</summary>
    public required double Accuracy { get; init; }

    /// <summary>Unweighted mean of the per-label F1: every intent counts the same, however rare.</summary>
    public required double MacroF1 { get; init; }

    /// <summary>Unweighted mean of per-label precision.</summary>
    public required double MacroPrecision { get; init; }

    /// <summary>Unweighted mean of per-label recall.</summary>
    public required double MacroRecall { get; init; }

    /// <summary>Scores per label, in <see cref="Labels"/> order.</summary>
    public required IReadOnlyList<LabelScore> PerLabel { get; init; }

    /// <summary>ConfusionMatrix[actual][predicted], indices into <see cref="Labels"/>.</summary>
    public required IReadOnlyList<IReadOnlyList<int>> ConfusionMatrix { get; init; }

    /// <summary>SHA-256 of the examples evaluated on (label and text), when known.</summary>
    public string? DataHash { get; init; }

    /// <summary>The examples the model got wrong, in input order (empty when built from labels only).</summary>
    public IReadOnlyList<Mistake> Mistakes { get; init; } = [];

    /// <summary>Builds the report from actual and predicted labels (same length, same order).</summary>
    public static EvaluationReport FromLabels(IReadOnlyList<string> actual, IReadOnlyList<string> predicted)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(predicted);
        if (actual.Count != predicted.Count)
        {
            throw new ArgumentException("Actual and predicted labels must have the same length.", nameof(predicted));
        }

        string[] labels = actual.Concat(predicted).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var index = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        var matrix = new int[labels.Length][];
        for (int i = 0; i < labels.Length; i++)
        {
            matrix[i] = new int[labels.Length];
        }

        int correct = 0;
        for (int i = 0; i < actual.Count; i++)
        {
            int a = index[actual[i]];
            int p = index[predicted[i]];
            matrix[a][p]++;
            correct += a == p ? 1 : 0;
        }

        var scores = new LabelScore[labels.Length];
        for (int k = 0; k < labels.Length; k++)
        {
            int truePositives = matrix[k][k];
            int support = matrix[k].Sum();
            int predictedCount = matrix.Sum(row => row[k]);
            double precision = predictedCount == 0 ? 0 : (double)truePositives / predictedCount;
            double recall = support == 0 ? 0 : (double)truePositives / support;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            scores[k] = new LabelScore(labels[k], precision, recall, f1, support, predictedCount);
        }

        return new EvaluationReport
        {
            Labels = labels,
            Examples = actual.Count,
            Accuracy = actual.Count == 0 ? 0 : (double)correct / actual.Count,
            MacroF1 = scores.Length == 0 ? 0 : scores.Average(s => s.F1),
            MacroPrecision = scores.Length == 0 ? 0 : scores.Average(s => s.Precision),
            MacroRecall = scores.Length == 0 ? 0 : scores.Average(s => s.Recall),
            PerLabel = scores,
            ConfusionMatrix = matrix,
        };
    }

    /// <summary>The report as indented JSON (camelCase).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a report written by <see cref="ToJson"/>.</summary>
    public static EvaluationReport FromJson(string json) =>
        JsonSerializer.Deserialize<EvaluationReport>(json, Json) ?? throw new JsonException("Empty evaluation report.");

    /// <summary>A plain-text report: totals, per-label table, confusion matrix.</summary>
    public string ToText()
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(c, $"examples {Examples}   accuracy {Accuracy:0.0000}   macro-F1 {MacroF1:0.0000}   macro-precision {MacroPrecision:0.0000}   macro-recall {MacroRecall:0.0000}");
        int width = Math.Max(8, Labels.Count == 0 ? 0 : Labels.Max(l => l.Length)) + 5;
        sb.AppendLine();
        sb.Append("label".PadRight(width)).AppendLine("precision  recall     f1         support");
        for (int k = 0; k < PerLabel.Count; k++)
        {
            LabelScore s = PerLabel[k];
            sb.Append(string.Create(c, $"{k,2} {s.Label}").PadRight(width))
              .AppendLine(c, $"{s.Precision,-10:0.0000} {s.Recall,-10:0.0000} {s.F1,-10:0.0000} {s.Support}");
        }

        sb.AppendLine();
        sb.AppendLine("confusion matrix (rows: actual, columns: predicted, numbered as above)");
        sb.Append(' ', width);
        for (int k = 0; k < Labels.Count; k++)
        {
            sb.Append(c, $"{k,5}");
        }

        sb.AppendLine();
        for (int a = 0; a < Labels.Count; a++)
        {
            sb.Append(string.Create(c, $"{a,2} {Labels[a]}").PadRight(width));
            foreach (int n in ConfusionMatrix[a])
            {
                sb.Append(c, $"{n,5}");
            }

            sb.AppendLine();
        }

        return sb.ToString();
    }
}
