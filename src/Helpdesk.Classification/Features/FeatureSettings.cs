namespace Helpdesk.Classification.Features;

/// <summary>
/// How text becomes hashed features. Saved inside every model file, because a model is only valid
/// with the exact settings it was trained with.
/// </summary>
public sealed record FeatureSettings
{
    /// <summary>
    /// Bits of each hash space (word n-grams and character n-grams each get 2^HashBits buckets).
    /// Default 20: with the model storing only buckets seen in training, the file size depends on
    /// the training vocabulary, not on this, and fewer collisions cost nothing at prediction time.
    /// </summary>
    public int HashBits { get; init; } = 20;

    /// <summary>Longest word n-gram. Default 2 (words and word pairs).</summary>
    public int WordNgramMax { get; init; } = 2;

    /// <summary>Shortest character n-gram, taken inside space-padded words. Default 3.</summary>
    public int CharNgramMin { get; init; } = 3;

    /// <summary>Longest character n-gram. Default 5.</summary>
    public int CharNgramMax { get; init; } = 5;

    /// <summary>
    /// Also emit the accent-free spelling of words that have accents. Default true: customers
    /// writing Spanish, French or German on an English keyboard drop them.
    /// </summary>
    public bool FoldAccents { get; init; } = true;

    /// <summary>Seed of the MurmurHash3 bucket hash. Default 0.</summary>
    public uint HashSeed { get; init; }

    /// <summary>The defaults above.</summary>
    public static FeatureSettings Default { get; } = new();

    /// <summary>Number of distinct feature keys: one hash space per block (words, characters).</summary>
    internal int KeySpace => 1 << (HashBits + 1);

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        if (HashBits is < 8 or > 24)
        {
            throw new ArgumentOutOfRangeException(nameof(HashBits), HashBits, "HashBits must be between 8 and 24.");
        }

        if (WordNgramMax is < 1 or > 4)
        {
            throw new ArgumentOutOfRangeException(nameof(WordNgramMax), WordNgramMax, "WordNgramMax must be between 1 and 4.");
        }

        if (CharNgramMin < 1 || CharNgramMax < CharNgramMin || CharNgramMax > 8)
        {
            throw new ArgumentOutOfRangeException(nameof(CharNgramMin), "Character n-gram range must satisfy 1 <= min <= max <= 8.");
        }
    }
}
