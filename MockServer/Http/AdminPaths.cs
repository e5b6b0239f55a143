namespace TwoFactorContracts.MockServer.Http;

/// <summary>Where the admin API lives, ours and WireMock.Net's: the gateway, our admin endpoints and the WireMock integration all read it.</summary>
internal static class AdminPaths
{
    public const string Prefix = "/__admin";

    /// <summary>WireMock.Net's own reset of mappings; the mock follows it back to the seed.</summary>
    public const string WireMockMappingsReset = "/__admin/mappings/reset";
}
