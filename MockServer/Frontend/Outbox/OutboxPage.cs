using Microsoft.AspNetCore.Http;
using TwoFactorContracts.MockServer.Core;
using TwoFactorContracts.MockServer.Flow;
using TwoFactorContracts.MockServer.Frontend.Docs;

namespace TwoFactorContracts.MockServer.Frontend.Outbox;

/// <summary>
/// Serves the outbox page at <c>/outbox</c>: a mail catcher's view of <c>GET /__admin/mock/outbox</c> that the page
/// polls itself. The page holds no data, but it exists only to call the admin API, so it asks for the admin
/// credentials the same way (a Basic challenge in the admin realm): the browser prompts once and sends them to the
/// page's own admin calls too. With the admin API off (<c>--no-admin</c>) there is no outbox and no page.
/// </summary>
public sealed class OutboxPage
{
    public const string Route = "/outbox";

    /// <summary>The realm <see cref="Admin.AdminCredentials"/> challenges with: one prompt covers the page and the API.</summary>
    private const string Challenge = "Basic realm=\"mock admin\"";

    private static readonly byte[] CredentialsNeeded =
        "<!DOCTYPE html><title>Outbox</title><p>The outbox page needs the mock's admin credentials (--admin-user, --admin-password). Reload to be asked again.</p>"u8.ToArray();

    private readonly Lazy<StaticAsset> _page = Asset("outbox.html", "text/html; charset=utf-8");
    private readonly IReadOnlyDictionary<string, Lazy<StaticAsset>> _assets = new Dictionary<string, Lazy<StaticAsset>>(StringComparer.Ordinal)
    {
        [Route + "/outbox.js"] = Asset("outbox.js", "text/javascript; charset=utf-8"),
        [Route + "/outbox.css"] = Asset("outbox.css", "text/css; charset=utf-8"),
    };
    private readonly Func<string?, bool> _adminAccepts;

    /// <param name="adminAccepts">Whether an Authorization header carries the admin credentials (always true when none are configured).</param>
    public OutboxPage(Func<string?, bool> adminAccepts) => _adminAccepts = adminAccepts;

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && request.Path.Value is { } path
            && path.StartsWith(Route, StringComparison.Ordinal))
        {
            if (path is Route or Route + "/") return _adminAccepts(request.Headers.Authorization.ToString()) ? _page.Value.WriteAsync(context) : RefuseAsync(context);
            // The script and the style sheet are the same for everyone: no credentials needed.
            if (_assets.TryGetValue(path, out var asset)) return asset.Value.WriteAsync(context);
        }
        return next(context);
    }

    private static Task RefuseAsync(HttpContext context)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status401Unauthorized;
        response.Headers.WWWAuthenticate = Challenge;
        response.Headers.CacheControl = "no-store";
        response.ContentType = "text/html; charset=utf-8";
        response.ContentLength = CredentialsNeeded.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(CredentialsNeeded).AsTask();
    }

    private static Lazy<StaticAsset> Asset(string fileName, string contentType) =>
        new(() => StaticAsset.FromResource(fileName, contentType));
}
