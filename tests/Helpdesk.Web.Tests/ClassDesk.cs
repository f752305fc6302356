namespace Helpdesk.Web.Tests;

/// <summary>
/// One demo desk for every test of a class (<typeparamref name="TTests"/>): its [ClassInitialize] calls
/// <see cref="Start"/>, its [ClassCleanup] <see cref="Stop"/>. Starting a desk costs seconds, so the classes that test a
/// page or a service against the real desk share one, each class its own.
/// </summary>
internal static class ClassDesk<TTests>
{
    private static DeskFactory? _desk;

    public static void Start()
    {
        _desk = new DeskFactory();
        _ = _desk.Server;
    }

    public static void Stop() => _desk?.Dispose();

    public static DeskFactory Desk => _desk ?? throw new InvalidOperationException($"the desk of {typeof(TTests).Name} was not started");
}
