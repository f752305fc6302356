using System.Text;
using Helpdesk.Classification.Text;
using Microsoft.ML.Transforms;

namespace Helpdesk.Classification.Pipeline;

/// <summary>The raw text a model is asked about: subject, a newline, visible body.</summary>
public sealed class MessageRow
{
    /// <summary>Raw subject + body.</summary>
    public string Text { get; set; } = "";

    /// <summary>The intent id (training only; empty when predicting).</summary>
    public string Label { get; set; } = "";
}

/// <summary>What the desk's normalizer hands to ML.NET's featurizers.</summary>
public sealed class NormalizedRow
{
    /// <summary>Normalized tokens joined by single spaces, accent-free spellings appended.</summary>
    public string Normalized { get; set; } = "";
}

/// <summary>
/// The desk's <see cref="TextNormalizer"/> as the pipeline's first step, so a saved model carries it and reads raw text.
/// Registered by contract name: loading a model needs this assembly in the context's component catalog
/// (see <see cref="IntentPipeline.NewContext"/>).
/// </summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class NormalizeMapping : CustomMappingFactory<MessageRow, NormalizedRow>
{
    /// <summary>The name saved in model files; never change it or old files stop loading.</summary>
    public const string ContractName = "Helpdesk.Normalize.v1";

    /// <summary>The mapping itself (stateless, so any number of engines may share it).</summary>
    public static void Map(MessageRow input, NormalizedRow output) => output.Normalized = Normalize(input.Text ?? "");

    /// <summary>
    /// Normalized text plus the accent-free spelling of every accented word: customers writing Spanish, French or
    /// German on an English keyboard drop the accents, and the word features should meet both spellings.
    /// </summary>
    public static string Normalize(string text)
    {
        string normalized = TextNormalizer.Normalize(text);
        if (System.Text.Ascii.IsValid(normalized))
        {
            return normalized;
        }

        var sb = new StringBuilder(normalized, normalized.Length + 32);
        foreach (string token in normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (TextNormalizer.FoldAccents(token) is { } folded)
            {
                sb.Append(' ').Append(folded);
            }
        }

        return sb.ToString();
    }

    /// <inheritdoc />
    public override Action<MessageRow, NormalizedRow> GetMapping() => Map;
}
