using Microsoft.AspNetCore.Http;
using TwoFactorContracts.MockServer.Http;

namespace TwoFactorContracts.MockServer.Admin;

/// <summary>One admin endpoint's answer: the request, and what a trailing <c>{parameter}</c> of its path took ("" for a fixed path).</summary>
internal delegate Task AdminHandler(HttpContext context, string value);

/// <summary>
/// One line of the admin route table: a method (<c>*</c> for any), a path (case-insensitive; a trailing
/// <c>{parameter}</c> takes the rest of the path), whether it needs the admin API on and its credentials, and the handler.
/// </summary>
internal sealed record AdminRoute(string Method, string Path, bool Credentials, AdminHandler Handler)
{
    /// <summary>Any method.</summary>
    public const string AnyMethod = "*";
}

/// <summary>
/// The mock's own admin URLs beside WireMock's, as one route table (in the style of WireMock.Net's InitAdmin or
/// ASP.NET Core's MapGroup), built once at start, and its one dispatcher, <see cref="TryHandleAsync"/>. A public
/// route (<c>credentials: false</c>, health) answers always, without credentials, its method only; every other needs
/// the admin API on (else the request goes on, to the gateway's 404) and, when configured, the admin credentials
/// (else 401, for every admin path). A path the table maps answers 405 with the methods it maps in <c>Allow</c> for
/// another; a path it does not map goes on to WireMock.Net's admin API.
/// </summary>
internal sealed class AdminRoutes
{
    private readonly MockServerOptions _options;
    private readonly AdminCredentials _credentials;
    private readonly List<AdminRoute> _entries = [];
    private readonly Dictionary<string, PathRoutes> _fixed = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<PathRoutes> _prefixed = [];

    /// <summary>An empty table; <see cref="For"/> is the mock's.</summary>
    public AdminRoutes(MockServerOptions options)
    {
        _options = options;
        _credentials = new AdminCredentials(options);
    }

    /// <summary>The mock's admin API: one line per endpoint.</summary>
    public static AdminRoutes For(MockServerOptions options, AdminEndpoints mock, FlowAdminEndpoints flow, RecipientOutcomeEndpoints outcomes)
    {
        var routes = new AdminRoutes(options);
        routes.Map("GET", AdminEndpoints.HealthPath, mock.HealthAsync, credentials: false);
        routes.Map("POST", AdminEndpoints.ResetPath, mock.ResetAsync);
        routes.Map("GET", AdminEndpoints.JournalPath, mock.JournalAsync);
        routes.Map("DELETE", AdminEndpoints.JournalPath, mock.ClearJournalAsync);
        routes.Map("*", AdminEndpoints.WireMockSwaggerPath, AdminEndpoints.SwaggerUnavailableAsync);
        routes.Map("GET", FlowAdminEndpoints.OutboxPath, flow.OutboxAsync);
        routes.Map("DELETE", FlowAdminEndpoints.OutboxPath, flow.ClearOutboxAsync);
        routes.Map("GET", FlowAdminEndpoints.ClockPath, flow.ClockAsync);
        routes.Map("POST", FlowAdminEndpoints.ClockPath, flow.AdvanceClockAsync);
        routes.Map("GET", FlowAdminEndpoints.FixedPinsPath, flow.FixedPinsAsync);
        routes.Map("PUT", FlowAdminEndpoints.FixedPinPath, flow.SetFixedPinAsync);
        routes.Map("DELETE", FlowAdminEndpoints.FixedPinPath, flow.RemoveFixedPinAsync);
        routes.Map("GET", RecipientOutcomeEndpoints.RecipientsPath, outcomes.ListAsync);
        routes.Map("GET", RecipientOutcomeEndpoints.RecipientPath, outcomes.GetAsync);
        routes.Map("PUT", RecipientOutcomeEndpoints.RecipientPath, outcomes.SetAsync);
        routes.Map("DELETE", RecipientOutcomeEndpoints.RecipientPath, outcomes.RemoveAsync);
        return routes;
    }

    /// <summary>The table's lines, in the order mapped (the order of <c>Allow</c>).</summary>
    public IReadOnlyList<AdminRoute> Entries => _entries;

    /// <summary>Maps a fixed path.</summary>
    public AdminRoutes Map(string method, string path, Func<HttpContext, Task> handler, bool credentials = true) =>
        Map(method, path, (context, _) => handler(context), credentials);

