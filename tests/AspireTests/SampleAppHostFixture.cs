using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace TwoFactorContracts.AspireTests;

/// <summary>
/// The sample AppHost (samples/SampleAppHost: the mock <c>tfa</c> and the sample app <c>sampleapp</c>) started once per
/// test class by DCP through Aspire.Hosting.Testing, and stopped (with every process it started) at the end.
/// </summary>
public class SampleAppHostFixture : IAsyncLifetime
{
    /// <summary>Generous: DCP, the mock and <c>dotnet run</c> of the sample app on a busy 2-core machine.</summary>
    private static readonly TimeSpan StartBound = TimeSpan.FromMinutes(3);

    public DistributedApplication App { get; private set; } = null!;

    /// <summary>The mock's resource as the AppHost declared it.</summary>
    public TwoFactorMockResource Mock => App.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<TwoFactorMockResource>().Single();

    /// <summary>Configuration handed to the AppHost, e.g. <c>--ConnectionStrings:redis=…</c>.</summary>
    protected virtual Task<string[]> ArgumentsAsync() => Task.FromResult<string[]>([]);

    public async Task InitializeAsync()
    {
        using var cancel = new CancellationTokenSource(StartBound);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.SampleAppHost>(await ArgumentsAsync(), cancel.Token);
        App = await builder.BuildAsync(cancel.Token);
        await App.StartAsync(cancel.Token);
        await App.ResourceNotifications.WaitForResourceHealthyAsync("tfa", cancel.Token);
        await App.ResourceNotifications.WaitForResourceHealthyAsync("sampleapp", cancel.Token);
    }

    /// <summary>An HttpClient on the URL Aspire hands out for the mock, with a credential of its own (an account).</summary>
    public HttpClient MockClient()
    {
        var http = App.CreateHttpClient("tfa");
        http.DefaultRequestHeaders.Add("Authorization", $"App aspire-{Guid.NewGuid():N}");
        return http;
    }

    /// <summary>Runs one of the mock's dashboard commands as the dashboard does.</summary>
    public Task<ExecuteCommandResult> ExecuteAsync(string command) =>
        App.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(Mock, command);

    public virtual async Task DisposeAsync()
    {
        if (App is not null) await App.DisposeAsync();
    }
}
