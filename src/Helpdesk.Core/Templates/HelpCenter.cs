using Helpdesk.Core.Abstractions;
using Helpdesk.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Templates;

/// <summary>One question and answer on the public help page.</summary>
public sealed record FaqEntry(string TemplateId, string Language, string Question, string Answer, IReadOnlyList<string> Intents);

/// <summary>
/// The public help page's questions and answers: the templates a trainer publishes, live versions only. The answer is
/// the template's own FAQ answer, or else its live reply without the parts addressed to one customer (greeting,
/// signature, and lines naming the customer, ticket or agent), so nothing personal can reach the public page.
/// </summary>
public sealed class HelpCenter(IDbContextFactory<HelpdeskDbContext> factory, CompanyOptions company)
{
    /// <summary>Raised after a trainer changes templates; the help page re-reads its entries.</summary>
    public event Action? Changed;

    public void NotifyChanged() => Changed?.Invoke();

    /// <summary>Published entries, English first then by language, then by question.</summary>
    public async Task<IReadOnlyList<FaqEntry>> EntriesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.ReplyTemplates.AsNoTracking().Where(t => t.PublishFaq && !t.Archived && t.FaqQuestion != null)
            .Join(db.ReplyTemplateVersions.AsNoTracking().Where(v => v.State == TemplateVersionState.Live),
                t => t.Id, v => v.TemplateId, (t, v) => new { t.Id, t.Language, t.Intents, t.FaqQuestion, t.FaqAnswer, v.Body })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows
            .Select(r => new FaqEntry(r.Id, r.Language, r.FaqQuestion!, AnswerFrom(r.FaqAnswer, r.Body, company),
                r.Intents.Split(',', StringSplitOptions.RemoveEmptyEntries)))
            .Where(e => e.Answer.Length > 0)
            .OrderBy(e => e.Language == "en" ? 0 : 1).ThenBy(e => e.Language, StringComparer.Ordinal)
            .ThenBy(e => e.Question, StringComparer.CurrentCulture)
            .ToList();
    }

    private static readonly string[] PersonalFields = ["customer.", "ticket.", "agent."];

    /// <summary>The public answer: <paramref name="faqAnswer"/> when written, else the reply made impersonal.</summary>
    public static string AnswerFrom(string? faqAnswer, string replyBody, CompanyOptions company)
    {
        var source = string.IsNullOrWhiteSpace(faqAnswer) ? Impersonal(replyBody) : faqAnswer;
        // Rendered for nobody: personal fields a trainer left in a written answer come out empty, never filled.
        return MergeFields.Render(source, new MergeContext(), company).Trim();
    }

    private static string Impersonal(string body)
    {
        var paragraphs = body.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n").Select(p => p.Trim('\n')).ToList();
        // The greeting ("Hello {{customer.first_name}},") and the signature (from "{{agent.first_name}}" on).
        if (paragraphs.Count > 0 && !paragraphs[0].Contains('\n') && paragraphs[0].Contains("{{customer.first_name}}", StringComparison.Ordinal))
            paragraphs.RemoveAt(0);
        var signature = paragraphs.FindIndex(p => p.TrimStart().StartsWith("{{agent.first_name}}", StringComparison.Ordinal));
        if (signature >= 0) paragraphs.RemoveRange(signature, paragraphs.Count - signature);
        var kept = paragraphs
            .Select(p => string.Join('\n', p.Split('\n').Where(line => !PersonalFields.Any(f => line.Contains("{{" + f, StringComparison.Ordinal)))))
            .Where(p => p.Trim().Length > 0);
        return string.Join("\n\n", kept);
    }
}
