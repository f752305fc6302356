using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using Helpdesk.Classification.Model;
using Microsoft.ML;

namespace Helpdesk.Classification.Pipeline;

/// <summary>
/// Model files: ML.NET's own zip (<c>Model.Save</c>: input schema and the whole pipeline) with one more entry,
/// <c>Helpdesk/model.json</c>, holding the temperature and the metrics, so one file is the whole model. A copy of that
/// JSON is written beside the file (<c>x.model.json</c>) for people and the model page. Written to a temporary name and
/// renamed, so a desk watching the file never reads half of one.
/// </summary>
public static class IntentModelFile
{
    private const string EntryName = "Helpdesk/model.json";

    internal static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    /// <summary>What the extra entry and the sidecar hold.</summary>
    public sealed record Header(int FormatVersion, float Temperature, IReadOnlyList<string> Labels, ModelMetrics Metrics);

    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/> (temp file + rename) and the JSON beside it.</summary>
    public static void Save(IntentModel model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temp = full + ".tmp-" + Environment.ProcessId;
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.ReadWrite, FileShare.None))
        {
            Write(model, stream);
        }

        string json = JsonSerializer.Serialize(HeaderOf(model), Json);
        File.WriteAllText(full + ".json.tmp-" + Environment.ProcessId, json);
        File.Move(temp, full, overwrite: true);
        File.Move(full + ".json.tmp-" + Environment.ProcessId, full + ".json", overwrite: true);
    }

    /// <summary>Writes the model into a seekable, writable stream.</summary>
    public static void Write(IntentModel model, Stream stream)
    {
        model.Context.Model.Save(model.Transformer, model.InputSchema, stream);
        stream.Position = 0;
        using var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true);
        using Stream entry = zip.CreateEntry(EntryName, CompressionLevel.Optimal).Open();
        JsonSerializer.Serialize(entry, HeaderOf(model), Json);
    }

    /// <summary>Reads a model file written by <see cref="Save"/>; a clear error when it is not one.</summary>
    public static IntentModel Load(string path)
    {
        using var stream = File.OpenRead(path);
        try
        {
            return Read(stream);
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or FormatException or InvalidOperationException)
        {
            throw new InvalidDataException($"{path} is not an intent model file ({e.Message})", e);
        }
    }

    /// <summary>Reads a model from a stream.</summary>
    public static IntentModel Read(Stream stream)
    {
        var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        buffer.Position = 0;
        Header header;
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Read, leaveOpen: true))
        {
            ZipArchiveEntry entry = zip.GetEntry(EntryName) ?? throw new InvalidDataException($"no {EntryName} entry (not a desk model)");
            using Stream s = entry.Open();
            header = JsonSerializer.Deserialize<Header>(s, Json) ?? throw new InvalidDataException($"empty {EntryName}");
        }

        if (header.FormatVersion != 1)
        {
            throw new InvalidDataException($"model format {header.FormatVersion} is not supported (expected 1)");
        }

        buffer.Position = 0;
        MLContext ml = IntentPipeline.NewContext(seed: 0);
        ITransformer transformer = ml.Model.Load(buffer, out DataViewSchema schema);
        var model = new IntentModel(ml, transformer, schema, header.Temperature, header.Metrics);
        if (!model.Labels.SequenceEqual(header.Labels))
        {
            throw new InvalidDataException("the pipeline's intents differ from the header's");
        }

        return model;
    }

    /// <summary>Reads only the JSON beside a model file (for pages that list models without loading them); null when absent.</summary>
    public static Header? ReadSidecar(string modelPath)
    {
        string path = modelPath + ".json";
        return File.Exists(path) ? JsonSerializer.Deserialize<Header>(File.ReadAllText(path), Json) : null;
    }

    private static Header HeaderOf(IntentModel model) => new(1, model.Temperature, model.Labels, model.Metrics);
}