    /// <summary>Maps a path, fixed or with a trailing <c>{parameter}</c>.</summary>
    public AdminRoutes Map(string method, string path, AdminHandler handler, bool credentials = true)
    {
        if (method != AdminRoute.AnyMethod && (method.Length == 0 || method.Any(c => !char.IsAsciiLetterUpper(c))))
            throw new ArgumentException($"An admin route's method is * or upper case: {method}", nameof(method));
        if (!path.StartsWith(AdminPaths.Prefix + "/", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"An admin route lies under {AdminPaths.Prefix}/: {path}", nameof(path));
        var open = path.IndexOf('{', StringComparison.Ordinal);
        if (open >= 0 && (path[open - 1] != '/' || !path.EndsWith('}') || path.IndexOf('}', StringComparison.Ordinal) != path.Length - 1))
            throw new ArgumentException($"An admin route's only parameter is its last segment: {path}", nameof(path));

        var prefix = open >= 0 ? path[..open] : null;
        var routes = prefix is null
            ? _fixed.TryGetValue(path, out var known) ? known : _fixed[path] = new PathRoutes(null)
            : _prefixed.Find(p => string.Equals(p.Prefix, prefix, StringComparison.OrdinalIgnoreCase)) is { } same ? same : Add(new PathRoutes(prefix));
        if (routes.Routes.Any(r => r.Method == method || r.Method == AdminRoute.AnyMethod || method == AdminRoute.AnyMethod))
            throw new ArgumentException($"{method} {path} is mapped twice", nameof(path));

        var route = new AdminRoute(method, path, credentials, handler);
        routes.Routes.Add(route);
        routes.Allow = string.Join(", ", routes.Routes.Where(r => r.Credentials).Select(r => r.Method));
        _entries.Add(route);
        return this;

        PathRoutes Add(PathRoutes added)
        {
            _prefixed.Add(added);
            return added;
        }
    }

    /// <summary>What a 405 on <paramref name="path"/> lists in <c>Allow</c>; null when the table does not answer 405 there.</summary>
    public string? AllowOf(string path) => Find(path, out _) is { Allow.Length: > 0 } routes && !routes.Routes.Any(r => r.Method == AdminRoute.AnyMethod)
        ? routes.Allow
        : null;

    /// <summary>
    /// Answers the request when the table maps its path, or refuses it (401) when admin credentials are configured
    /// and missing or wrong, for every admin path; false lets it go on to WireMock.
    /// </summary>
    public async ValueTask<bool> TryHandleAsync(HttpContext context, string path)
    {
        var method = context.Request.Method;
        var routes = Find(path, out var value);
        var route = routes?.Routes.Find(r => r.Method == AdminRoute.AnyMethod || string.Equals(r.Method, method, StringComparison.OrdinalIgnoreCase));
        if (route is { Credentials: false })
        {
            await route.Handler(context, value).ConfigureAwait(false);
            return true;
        }
        if (!_options.AdminEnabled) return false;
        if (!_credentials.Accept(context.Request.Headers.Authorization.ToString()))
        {
            await AdminCredentials.RefuseAsync(context).ConfigureAwait(false);
            return true;
        }
        if (route is not null)
        {
            await route.Handler(context, value).ConfigureAwait(false);
            return true;
        }
        // Only public routes here (health): other methods are WireMock's.
        if (routes is null || routes.Allow.Length == 0) return false;
        context.Response.StatusCode = 405;
        context.Response.Headers.Allow = routes.Allow;
        return true;
    }

    private PathRoutes? Find(string path, out string value)
    {
        value = "";
        if (_fixed.TryGetValue(path, out var routes)) return routes;
        foreach (var prefixed in _prefixed)
        {
            if (!path.StartsWith(prefixed.Prefix!, StringComparison.OrdinalIgnoreCase)) continue;
            value = path[prefixed.Prefix!.Length..]; // Kestrel has decoded it
            return prefixed;
        }
        return null;
    }

    /// <summary>The routes of one path, and the methods a 405 there lists (those needing credentials, in the order mapped).</summary>
    private sealed class PathRoutes(string? prefix)
    {
        public string? Prefix { get; } = prefix;

        public List<AdminRoute> Routes { get; } = [];

        public string Allow { get; set; } = "";
    }
}
