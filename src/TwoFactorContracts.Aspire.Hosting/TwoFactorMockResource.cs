namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// The TwoFactorContracts mock of Infobip's 2FA API as an AppHost resource: an executable (the mock's assembly run by
/// the dotnet host) that DCP starts on the port of its <c>http</c> endpoint. Add it with
/// <see cref="TwoFactorMockResourceBuilderExtensions.AddTwoFactorMock"/>.
/// </summary>
/// <param name="name">The resource's name, e.g. <c>tfa</c>: dependents find the URL under <c>services:{name}:http:0</c>.</param>
/// <param name="command">The dotnet host.</param>
/// <param name="workingDirectory">Where the mock runs (its assembly's folder).</param>
public sealed class TwoFactorMockResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory), IResourceWithServiceDiscovery
{
    /// <summary>The name of the mock's one endpoint.</summary>
    public const string HttpEndpointName = "http";

    private EndpointReference? _httpEndpoint;

    /// <summary>The mock's API, admin API, <c>/docs</c> and <c>/outbox</c>.</summary>
    public EndpointReference HttpEndpoint => _httpEndpoint ??= new EndpointReference(this, HttpEndpointName);

    /// <summary>The mock's own options, as on its command line (<c>--flavour today</c>, ...), in the order given.</summary>
    public List<string> MockArguments { get; } = [];
}
