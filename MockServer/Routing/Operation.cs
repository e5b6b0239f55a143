using Stubs = TwoFactorContracts.MockServer.Contract.IApplicationsController;

namespace TwoFactorContracts.MockServer.Routing;

/// <summary>The contract's operations (operationIds listApplications, createApplication, ...).</summary>
public enum Operation
{
    ListApplications,
    CreateApplication,
    GetApplication,
    UpdateApplication,
}

public static class Operations
{
    private static readonly string[] Ids = Enum.GetValues<Operation>().Select(o => OperationIdOf(StubMethodOf(o))).ToArray();

    /// <summary>
    /// The method of the server stub NSwag generates from the contract at build time for an operation: an operation
    /// renamed or removed in the contract stops this from compiling, and RouterTests fails when the contract gains
    /// one that is not routed here.
    /// </summary>
    public static string StubMethodOf(Operation operation) => operation switch
    {
        Operation.ListApplications => nameof(Stubs.ListApplicationsAsync),
        Operation.CreateApplication => nameof(Stubs.CreateApplicationAsync),
        Operation.GetApplication => nameof(Stubs.GetApplicationAsync),
        Operation.UpdateApplication => nameof(Stubs.UpdateApplicationAsync),
        _ => throw new ArgumentOutOfRangeException(nameof(operation)),
    };

    /// <summary>The contract's operationId of an operation (the stub's method name is generated from it).</summary>
    public static string IdOf(Operation operation) => Ids[(int)operation];

    public static bool HasBody(Operation operation) =>
        operation is Operation.CreateApplication or Operation.UpdateApplication;

    /// <summary>ListApplicationsAsync -> listApplications (NSwag's SingleClientFromOperationId naming).</summary>
    internal static string OperationIdOf(string stubMethod) =>
        char.ToLowerInvariant(stubMethod[0]) + stubMethod[1..^"Async".Length];
}
