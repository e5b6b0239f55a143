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
        var operation = call.Operation;
        if (operation == Operation.GetApplication) return applications.GetAsync(call.Route.ApplicationId!, cancellationToken);
        if (operation == Operation.ListApplications) return applications.ListAsync(cancellationToken);
        if (operation == Operation.CreateApplication) return applications.CreateAsync(call.Body!, cancellationToken);
        return applications.UpdateAsync(call.Body!, call.Route.ApplicationId!, cancellationToken);
    }
}
