using Helpdesk.Core.Intake;
using Helpdesk.Mail.Transport.OAuth2;

namespace Helpdesk.Core.Tests.Intake;

/// <summary>What the dashboard's mailbox row and the log say when a pass fails.</summary>
[TestClass]
public sealed class IntakeErrorTextTests
{
    [TestMethod]
    public void Describe_RefusedToken_TheServersWordsOnceWithoutTheInnerText()
    {
        var refused = new MailLoginException(
            "The IMAP server refused the OAuth2Microsoft token for support@contoso.example (twice, the second freshly issued): Authentication failed.",
            new MailKit.Security.AuthenticationException("Authentication failed."));

        Assert.AreEqual(refused.Message, IntakeRunner.Describe(refused));
    }

    [TestMethod]
    public void Describe_WrappedIoError_InnermostReasonAdded()
    {
        var wrapped = new InvalidOperationException("Storing the batch failed.", new IOException("No space left on device"));

        Assert.AreEqual("Storing the batch failed. (No space left on device)", IntakeRunner.Describe(wrapped));
    }
}
