using TwoFactorContracts.MockServer.Contract;

namespace TwoFactorContracts.MockServer.Behaviour;

/// <summary>
/// The behaviour for a new account while the store is full (--max-accounts): every operation answers 429
/// and nothing is stored. Accounts already held keep working; a reset makes room.
/// </summary>
public sealed class AccountLimitReached : IApplicationsController
{
    public static readonly AccountLimitReached Instance = new();

    private AccountLimitReached() { }

    public Task<List<ApplicationResponse>> ListApplicationsAsync(CancellationToken cancellationToken = default) => Refused<List<ApplicationResponse>>.Task;

    public Task<ApplicationResponse> CreateApplicationAsync(ApplicationRequest body, CancellationToken cancellationToken = default) => Refused<ApplicationResponse>.Task;

    public Task<ApplicationResponse> GetApplicationAsync(string applicationId, CancellationToken cancellationToken = default) => Refused<ApplicationResponse>.Task;

    public Task<ApplicationResponse> UpdateApplicationAsync(ApplicationRequest body, string applicationId, CancellationToken cancellationToken = default) => Refused<ApplicationResponse>.Task;

    private static class Refused<T>
    {
        public static readonly Task<T> Task = System.Threading.Tasks.Task.FromException<T>(new BehaviourException(BehaviourError.TooManyAccounts));
    }
}
