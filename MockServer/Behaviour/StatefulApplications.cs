using TwoFactorContracts.MockServer.Contract;
using TwoFactorContracts.MockServer.State;

namespace TwoFactorContracts.MockServer.Behaviour;

/// <summary>
/// The stateful behaviour of one account, implementing the controller interface NSwag generates from the
/// contract (a contract change is a compile error here). Requests arrive validated and normalised.
/// Create fills omitted fields with the contract's defaults (the generated DTO's initial values); update
/// keeps the current value of every omitted field.
/// </summary>
public sealed class StatefulApplications(AccountApplications account, StatefulRules rules) : IApplicationsController
{
    public StatefulApplications(AccountApplications account) : this(account, StatefulRules.Seed) { }

    private Task<ApplicationResponse> NotFound => rules.NotFound;

    public Task<List<ApplicationResponse>> ListApplicationsAsync(CancellationToken cancellationToken = default) => account.ListAsTask();

    public Task<ApplicationResponse> CreateApplicationAsync(ApplicationRequest body, CancellationToken cancellationToken = default)
    {
        var configuration = Copy(body.Configuration ?? new ApplicationConfiguration());
        var created = account.Add(id => new ApplicationResponse
        {
            ApplicationId = id,
            Name = body.Name,
            Configuration = configuration,
            Enabled = body.Enabled,
            ProcessId = rules.IssuesProcessIds ? ApplicationIds.New() : null,
        });
        return Task.FromResult(created);
    }

    public Task<ApplicationResponse> GetApplicationAsync(string applicationId, CancellationToken cancellationToken = default)
    {
        var found = account.Find(applicationId);
        return found is null ? NotFound : found.CompletedTask ??= Task.FromResult(found);
    }

    public Task<ApplicationResponse> UpdateApplicationAsync(ApplicationRequest body, string applicationId, CancellationToken cancellationToken = default)
    {
        var updated = account.Replace(applicationId, current => new ApplicationResponse
        {
            ApplicationId = current.ApplicationId,
            Name = body.Name,
            Configuration = Merge(current.Configuration, body.Configuration),
            Enabled = body.EnabledPresent ? body.Enabled : current.Enabled,
            ProcessId = current.ProcessId,
        });
        return updated is null ? NotFound : Task.FromResult(updated);
    }

    private static ApplicationConfiguration Copy(ApplicationConfiguration source) => new()
    {
        PinAttempts = source.PinAttempts,
        AllowMultiplePinVerifications = source.AllowMultiplePinVerifications,
        PinTimeToLive = source.PinTimeToLive,
        VerifyPinLimit = source.VerifyPinLimit,
        SendPinPerApplicationLimit = source.SendPinPerApplicationLimit,
        SendPinPerPhoneNumberLimit = source.SendPinPerPhoneNumberLimit,
    };

    private static ApplicationConfiguration Merge(ApplicationConfiguration current, ApplicationConfiguration? changes)
    {
        var merged = Copy(current);
        if (changes is null) return merged;
        var present = changes.Present;
        if ((present & ConfigurationFields.PinAttempts) != 0) merged.PinAttempts = changes.PinAttempts;
        if ((present & ConfigurationFields.AllowMultiplePinVerifications) != 0) merged.AllowMultiplePinVerifications = changes.AllowMultiplePinVerifications;
        if ((present & ConfigurationFields.PinTimeToLive) != 0) merged.PinTimeToLive = changes.PinTimeToLive;
        if ((present & ConfigurationFields.VerifyPinLimit) != 0) merged.VerifyPinLimit = changes.VerifyPinLimit;
        if ((present & ConfigurationFields.SendPinPerApplicationLimit) != 0) merged.SendPinPerApplicationLimit = changes.SendPinPerApplicationLimit;
        if ((present & ConfigurationFields.SendPinPerPhoneNumberLimit) != 0) merged.SendPinPerPhoneNumberLimit = changes.SendPinPerPhoneNumberLimit;
        return merged;
    }
}

/// <summary>How the stateful behaviour answers where the flavours differ: the 404 error and whether a create issues a processId.</summary>
public sealed class StatefulRules(BehaviourError notFound, bool issuesProcessIds)
{
    public static readonly StatefulRules Seed = new(BehaviourError.ApplicationNotFound, issuesProcessIds: true);

    public Task<ApplicationResponse> NotFound { get; } = Task.FromException<ApplicationResponse>(new BehaviourException(notFound));

    public bool IssuesProcessIds { get; } = issuesProcessIds;
}
