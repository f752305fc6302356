using Helpdesk.Mail.Mime;

namespace Helpdesk.Mail.Tests;

[TestClass]
public sealed class AddressParserTests
{
    private static string Show(string value) => string.Join(" | ", AddressParser.Parse(value).Select(a => $"{a.Name ?? "-"} <{a.Address}>"));

    [TestMethod]
    [DataRow("jo@example.com", "- <jo@example.com>")]
    [DataRow("Jo Smith <jo@example.com>", "Jo Smith <jo@example.com>")]
    [DataRow("\"Smith, Jo\" <jo@example.com>, ann@example.com", "Smith, Jo <jo@example.com> | - <ann@example.com>")]
    [DataRow("jo@example.com (Jo Smith)", "Jo Smith <jo@example.com>")]
    [DataRow("Jo <jo@example.com> (work)", "Jo <jo@example.com>")]
    [DataRow("\"Jo \\\"JJ\\\" Smith\" <jo@example.com>", "Jo \"JJ\" Smith <jo@example.com>")]
    [DataRow("'Meridian Outfitters' <a@meridian.example>", "'Meridian Outfitters' <a@meridian.example>")]
    [DataRow("=?utf-8?Q?J=C3=B6rg?= <j@example.de>", "Jörg <j@example.de>")]
    [DataRow("\"=?utf-8?Q?J=C3=B6rg?=\" <j@example.de>", "Jörg <j@example.de>")]
    [DataRow("=?utf-8?Q?M=C3=BCller,_J=C3=B6rg?= <j@example.de>", "Müller, Jörg <j@example.de>")]
    [DataRow("<mailto:jo@example.com>", "- <jo@example.com>")]
    public void Parse_CommonForms_ReadsNameAndAddress(string value, string expected) => Assert.AreEqual(expected, Show(value));

    [TestMethod]
    public void Parse_Groups_FlattensMembersAndDropsEmptyGroups()
    {
        Assert.AreEqual("- <a@x.example> | Bee <b@x.example> | - <c@x.example>",
            Show("Team: a@x.example, Bee <b@x.example>;, undisclosed-recipients:;, c@x.example"));
        Assert.AreEqual("", Show("undisclosed-recipients:;"));
    }

    [TestMethod]
    [DataRow("<@relay1.example,@relay2.example:jo@example.com>", "- <jo@example.com>")]
    [DataRow("jo . smith @ example . com", "- <jo.smith@example.com>")]
    [DataRow("Joe Q. Public <john.q.public@example.com>", "Joe Q. Public <john.q.public@example.com>")]
    [DataRow("\"jo smith\"@example.com", "- <\"jo smith\"@example.com>")]
    [DataRow("a@x.example,,, ,b@x.example", "- <a@x.example> | - <b@x.example>")]
    [DataRow("Jo <jo@example.com", "Jo <jo@example.com>")]
    public void Parse_ObsoleteAndBrokenSyntax_Recovers(string value, string expected) => Assert.AreEqual(expected, Show(value));

    [TestMethod]
    public void Parse_NameWithoutAddress_SkippedWithDefect()
    {
        var defects = new List<string>();

        var list = AddressParser.Parse("John Doe", defects);

        Assert.IsEmpty(list);
        CollectionAssert.Contains(defects, MimeDefects.InvalidAddress);
    }

    [TestMethod]
    [DataRow(null)]
    [DataRow("")]
    [DataRow("   ")]
    public void Parse_Empty_ReturnsEmpty(string? value) => Assert.IsEmpty(AddressParser.Parse(value));
}
