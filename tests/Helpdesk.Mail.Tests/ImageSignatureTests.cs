using System.Text;
using Helpdesk.Mail.CustomerWords;
using Helpdesk.Mail.Mime;
using Helpdesk.Mail.Reading;

namespace Helpdesk.Mail.Tests;

[TestClass]
public sealed class ImageSignatureTests
{
    [TestMethod]
    [DataRow(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0 }, "image/png")]
    [DataRow(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10 }, "image/jpeg")]
    [DataRow(new byte[] { (byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'9', (byte)'a', 1, 0 }, "image/gif")]
    [DataRow(new byte[] { (byte)'R', (byte)'I', (byte)'F', (byte)'F', 0x24, 0, 0, 0, (byte)'W', (byte)'E', (byte)'B', (byte)'P', (byte)'V' }, "image/webp")]
    public void Detect_RasterImageBytes_TheirType(byte[] content, string expected) =>
        Assert.AreEqual(expected, ImageSignature.Detect(content));

    [TestMethod]
    [DataRow("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>")]
    [DataRow("<html><script>alert(1)</script></html>")]
    [DataRow("RIFF\u0024\0\0\0WAVEfmt ")]
    [DataRow("GIF8")]
    [DataRow("")]
    public void Detect_NotARasterImage_Null(string content) =>
        Assert.IsNull(ImageSignature.Detect(Encoding.Latin1.GetBytes(content)));

    [TestMethod]
    public void Detect_PngSignatureTruncated_Null() =>
        Assert.IsNull(ImageSignature.Detect([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A]));
}
