using System.Text;
using Helpdesk.Mail.Mime;

namespace Helpdesk.Mail.Tests;

[TestClass]
public sealed class TransferEncodingTests
{
    private static string B64(string s, out bool garbage) => Encoding.UTF8.GetString(TransferEncoding.DecodeBase64(Encoding.ASCII.GetBytes(s), out garbage));

    private static string Qp(string s, out bool malformed) => Encoding.UTF8.GetString(TransferEncoding.DecodeQuotedPrintable(Encoding.ASCII.GetBytes(s), out malformed));

    [TestMethod]
    public void DecodeBase64_LineBreaksAndSpaces_AreNotGarbage()
    {
        Assert.AreEqual("Hello, world", B64("SGVsbG8s\r\nIHdv cmxk", out var garbage));
        Assert.IsFalse(garbage);
    }

    [TestMethod]
    public void DecodeBase64_GarbageCharacters_SkippedAndReported()
    {
        Assert.AreEqual("Hello, world", B64("SGVs*bG8s!IHdvcmxk", out var garbage));
        Assert.IsTrue(garbage);
    }

    [TestMethod]
    [DataRow("SGk", "Hi")]
    [DataRow("SGk=", "Hi")]
    [DataRow("SGk=SGk=", "HiHi")]
    [DataRow("", "")]
    public void DecodeBase64_PaddingMissingOrRepeated_Decodes(string input, string expected) => Assert.AreEqual(expected, B64(input, out _));

    [TestMethod]
    [DataRow("caf=C3=A9", "café")]
    [DataRow("caf=c3=a9", "café")]
    [DataRow("long line=\r\ncontinued", "long linecontinued")]
    [DataRow("long line=\ncontinued", "long linecontinued")]
    [DataRow("soft break with space= \r\nnext", "soft break with spacenext")]
    [DataRow("trailing   \r\nnext", "trailing\r\nnext")]
    [DataRow("end=", "end")]
    public void DecodeQuotedPrintable_ValidForms_Decode(string input, string expected)
    {
        Assert.AreEqual(expected, Qp(input, out var malformed));
        Assert.IsFalse(malformed);
    }

    [TestMethod]
    public void DecodeQuotedPrintable_StrayEquals_KeptAndReported()
    {
        Assert.AreEqual("1+1=2 and =ZZ", Qp("1+1=2 and =ZZ", out var malformed));
        Assert.IsTrue(malformed);
    }
}
