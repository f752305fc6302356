using System.Globalization;

namespace Helpdesk.Classification.Pipeline;

/// <summary>
/// The versions of a desk's model beside the live file: each activated model is also kept as
/// <c>&lt;name&gt;-yyyyMMdd-HHmmss.model</c> with its metrics JSON, so a trainer sees what was live before and can put an
/// older file back by copying it over the live one. Only the newest <see cref="Keep"/> versions stay.
/// </summary>
public static class ModelHistory
{
    /// <summary>Versions kept. Default 5: a model file is a few megabytes, and older scores stay readable in the log.</summary>
    public const int Keep = 5;

    /// <summary>One kept version: its file and what its sidecar says.</summary>
    public sealed record Version(string Path, IntentModelFile.Header Header);

    /// <summary>Saves <paramref name="model"/> as the live file and as a new version; prunes old versions.</summary>
    public static string SaveLive(IntentModel model, string livePath)
    {
        ArgumentNullException.ThrowIfNull(model);
        string stamp = model.Metrics.CreatedUtc.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        string versionPath = VersionPath(livePath, stamp);
        IntentModelFile.Save(model, versionPath);
        IntentModelFile.Save(model, livePath);
        foreach (Version old in List(livePath).Skip(Keep))
        {
            File.Delete(old.Path);
            File.Delete(old.Path + ".json");
        }

        return versionPath;
    }

    /// <summary>The kept versions, newest first (by creation time in their metrics).</summary>
    public static IReadOnlyList<Version> List(string livePath)
    {
        string dir = Path.GetDirectoryName(Path.GetFullPath(livePath))!;
        if (!Directory.Exists(dir))
        {
            return [];
        }

        string name = Path.GetFileNameWithoutExtension(livePath);
        var versions = new List<Version>();
        foreach (string file in Directory.EnumerateFiles(dir, name + "-*" + Path.GetExtension(livePath)))
        {
            try
            {
                if (IntentModelFile.ReadSidecar(file) is { } header)
                {
                    versions.Add(new Version(file, header));
                }
            }
            catch (System.Text.Json.JsonException)
            {
                // a sidecar damaged by hand: the version is not listed, the file stays for a person to look at
            }
        }

        return versions.OrderByDescending(v => v.Header.Metrics.CreatedUtc).ThenByDescending(v => v.Path, StringComparer.Ordinal).ToList();
    }

    private static string VersionPath(string livePath, string stamp)
    {
        string full = Path.GetFullPath(livePath);
        return Path.Combine(Path.GetDirectoryName(full)!, $"{Path.GetFileNameWithoutExtension(full)}-{stamp}{Path.GetExtension(full)}");
    }
}
