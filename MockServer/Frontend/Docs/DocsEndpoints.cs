using Microsoft.AspNetCore.Http;

namespace TwoFactorContracts.MockServer.Frontend.Docs;

/// <summary>
/// Serves the docs page (Swagger UI, vendored under DocsUi/vendor so nothing is fetched from outside) at
/// <c>/docs</c>, and the contract itself at <see cref="ContractRoute"/>. Other paths go on to the mock.
/// </summary>
public sealed class DocsEndpoints
{
    public const string DocsRoute = "/docs";
    public const string ContractRoute = "/openapi/2fa-applications.yaml";

    private readonly IReadOnlyDictionary<string, Lazy<StaticAsset>> _assets;
    private readonly ContractFile _contract;

    public DocsEndpoints(FrontendOptions options)
    {
        var page = Lazy("docs.html", "text/html; charset=utf-8");
        _assets = new Dictionary<string, Lazy<StaticAsset>>(StringComparer.Ordinal)
        {
            [DocsRoute] = page,
            [DocsRoute + "/"] = page,
            [DocsRoute + "/docs-init.js"] = Lazy("docs-init.js", "text/javascript; charset=utf-8"),
            [DocsRoute + "/swagger-ui-bundle.js"] = Lazy("swagger-ui-bundle.js", "text/javascript; charset=utf-8"),
            [DocsRoute + "/swagger-ui.css"] = Lazy("swagger-ui.css", "text/css; charset=utf-8"),
        };
        // Read now, so a mock built without its contract fails at start rather than on the first request.
        _contract = ContractFile.Read(options.ContractPath);
    }

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && request.Path.HasValue)
        {
            if (_assets.TryGetValue(request.Path.Value, out var asset)) return asset.Value.WriteAsync(context);
            if (request.Path.Value == ContractRoute) return _contract.WriteAsync(context);
        }
        return next(context);
    }

    private static Lazy<StaticAsset> Lazy(string fileName, string contentType) =>
        new(() => StaticAsset.FromResource(fileName, contentType));
}
