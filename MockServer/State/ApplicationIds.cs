using TwoFactorContracts.MockServer.Core;

namespace TwoFactorContracts.MockServer.State;

/// <summary>New applicationIds and processIds: 16 random bytes, written as 32 upper-case hex characters like the API's.</summary>
public static class ApplicationIds
{
    public static byte[] NewBytes() => SecureRandom.GetBytes(16);

    public static string New() => Convert.ToHexString(NewBytes());
}
