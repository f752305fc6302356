using System.Globalization;
using Helpdesk.Classification.Pipeline;
using Helpdesk.Core.Classification;
using Microsoft.Extensions.DependencyInjection;

namespace Helpdesk.Cli.Commands;

/// <summary>`helpdesk train`: a new intent model from the seed data plus accepted corrections, scored on the held-out file.</summary>
public sealed class TrainCommand : ICliCommand
{
    public string Name => "train";

    public string Summary => "Train an intent model (seed data + accepted corrections), print held-out metrics, optionally activate it";

    public string Usage => """
        Usage: helpdesk train [--out FILE] [--activate]

        Trains from data/training/train plus the agents' corrections a trainer accepted, deterministically, and
        prints the held-out macro-F1, accuracy and per-intent scores (data/training/heldout.jsonl, never trained on).
          --out FILE    also write the new model to FILE
          --activate    make it the live model (data/models/intent.model) only if its held-out macro-F1 is not
                        lower than the live model's; says which happened (exit code 0 either way)
        """;

    public async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var options = CliArgs.Parse(args, flags: ["--activate"], valued: ["--out"]);
        if (options.Positional.Count > 0) throw new CliUsageException($"unexpected argument '{options.Positional[0]}'");
        using var host = await CliHost.StartAsync(cancellationToken: cancellationToken);
        var classifier = host.Services.GetRequiredService<IntentClassifierService>();
        var progress = new StderrProgress(stderr);

        await stderr.WriteLineAsync($"Training an intent model from {classifier.TrainingDirectory} ...");
        var trained = await classifier.TrainAsync(progress, cancellationToken);
        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Trained on {trained.SeedExamples} seed messages + {trained.Corrections} accepted corrections in {trained.Elapsed.TotalSeconds:0.0} s."));
        await stdout.WriteLineAsync(trained.HeldOut.ToText());

        if (options.Value("--out") is { } file)
        {
            IntentModelFile.Save(trained.Model, file);
            await stdout.WriteLineAsync($"Model written to {file}.");
        }
        if (!options.Flag("--activate"))
        {
            await stdout.WriteLineAsync("Not activated (pass --activate to make it live when it is not worse).");
            return 0;
        }
        var result = await classifier.ActivateIfNotWorseAsync(trained, cancellationToken);
        var live = result.LiveMacroF1 is { } f ? f.ToString("0.0000", CultureInfo.InvariantCulture) : "none";
        await stdout.WriteLineAsync(result.Activated
            ? string.Create(CultureInfo.InvariantCulture, $"Activated: held-out macro-F1 {result.CandidateMacroF1:0.0000} >= live {live}; now live at {classifier.ModelPath}.")
            : string.Create(CultureInfo.InvariantCulture, $"Not activated: held-out macro-F1 {result.CandidateMacroF1:0.0000} is lower than the live model's {live}."));
        return 0;
    }
}
