using Helpdesk.Core.Intake;
using Microsoft.EntityFrameworkCore;

namespace Helpdesk.Core.Tests.Intake;

[TestClass]
public sealed class MaskingTests
{
    [TestMethod]
    [DataRow("my card 4111 1111 1111 1111 was charged", "my card XXXX XXXX XXXX 1111 was charged")]
    [DataRow("card: 4111-1111-1111-1111.", "card: XXXX-XXXX-XXXX-1111.")]
    [DataRow("5555555555554444", "XXXXXXXXXXXX4444")]
    [DataRow("amex 378282246310005 ok", "amex XXXXXXXXXXX0005 ok")]
    public void MaskCardNumbers_LuhnValidRun_KeepsLastFourOnly(string text, string expected) =>
        Assert.AreEqual(expected, SensitiveDataMasker.Mask(text));

    [TestMethod]
    [DataRow("card 4111 1111 1111 1112 is not Luhn-valid")]
    [DataRow("order 123456789012 is twelve digits")]
    [DataRow("call +1 555 010 0199 please")]
    [DataRow("tracking 41111111111111111111111 is too long")]
    [DataRow("ref AB4111111111111111 is glued to letters")]
    public void MaskCardNumbers_NotACardNumber_LeavesTextAlone(string text) =>
        Assert.AreEqual(text, SensitiveDataMasker.Mask(text));

    [TestMethod]
    [DataRow("Hi, my password is Hunter2! and it fails", "Hunter2")]
    [DataRow("Password: S3cret-pass", "S3cret-pass")]
    [DataRow("my new password was Correct.Horse.9", "Correct.Horse.9")]
    [DataRow("password = abc12345", "abc12345")]
    [DataRow("Mi contraseña es Gato2024 y no funciona", "Gato2024")]
    [DataRow("contraseña: Perro#77", "Perro#77")]
    [DataRow("Mot de passe : Soleil55", "Soleil55")]
    public void MaskPasswords_ApparentPassword_Removed(string text, string secret)
    {
        var masked = SensitiveDataMasker.Mask(text);

        Assert.IsFalse(masked.Contains(secret, StringComparison.Ordinal), masked);
        Assert.IsTrue(masked.Contains(SensitiveDataMasker.PasswordMask, StringComparison.Ordinal), masked);
    }

    [TestMethod]
    [DataRow("The password reset link expired")]
    [DataRow("my password is not accepted by the site")]
    [DataRow("My new password is rejected every time")]
    [DataRow("I created a new password yesterday")]
    public void MaskPasswords_OrdinarySentence_Unchanged(string text) =>
        Assert.AreEqual(text, SensitiveDataMasker.Mask(text));

    [TestMethod]
    public async Task ProcessAsync_CardAndPasswordInBody_StoredMasked()
    {
        await using var desk = await IntakeTestDesk.CreateAsync();

        var outcome = await desk.TakeInAsync(Mails.Customer("dana@example.com", "m1@example.com", "card",
            "Is my card 4111 1111 1111 1111 safe? My password is Hunter2x."));

        var message = (await desk.TicketAsync(outcome.TicketNumber!.Value)).Messages.Single();
        Assert.IsFalse(message.Text.Contains("4111 1111 1111 1111", StringComparison.Ordinal));
        Assert.IsFalse(message.VisibleText.Contains("Hunter2x", StringComparison.Ordinal));
        Assert.IsTrue(message.VisibleText.Contains("XXXX XXXX XXXX 1111", StringComparison.Ordinal));
        var raw = await desk.QueryAsync(db => db.RawMessages.SingleAsync());
        Assert.AreEqual(RawMessageState.Processed, raw.State);
    }
}
