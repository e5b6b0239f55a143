using TwoFactorContracts.MockServer.Core;

namespace TwoFactorContracts.MockServer.Behaviour;

/// <summary>listApplications, createApplication, getApplication, updateApplication: on the account's applications.</summary>
public sealed class ApplicationsResource : IResourceBehaviour
{
    public static readonly ApplicationsResource Instance = new();

    private ApplicationsResource() { }

    public ValueTask<Reply> AnswerAsync(Call call, CancellationToken cancellationToken = default)
    {
        var applications = call.Applications!;
        return call.Operation switch
        {
            Operation.ListApplications => applications.ListAsync(cancellationToken),
            Operation.CreateApplication => applications.CreateAsync(call.Body!, cancellationToken),
            Operation.GetApplication => applications.GetAsync(call.Route.ApplicationId!, cancellationToken),
            _ => applications.UpdateAsync(call.Body!, call.Route.ApplicationId!, cancellationToken),
        };
    }
}
