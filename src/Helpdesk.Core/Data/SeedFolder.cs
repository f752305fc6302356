namespace Helpdesk.Core.Data;

/// <summary>Finds the folders the desk starts from (data/templates, data/training) that ship with the checkout.</summary>
public static class SeedFolder
{
    /// <summary>
    /// <paramref name="configured"/> when set; else <c>&lt;data directory&gt;/&lt;name&gt;</c> when it exists; else
    /// <c>data/&lt;name&gt;</c> beside Helpdesk.sln, so a desk (or a test) with its own data directory still finds the
    /// files of the checkout; else the data directory's path, for the error message.
    /// </summary>
    public static string Resolve(string? configured, string dataDirectory, string name)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return Path.GetFullPath(configured);
        var local = Path.Combine(dataDirectory, name);
        if (Directory.Exists(local)) return local;
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            if (DataDirectory.FindRepositoryRoot(start) is { } root && Directory.Exists(Path.Combine(root, "data", name)))
                return Path.Combine(root, "data", name);
        return local;
    }
}
