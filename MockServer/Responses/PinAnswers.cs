using TwoFactorContracts.MockServer.Flow;

namespace TwoFactorContracts.MockServer.Responses;

/// <summary>
/// The PIN engine's results as the values of the PIN flow's answers (<see cref="AnswerBodies"/> writes them in the
/// contract's order and names): a sent PIN, a verification, and the verification status.
/// </summary>
internal static class PinAnswers
{
    public static IAnswerSource Of(PinSent sent) => new Sent(sent);

    public static IAnswerSource Of(PinVerification verification) => new Verified(verification);

    public static IAnswerSource Of(IReadOnlyList<Verification> verifications) => new Status(verifications);

    private sealed class Sent(PinSent sent) : IAnswerSource
    {
        public bool TryGet(string field, out AnswerValue value)
        {
            if (field == "emailStatus")
            {
                value = sent.EmailStatus is null ? default : new AnswerValue(Group: new EmailStatus());
                return sent.EmailStatus is not null;
            }
            value = new AnswerValue(Text: field switch
            {
                "pinId" => sent.PinId,
                "to" => sent.To,
                "ncStatus" => sent.NcStatus,
                "smsStatus" => sent.SmsStatus,
                "callStatus" => sent.CallStatus,
                "externalMessageId" => sent.ExternalMessageId,
                _ => null,
            });
            return value.Text is not null;
        }
    }

    /// <summary>An email's status: accepted, pending delivery (the mock delivers to its outbox at once).</summary>
    private sealed class EmailStatus : IAnswerSource
    {
        public bool TryGet(string field, out AnswerValue value)
        {
            value = new AnswerValue(Text: field switch
            {
                "name" => PinSent.EmailAccepted,
                "description" => PinSent.EmailAcceptedDescription,
                _ => null,
            });
            return value.Text is not null;
        }
    }

    private sealed class Verified(PinVerification verification) : IAnswerSource
    {
        public bool TryGet(string field, out AnswerValue value)
        {
            value = field switch
            {
                "pinId" => new(Text: verification.PinId),
                "msisdn" => new(Text: verification.Msisdn),
                "verified" => new(Flag: verification.Verified),
                "attemptsRemaining" => new(Number: verification.AttemptsRemaining),
                "pinError" when verification.PinError is { } error => new(Text: error),
                _ => default,
            };
            return value != default;
        }
    }

    private sealed class Status(IReadOnlyList<Verification> verifications) : IAnswerSource
    {
        public bool TryGet(string field, out AnswerValue value)
        {
            value = field == "verifications" ? new(Items: [.. verifications.Select(v => (IAnswerSource)new Entry(v))]) : default;
            return value != default;
        }
    }

    private sealed class Entry(Verification verification) : IAnswerSource
    {
        public bool TryGet(string field, out AnswerValue value)
        {
            value = field switch
            {
                "msisdn" => new(Text: verification.Msisdn),
                "verified" => new(Flag: verification.Verified),
                "verifiedAt" when verification.VerifiedAtMillis is { } at => new(Number: at),
                "sentAt" => new(Number: verification.SentAtMillis),
                _ => default,
            };
            return value != default;
        }
    }
}
