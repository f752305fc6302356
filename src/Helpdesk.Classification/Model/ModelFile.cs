using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Helpdesk.Classification.Features;

namespace Helpdesk.Classification.Model;

/// <summary>
/// The binary model file. Little-endian throughout:
/// <code>
/// "HDTC" magic, uint16 version (1)
/// feature settings: int32 hash bits, int32 word n-gram max, int32 char n-gram min, int32 char n-gram max,
///                   byte fold accents, uint32 hash seed
/// int32 label count, then each label as a length-prefixed UTF-8 string
/// float32 temperature
/// metrics: length-prefixed UTF-8 JSON (open to new fields without a version bump)
/// int32 row count R; R x int32 feature key; R x float32 IDF; R x (label count) x float32 weights;
/// (label count) x float32 bias
/// uint64 FNV-1a checksum of everything before it
/// </code>
/// Only rows seen in training are stored, so the size follows the training vocabulary, not the hash space.
/// </summary>
public static class ModelFile
{
    private static readonly byte[] Magic = "HDTC"u8.ToArray();
    private const ushort Version = 1;

    private static readonly JsonSerializerOptions MetricsJson = new() { WriteIndented = false };

    /// <summary>Writes <paramref name="model"/> to <paramref name="stream"/>.</summary>
    public static void Write(TextClassifierModel model, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(Version);
            FeatureSettings f = model.Features;
            w.Write(f.HashBits);
            w.Write(f.WordNgramMax);
            w.Write(f.CharNgramMin);
            w.Write(f.CharNgramMax);
            w.Write(f.FoldAccents);
            w.Write(f.HashSeed);
            w.Write(model.Labels.Count);
            foreach (string label in model.Labels)
            {
                w.Write(label);
            }

            w.Write(model.Temperature);
            w.Write(JsonSerializer.Serialize(model.Metrics, MetricsJson));

            Vocabulary vocabulary = model.Vocabulary;
            int rows = vocabulary.Count;
            int labels = model.Labels.Count;
            int stride = model.Stride;
            w.Write(rows);
            foreach (int key in vocabulary.RowKeys)
            {
                w.Write(key);
            }

            foreach (float idf in vocabulary.Idf)
            {
                w.Write(idf);
            }

            float[] weights = model.PaddedWeights;
            for (int r = 0; r < rows; r++)
            {
                for (int k = 0; k < labels; k++)
                {
                    w.Write(weights[(r * stride) + k]);
                }
            }

            for (int k = 0; k < labels; k++)
            {
                w.Write(model.PaddedBias[k]);
            }
        }

        byte[] body = buffer.GetBuffer();
        int length = (int)buffer.Length;
        stream.Write(body, 0, length);
        Span<byte> checksum = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(checksum, Fnv1a(body.AsSpan(0, length)));
        stream.Write(checksum);
    }

    /// <summary>Reads a model; throws <see cref="InvalidDataException"/> when the file is not a valid model.</summary>
    public static TextClassifierModel Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        byte[] data = copy.GetBuffer();
        int length = (int)copy.Length;
        if (length < Magic.Length + 2 + 8 || !data.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new InvalidDataException("Not a Helpdesk classifier model file (bad magic).");
        }

        ulong expected = BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(length - 8, 8));
        if (Fnv1a(data.AsSpan(0, length - 8)) != expected)
        {
            throw new InvalidDataException("Model file is damaged (checksum mismatch).");
        }

        try
        {
            using var r = new BinaryReader(new MemoryStream(data, 0, length - 8), Encoding.UTF8);
            r.ReadBytes(Magic.Length);
            ushort version = r.ReadUInt16();
            if (version != Version)
            {
                throw new InvalidDataException($"Model file version {version} is not supported (this build reads {Version}).");
            }

            var features = new FeatureSettings
            {
                HashBits = r.ReadInt32(),
                WordNgramMax = r.ReadInt32(),
                CharNgramMin = r.ReadInt32(),
                CharNgramMax = r.ReadInt32(),
                FoldAccents = r.ReadBoolean(),
                HashSeed = r.ReadUInt32(),
            };
            features.Validate();
            int labelCount = r.ReadInt32();
            if (labelCount is < 2 or > 10_000)
            {
                throw new InvalidDataException($"Model file has an invalid label count {labelCount}.");
            }

            var labels = new string[labelCount];
            for (int k = 0; k < labelCount; k++)
            {
                labels[k] = r.ReadString();
            }

            float temperature = r.ReadSingle();
            ModelMetrics metrics = JsonSerializer.Deserialize<ModelMetrics>(r.ReadString(), MetricsJson)
                ?? throw new InvalidDataException("Model file has no metrics.");
            int rows = r.ReadInt32();
            long remaining = r.BaseStream.Length - r.BaseStream.Position;
            if (rows < 0 || ((long)rows * (2 + labelCount) * 4) + (labelCount * 4L) != remaining)
            {
                throw new InvalidDataException("Model file sizes do not add up.");
            }

            var keys = new int[rows];
            for (int i = 0; i < rows; i++)
            {
                keys[i] = r.ReadInt32();
            }

            var idf = new float[rows];
            for (int i = 0; i < rows; i++)
            {
                idf[i] = r.ReadSingle();
            }

            int stride = RowMath.StrideFor(labelCount);
            var weights = new float[rows * stride];
            for (int i = 0; i < rows; i++)
            {
                for (int k = 0; k < labelCount; k++)
                {
                    weights[(i * stride) + k] = r.ReadSingle();
                }
            }

            var bias = new float[stride];
            for (int k = 0; k < labelCount; k++)
            {
                bias[k] = r.ReadSingle();
            }

            var vocabulary = new Vocabulary(features, keys, idf);
            return new TextClassifierModel(features, labels, vocabulary, weights, bias, temperature, metrics);
        }
        catch (Exception e) when (e is EndOfStreamException or JsonException or ArgumentException)
        {
            throw new InvalidDataException($"Model file is malformed: {e.Message}", e);
        }
    }

    /// <summary>Saves to a file path, writing a temporary file first so a reader never sees half a model.</summary>
    public static void Save(TextClassifierModel model, string path)
    {
        string temporary = path + ".tmp";
        using (var file = File.Create(temporary))
        {
            Write(model, file);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Loads a model from a file path.</summary>
    public static TextClassifierModel Load(string path)
    {
        using var file = File.OpenRead(path);
        return Read(file);
    }

    private static ulong Fnv1a(ReadOnlySpan<byte> data)
    {
        ulong hash = 14695981039346656037UL;
        foreach (byte b in data)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }
}
