namespace Helpdesk.Mail.Tests;

[TestClass]
public sealed class SmokeTests
{
    [TestMethod]
    public void Assembly_Loads_HasMimeNamespace() => Assert.AreEqual("Helpdesk.Mail", typeof(SmokeTests).Assembly.GetName().Name![..13]);
}
