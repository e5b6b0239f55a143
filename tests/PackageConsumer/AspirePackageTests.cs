using System.Net.Http;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using TwoFactorContracts.Testing;

// GetArgumentValuesAsync: obsolete in Aspire 13.6 for ExecutionConfigurationBuilder, but still the one-call way to
// evaluate a resource's arguments as a run would.
#pragma warning disable CS0618

namespace PackageConsumer;

/// <summary>
/// TwoFactorContracts.Aspire.Hosting from the package: the resource an AppHost declares, and the mock started with
/// exactly the command line DCP would run (the packaged mock's assembly beside the consumer's), here without DCP.
/// </summary>
public sealed class AspirePackageTests
{
    [Fact]
    public async Task The_packaged_resource_runs_the_packaged_mock()
    {
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { DisableDashboard = true });
        var tfa = builder.AddTwoFactorMock("tfa").WithFixedPin("1234");
        tfa.Resource.Annotations.OfType<ResourceCommandAnnotation>().Count().ShouldBe(4);
        var arguments = await tfa.Resource.GetArgumentValuesAsync();

        await using var mock = await TwoFactorMockProcess.StartAsync(new TwoFactorMockProcessOptions
        {
            FileName = tfa.Resource.Command,
            Arguments = arguments,
            StartTimeout = TimeSpan.FromMinutes(1),
        });

        using var http = new HttpClient { BaseAddress = mock.BaseUrl };
        (await http.GetStringAsync("__admin/health")).ShouldBe("Healthy");
        mock.Output.ShouldContain("TwoFactorContracts mock listening on");
    }
}
