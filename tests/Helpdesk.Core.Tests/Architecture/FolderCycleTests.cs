using Helpdesk.Core.Data;
using Helpdesk.Core.Tests.Architecture.Sample.Lower;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Tests.Architecture;

/// <summary>Core's feature folders use each other in one direction only (docs: ARCHITECTURE.md, "Core's feature folders never form a cycle").</summary>
[TestClass]
public sealed class FolderCycleTests
{
    /// <summary>
    /// The database context names every entity it maps (its sets and its Identity user): that is Data knowing the
    /// features' records, which the features' services then read through it. Those mapping references alone are not
    /// counted; anything else Data uses in a feature folder is.
    /// </summary>
    private static bool MapsEntity(Type from, Type to, HashSet<Type> entities)
    {
        for (var t = from; t is not null; t = t.DeclaringType)
            if (t == typeof(HelpdeskDbContext)) return entities.Contains(to);
        return false;
    }

    private static HashSet<Type> Entities()
    {
        using var db = new HelpdeskDbContext(new DbContextOptionsBuilder<HelpdeskDbContext>().UseSqlite("Data Source=:memory:").Options);
        return db.Model.GetEntityTypes().Select(e => e.ClrType).ToHashSet();
    }

    [TestMethod]
    public void CoreFolders_References_FormNoCycle()
    {
        var entities = Entities();
        var graph = FolderGraph.Of(typeof(HelpdeskCore).Assembly, "Helpdesk.Core", (from, to) => MapsEntity(from, to, entities));

        var cycles = graph.Cycles();

        Assert.IsGreaterThan(5, graph.Edges.Count, "the graph read from Core has too few folders to mean anything");
        Assert.IsEmpty(cycles, $"Core's folders form {cycles.Count} cycle(s):{Environment.NewLine}{graph.Describe()}");
    }

    [TestMethod]
    public void CoreFolders_RootNamespace_IsUsedByNoFolder()
    {
        var graph = FolderGraph.Of(typeof(HelpdeskCore).Assembly, "Helpdesk.Core");

        var users = graph.Edges.Where(e => e.Value.ContainsKey(FolderGraph.RootNode)).Select(e => $"{e.Key}: {e.Value[FolderGraph.RootNode]}").ToList();

        Assert.IsEmpty(users, "Helpdesk.Core itself only composes the folders; shared types live in Abstractions: " + string.Join("; ", users));
    }

    [TestMethod]
    public void Cycles_SyntheticBackReference_ReportsTheCycleWithItsReferences()
    {
        var graph = new FolderGraph()
            .Add("Intake", "Tickets", "IntakeBatch → Ticket").Add("Tickets", "Customers", "Ticket → Customer")
            .Add("Queue", "Tickets", "TicketQueue → Ticket").Add("Customers", "Intake", "Customer → IntakeOptions");

        var cycles = graph.Cycles();

        Assert.HasCount(1, graph.Components());
        CollectionAssert.AreEqual(new[] { "Customers", "Intake", "Tickets" }, graph.Components()[0].ToArray());
        Assert.HasCount(1, cycles, "one ring, reported once whichever folder it starts from");
        CollectionAssert.AreEqual(new[] { "Customers", "Intake", "Tickets", "Customers" }, cycles[0].ToArray());
        StringAssert.Contains(graph.Describe(), "Customers → Intake: Customer → IntakeOptions");
    }

    [TestMethod]
    public void Cycles_OneWayGraph_ReportsNone()
    {
        var graph = new FolderGraph()
            .Add("Intake", "Tickets", "a").Add("Tickets", "Customers", "b").Add("Queue", "Tickets", "c").Add("Intake", "Customers", "d");

        Assert.IsEmpty(graph.Cycles());
    }

    [TestMethod]
    public void Of_BackReferenceOnlyInAMethodBody_IsFound()
    {
        // Sample.Upper uses Sample.Lower in a signature; Lower uses Upper only inside a method body (IL).
        var graph = FolderGraph.Of(typeof(LowerThing).Assembly, "Helpdesk.Core.Tests.Architecture.Sample");

        var cycles = graph.Cycles();

        Assert.HasCount(1, cycles, graph.Describe());
        StringAssert.Contains(graph.Describe(), "Lower → Upper: LowerThing → UpperThing");
    }
}
