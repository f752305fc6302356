namespace Helpdesk.Cli;

/// <summary>Options and positional arguments of one verb; unknown options are a usage error, never ignored.</summary>
public sealed class CliArgs
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    public List<string> Positional { get; } = [];

    public static CliArgs Parse(string[] args, IReadOnlyCollection<string> flags, IReadOnlyCollection<string> valued)
    {
        var result = new CliArgs();
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            if (a.StartsWith("--", StringComparison.Ordinal))
            {
                var eq = a.IndexOf('=');
                var name = eq > 0 ? a[..eq] : a;
                if (flags.Contains(name)) { result._flags.Add(name); continue; }
                if (!valued.Contains(name)) throw new CliUsageException($"unknown option '{name}'.");
                var value = eq > 0 ? a[(eq + 1)..] : i + 1 < args.Length ? args[++i] : throw new CliUsageException($"option '{name}' needs a value.");
                result._values[name] = value;
            }
            else result.Positional.Add(a);
        }
        return result;
    }

    public bool Flag(string name) => _flags.Contains(name);

    public string? Value(string name) => _values.GetValueOrDefault(name);

    public static int PositiveInt(string option, string text) =>
        int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new CliUsageException($"{option} takes a whole number above zero, not '{text}'.");
}
