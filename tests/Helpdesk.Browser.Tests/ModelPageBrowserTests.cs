using System.Globalization;
using Helpdesk.Core.Classification;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Helpdesk.Browser.Tests;

[TestClass]
public sealed class ModelPageBrowserTests
{
    [TestMethod]
    public async Task ModelPage_TrainerOpens_ShowsTheLiveModelsOwnFigures()
    {
        // Its own small training set and model file, so the desk's first model trains in seconds and nothing shared is replaced.
        var root = Path.Combine(Path.GetTempPath(), "helpdesk-browser-tests", Guid.NewGuid().ToString("N"));
        var training = TrainingSet(Path.Combine(root, "training"), perIntent: 12);
        await using var desk = await BrowserDesk.StartAsync(new Dictionary<string, string?>
        {
            ["Helpdesk:Classification:TrainingDirectory"] = training,
            ["Helpdesk:Classification:ModelFile"] = Path.Combine(root, "intent.model"),
        });

        // The figures the page must show, worked out here from the live model itself (not from the page's summary).
        var classifier = desk.Services.GetRequiredService<IntentClassifierService>();
        await classifier.WarmUpAsync();
        var model = classifier.Holder.Current ?? throw new InvalidOperationException("no live model after warm-up");
        var heldOut = classifier.EvaluateHeldOut(model);
        var f1 = heldOut.MacroF1.ToString("0.000", CultureInfo.InvariantCulture);
        var accuracy = heldOut.Accuracy.ToString("0.000", CultureInfo.InvariantCulture);
        var trained = model.Metrics.CreatedUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

        var page = await desk.SignedInPageAsync("trainer");
        await page.GotoAsync("/trainer/model");
        await BrowserDesk.WaitForCircuitAsync(page);
        var live = page.Locator("[data-live-model]");
        await live.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        await BrowserDesk.ScreenshotAsync(page, "trainer-model-live");

        Assert.AreEqual(f1, (await page.Locator("[data-live-f1]").InnerTextAsync()).Trim(), "held-out macro-F1 of the live model");
        Assert.IsTrue(await live.Locator($".count-value:text-is('{accuracy}')").CountAsync() > 0, $"held-out accuracy {accuracy} shown");
        var trainedLine = await page.Locator("[data-live-trained]").InnerTextAsync();
        StringAssert.Contains(trainedLine, $"Trained {trained} UTC on {model.Metrics.TrainingExamples} messages");
        StringAssert.Contains(await page.Locator("[data-retrain-state]").InnerTextAsync(), "live model loaded");

        // A retrain started from the page is shown as it goes and ends ready but not live: the live figures stay the live model's.
        await page.ClickAsync("button:has-text('Retrain')");
        await page.Locator("[data-retrain-state]:has-text('new model ready')").WaitForAsync(new LocatorWaitForOptions { Timeout = 120_000 });
        Assert.AreSame(model, classifier.Holder.Current, "retrain alone does not change the live model");
        Assert.AreEqual(f1, (await page.Locator("[data-live-f1]").InnerTextAsync()).Trim());
    }

    private static string TrainingSet(string dir, int perIntent)
    {
        var source = Path.Combine(Helpdesk.Web.Tests.DeskFactory.RepositoryRoot, "data", "training");
        Directory.CreateDirectory(Path.Combine(dir, "train"));
        foreach (var file in Directory.GetFiles(Path.Combine(source, "train"), "*.jsonl"))
            File.WriteAllLines(Path.Combine(dir, "train", Path.GetFileName(file)), File.ReadLines(file).Take(perIntent));
        File.WriteAllLines(Path.Combine(dir, "heldout.jsonl"), File.ReadLines(Path.Combine(source, "heldout.jsonl")).Where((_, i) => i % 3 == 0));
        return dir;
    }
}
