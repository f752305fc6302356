using System.Text.Json;
using Helpdesk.Core.Classification;
using Helpdesk.Core.Intents;
using Helpdesk.Core.Replies;
using Helpdesk.Core.Templates;
using Helpdesk.Mail.Reading;
using Microsoft.Extensions.DependencyInjection;

namespace Helpdesk.Cli.Commands;

/// <summary>`helpdesk classify FILE.eml...`: what the desk would make of each email, one JSON object per line.</summary>
public sealed class ClassifyCommand : ICliCommand
{
    public string Name => "classify";

    public string Summary => "Classify .eml files: intent, confidence, top three intents, machine mail, suggested replies (JSON lines)";

    public string Usage => """
        Usage: helpdesk classify FILE.eml...

        Prints one JSON object per file, one per line: file, intent (an intent id, "needs_triage" below the
        triage threshold, or the machine-mail kind such as "bounce" or "auto_reply"), confidence, top (the three
        likeliest intents as {intent, p}), machine (as `helpdesk parse` prints it) and suggestions (template ids).
        Uses the live model, training one from data/training first on a fresh clone (progress on stderr).
        Exit code 0 when every file was read, 1 otherwise.
        """;

    public async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var options = CliArgs.Parse(args, flags: [], valued: []);
        if (options.Positional.Count == 0) throw new CliUsageException("no FILE given");
        using var host = await CliHost.StartAsync(cancellationToken: cancellationToken);
        var classifier = host.Services.GetRequiredService<IntentClassifierService>();
        var suggester = host.Services.GetRequiredService<ReplySuggester>();
        var reader = new EmailReader();
        return await EmailFiles.ForEachAsync(options.Positional, reader, Name, stderr, async (file, email) =>
        {
            string intent;
            IntentPrediction? prediction = null;
            IReadOnlyList<ReplySuggestion> suggestions = [];
            if (email.Machine.Kind != MachineMailKind.None)
                intent = ParsedEmailJson.KindName(email.Machine.Kind); // machine mail never gets a human intent
            else
            {
                await classifier.EnsureModelAsync(new StderrProgress(stderr), cancellationToken);
                prediction = classifier.Classify(email.Subject, email.VisibleText);
                intent = prediction.NeedsTriage ? Intent.NeedsTriage : prediction.Intent ?? Intent.NeedsTriage;
                var context = new MergeContext(FirstName(email.From?.Name), email.From?.Name, email.From?.Address, null, email.Subject, null);
                suggestions = await suggester.SuggestAsync(prediction, LanguageGuess.Detect(email.Subject + "\n" + email.VisibleText), context, cancellationToken);
            }
            await stdout.WriteLineAsync(ToJson(file, intent, prediction, email.Machine, suggestions));
        }, cancellationToken);
    }

    private static string? FirstName(string? name) =>
        name?.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() is { } first && !first.Contains('@') ? first : null;

    private static string ToJson(string file, string intent, IntentPrediction? prediction, MachineMail machine, IReadOnlyList<ReplySuggestion> suggestions)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, ParsedEmailJson.LineOptions))
        {
            w.WriteStartObject();
            w.WriteString("file", file);
            w.WriteString("intent", intent);
            if (prediction?.Confidence is { } c) w.WriteNumber("confidence", Math.Round(c, 4));
            else w.WriteNull("confidence");
            w.WriteStartArray("top");
            foreach (var s in prediction?.Top ?? [])
            {
                w.WriteStartObject();
                w.WriteString("intent", s.Intent);
                w.WriteNumber("p", Math.Round(s.Probability, 4));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WritePropertyName("machine");
            ParsedEmailJson.WriteMachine(w, machine);
            w.WriteStartArray("suggestions");
            foreach (var s in suggestions) w.WriteStringValue(s.TemplateId);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }
}
