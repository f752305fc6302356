using OtpNet;

namespace Helpdesk.Web.Tests;

/// <summary>What a phone's authenticator app does, computed independently of the desk (Otp.NET, RFC 6238).</summary>
public static class AuthenticatorApp
{
    /// <summary>The code for now from a base32 key, as an app shows it.</summary>
    public static string CodeNow(string base32Key) => new Totp(Base32Encoding.ToBytes(base32Key)).ComputeTotp(DateTime.UtcNow);

    /// <summary>A well-formed code that is not the current one, nor one of the neighbouring windows the desk accepts.</summary>
    public static string WrongCode(string base32Key)
    {
        var totp = new Totp(Base32Encoding.ToBytes(base32Key));
        var now = DateTime.UtcNow;
        var near = new[] { -90, -60, -30, 0, 30, 60, 90 }.Select(s => totp.ComputeTotp(now.AddSeconds(s))).ToHashSet();
        for (var n = 0; ; n++)
        {
            var candidate = ((123456 + n * 7919) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
            if (!near.Contains(candidate)) return candidate;
        }
    }
}
