using Helpdesk.Core.Abstractions;
using Helpdesk.Core.Audit;
using Helpdesk.Core.Data;
using Helpdesk.Core.Intake;
using Helpdesk.Core.Replies;
using Helpdesk.Core.Templates;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Incidents;

/// <summary>Incident mode as screens show it: on or off, since when, and the banner's words (merge fields filled).</summary>
public sealed record IncidentState(bool IsOn, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, string? ChangedBy, string Banner)
{
    public static readonly IncidentState Off = new(false, null, null, null, "");
}

/// <summary>
/// Reads and switches incident mode. The switch is a database row, so it holds on every desk instance; a switch is
/// audited and announced through <see cref="IDeskNotifier.SettingChanged"/> (NOTIFY on PostgreSQL), and each instance
/// re-reads the row and raises <see cref="Changed"/> for its open pages. The banner follows trainers' template edits
/// in this process (TemplateEditor tells the help centre).
/// </summary>
public sealed class IncidentMode : IDisposable
{
    public const string SettingName = "incident";

    private readonly IDbContextFactory<HelpdeskDbContext> _factory;
    private readonly IDeskNotifier _notifier;
    private readonly InProcessDeskNotifier _local;
    private readonly CompanyOptions _company;
    private readonly TimeProvider _time;
    private volatile Task<IncidentState>? _current;

    private readonly HelpCenter _help;

    public IncidentMode(IDbContextFactory<HelpdeskDbContext> factory, IDeskNotifier notifier, InProcessDeskNotifier local, CompanyOptions company,
        HelpCenter help, TimeProvider time)
    {
        _help = help;
        _help.Changed += OnTemplatesChanged;
        _factory = factory;
        _notifier = notifier;
        _local = local;
        _company = company;
        _time = time;
        _local.SettingsChanged += OnSettingChanged;
    }

    /// <summary>Raised after the state was re-read because an Admin (here or on another instance) switched it or a trainer changed the banner.</summary>
    public event Action? Changed;

    /// <summary>The state, read once and kept until a change is announced.</summary>
    public Task<IncidentState> CurrentAsync(CancellationToken cancellationToken = default)
    {
        // One shared read, not tied to the first caller's token; a failed read is not kept.
        var current = _current ??= ReadAsync(CancellationToken.None);
        if (current.IsFaulted || current.IsCanceled) _current = null;
        return current.WaitAsync(cancellationToken);
    }

    public Task<bool> SwitchOnAsync(long? staffId, string actor, CancellationToken cancellationToken = default) =>
        SwitchAsync(on: true, staffId, actor, cancellationToken);

    public Task<bool> SwitchOffAsync(long? staffId, string actor, CancellationToken cancellationToken = default) =>
        SwitchAsync(on: false, staffId, actor, cancellationToken);

    /// <summary>Sets the switch; false when it already stood that way (then nothing is audited). The audit row commits with the switch.</summary>
    private async Task<bool> SwitchAsync(bool on, long? staffId, string actor, CancellationToken cancellationToken)
    {
        await using var db = await _factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var changed = await SqliteWriteGate.InTransactionAsync(db, async ct =>
        {
            // The row exists before anyone reads it, and on PostgreSQL two Admins switching at once take turns on it.
            await db.Database.ExecuteSqlRawAsync("""INSERT INTO "IncidentSwitch" ("Id", "IsOn") VALUES (1, FALSE) ON CONFLICT ("Id") DO NOTHING""", ct).ConfigureAwait(false);
            if (Data.Sql.ProviderSql.For(db).ForUpdate is { Length: > 0 } lockRow)
                await new Data.Sql.RawSql(db).ExecuteAsync("""SELECT 1 FROM "IncidentSwitch" WHERE "Id" = 1""" + lockRow, ct).ConfigureAwait(false);
            var row = await db.IncidentSwitch.FirstOrDefaultAsync(s => s.Id == IncidentSwitch.SingletonId, ct).ConfigureAwait(false);
            if (row is null)
            {
                row = IncidentSwitch.Off();
                db.IncidentSwitch.Add(row);
            }
            var now = _time.GetUtcNow();
            if (!(on ? row.SwitchOn(now, actor) : row.SwitchOff(now, actor))) return false;
            db.AuditEvents.Add(new AuditEvent(now, staffId, actor, on ? "incident.on" : "incident.off", null,
                on ? "Incident mode switched on" : $"Incident mode switched off (on since {row.StartedAt:u})"));
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        if (changed) _notifier.SettingChanged(SettingName);
        return changed;
    }

    private void OnSettingChanged(string name)
    {
        if (name == SettingName) OnTemplatesChanged();
    }

    // A trainer's edit of the banner template (TemplateEditor tells the help centre of every save).
    private void OnTemplatesChanged()
    {
        _current = null;
        Changed?.Invoke();
    }

    private async Task<IncidentState> ReadAsync(CancellationToken cancellationToken)
    {
        await using var db = await _factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var row = await db.IncidentSwitch.AsNoTracking().FirstOrDefaultAsync(s => s.Id == IncidentSwitch.SingletonId, cancellationToken).ConfigureAwait(false);
        if (row is null) return IncidentState.Off;
        var banner = await db.ReplyTemplates.AsNoTracking().Where(t => t.Id == IncidentBanner.TemplateId && !t.Archived)
            .Join(db.ReplyTemplateVersions.AsNoTracking().Where(v => v.State == Templates.TemplateVersionState.Live), t => t.Id, v => v.TemplateId, (t, v) => v.Body)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false) ?? IncidentBanner.BuiltIn;
        var text = MergeFields.Render(banner, new MergeContext(), _company).Trim();
        return new IncidentState(row.IsOn, row.StartedAt, row.EndedAt, row.ChangedBy, text);
    }

    public void Dispose()
    {
        _local.SettingsChanged -= OnSettingChanged;
        _help.Changed -= OnTemplatesChanged;
    }
}
