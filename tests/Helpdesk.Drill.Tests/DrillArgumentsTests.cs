namespace Helpdesk.Drill.Tests;

/// <summary>`helpdesk drill` and the benchmarks' drill command read the same words into the same plan.</summary>
[TestClass]
public sealed class DrillArgumentsTests
{
    [TestMethod]
    public void Parse_EveryKindOfOption_PlanHoldsThem()
    {
        var plan = DrillArguments.Parse(["--mails", "600", "--days=2", "--day", "20s", "--agents", "40", "--think", "500ms", "--engine", "postgres",
            "--instances", "2", "--postgres", "Host=x", "--outbox-rate", "12.5", "--browsers", "3", "--fault", "drop-one-mail"], browsers: true);

        Assert.AreEqual(600, plan.Mails);
        Assert.AreEqual(2, plan.Days);
        Assert.AreEqual(TimeSpan.FromSeconds(20), plan.Day);
        Assert.AreEqual(40, plan.Agents);
        Assert.AreEqual(TimeSpan.FromMilliseconds(500), plan.ThinkTime);
        Assert.AreEqual(DrillEngine.Postgres, plan.Engine);
        Assert.AreEqual(2, plan.Instances);
        Assert.AreEqual("Host=x", plan.Postgres);
        Assert.AreEqual(12.5, plan.OutboxPerSecond);
        Assert.AreEqual(3, plan.Browsers);
        Assert.AreEqual(DrillFault.DropOneMail, plan.Fault);
        Assert.IsEmpty(plan.Validate());
    }

    [TestMethod]
    public void Parse_BrowsersWhereNoConsoleCanBeHosted_RefusedNamingTheBenchmarksCommand()
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() => DrillArguments.Parse(["--browsers", "2"], browsers: false));

        StringAssert.Contains(error.Message, "--browsers");
        StringAssert.Contains(error.Message, "Helpdesk.Benchmarks");
    }

    [TestMethod]
    public void Parse_BadValues_NameTheOption()
    {
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => DrillArguments.Parse(["--day", "soon"], browsers: true)).Message, "--day");
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => DrillArguments.Parse(["--agents", "-3"], browsers: true)).Message, "--agents");
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => DrillArguments.Parse(["--colour", "red"], browsers: true)).Message, "--colour");
        StringAssert.Contains(new DrillOptions { Browsers = 51 }.Validate().Single(), "--browsers");
    }
}
