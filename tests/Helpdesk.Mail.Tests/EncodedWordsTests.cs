using Helpdesk.Mail.Mime;

namespace Helpdesk.Mail.Tests;

[TestClass]
public sealed class EncodedWordsTests
{
    [TestMethod]
    [DataRow("=?utf-8?Q?Passwort_=C3=A4ndern?=", "Passwort ändern")]
    [DataRow("=?UTF-8?B?UGFzc3dvcnQgw6RuZGVybg==?=", "Passwort ändern")]
    [DataRow("=?utf-8?q?lower_case_q?=", "lower case q")]
    [DataRow("=?iso-8859-1?b?U2Now7Zu?=", "Schön")] // UTF-8 bytes labelled Latin-1 (a common mislabel) read as UTF-8
    [DataRow("Re:=?utf-8?Q?=C3=A9t=C3=A9?=", "Re:été")]
    [DataRow("x=?utf-8?Q?a?=y", "xay")]
    [DataRow("=?utf-8?Q?a?==?utf-8?Q?b?=", "ab")]
    [DataRow("=?utf-8*en?Q?with_language?=", "with language")]
    [DataRow("=?utf-8?Q?spaces in Q text?=", "spaces in Q text")]
    public void Decode_EncodedWord_Decodes(string input, string expected) => Assert.AreEqual(expected, EncodedWords.Decode(input));

    [TestMethod]
    public void Decode_MultibyteSplitAcrossWords_JoinsBytesFirst()
    {
        // "é" is C3 A9: the first word ends after C3, the second starts with A9.
        Assert.AreEqual("café", EncodedWords.Decode("=?utf-8?Q?caf=C3?= =?utf-8?Q?=A9?="));
        Assert.AreEqual("café", EncodedWords.Decode("=?utf-8?B?Y2Fmww==?= =?utf-8?B?qQ==?="));
    }

    [TestMethod]
    public void Decode_UnknownCharset_FallsBackToUtf8ThenWindows1252()
    {
        Assert.AreEqual("ä", EncodedWords.Decode("=?x-unknown?Q?=C3=A4?="));
        Assert.AreEqual("ä", EncodedWords.Decode("=?x-unknown?Q?=E4?="));
    }

    [TestMethod]
    [DataRow("=?utf-8?X?abc?=")]
    [DataRow("=?utf-8?Q?no end")]
    [DataRow("=??Q?empty charset?=")]
    [DataRow("plain =? text")]
    public void Decode_MalformedWord_KeptAsIs(string input) => Assert.AreEqual(input, EncodedWords.Decode(input));

    [TestMethod]
    public void Decode_WordAndPlainText_KeepsSpaceBetween()
    {
        Assert.AreEqual("Hello Wörld", EncodedWords.Decode("Hello =?utf-8?Q?W=C3=B6rld?="));
    }

    [TestMethod]
    public void Decode_Iso2022Jp_DecodesStatefulCharset()
    {
        // "日本" in ISO-2022-JP: ESC $ B F| K\ ESC ( B
        Assert.AreEqual("日本", EncodedWords.Decode("=?ISO-2022-JP?B?GyRCRnxLXBsoQg==?="));
    }
}
