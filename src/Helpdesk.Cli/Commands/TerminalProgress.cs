using System.Diagnostics;
using System.Globalization;

namespace Helpdesk.Cli.Commands;

/// <summary>
/// A long intake or import shown on one terminal line: count, rate, and time left when the total is known, redrawn
/// at most four times a second and wiped at the end. Only when the command's output is the console and the console is
/// a terminal: a pipe, a file, cron or a test sees nothing but the summary line.
/// </summary>
public sealed class TerminalProgress
{
    private static readonly long RedrawTicks = Stopwatch.Frequency / 4;

    private readonly TextWriter _output;
    private readonly bool _show;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private long _lastDraw;
    private int _width;

    public TerminalProgress(TextWriter output, bool? show = null)
    {
        _output = output;
        _show = show ?? (ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected);
    }

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary><paramref name="done"/> of <paramref name="total"/> (null: unknown); <paramref name="fraction"/> overrides done/total for the time left.</summary>
    public void Report(long done, long? total, double? fraction = null)
    {
        if (!_show) return;
        lock (_gate)
        {
            var now = Stopwatch.GetTimestamp();
            if (_lastDraw != 0 && now - _lastDraw < RedrawTicks) return;
            _lastDraw = now;
            var text = Line(done, total, _clock.Elapsed, fraction);
            _output.Write("\r" + text.PadRight(_width));
            _output.Flush();
            _width = Math.Max(_width, text.Length);
        }
    }

    /// <summary>Wipes the progress line so the summary starts on a clean line.</summary>
    public void Finish()
    {
        if (!_show || _width == 0) return;
        lock (_gate) _output.Write("\r" + new string(' ', _width) + "\r");
    }

    /// <summary>"1,234 of 20,000 emails, 1,050/s, 16 s left"; without a total, "1,234 emails, 1,050/s".</summary>
    public static string Line(long done, long? total, TimeSpan elapsed, double? fraction = null)
    {
        var rate = elapsed.TotalSeconds > 0 ? done / elapsed.TotalSeconds : 0;
        var text = total is { } t
            ? string.Create(CultureInfo.InvariantCulture, $"{done:N0} of {t:N0} emails, {rate:N0}/s")
            : string.Create(CultureInfo.InvariantCulture, $"{done:N0} emails, {rate:N0}/s");
        var share = fraction ?? (total is > 0 ? (double)done / total.Value : null);
        if (share is > 0 and < 1)
        {
            var left = TimeSpan.FromSeconds(elapsed.TotalSeconds * (1 - share.Value) / share.Value);
            text += left.TotalHours >= 1
                ? string.Create(CultureInfo.InvariantCulture, $", {(int)left.TotalHours} h {left.Minutes:D2} min left")
                : left.TotalMinutes >= 1
                    ? string.Create(CultureInfo.InvariantCulture, $", {(int)left.TotalMinutes} min {left.Seconds:D2} s left")
                    : string.Create(CultureInfo.InvariantCulture, $", {Math.Ceiling(left.TotalSeconds):0} s left");
        }
        return text;
    }

    /// <summary>The closing line every run prints, terminal or not: "took in 20,000 emails in 18.4 s (1,087/s)".</summary>
    public static string Summary(string what, long count, TimeSpan elapsed) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{what} {count:N0} emails in {elapsed.TotalSeconds:0.0} s ({(elapsed.TotalSeconds > 0 ? count / elapsed.TotalSeconds : 0):N0}/s)");
}
