using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Helpdesk.Mail.Tests.OAuth2;

/// <summary>Reads a compact JWT the libraries signed, and checks its signature with the public key.</summary>
internal sealed class TestJwt
{
    private TestJwt(string compact)
    {
        var parts = compact.Split('.');
        Assert.HasCount(3, parts, "a signed JWT has header.payload.signature");
        Header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0])).RootElement;
        Payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1])).RootElement;
        SignedPart = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        Signature = Base64Url.DecodeFromChars(parts[2]);
    }

    public JsonElement Header { get; }

    public JsonElement Payload { get; }

    private byte[] SignedPart { get; }

    private byte[] Signature { get; }

    public static TestJwt Parse(string compact) => new(compact);

    public string Claim(string name) => Payload.GetProperty(name).ValueKind == JsonValueKind.String
        ? Payload.GetProperty(name).GetString()!
        : Payload.GetProperty(name).GetRawText();

    public long NumericClaim(string name) => Payload.GetProperty(name).GetInt64();

    /// <summary>True when the signature matches under the algorithm the header names (RS256 or PS256).</summary>
    public bool IsSignedBy(RSA publicKey)
    {
        var padding = Header.GetProperty("alg").GetString() switch
        {
            "RS256" => RSASignaturePadding.Pkcs1,
            "PS256" => RSASignaturePadding.Pss,
            var other => throw new AssertFailedException($"unexpected JWT algorithm {other}"),
        };
        return publicKey.VerifyData(SignedPart, Signature, HashAlgorithmName.SHA256, padding);
    }
}
