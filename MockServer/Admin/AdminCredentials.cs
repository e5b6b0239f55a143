using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using TwoFactorContracts.MockServer.Core;
using TwoFactorContracts.MockServer.Credentials;
using TwoFactorContracts.MockServer.Http;
using TwoFactorContracts.MockServer.Responses;

namespace TwoFactorContracts.MockServer.Admin;

/// <summary>
/// The --admin-user/--admin-password check, done by our gateway before WireMock sees an admin request
/// (WireMock refuses wrong ones with a 500). Compares SHA-256 digests in constant time: neither the
/// password nor its length shows in the timing.
/// </summary>
internal sealed class AdminCredentials
{
    private readonly byte[]? _expected;

    public AdminCredentials(MockServerOptions options)
    {
        if (options.AdminUser is null) return;
        _expected = Digest($"Basic {options.AdminUser}:{options.AdminPassword}");
    }

    public bool Accept(string? authorization)
    {
        if (_expected is null) return true;
        // The parsed form: the scheme in any case, the user and password decoded.
        var canonical = CredentialParser.Parse(authorization) is { Scheme: CredentialScheme.Basic } basic ? basic.Canonical : "";
        return CryptographicOperations.FixedTimeEquals(Digest(canonical), _expected);
    }

    public static Task RefuseAsync(HttpContext context)
    {
        var error = AdminError.Unauthorized;
        return HttpExchange.WriteAsync(context, new ApiResponse(error.Status, MediaType.Json, error.RenderedJson ??= JsonBodies.Error(error), error.Header));
    }

    private static byte[] Digest(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));
}

/// <summary>An admin request without the configured admin credentials: 401 in the API's envelope, with a Basic challenge.</summary>
internal sealed class AdminError : StageError
{
    private AdminError() : base(401, "UNAUTHORIZED", "Admin credentials missing or wrong") { }

    public static readonly AdminError Unauthorized = new();

    public override KeyValuePair<string, string>? Header { get; } = new("WWW-Authenticate", "Basic realm=\"mock admin\"");
}
