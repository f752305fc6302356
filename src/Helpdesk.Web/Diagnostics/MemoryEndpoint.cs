using System.Diagnostics;

namespace Helpdesk.Web.Diagnostics;

/// <summary>The desk process's memory, after a full collection, as the console's memory benchmark reads it.</summary>
public sealed record MemoryReport(long ManagedHeapBytes, long GcCommittedBytes, long WorkingSetBytes, int ProcessId);

/// <summary>
/// <c>GET /diagnostics/memory</c>: answered only to a signed-in Admin (a forced full collection is not something
/// anybody else should be able to trigger; behind a reverse proxy every request looks local, so the caller's address
/// proves nothing). The console's memory benchmark signs in as an Admin to read it.
/// </summary>
public static class MemoryEndpoint
{
    public const string Path = "/diagnostics/memory";

    public static void MapMemoryEndpoint(this WebApplication app) =>
        app.MapGet(Path, () =>
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            using var self = Process.GetCurrentProcess();
            var info = GC.GetGCMemoryInfo(GCKind.Any);
            return Results.Json(new MemoryReport(GC.GetTotalMemory(forceFullCollection: false), info.TotalCommittedBytes,
                self.WorkingSet64, Environment.ProcessId));
        }).RequireAuthorization(Policies.Admin);
}
