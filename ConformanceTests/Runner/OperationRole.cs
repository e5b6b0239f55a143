using TwoFactorContracts.Contract;

namespace TwoFactorContracts.ConformanceTests.Runner;

/// <summary>
/// What an application operation does to the collection, read off its method and path (not its operationId). Only
/// the application operations (tag <c>Applications</c>) have a role: a template or PIN operation is <c>Other</c>,
/// though its method and path look alike (POST /2fa/2/pin is no create of an application).
/// </summary>
public enum OperationRole { List, Create, Read, Update, Other }

public static class OperationRoles
{
    public static OperationRole Role(this ContractOperation operation) =>
        !operation.IsApplicationOperation() ? OperationRole.Other
        : (operation.Method, operation.PathParameter is null) switch
        {
            ("GET", true) => OperationRole.List,
            ("POST", true) => OperationRole.Create,
            ("GET", false) => OperationRole.Read,
            ("PUT", false) => OperationRole.Update,
            _ => OperationRole.Other,
        };

    /// <summary>One of the four application operations (<see cref="ContractDocument.Operations"/>), not the PIN flow's.</summary>
    public static bool IsApplicationOperation(this ContractOperation operation) => ContractDocument.IsApplicationsTag(operation.Tag);

    public static ContractOperation Operation(this ContractDocument contract, OperationRole role) =>
        contract.Operations.Single(o => o.Role() == role);
}
