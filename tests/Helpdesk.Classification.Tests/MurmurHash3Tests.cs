using System.Text;
using Helpdesk.Classification.Features;

namespace Helpdesk.Classification.Tests;

/// <summary>
/// Pinned hash values. They must never change: every saved model stores its weights by hashed
/// bucket, so a different hash would silently send every feature to the wrong weights. The values
/// are those of the reference MurmurHash3_x86_32 (scikit-learn's murmurhash3_32 gives the same).
/// </summary>
[TestClass]
public sealed class MurmurHash3Tests
{
    [TestMethod]
    [DataRow("", 0u, 0x00000000u)]
    [DataRow("", 1u, 0x514e28b7u)]
    [DataRow("hello", 0u, 0x248bfa47u)]
    [DataRow("The quick brown fox jumps over the lazy dog", 0u, 0x2e4ff723u)]
    [DataRow(" pa", 0u, 0xdd203c76u)]
    [DataRow("password", 0u, 0x7cc00d26u)]
    [DataRow("contraseña", 0u, 0x45e154cbu)]
    [DataRow("Hello, world!", 1234u, 0xfaf6cdb3u)]
    public void Hash32_KnownInput_ReturnsPinnedValue(string text, uint seed, uint expected)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);

        uint actual = MurmurHash3.Hash32(bytes, seed);

        Assert.AreEqual(expected, actual, $"hash of \"{text}\" changed: saved models would no longer load correctly");
    }
}
