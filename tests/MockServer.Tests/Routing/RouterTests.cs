using TwoFactorContracts.MockServer.Routing;

namespace MockServer.Tests.Routing;

public class RouterTests
{
    [Fact]
    public void Routes_exactly_the_operations_of_the_server_stubs_generated_from_the_contract()
    {
        var stubMethods = typeof(TwoFactorContracts.MockServer.Contract.IApplicationsController).GetMethods().Select(m => m.Name).Order();
        Enum.GetValues<Operation>().Select(Operations.StubMethodOf).Order().ShouldBe(stubMethods);
    }

    [Fact]
    public void Every_routed_operation_is_the_contracts()
    {
        var contract = TwoFactorContracts.Contract.ContractDocument.Load();
        Enum.GetValues<Operation>().Select(Operations.IdOf).Order()
            .ShouldBe(contract.Operations.Select(o => o.OperationId).Order());
    }

    [Theory]
    [InlineData("GET", "/2fa/2/applications", Operation.ListApplications, null)]
    [InlineData("GET", "/2fa/2/applications/", Operation.ListApplications, null)]
    [InlineData("POST", "/2fa/2/applications", Operation.CreateApplication, null)]
    [InlineData("GET", "/2fa/2/applications/ABC", Operation.GetApplication, "ABC")]
    [InlineData("PUT", "/2fa/2/applications/ABC", Operation.UpdateApplication, "ABC")]
    [InlineData("PUT", "/2fa/2/applications/ABC/", Operation.UpdateApplication, "ABC")]
    public void Matches_the_contract_operations(string method, string path, Operation operation, string? id)
    {
        Router.TryMatch(method, path, out var route, out var error).ShouldBeTrue();
        error.ShouldBeNull();
        route.Operation.ShouldBe(operation);
        route.ApplicationId.ShouldBe(id);
    }

    [Theory]
    [InlineData("GET", "/")]
    [InlineData("GET", "/2fa/2/applicationsX")]
    [InlineData("GET", "/2fa/2/applications/A/B")]
    [InlineData("GET", "/2fa/1/applications")]
    public void Unknown_paths_are_not_found(string method, string path)
    {
        Router.TryMatch(method, path, out _, out var error).ShouldBeFalse();
        error.ShouldBeSameAs(RoutingError.NotFound);
    }

    [Theory]
    [InlineData("DELETE", "/2fa/2/applications", "GET, POST")]
    [InlineData("PUT", "/2fa/2/applications", "GET, POST")]
    [InlineData("DELETE", "/2fa/2/applications/ABC", "GET, PUT")]
    [InlineData("POST", "/2fa/2/applications/ABC", "GET, PUT")]
    public void Wrong_methods_are_not_allowed_and_say_which_are(string method, string path, string allowed)
    {
        Router.TryMatch(method, path, out _, out var error).ShouldBeFalse();
        error!.Status.ShouldBe(405);
        error.Header!.Value.Value.ShouldBe(allowed);
    }
}
