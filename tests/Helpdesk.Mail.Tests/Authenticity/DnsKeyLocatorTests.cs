using System.Net;
using Helpdesk.Mail.Authenticity;
using Helpdesk.Testing.Dns;

namespace Helpdesk.Mail.Tests.Authenticity;

/// <summary>
/// DKIM keys are parsed once per published record: making a BouncyCastle RSA key runs probable-prime tests on the
/// modulus (about 20 ms of CPU), so parsing it for every signed mail made each check cost that much.
/// </summary>
[TestClass]
public sealed class DnsKeyLocatorTests
{
    [TestMethod]
    public async Task SameRecord_IsParsedOnce_AndAChangedRecordAfresh()
    {
        using var first = new DkimTestKey("meridian.example", "s1");
        using var second = new DkimTestKey("meridian.example", "s1");
        var dns = new OneRecord { Txt = first.Record };
        var locator = new DnsKeyLocator(dns);

        var a = await locator.LocatePublicKeyAsync("dns/txt", "meridian.example", "s1");
        var b = await locator.LocatePublicKeyAsync("dns/txt", "meridian.example", "s1");
        Assert.AreSame(a, b, "the second lookup of the same record must reuse the parsed key");
        Assert.AreEqual(2, dns.Questions, "the record is still asked for each time (its TTL is DNS's business)");

        dns.Txt = second.Record; // the domain rotated its key under the same selector
        var c = await locator.LocatePublicKeyAsync("dns/txt", "meridian.example", "s1");
        Assert.AreNotSame(a, c);
        Assert.AreNotEqual(a, c, "a changed record must give the new key, not the cached one");
    }

    private sealed class OneRecord : IDnsRecords
    {
        public string Txt { get; set; } = "";
        public int Questions { get; private set; }

        public Task<IReadOnlyList<string>> TxtAsync(string name, CancellationToken cancellationToken)
        {
            Questions++;
            return Task.FromResult<IReadOnlyList<string>>([Txt]);
        }

        public Task<IReadOnlyList<IPAddress>> AddressesAsync(string name, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<IPAddress>>([]);

        public Task<IReadOnlyList<string>> MailExchangersAsync(string name, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<string>>([]);
    }
}
