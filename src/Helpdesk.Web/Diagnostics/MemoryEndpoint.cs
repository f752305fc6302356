using System.Diagnostics;
using System.Net;

namespace Helpdesk.Web.Diagnostics;

/// <summary>The desk process's memory, after a full collection, as the console's memory benchmark reads it.</summary>
public sealed record MemoryReport(long ManagedHeapBytes, long GcCommittedBytes, long WorkingSetBytes, int ProcessId);

/// <summary>
/// <c>GET /diagnostics/memory</c>: answered only to a request from the machine itself (a forced full collection is
/// not something a remote caller should be able to trigger), so it needs no sign-in and shows nothing about tickets.
/// </summary>
public static class MemoryEndpoint
{
    public const string Path = "/diagnostics/memory";

    public static void MapMemoryEndpoint(this WebApplication app) =>
        app.MapGet(Path, (HttpContext http) =>
        {
            if (!IsLocal(http.Connection)) return Results.NotFound();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            using var self = Process.GetCurrentProcess();
            var info = GC.GetGCMemoryInfo(GCKind.Any);
            return Results.Json(new MemoryReport(GC.GetTotalMemory(forceFullCollection: false), info.TotalCommittedBytes,
                self.WorkingSet64, Environment.ProcessId));
        });

    private static bool IsLocal(ConnectionInfo connection) =>
        connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote);
}
