using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.FileProviders;
using Microsoft.Playwright;

namespace FrontendTests.Browser;

/// <summary>What the browser tests share: the test pages' own origin, and fresh browser pages.</summary>
internal static class TestPages
{
    private static readonly string PageFolder = Path.Combine(AppContext.BaseDirectory, "Browser", "page");

    /// <summary>Serves the test pages and the compiled client from a second loopback origin (another port).</summary>
    public static Task<LoopbackApp> StartServerAsync()
    {
        if (!File.Exists(Path.Combine(PageFolder, "client", "index.js")))
            throw new InvalidOperationException($"The compiled TypeScript client is missing from {PageFolder}/client: build FrontendTests (it runs npm ci and tsc).");
        return LoopbackApp.StartAsync(app => app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(PageFolder),
            RequestPath = "",
        }));
    }

    /// <summary>A page in a fresh browser context (its own cookies and credentials); every URL it requests is added to <paramref name="requestedUrls"/>.</summary>
    public static async Task<IPage> NewPageAsync(this ChromiumFixture chromium, List<string>? requestedUrls = null, BrowserNewContextOptions? options = null)
    {
        var context = await chromium.Browser.NewContextAsync(options);
        var page = await context.NewPageAsync();
        if (requestedUrls is not null) page.Request += (_, request) => { lock (requestedUrls) requestedUrls.Add(request.Url); };
        return page;
    }
}
