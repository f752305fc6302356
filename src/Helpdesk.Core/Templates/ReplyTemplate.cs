using Helpdesk.Core.Abstractions;

namespace Helpdesk.Core.Templates;

public enum TemplateVersionState
{
    Draft = 0,
    /// <summary>Waiting for a Lead or Admin when approval is required.</summary>
    PendingApproval = 1,
    Live = 2,
    Superseded = 3,
    Rejected = 4,
}

/// <summary>
/// A canned reply trainers maintain. Every save is a new <see cref="ReplyTemplateVersion"/>; sent replies record the
/// version they came from, so "who received version N" has an answer.
/// </summary>
public sealed class ReplyTemplate
{
    private readonly List<ReplyTemplateVersion> _versions = [];

    private ReplyTemplate() { Id = ""; Title = ""; Language = ""; Intents = ""; }

    public ReplyTemplate(string id, string title, string language, IEnumerable<string> intents, DateTimeOffset createdAt)
    {
        if (string.IsNullOrWhiteSpace(id)) throw new DomainException("A template needs an id.");
        Id = id;
        Title = title;
        Language = language;
        Intents = string.Join(',', intents);
        CreatedAt = createdAt;
    }

    public string Id { get; private set; }

    public string Title { get; private set; }

    /// <summary>BCP 47 language, e.g. "en", "es".</summary>
    public string Language { get; private set; }

    /// <summary>Linked intent ids, comma-separated.</summary>
    public string Intents { get; private set; }

    public bool PublishFaq { get; private set; }

    public string? FaqQuestion { get; private set; }

    /// <summary>The FAQ answer as the public help page shows it; null derives it from the live reply (see HelpCenter).</summary>
    public string? FaqAnswer { get; private set; }

    public bool Archived { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public IReadOnlyList<ReplyTemplateVersion> Versions => _versions;

    public IReadOnlyList<string> IntentList => Intents.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public ReplyTemplateVersion? LiveVersion => _versions.FirstOrDefault(v => v.State == TemplateVersionState.Live);

    /// <summary>The newest version waiting for a Lead or Admin, if any.</summary>
    public ReplyTemplateVersion? PendingVersion =>
        _versions.Where(v => v.State == TemplateVersionState.PendingApproval).MaxBy(v => v.Number);

    public void Describe(string title, string language, IEnumerable<string> intents, bool publishFaq, string? faqQuestion,
        string? faqAnswer = null)
    {
        if (string.IsNullOrWhiteSpace(title)) throw new DomainException("A template needs a title.");
        if (string.IsNullOrWhiteSpace(language) || language.Trim().Length is < 2 or > 16)
            throw new DomainException($"'{language}' is not a language code (e.g. en, es).");
        var list = intents.Select(i => i.Trim()).Where(i => i.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (list.Count == 0) throw new DomainException("A template needs at least one linked intent.");
        if (publishFaq && string.IsNullOrWhiteSpace(faqQuestion))
            throw new DomainException("A template published on the help page needs its FAQ question.");
        Title = title.Trim();
        Language = language.Trim().ToLowerInvariant();
        Intents = string.Join(',', list);
        PublishFaq = publishFaq;
        FaqQuestion = string.IsNullOrWhiteSpace(faqQuestion) ? null : faqQuestion.Trim();
        FaqAnswer = string.IsNullOrWhiteSpace(faqAnswer) ? null : faqAnswer.Trim();
    }

    /// <summary>Points links to <paramref name="from"/> at <paramref name="to"/> (an intent merge or rename).</summary>
    public bool ReplaceIntent(string from, string to)
    {
        var list = IntentList.ToList();
        if (!list.Contains(from)) return false;
        Intents = string.Join(',', list.Select(i => i == from ? to : i).Distinct(StringComparer.Ordinal));
        return true;
    }

    /// <summary>Saves a new version. Without approval it goes live at once and supersedes the live one.</summary>
    public ReplyTemplateVersion SaveVersion(string body, long? authorStaffId, bool requiresApproval, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(body)) throw new DomainException($"Template '{Id}' needs a body.");
        var number = _versions.Count == 0 ? 1 : _versions.Max(v => v.Number) + 1;
        var version = new ReplyTemplateVersion(Id, number, body, authorStaffId, at,
            requiresApproval ? TemplateVersionState.PendingApproval : TemplateVersionState.Draft);
        _versions.Add(version);
        if (!requiresApproval) GoLive(version, authorStaffId, at);
        return version;
    }

    public void Approve(int number, long approverStaffId, DateTimeOffset at)
    {
        var version = _versions.FirstOrDefault(v => v.Number == number)
            ?? throw new DomainException($"Template '{Id}' has no version {number}.");
        if (version.State != TemplateVersionState.PendingApproval)
            throw new DomainException($"Version {number} of '{Id}' is {version.State}, not waiting for approval.");
        GoLive(version, approverStaffId, at);
    }

    /// <summary>A Lead or Admin turns a waiting version down; the live version stays live.</summary>
    public void Reject(int number, long reviewerStaffId, DateTimeOffset at)
    {
        var version = _versions.FirstOrDefault(v => v.Number == number)
            ?? throw new DomainException($"Template '{Id}' has no version {number}.");
        if (version.State != TemplateVersionState.PendingApproval)
            throw new DomainException($"Version {number} of '{Id}' is {version.State}, not waiting for approval.");
        version.Decline(reviewerStaffId, at);
    }

    public void Archive() => Archived = true;

    private void GoLive(ReplyTemplateVersion version, long? by, DateTimeOffset at)
    {
        foreach (var v in _versions.Where(v => v.State == TemplateVersionState.Live)) v.Supersede(at);
        version.MakeLive(by, at);
    }
}

public sealed class ReplyTemplateVersion
{
    private ReplyTemplateVersion() { TemplateId = ""; Body = ""; }

    internal ReplyTemplateVersion(string templateId, int number, string body, long? authorStaffId, DateTimeOffset createdAt,
        TemplateVersionState state)
    {
        TemplateId = templateId;
        Number = number;
        Body = body;
        AuthorStaffId = authorStaffId;
        CreatedAt = createdAt;
        State = state;
    }

    public long Id { get; private set; }

    public string TemplateId { get; private set; }

    public int Number { get; private set; }

    public string Body { get; private set; }

    public TemplateVersionState State { get; private set; }

    public long? AuthorStaffId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public long? ApprovedBy { get; private set; }

    public DateTimeOffset? LiveFrom { get; private set; }

    public DateTimeOffset? SupersededAt { get; private set; }

    internal void MakeLive(long? by, DateTimeOffset at)
    {
        State = TemplateVersionState.Live;
        ApprovedBy = by;
        LiveFrom = at;
    }

    /// <summary>A newer version has replaced this one: replies drafted from it carry the old answer.</summary>
    public bool IsSuperseded => State == TemplateVersionState.Superseded;

    internal void Decline(long by, DateTimeOffset at)
    {
        State = TemplateVersionState.Rejected;
        ApprovedBy = by;
        SupersededAt = at;
    }

    internal void Supersede(DateTimeOffset at)
    {
        State = TemplateVersionState.Superseded;
        SupersededAt = at;
    }
}
