using System.Security.Cryptography;

namespace TwoFactorContracts.MockServer.State;

/// <summary>New applicationIds and processIds: 32 upper-case hex characters, like the API's.</summary>
public static class ApplicationIds
{
    public static string New()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToHexString(bytes);
    }
}
