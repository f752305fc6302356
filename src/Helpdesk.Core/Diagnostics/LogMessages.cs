using Microsoft.Extensions.Logging;

namespace Helpdesk.Core.Diagnostics;

/// <summary>
/// The hot paths' log messages (intake, queue, classifier), source-generated with fixed event ids so an operator can
/// filter and alert on them. Ids by folder: 1xxx Queue, 2xxx Security, 3xxx Intake, 4xxx Classification, 6xxx Staff,
/// 7xxx Outbox (OutboxDispatcher, OutboxWorker), 9xxx Diagnostics. Messages some classes keep beside them use the same ranges.
/// </summary>
internal static partial class LogMessages
{
    // Intake: 3001-3099 (the IMAP source's own are 3101-3103).
    [LoggerMessage(EventId = 3001, Level = LogLevel.Error, Message = "Intake from {Mailbox} failed: {Error}")]
    public static partial void IntakeSourceFailed(this ILogger logger, string mailbox, string error);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Intake processed {Count} emails stored before the last stop")]
    public static partial void IntakeLeftoversProcessed(this ILogger logger, int count);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Error, Message = "Intake could not process the emails left from the last run; they stay pending")]
    public static partial void IntakeLeftoversFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Intake could not take the lease on {Mailbox}: {Error}")]
    public static partial void IntakeLeaseNotTaken(this ILogger logger, string mailbox, string error);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "{Mailbox} is taken in by another desk instance; {Instance} stands by")]
    public static partial void IntakeStandingBy(this ILogger logger, string mailbox, string instance);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Information, Message = "{Instance} takes in {Mailbox}")]
    public static partial void IntakeLeaseTaken(this ILogger logger, string instance, string mailbox);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Warning, Message = "Intake could not give up the lease on {Mailbox}: {Error}")]
    public static partial void IntakeLeaseNotReleased(this ILogger logger, string mailbox, string error);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Information, Message = "Intake processed {Count} emails of {Mailbox} stored before its last holder stopped")]
    public static partial void IntakeMailboxLeftoversProcessed(this ILogger logger, int count, string mailbox);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Error, Message = "Intake could not process the emails left in {Mailbox}; they stay pending")]
    public static partial void IntakeMailboxLeftoversFailed(this ILogger logger, Exception exception, string mailbox);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Warning, Message = "{Instance} lost the lease on {Mailbox} to another instance and stops taking it in")]
    public static partial void IntakeLeaseLost(this ILogger logger, string instance, string mailbox);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Warning, Message = "Intake could not renew the lease on {Mailbox}: {Error}")]
    public static partial void IntakeLeaseNotRenewed(this ILogger logger, string mailbox, string error);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Information, Message = "Intake took in {Count} emails from {Source}")]
    public static partial void IntakeTookIn(this ILogger logger, int count, string source);

    [LoggerMessage(EventId = 3013, Level = LogLevel.Warning, Message = "Intake from {Source} failed ({Failures} in a row), next try in {Delay:F1} s: {Error}")]
    public static partial void IntakeSourceRetrying(this ILogger logger, string source, int failures, double delay, string error);

    [LoggerMessage(EventId = 3014, Level = LogLevel.Warning, Message = "Intake could not record the failure of {Source}: {Error}")]
    public static partial void IntakeFailureNotRecorded(this ILogger logger, string source, string error);

    [LoggerMessage(EventId = 3015, Level = LogLevel.Warning, Message = "Intake batch of {Count} failed; processing its messages one by one")]
    public static partial void IntakeBatchFailed(this ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = 3016, Level = LogLevel.Error, Message = "No intent model could be loaded or trained; this batch is taken in unclassified")]
    public static partial void IntakeUnclassified(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3017, Level = LogLevel.Warning, Message = "Sender check of stored message {Id} failed; taken in unchecked")]
    public static partial void IntakeSenderCheckFailed(this ILogger logger, Exception exception, long id);

    [LoggerMessage(EventId = 3018, Level = LogLevel.Warning, Message = "Quarantined stored message {Id}")]
    public static partial void IntakeQuarantined(this ILogger logger, Exception exception, long id);

    [LoggerMessage(EventId = 3019, Level = LogLevel.Warning, Message = "Drop folder: could not read {File}: {Error}")]
    public static partial void DropFolderUnreadable(this ILogger logger, string file, string error);

    [LoggerMessage(EventId = 3020, Level = LogLevel.Warning, Message = "Drop folder: could not move {File} aside: {Error}")]
    public static partial void DropFolderNotMoved(this ILogger logger, string file, string error);

    // Queue: 1001-1099 (the ended-account sweep's are 1401-1402).
    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Queue counts could not be recounted; the pages keep the last counts until the next change.")]
    public static partial void QueueCountsNotRecounted(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug, Message = "A queue page failed to take new counts.")]
    public static partial void QueuePageCountsFailed(this ILogger logger, Exception exception);

    // Classification: 4001-4099.
    [LoggerMessage(EventId = 4001, Level = LogLevel.Error, Message = "The intent model could not be loaded or trained; tickets stay unclassified")]
    public static partial void ModelUnavailable(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Error, Message = "The intent model file changed but could not be loaded; the live model stays")]
    public static partial void ModelFileNotReloaded(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Intent model reloaded from {Path} (held-out macro-F1 {F1:0.000})")]
    public static partial void ModelReloaded(this ILogger logger, string path, double? f1);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Intent model loaded from {Path} (held-out macro-F1 {F1:0.000})")]
    public static partial void ModelLoaded(this ILogger logger, string path, double? f1);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "The intent model at {Path} cannot be read by this build ({Reason}); moved to {Aside}, training a new one")]
    public static partial void ModelUnreadable(this ILogger logger, string path, string reason, string aside);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Information, Message = "Candidate intent model not activated: held-out macro-F1 {Candidate:0.0000} < live {Live:0.0000}")]
    public static partial void CandidateModelRejected(this ILogger logger, double candidate, double? live);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Information, Message = "Intent model activated: held-out macro-F1 {Candidate:0.0000} (was {Live})")]
    public static partial void ModelActivated(this ILogger logger, double candidate, string live);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Information, Message = "{Line}")]
    public static partial void TrainingProgress(this ILogger logger, string line);

    [LoggerMessage(EventId = 4009, Level = LogLevel.Information, Message = "Retrained intent model: held-out macro-F1 {Candidate:0.000} (live {Live:0.000})")]
    public static partial void ModelRetrained(this ILogger logger, double candidate, double live);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Error, Message = "Retraining the intent model failed")]
    public static partial void ModelRetrainingFailed(this ILogger logger, Exception exception);
}
