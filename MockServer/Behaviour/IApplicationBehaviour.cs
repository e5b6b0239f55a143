using TwoFactorContracts.MockServer.Core;
using TwoFactorContracts.MockServer.Examples;
using TwoFactorContracts.MockServer.Input;
using TwoFactorContracts.MockServer.State;

namespace TwoFactorContracts.MockServer.Behaviour;

/// <summary>
/// One account's applications, in whichever store holds them: what <see cref="ApplicationsResource"/> answers with,
/// and where the other resources read the application a request concerns. Requests arrive read by the field model,
/// validated and normalised.
/// </summary>
public interface IApplicationBehaviour
{
    ValueTask<Reply> ListAsync(CancellationToken cancellationToken = default);

    ValueTask<Reply> CreateAsync(ParsedBody body, CancellationToken cancellationToken = default);

    ValueTask<Reply> GetAsync(string applicationId, CancellationToken cancellationToken = default);

    ValueTask<Reply> UpdateAsync(ParsedBody body, string applicationId, CancellationToken cancellationToken = default);
}
