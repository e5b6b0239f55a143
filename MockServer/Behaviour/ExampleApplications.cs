using System.Text.Json;
using TwoFactorContracts.MockServer.Contract;
using TwoFactorContracts.MockServer.Examples;
using TwoFactorContracts.MockServer.Routing;
using TwoFactorContracts.MockServer.State;

namespace TwoFactorContracts.MockServer.Behaviour;

/// <summary>
/// The examples-mode behaviour: every valid request that is not itself documented gets the operation's
/// default documented answer (<c>basic</c>). The answers carry the contract's example bytes in both media
/// types, so the client receives exactly what the contract shows.
/// </summary>
public sealed class ExampleApplications : IApplicationsController
{
    private readonly Task<List<ApplicationResponse>> _list;
    private readonly Task<ApplicationResponse> _created;
    private readonly Task<ApplicationResponse> _got;
    private readonly Task<ApplicationResponse> _updated;

    public ExampleApplications(ExampleCatalog catalog, int createStatus)
    {
        var list = catalog.DefaultAnswer(Operation.ListApplications, 200);
        var snapshot = new ApplicationListSnapshot(Deserialize(list, ContractJson.Default.ListApplicationResponse))
        {
            RenderedJson = list.Json,
            RenderedXml = list.Xml,
        };
        _list = Task.FromResult<List<ApplicationResponse>>(snapshot);
        _created = Single(catalog.DefaultAnswer(Operation.CreateApplication, createStatus));
        _got = Single(catalog.DefaultAnswer(Operation.GetApplication, 200));
        _updated = Single(catalog.DefaultAnswer(Operation.UpdateApplication, 200));
    }

    public Task<List<ApplicationResponse>> ListApplicationsAsync(CancellationToken cancellationToken = default) => _list;

    public Task<ApplicationResponse> CreateApplicationAsync(ApplicationRequest body, CancellationToken cancellationToken = default) => _created;

    public Task<ApplicationResponse> GetApplicationAsync(string applicationId, CancellationToken cancellationToken = default) => _got;

    public Task<ApplicationResponse> UpdateApplicationAsync(ApplicationRequest body, string applicationId, CancellationToken cancellationToken = default) => _updated;

    private static Task<ApplicationResponse> Single(DocumentedAnswer answer)
    {
        var application = Deserialize(answer, ContractJson.Default.ApplicationResponse);
        application.RenderedJson = answer.Json;
        application.RenderedXml = answer.Xml;
        return Task.FromResult(application);
    }

    private static T Deserialize<T>(DocumentedAnswer answer, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        JsonSerializer.Deserialize(answer.Json ?? throw new InvalidDataException($"The '{answer.Name}' example has no JSON form."), type)
        ?? throw new InvalidDataException($"The '{answer.Name}' example is empty.");
}
