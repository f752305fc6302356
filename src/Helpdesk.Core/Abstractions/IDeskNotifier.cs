namespace Helpdesk.Core.Abstractions;

/// <summary>Tells whoever watches the desk (agent console, lead dashboard) that tickets changed, after the change committed.</summary>
public interface IDeskNotifier
{
    void TicketsChanged(IReadOnlyCollection<long> ticketNumbers);

    /// <summary>A desk-wide setting (incident mode, ...) changed in the database: every instance re-reads it.</summary>
    void SettingChanged(string name);
}

/// <summary>In-process notifications as a .NET event; a subscriber that throws never breaks intake.</summary>
public sealed class InProcessDeskNotifier : IDeskNotifier
{
    public event Action<IReadOnlyCollection<long>>? Changed;

    /// <summary>Raised with the setting's name (see <see cref="IDeskNotifier.SettingChanged"/>).</summary>
    public event Action<string>? SettingsChanged;

    public void SettingChanged(string name)
    {
        if (SettingsChanged is not { } handlers) return;
        foreach (var handler in handlers.GetInvocationList().Cast<Action<string>>())
        {
            try { handler(name); }
            catch (Exception) { /* a broken screen must not stop the switch */ }
        }
    }

    public void TicketsChanged(IReadOnlyCollection<long> ticketNumbers)
    {
        if (ticketNumbers.Count == 0 || Changed is not { } handlers) return;
        foreach (var handler in handlers.GetInvocationList().Cast<Action<IReadOnlyCollection<long>>>())
        {
            try { handler(ticketNumbers); }
            catch (Exception) { /* a broken screen must not stop mail */ }
        }
    }
}
