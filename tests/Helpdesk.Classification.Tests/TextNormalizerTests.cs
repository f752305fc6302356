using System.Globalization;
using Helpdesk.Classification.Text;

namespace Helpdesk.Classification.Tests;

[TestClass]
public sealed class TextNormalizerTests
{
    [TestMethod]
    [DataRow("Hello WORLD", "hello world")]
    [DataRow("  multiple   spaces\n\tand tabs ", "multiple spaces and tabs")]
    [DataRow("Visit https://www.meridian.example/account/new-password now", "visit _url_ now")]
    [DataRow("(see www.meridian.example/help)", "see _url_")]
    [DataRow("meridian.example/account/new-password", "_url_")]
    [DataRow("I use meridian.example a lot", "i use meridian example a lot")]
    [DataRow("write to passwordchange@meridian.example.", "write to _email_")]
    [DataRow("<jane.doe@mail.example>", "_email_")]
    [DataRow("Order 12345 placed 11/20", "order _num_ placed _num_ _num_")]
    [DataRow("my card 4111 1111 1111 1111 was charged", "my card _card_ was charged")]
    [DataRow("card: 4111-1111-1111-1111.", "card _card_")]
    [DataRow("call 555 0100 now", "call _num_ _num_ now")]
    [DataRow("ＰＡＳＳＷＯＲＤ ﬁle", "password file")]
    [DataRow("Contraseña NO funciona!!!", "contraseña no funciona")]
    [DataRow("can't sign-in", "can t sign in")]
    [DataRow("error 404error", "error 404error")]
    [DataRow("Hi!&nbsp;&nbsp;Can&#39;t log in", "hi can t log in")]
    [DataRow("fails with:&nbsp;<b>Error</b>&nbsp;– unable", "fails with error unable")]
    [DataRow("<div class=\"x\">Hello</div><br/>there", "hello there")]
    [DataRow("From: Meridian &lt;passwordchange@meridian.example&gt;", "from meridian _email_")]
    [DataRow("Meridian <passwordchange@meridian.example> wrote", "meridian _email_ wrote")]
    [DataRow("I <3 you, 2 < 3 > 1", "i _num_ you _num_ _num_ _num_")]
    [DataRow("", "")]
    [DataRow("?!... --", "")]
    public void Normalize_Input_ReturnsExpectedTokens(string input, string expected)
    {
        string actual = TextNormalizer.Normalize(input);

        Assert.AreEqual(expected, actual);
    }

    [TestMethod]
    public void Normalize_TurkishCurrentCulture_LowersInvariantly()
    {
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("tr-TR");

            string actual = TextNormalizer.Normalize("TITLE LINK");

            Assert.AreEqual("title link", actual);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [TestMethod]
    public void Normalize_LoneSurrogate_DoesNotThrow()
    {
        string input = "bad \uD800 text";

        string actual = TextNormalizer.Normalize(input);

        Assert.AreEqual("bad text", actual);
    }

    [TestMethod]
    [DataRow("contraseña", "contrasena")]
    [DataRow("straße", "strasse")]
    [DataRow("réinitialiser", "reinitialiser")]
    [DataRow("kündigen", "kundigen")]
    public void FoldAccents_AccentedWord_ReturnsPlainSpelling(string input, string expected)
    {
        string? actual = TextNormalizer.FoldAccents(input);

        Assert.AreEqual(expected, actual);
    }

    [TestMethod]
    public void FoldAccents_AsciiWord_ReturnsNull()
    {
        string? actual = TextNormalizer.FoldAccents("password");

        Assert.IsNull(actual);
    }
}
