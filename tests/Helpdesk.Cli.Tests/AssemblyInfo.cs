// CliRun points the in-process CLI at its own database through process-wide environment variables, so two tests
// running at once would read each other's desks: the CLI tests run one at a time.
[assembly: DoNotParallelize]
