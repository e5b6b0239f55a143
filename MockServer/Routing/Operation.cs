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
    /// <summary>The contract's operationId of an operation.</summary>
    public static string IdOf(Operation operation) => operation switch
    {
        Operation.ListApplications => "listApplications",
        Operation.CreateApplication => "createApplication",
        Operation.GetApplication => "getApplication",
        Operation.UpdateApplication => "updateApplication",
        _ => throw new ArgumentOutOfRangeException(nameof(operation)),
    };

    public static bool HasBody(Operation operation) =>
        operation is Operation.CreateApplication or Operation.UpdateApplication;
}
