using System.Collections.Concurrent;

namespace TwoFactorContracts.MockServer.Core;

/// <summary>
/// An operation of the contract, named by its operationId. The operations the mock has behaviour for are the
/// instances below; any other operation the contract has is routed all the same (<see cref="Of"/>) and answered
/// with its documented example. <see cref="Index"/> numbers every operation once per process, so the stages keep
/// per-operation tables as arrays.
/// </summary>
public sealed class Operation
{
    private static readonly ConcurrentDictionary<string, Operation> ById = new(StringComparer.Ordinal);
    private static int _count;

    public static readonly Operation ListApplications = Known("listApplications");
    public static readonly Operation CreateApplication = Known("createApplication");
    public static readonly Operation GetApplication = Known("getApplication");
    public static readonly Operation UpdateApplication = Known("updateApplication");
    public static readonly Operation ListMessageTemplates = Known("listMessageTemplates");
    public static readonly Operation CreateMessageTemplate = Known("createMessageTemplate");
    public static readonly Operation GetMessageTemplate = Known("getMessageTemplate");
    public static readonly Operation UpdateMessageTemplate = Known("updateMessageTemplate");
    public static readonly Operation SendPinOverSms = Known("sendPinOverSms");
    public static readonly Operation ResendPinOverSms = Known("resendPinOverSms");
    public static readonly Operation SendPinOverVoice = Known("sendPinOverVoice");
    public static readonly Operation ResendPinOverVoice = Known("resendPinOverVoice");
    public static readonly Operation VerifyPin = Known("verifyPin");
    public static readonly Operation GetVerificationStatus = Known("getVerificationStatus");
    public static readonly Operation CreateEmailMessageTemplate = Known("createEmailMessageTemplate");
    public static readonly Operation UpdateEmailMessageTemplate = Known("updateEmailMessageTemplate");
    public static readonly Operation SendPinOverEmail = Known("sendPinOverEmail");
    public static readonly Operation ResendPinOverEmail = Known("resendPinOverEmail");

    /// <summary>The operations the mock has behaviour for, the applications' first.</summary>
    public static IReadOnlyList<Operation> WithBehaviour { get; } = [.. ById.Values.OrderBy(o => o.Index)];

    private Operation(string id, int index)
    {
        Id = id;
        Index = index;
    }

    /// <summary>The contract's operationId.</summary>
    public string Id { get; }

    /// <summary>A small number, unique in the process: the slot of the operation in per-operation arrays.</summary>
    public int Index { get; }

    /// <summary>How many operations have an index so far (arrays indexed by operation are at most this long).</summary>
    public static int Count => Volatile.Read(ref _count);

    /// <summary>The operation with this operationId: one of the known, or one the contract adds (the same instance each time).</summary>
    public static Operation Of(string operationId) => ById.GetOrAdd(operationId, id => new Operation(id, Interlocked.Increment(ref _count) - 1));

    /// <summary>listApplications, createApplication, getApplication, updateApplication (the hot path's).</summary>
    public bool IsApplicationOperation => Index <= UpdateApplication.Index;

    public override string ToString() => Id;

    private static Operation Known(string id)
    {
        var operation = new Operation(id, _count++);
        ById[id] = operation;
        return operation;
    }
}
