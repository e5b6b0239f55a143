namespace TwoFactorContracts.MockServer.Frontend;

/// <summary>Settings of the browser-facing extras: CORS, the docs page, the contract file and the outbox page.</summary>
public sealed record FrontendOptions
{
    /// <summary>
    /// Origins allowed to call the mock from a browser: exact origins (<c>http://localhost:3000</c>), an origin
    /// with any port (<c>http://localhost:*</c>) or <c>*</c>. Null means the default: any origin while the mock
    /// listens on loopback only, otherwise only pages served from loopback (a mock in a container on the
    /// developer's machine still works, other hosts' pages are refused).
    /// </summary>
    public IReadOnlyList<string>? CorsOrigins { get; init; }

    /// <summary>Whether the mock listens on a loopback address only; picks the default for <see cref="CorsOrigins"/>.</summary>
    public bool ListensOnLoopbackOnly { get; init; } = true;

    /// <summary>The contract served at <c>/openapi/2fa-applications.yaml</c> and rendered at <c>/docs</c>.</summary>
    public string ContractPath { get; init; } = TwoFactorContracts.Contract.ContractDocument.DefaultPath;

    /// <summary>
    /// Whether <c>/outbox</c> is served, and who may open it: null (the default, and with <c>--no-admin</c>) serves
    /// no page; otherwise whether an Authorization header carries the admin credentials (true for any when none are set).
    /// </summary>
    public Func<string?, bool>? OutboxAdminAccepts { get; init; }

    /// <summary>The frontend part of the mock's options: its host, <c>--cors-origins</c>, <c>--contract</c> and the admin settings.</summary>
    public static FrontendOptions From(MockServerOptions options) =>
        For(options.Host, options.CorsOrigins) with
        {
            ContractPath = options.ContractPath ?? TwoFactorContracts.Contract.ContractDocument.DefaultPath,
            OutboxAdminAccepts = options.AdminEnabled ? new Admin.AdminCredentials(options).Accept : null,
        };

    /// <summary>Options for a mock bound to <paramref name="host"/>, with <c>--cors-origins</c> as given (null or empty: default).</summary>
    public static FrontendOptions For(string host, string? corsOrigins) => new()
    {
        ListensOnLoopbackOnly = Cors.OriginPattern.IsLoopbackHost(host),
        CorsOrigins = ParseOrigins(corsOrigins),
    };

    /// <summary>
    /// Reads a comma-separated <c>--cors-origins</c> value; null when empty (the default applies).
    /// Throws <see cref="ArgumentException"/> naming the bad entry, so the command line can say what is wrong.
    /// </summary>
    public static IReadOnlyList<string>? ParseOrigins(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var origins = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var origin in origins) Cors.OriginPattern.Parse(origin);
        return origins;
    }
}
