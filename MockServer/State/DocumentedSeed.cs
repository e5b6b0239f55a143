using System.Text.Json;
using TwoFactorContracts.MockServer.Contract;
using TwoFactorContracts.MockServer.Examples;
using TwoFactorContracts.MockServer.Routing;

namespace TwoFactorContracts.MockServer.State;

/// <summary>The seed: the applications of the contract's listApplications JSON example <c>basic</c>.</summary>
public static class DocumentedSeed
{
    public static IReadOnlyList<ApplicationResponse> From(ExampleCatalog catalog, SeedMode mode)
    {
        if (mode == SeedMode.Empty) return [];
        var answer = catalog.DefaultAnswer(Operation.ListApplications, 200);
        var applications = JsonSerializer.Deserialize(answer.Json
            ?? throw new InvalidDataException("The listApplications basic example has no JSON form."), ContractJson.Default.ListApplicationResponse)
            ?? [];
        return applications;
    }
}
