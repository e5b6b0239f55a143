using Microsoft.AspNetCore.WebUtilities;
using TwoFactorContracts.MockServer.Core;

namespace TwoFactorContracts.MockServer.Input;

/// <summary>The query parameters of the PIN flow: <c>ncNeeded</c> on a send, the verifications' filters.</summary>
public readonly record struct FlowQuery(bool NcNeeded, string? Msisdn, bool? Verified, bool? Sent)
{
    public const string NcNeededName = "ncNeeded";
    public const string MsisdnName = "msisdn";
    public const string VerifiedName = "verified";
    public const string SentName = "sent";

    /// <summary>
    /// Reads the parameters the operation takes (others are ignored); a malformed one, or one of
    /// <paramref name="required"/> (the contract's) left out, is a 400 in the envelope. A send that leaves
    /// <c>ncNeeded</c> out gets <paramref name="ncNeededDefault"/> (the contract's default).
    /// </summary>
    public static bool TryRead(Operation operation, string? query, IReadOnlyList<string> required, out FlowQuery read, out QueryError? error,
        bool ncNeededDefault = false)
    {
        read = default;
        error = null;
        var takesNc = operation is Operation.SendPinOverSms;
        var isStatus = operation is Operation.GetVerificationStatus;
        if (!takesNc && !isStatus && required.Count == 0) return true;
        var values = string.IsNullOrEmpty(query) ? [] : QueryHelpers.ParseQuery(query);
        var problems = new List<string>();
        foreach (var name in required)
            if (!values.TryGetValue(name, out var given) || given.Count == 0 || string.IsNullOrEmpty(given[^1]))
                problems.Add($"{name} : may not be null");
        bool? Flag(string name)
        {
            if (!values.TryGetValue(name, out var given) || given.Count == 0 || string.IsNullOrEmpty(given[^1])) return null;
            if (bool.TryParse(given[^1], out var flag)) return flag;
            problems.Add($"{name} : must be a boolean");
            return null;
        }
        if (takesNc) read = read with { NcNeeded = Flag(NcNeededName) ?? ncNeededDefault };
        if (isStatus)
        {
            var msisdn = values.TryGetValue(MsisdnName, out var m) && m.Count > 0 && !string.IsNullOrEmpty(m[^1]) ? m[^1] : null;
            read = read with { Msisdn = msisdn, Verified = Flag(VerifiedName), Sent = Flag(SentName) };
        }
        if (problems.Count == 0) return true;
        error = new QueryError(problems);
        return false;
    }
}

/// <summary>A query parameter the operation cannot read: 400 BAD_REQUEST listing each, like the body's violations.</summary>
public sealed class QueryError(IReadOnlyList<string> problems) : StageError(400, "BAD_REQUEST", "[" + string.Join(", ", problems) + "]");
