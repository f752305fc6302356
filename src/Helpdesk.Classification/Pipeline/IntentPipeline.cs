using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.LightGbm;
using Microsoft.ML.Transforms.Text;

namespace Helpdesk.Classification.Pipeline;

/// <summary>
/// The estimator chain: the desk's normalizer (custom mapping), word 1..n-grams and character n-grams (each length its
/// own column: ML.NET's text featurizer has no minimum length), TF-IDF, one L2 norm per block, then the trainer.
/// </summary>
public static class IntentPipeline
{
    /// <summary>Column names of the saved model.</summary>
    internal const string Normalized = "Normalized", LabelKey = "LabelKey", Features = "Features", Score = "Score";

    /// <summary>
    /// One context per model, seeded, with the desk's custom mapping registered so saved models load.
    /// </summary>
    public static MLContext NewContext(int seed)
    {
        var ml = new MLContext(seed);
        ml.ComponentCatalog.RegisterAssembly(typeof(NormalizeMapping).Assembly);
        return ml;
    }

    /// <summary>The whole chain for <paramref name="options"/>: featurizer, cache, trainer.</summary>
    public static IEstimator<ITransformer> Build(MLContext ml, IntentTrainerOptions options) =>
        Featurizer(ml, options).AppendCacheCheckpoint(ml).Append(Trainer(ml, options));

    /// <summary>Every step before the trainer: normalizer, label key, word and character n-grams, into <c>Features</c>.</summary>
    internal static IEstimator<ITransformer> Featurizer(MLContext ml, IntentTrainerOptions options)
    {
        var text = ml.Transforms.Text;
        var weighting = NgramExtractingEstimator.WeightingCriteria.TfIdf;
        IEstimator<ITransformer> chain = ml.Transforms.CustomMapping(new NormalizeMapping().GetMapping(), NormalizeMapping.ContractName)
            .Append(ml.Transforms.Conversion.MapValueToKey(LabelKey, "Label",
                keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue))
            .Append(text.TokenizeIntoWords("Words", Normalized, [' ']))
            .Append(ml.Transforms.Conversion.MapValueToKey("WordKeys", "Words"))
            .Append(options.Hashed
                ? (IEstimator<ITransformer>)text.ProduceHashedNgrams("WordGrams", "WordKeys", options.HashBits, options.WordNgramMax, useAllLengths: true, seed: 1)
                : text.ProduceNgrams("WordGrams", "WordKeys", options.WordNgramMax, useAllLengths: true, weighting: weighting))
            .Append(ml.Transforms.NormalizeLpNorm("WordGrams"))
            .Append(text.TokenizeIntoCharactersAsKeys("Chars", Normalized, useMarkerCharacters: true));
        var charColumns = new List<string>();
        for (int n = options.CharNgramMin; n <= options.CharNgramMax; n++)
        {
            string column = $"Char{n}";
            charColumns.Add(column);
            chain = chain.Append(options.Hashed
                ? (IEstimator<ITransformer>)text.ProduceHashedNgrams(column, "Chars", options.HashBits, n, useAllLengths: false, seed: (uint)n)
                : text.ProduceNgrams(column, "Chars", n, useAllLengths: false, weighting: weighting));
        }

        return chain
            .Append(ml.Transforms.Concatenate("CharGrams", [.. charColumns]))
            .Append(ml.Transforms.NormalizeLpNorm("CharGrams"))
            .Append(ml.Transforms.Concatenate(Features, "WordGrams", "CharGrams"));
    }

    /// <summary>The trainer alone, reading <c>LabelKey</c> and <c>Features</c>.</summary>
    internal static IEstimator<ITransformer> Trainer(MLContext ml, IntentTrainerOptions o)
    {
        var trainers = ml.MulticlassClassification.Trainers;
        return o.Algorithm switch
        {
            IntentAlgorithm.LbfgsMaximumEntropy => trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = LabelKey, FeatureColumnName = Features, L1Regularization = 0, L2Regularization = o.L2,
                MaximumNumberOfIterations = o.MaxIterations, OptimizationTolerance = 1e-7f, HistorySize = 20,
                NumberOfThreads = 1, // the gradient sum over threads is not ordered: one thread makes runs identical
            }),
            IntentAlgorithm.SdcaMaximumEntropy => trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = LabelKey, FeatureColumnName = Features, L2Regularization = o.L2,
                MaximumNumberOfIterations = o.MaxIterations, NumberOfThreads = 1,
            }),
            IntentAlgorithm.OneVersusAllLinearSvm => trainers.OneVersusAll(
                ml.BinaryClassification.Trainers.LinearSvm(new LinearSvmTrainer.Options
                {
                    LabelColumnName = LabelKey, FeatureColumnName = Features, Lambda = o.L2, NumberOfIterations = o.MaxIterations,
                }), labelColumnName: LabelKey),
            IntentAlgorithm.OneVersusAllLogistic => trainers.OneVersusAll(
                ml.BinaryClassification.Trainers.SdcaLogisticRegression(new SdcaLogisticRegressionBinaryTrainer.Options
                {
                    LabelColumnName = LabelKey, FeatureColumnName = Features, L2Regularization = o.L2, MaximumNumberOfIterations = o.MaxIterations, NumberOfThreads = 1,
                }), labelColumnName: LabelKey),
            IntentAlgorithm.OneVersusAllAveragedPerceptron => trainers.OneVersusAll(
                ml.BinaryClassification.Trainers.AveragedPerceptron(new AveragedPerceptronTrainer.Options
                {
                    LabelColumnName = LabelKey, FeatureColumnName = Features, L2Regularization = o.L2, NumberOfIterations = o.MaxIterations,
                }), labelColumnName: LabelKey),
            IntentAlgorithm.OneVersusAllLbfgsLogistic => trainers.OneVersusAll(
                ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
                {
                    LabelColumnName = LabelKey, FeatureColumnName = Features, L1Regularization = 0, L2Regularization = o.L2,
                    MaximumNumberOfIterations = o.MaxIterations, NumberOfThreads = 1,
                }), labelColumnName: LabelKey),
            IntentAlgorithm.LightGbm => trainers.LightGbm(new LightGbmMulticlassTrainer.Options
            {
                LabelColumnName = LabelKey, FeatureColumnName = Features, NumberOfThreads = 1, Seed = o.Seed,
                NumberOfIterations = o.MaxIterations, Silent = true,
            }),
            _ => throw new ArgumentOutOfRangeException(nameof(o), o.Algorithm, "Unknown algorithm."),
        };
    }
}
