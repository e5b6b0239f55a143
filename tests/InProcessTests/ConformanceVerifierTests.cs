using System.Text;
using Xunit.Abstractions;
using TwoFactorContracts.Testing;

namespace InProcessTests;

/// <summary>Provider verification in-process: the conformance engine through an HttpClient, no port.</summary>
public sealed class ConformanceVerifierTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_mock_behind_the_handler_conforms()
    {
        var result = await ConformanceVerifier.VerifyAsync(new TwoFactorMockHandler(), profile: "seed");

        output.WriteLine(result.Summary);
        result.Conforms.ShouldBeTrue(result.Summary);
        result.Report!.All.Count(r => r.Passed).ShouldBeGreaterThan(100);
    }

    /// <summary>
    /// A broken implementation: the mock with one field of one answer corrupted (a read application's pinTimeToLive),
    /// in-process behind a DelegatingHandler. The verifier fails and names the case, the check and the field.
    /// </summary>
    [Fact]
    public async Task A_broken_implementation_does_not_conform_and_the_defect_is_named()
    {
        var broken = new CorruptingHandler(new TwoFactorMockHandler());
        using var client = new HttpClient(broken) { BaseAddress = new Uri("http://localhost/") };

        var result = await ConformanceVerifier.VerifyAsync(client, profile: "seed", new ConformanceVerifierOptions { TargetIsOurMock = true });

        output.WriteLine(result.Summary);
        result.Conforms.ShouldBeFalse();
        result.Failures.ShouldNotBeEmpty();
        result.Failures.ShouldContain(f => f.StartsWith("getApplication/basic/json: configuration:"));
        result.Failures.ShouldAllBe(f => f.Contains("pinTimeToLive: expected") && f.Contains("received 16m"));
        result.Summary.ShouldStartWith("DOES NOT CONFORM");
    }

    /// <summary>Answers a GET of one application (JSON) with its pinTimeToLive changed: one field of one answer.</summary>
    private sealed class CorruptingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            var path = request.RequestUri!.AbsolutePath;
            if (request.Method != HttpMethod.Get || !path.StartsWith("/2fa/2/applications/", StringComparison.Ordinal) || path.Count(c => c == '/') != 4
                || response.Content.Headers.ContentType?.MediaType != "application/json" || (int)response.StatusCode != 200)
                return response;
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var corrupted = System.Text.RegularExpressions.Regex.Replace(body, "\"pinTimeToLive\"\\s*:\\s*\"[^\"]*\"", "\"pinTimeToLive\":\"16m\"");
            var replaced = new StringContent(corrupted, Encoding.UTF8, "application/json");
            response.Content = replaced;
            return response;
        }
    }
}
