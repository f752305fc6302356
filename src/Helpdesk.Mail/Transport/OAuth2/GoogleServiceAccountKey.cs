using System.Security.Cryptography;
using System.Text.Json;

namespace Helpdesk.Mail.Transport.OAuth2;

/// <summary>The fields of a Google service account JSON key file the desk uses.</summary>
internal sealed record GoogleServiceAccountKey(string ClientEmail, string PrivateKeyPem, string? PrivateKeyId, string? TokenUri)
{
    public const string DefaultTokenUri = "https://oauth2.googleapis.com/token";

    /// <summary>Reads and checks the file; the exceptions name what is wrong (missing field, key not RSA PEM).</summary>
    public static GoogleServiceAccountKey Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new FormatException("the file is not a JSON object");
        var type = Text(root, "type");
        if (type != "service_account")
            throw new FormatException($"\"type\" is '{type}', not 'service_account' (download a key of a service account, not an OAuth client)");
        var email = Text(root, "client_email") ?? throw new FormatException("\"client_email\" is missing");
        var pem = Text(root, "private_key") ?? throw new FormatException("\"private_key\" is missing");
        using (var rsa = RSA.Create())
        {
            rsa.ImportFromPem(pem); // fails early, at start-up, instead of at the first sign-in
        }

        return new GoogleServiceAccountKey(email, pem, Text(root, "private_key_id"), Text(root, "token_uri"));
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public override string ToString() => $"service account {ClientEmail}";
}
