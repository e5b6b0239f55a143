using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace TwoFactorContracts.ConformanceTests.Proxy;

/// <summary>
/// The live page at <c>/__proxy</c> (same origin as the proxy): the counts and the last exchanges with their
/// violations, refreshed every second from <c>/__proxy/exchanges</c> (the same objects as exchanges.jsonl, masked).
/// It names an empty icon, so the browser's own <c>/favicon.ico</c> is not forwarded to the target as an exchange.
/// </summary>
public static class ProxyPage
{
    /// <summary>Answers a request under <see cref="ProxyServer.PagePath"/>: the page, its data, or 404.</summary>
    public static async Task AnswerAsync(HttpContext context, ProxyServer proxy)
    {
        context.Response.Headers.CacheControl = "no-store";
        var path = context.Request.Path.Value?.TrimEnd('/');
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = "GET, HEAD";
            return;
        }
        if (path == ProxyServer.PagePath)
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(Html);
        }
        else if (path == ProxyServer.PagePath + "/exchanges")
        {
            var recorder = proxy.Recorder;
            var json = new JsonObject
            {
                ["target"] = proxy.Options.Target!.GetLeftPart(UriPartial.Authority),
                ["profile"] = proxy.Judge.Profile.Name,
                ["exchanges"] = recorder.Exchanges,
                ["withViolations"] = recorder.WithViolations,
                ["notInContract"] = recorder.NotInContract,
                ["targetFailures"] = recorder.TargetFailures,
                ["last"] = new JsonArray([.. recorder.Last.Reverse().Select(ProxyRecorder.ToJson)]),
            };
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(proxy.Credentials.Mask.Apply(json.ToJsonString()));
        }
        else context.Response.StatusCode = StatusCodes.Status404NotFound;
    }

    private const string Html = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>tfc proxy</title>
        <link rel="icon" href="data:,">
        <style>
          body { font: 14px system-ui, sans-serif; margin: 1.5em; }
          table { border-collapse: collapse; width: 100%; }
          td, th { border-bottom: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }
          .violations { color: #b00020; } .conforms { color: #1b5e20; } .other { color: #6d4c41; }
          code { font-size: 12px; }
        </style></head>
        <body>
        <h1>tfc proxy</h1>
        <p id="counts">waiting for the first exchange…</p>
        <table><thead><tr><th>time</th><th>exchange</th><th>status</th><th>outcome</th><th>violations</th></tr></thead>
        <tbody id="rows"></tbody></table>
        <script>
          const text = s => (s ?? '').toString().replace(/[&<>]/g, c => ({'&':'&amp;','<':'&lt;','>':'&gt;'}[c]));
          async function refresh() {
            try {
              const r = await fetch('/__proxy/exchanges', { cache: 'no-store' });
              const d = await r.json();
              document.getElementById('counts').textContent =
                `${d.target}, profile ${d.profile}: ${d.exchanges} exchanges, ${d.withViolations} with violations, ` +
                `${d.notInContract} not in the contract, ${d.targetFailures} target failures`;
              document.getElementById('rows').innerHTML = d.last.map(x => `<tr>
                <td>${text(x.time.substring(11, 19))}</td>
                <td><code>${text(x.method)} ${text(x.path)}</code><br>${text(x.operation)}</td>
                <td>${text(x.status)}</td>
                <td class="${x.outcome === 'violations' ? 'violations' : x.outcome === 'conforms' ? 'conforms' : 'other'}">${text(x.outcome)}</td>
                <td>${x.violations.map(v => `<div class="violations"><b>${text(v.check)}</b>: ${text(v.reason)}</div>`).join('')}
                    ${x.accepted.map(v => `<div class="other">accepted <b>${text(v.deviation)}</b> (${text(v.check)})</div>`).join('')}
                    ${x.targetFailure ? `<div class="other">${text(x.targetFailure)}</div>` : ''}</td></tr>`).join('');
            } catch (e) { /* the proxy is stopping */ }
          }
          refresh(); setInterval(refresh, 1000);
        </script>
        </body></html>
        """;
}
