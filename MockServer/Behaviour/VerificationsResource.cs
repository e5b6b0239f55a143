using TwoFactorContracts.MockServer.Flow;

namespace TwoFactorContracts.MockServer.Behaviour;

/// <summary>getVerificationStatus: the PINs sent to a number for an application, filtered as the query asks.</summary>
public sealed class VerificationsResource(PinFlow engine) : IResourceBehaviour
{
    public const string Msisdn = "msisdn";
    public const string Verified = "verified";
    public const string Sent = "sent";

    public async ValueTask<Reply> AnswerAsync(Call call, CancellationToken cancellationToken = default)
    {
        var (application, error) = await AccountLookups.ApplicationAsync(call, call.Route.ApplicationId!, cancellationToken).ConfigureAwait(false);
        if (error is not null) return error;
        var query = call.Query;
        return new Reply(Verifications: engine.Status(call.Account, AccountLookups.IdOf(application), query.Text(Msisdn), query.Flag(Verified), query.Flag(Sent)));
    }
}
