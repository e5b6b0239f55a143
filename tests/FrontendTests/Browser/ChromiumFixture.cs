using Microsoft.Playwright;

namespace FrontendTests.Browser;

/// <summary>
/// Debian's chromium, driven by Playwright through the node driver that ships inside the Microsoft.Playwright
/// package (copied to bin/.playwright by its build targets). Playwright's own browser download
/// (<c>playwright.ps1 install</c>) is never needed: the browser is the system one, by path.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    /// <summary>Where Debian's <c>chromium</c> package puts the browser; <c>CHROMIUM_PATH</c> overrides it.</summary>
    public const string DefaultPath = "/usr/bin/chromium";

    private static readonly string[] Args =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium is not started.");

    public async Task InitializeAsync()
    {
        var path = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } custom ? custom : DefaultPath;
        if (!File.Exists(path))
        {
            // Fail, never skip: a browser test that silently passes without a browser proves nothing.
            throw new InvalidOperationException(
                $"Chromium not found at {path}. The browser tests need Debian's chromium: run `apt-get install -y chromium` " +
                "(or set CHROMIUM_PATH). Playwright's own browser download is not used.");
        }
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = path,
            Headless = true,
            Args = Args,
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
    }
}
