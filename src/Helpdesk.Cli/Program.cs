using System.Runtime.InteropServices;
using Helpdesk.Cli;

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
// `kill` stops a command as Ctrl+C does (a drill then stops the mail servers it started) instead of leaving it half
// shut down: a drill sent SIGTERM kept running without its servers.
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => { signal.Cancel = true; cts.Cancel(); });
return await CliApp.RunAsync(args, Console.Out, Console.Error, cts.Token);
