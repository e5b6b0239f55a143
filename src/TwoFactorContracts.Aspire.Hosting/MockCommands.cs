using System.Text;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TwoFactorContracts.MockServer.Admin;
using TwoFactorContracts.MockServer.Frontend.Docs;
using TwoFactorContracts.MockServer.Frontend.Outbox;

namespace TwoFactorContracts.Aspire.Hosting;

/// <summary>
/// The resource's dashboard commands, each on the mock's own pages or admin API. The dashboard cannot open a browser
/// tab from a command, so the two "open" commands answer the page's link (shown at once) and the same pages are the
/// resource's URLs ("Outbox", "Docs") beside its endpoint.
/// </summary>
internal static class MockCommands
{
    public const string OpenOutbox = "open-outbox";
    public const string OpenDocs = "open-docs";
    public const string AdvanceClock = "advance-clock";
    public const string Reset = "reset";

    /// <summary>What the clock command moves the PIN flow's clock by (PIN expiry, send and verify limits).</summary>
    public const string ClockStep = "5m";

    public static readonly (string Name, string DisplayName, string Description, string Icon, Func<TwoFactorMockResource, ExecuteCommandContext, Task<ExecuteCommandResult>> Execute)[] All =
    [
        (OpenOutbox, "Open outbox", "The PINs the mock has sent (the /outbox page).", "Mail", (mock, _) => OpenPageAsync(mock, OutboxPage.Route, "Outbox")),
        (OpenDocs, "Open docs", "The contract the mock serves (the /docs page).", "BookOpen", (mock, _) => OpenPageAsync(mock, DocsEndpoints.DocsRoute, "Docs")),
        (AdvanceClock, "Advance clock 5m", "Moves the PIN flow's clock 5 minutes ahead (POST /__admin/mock/clock).", "Clock",
            (mock, context) => PostAsync(mock, context, FlowAdminEndpoints.ClockPath, $$"""{"advance":"{{ClockStep}}"}""")),
        (Reset, "Reset", "Every account back to its seed; outbox, clock and fixed PINs cleared (POST /__admin/reset).", "ArrowReset",
            (mock, context) => PostAsync(mock, context, AdminEndpoints.ResetPath, null)),
    ];

    /// <summary>A command is offered while the mock answers its health check.</summary>
    public static ResourceCommandState StateOf(UpdateCommandStateContext context) =>
        context.ResourceSnapshot.HealthStatus is HealthStatus.Healthy ? ResourceCommandState.Enabled : ResourceCommandState.Disabled;

    private static Task<ExecuteCommandResult> OpenPageAsync(TwoFactorMockResource mock, string path, string title)
    {
        var url = mock.HttpEndpoint.Url.TrimEnd('/') + path;
        return Task.FromResult(CommandResults.Success($"{title}: {url}", $"[{url}]({url})", CommandResultFormat.Markdown, displayImmediately: true));
    }

    private static async Task<ExecuteCommandResult> PostAsync(TwoFactorMockResource mock, ExecuteCommandContext context, string path, string? json)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var content = new StringContent(json ?? "", Encoding.UTF8, "application/json");
        try
        {
            using var answer = await http.PostAsync(mock.HttpEndpoint.Url.TrimEnd('/') + path, content, context.CancellationToken).ConfigureAwait(false);
            var body = await answer.Content.ReadAsStringAsync(context.CancellationToken).ConfigureAwait(false);
            return answer.IsSuccessStatusCode
                ? CommandResults.Success(body.Length > 0 ? body : $"POST {path}: {(int)answer.StatusCode}")
                : CommandResults.Failure($"POST {path} answered {(int)answer.StatusCode}: {body}");
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !context.CancellationToken.IsCancellationRequested))
        {
            return CommandResults.Failure($"POST {path}: the mock did not answer ({e.Message})");
        }
    }
}
