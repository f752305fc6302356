using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Helpdesk.Drill.Report;

/// <summary>
/// The desk's warnings and errors during a drill, one line each (with the exception's type and message) in a file of
/// the report's work folder: a batch that failed and went one by one, an email quarantined, an outbox send refused. Without
/// them a failed check says what is missing but not why.
/// </summary>
public sealed class DeskLogFile(string path) : ILoggerProvider
{
    private readonly Lock _lock = new();
    private StreamWriter? _writer;
    private int _lines;

    public string Path { get; } = path;

    /// <summary>Lines written so far.</summary>
    public int Lines => Volatile.Read(ref _lines);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    private void Write(LogLevel level, string category, string message, Exception? exception)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:HH:mm:ss.fff} {level} {category}: {message}")
            + (exception is null ? "" : $" [{exception.GetType().Name}: {exception.Message.ReplaceLineEndings(" ")}]");
        lock (_lock)
        {
            _writer ??= new StreamWriter(Path, append: true) { AutoFlush = true };
            _writer.WriteLine(line);
            _lines++;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _writer?.Dispose();
            _writer = null;
        }
    }

    private sealed class Logger(DeskLogFile file, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) file.Write(logLevel, category, formatter(state, exception), exception);
        }
    }
}
