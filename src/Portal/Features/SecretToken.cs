using System.Security.Cryptography;
using System.Text;

namespace Portal.Features;

/// <summary>
/// Bearer secrets (share links, invitations, personal access tokens): 256 random bits, URL-safe, with a short
/// prefix that says what the secret is for. Only the SHA-256 hash is stored, so a leaked database does not leak
/// working links; the clear text is shown to its creator once.
/// </summary>
public static class SecretToken
{
    public const int RandomBytes = 32;

    public static (string Token, string Hash) New(string prefix)
    {
        var token = prefix + Base64Url(RandomNumberGenerator.GetBytes(RandomBytes));
        return (token, Hash(token));
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Shortest prefix-plus-random length any of our tokens has: anything shorter is not worth a lookup.</summary>
    public static bool LooksValid(string? token) => token is { Length: >= 40 and <= 100 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
