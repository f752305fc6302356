using System.Diagnostics;
using Helpdesk.Mail.CustomerWords;
using Helpdesk.Mail.Mime;
using Helpdesk.Mail.Reading;
using Helpdesk.Mail.Tests.Support;

namespace Helpdesk.Mail.Tests.Fuzz;

/// <summary>
/// Mutated golden and RFC messages (seeded): reading them may list defects but must never throw anything but
/// <see cref="MessageTooLargeException"/>, and must never hang. The long run is `Helpdesk.Benchmarks -- fuzz`.
/// </summary>
[TestClass]
public sealed class FuzzTests
{
    private const int Iterations = 2_000;
    private const int Seed = 20261122;

    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public void Read_MutatedMessages_NeverThrowsUndocumentedExceptions()
    {
        var corpus = TestFiles.Messages(TestFiles.Golden).Concat(TestFiles.Messages(TestFiles.Rfc)).Select(File.ReadAllBytes).ToList();
        Assert.IsGreaterThan(10, corpus.Count, "the fuzz test needs the golden corpus");
        var reader = new EmailReader(new MimeParserOptions { MaxMessageSize = 2 * 1024 * 1024 });
        var mutator = new MailMutator(Seed);
        var pick = new Random(Seed);
        var failures = new List<string>();
        var slowest = TimeSpan.Zero;

        for (var i = 0; i < Iterations && failures.Count < 5; i++)
        {
            var message = mutator.Mutate(corpus[pick.Next(corpus.Count)]);
            var watch = Stopwatch.StartNew();
            try
            {
                var email = reader.Read(message);
                // Touch everything the desk would: sanitized HTML, attachments, the JSON line.
                _ = ParsedEmailJson.ToJson(email, "fuzz.eml");
            }
            catch (MessageTooLargeException)
            {
            }
            catch (Exception e)
            {
                failures.Add($"seed {Seed} iteration {i}: {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            }
            if (watch.Elapsed > slowest)
                slowest = watch.Elapsed;
        }

        Assert.IsEmpty(failures, string.Join("\n\n", failures));
        // A hang guard, not a speed target (those live in the benchmark): a loop gone wrong takes minutes.
        Assert.IsLessThan(TimeSpan.FromSeconds(10), slowest, $"slowest message took {slowest}");
    }

    [TestMethod]
    public void Read_TooLargeMessage_ThrowsMessageTooLarge()
    {
        var reader = new EmailReader(new MimeParserOptions { MaxMessageSize = 1000 });
        var message = TestFiles.Crlf("Subject: big", "", new string('x', 2000));

        Assert.ThrowsExactly<MessageTooLargeException>(() => reader.Read(message));
        Assert.ThrowsExactly<MessageTooLargeException>(() => reader.Read(new MemoryStream(message)));
    }
}
