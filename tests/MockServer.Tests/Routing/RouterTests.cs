using TwoFactorContracts.Contract;
using TwoFactorContracts.MockServer.Examples;
using TwoFactorContracts.MockServer.Core;
using TwoFactorContracts.MockServer.Routing;

namespace MockServer.Tests.Routing;

/// <summary>The routing stage over the contract's own paths: every operation the mock has behaviour for is routed, with its ids.</summary>
public class RouterTests
{
    private static readonly ContractDocument Contract = ContractDocument.Load();

    private static readonly Router Router = new([.. Contract.AllOperations.Select(o => (o.OperationId, o.Method, o.PathTemplate))],
        Contract.Operation(Operation.GetApplication.Id).PathParameter);

    [Fact]
    public void Every_operation_with_behaviour_is_the_contracts_and_routed()
    {
        // An operation renamed or removed in the contract would lose its behaviour: the contract must keep each.
        Operation.WithBehaviour.Select(o => o.Id).Order().ShouldBe(ContractDocument.Load().AllOperations.Select(o => o.OperationId).Order());
        Router.Operations.ShouldBe(Operation.WithBehaviour, ignoreOrder: true);
    }

    [Theory]
    [InlineData("GET", "/2fa/2/applications", "ListApplications", null)]
    [InlineData("GET", "/2fa/2/applications/", "ListApplications", null)]
    [InlineData("POST", "/2fa/2/applications", "CreateApplication", null)]
    [InlineData("GET", "/2fa/2/applications/ABC", "GetApplication", "ABC")]
    [InlineData("PUT", "/2fa/2/applications/ABC", "UpdateApplication", "ABC")]
    [InlineData("PUT", "/2fa/2/applications/ABC/", "UpdateApplication", "ABC")]
    public void Matches_the_contract_operations(string method, string path, string operation, string? id)
    {
        Router.TryMatch(method, path, out var route, out var error).ShouldBeTrue();
        error.ShouldBeNull();
        route.Operation.ShouldBe(OperationNamed(operation));
        route.ApplicationId.ShouldBe(id);
    }

    [Theory]
    [InlineData("GET", "/2fa/2/applications/APP/messages", "ListMessageTemplates", "APP", null)]
    [InlineData("POST", "/2fa/2/applications/APP/messages/", "CreateMessageTemplate", "APP", null)]
    [InlineData("GET", "/2fa/2/applications/APP/messages/MSG", "GetMessageTemplate", "APP", "MSG")]
    [InlineData("PUT", "/2fa/2/applications/APP/messages/MSG/", "UpdateMessageTemplate", "APP", "MSG")]
    [InlineData("GET", "/2fa/2/applications/APP/verifications/", "GetVerificationStatus", "APP", null)]
    [InlineData("POST", "/2fa/2/pin", "SendPinOverSms", null, null)]
    [InlineData("POST", "/2fa/2/pin/", "SendPinOverSms", null, null)]
    [InlineData("POST", "/2fa/2/pin/voice", "SendPinOverVoice", null, null)]
    [InlineData("POST", "/2fa/2/pin/PIN/resend", "ResendPinOverSms", null, "PIN")]
    [InlineData("POST", "/2fa/2/pin/PIN/resend/voice/", "ResendPinOverVoice", null, "PIN")]
    [InlineData("POST", "/2fa/2/pin/PIN/verify", "VerifyPin", null, "PIN")]
    public void Matches_the_template_and_pin_flow_operations_with_or_without_a_trailing_slash(
        string method, string path, string operation, string? applicationId, string? itemId)
    {
        Router.TryMatch(method, path, out var route, out var error).ShouldBeTrue();
        error.ShouldBeNull();
        route.ShouldBe(new Route(OperationNamed(operation), applicationId, itemId));
    }

    [Theory]
    [InlineData("GET", "/2fa/2/pin", 405)]
    [InlineData("PUT", "/2fa/2/pin/PIN/verify", 405)]
    [InlineData("DELETE", "/2fa/2/applications/APP/messages/MSG", 405)]
    [InlineData("POST", "/2fa/2/applications/APP/verifications", 405)]
    [InlineData("POST", "/2fa/2/pin/PIN", 404)]
    [InlineData("POST", "/2fa/2/pin//verify", 404)]
    [InlineData("POST", "/2fa/2/pin/PIN/verify/again", 404)]
    [InlineData("POST", "/2fa/2/pinX", 404)]
    [InlineData("GET", "/2fa/2/applications/APP/messages/MSG/more", 404)]
    [InlineData("GET", "/2fa/2/applications/APP/other", 404)]
    [InlineData("GET", "/2fa/2/applications/APP//messages", 404)]
    public void Refuses_what_no_template_or_pin_flow_operation_takes(string method, string path, int status)
    {
        Router.TryMatch(method, path, out _, out var error).ShouldBeFalse();
        error.Status.ShouldBe(status);
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
        error.Status.ShouldBe(405);
        error.Header!.Value.Value.ShouldBe(allowed);
    }

    /// <summary>The known operation of a C# name (InlineData needs constants).</summary>
    private static Operation OperationNamed(string name) =>
        (Operation)typeof(Operation).GetField(name)!.GetValue(null)!;
}
