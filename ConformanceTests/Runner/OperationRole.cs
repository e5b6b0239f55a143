using TwoFactorContracts.Contract;

namespace TwoFactorContracts.ConformanceTests.Runner;

/// <summary>What an operation does to the collection, read off its method and path (not its operationId).</summary>
public enum OperationRole { List, Create, Read, Update, Other }

public static class OperationRoles
{
    public static OperationRole Role(this ContractOperation operation) => (operation.Method, operation.PathParameter is null) switch
    {
        ("GET", true) => OperationRole.List,
        ("POST", true) => OperationRole.Create,
        ("GET", false) => OperationRole.Read,
        ("PUT", false) => OperationRole.Update,
        _ => OperationRole.Other,
    };

    public static ContractOperation Operation(this ContractDocument contract, OperationRole role) =>
        contract.Operations.Single(o => o.Role() == role);
}
