using TwoFactorContracts.MockServer.Core;
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
            .ShouldBe(contract.AllOperations.Select(o => o.OperationId).Order());
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
    [InlineData("GET", "/2fa/2/applications/APP/messages", Operation.ListMessageTemplates, "APP", null)]
    [InlineData("POST", "/2fa/2/applications/APP/messages/", Operation.CreateMessageTemplate, "APP", null)]
    [InlineData("GET", "/2fa/2/applications/APP/messages/MSG", Operation.GetMessageTemplate, "APP", "MSG")]
    [InlineData("PUT", "/2fa/2/applications/APP/messages/MSG/", Operation.UpdateMessageTemplate, "APP", "MSG")]
    [InlineData("GET", "/2fa/2/applications/APP/verifications/", Operation.GetVerificationStatus, "APP", null)]
    [InlineData("POST", "/2fa/2/pin", Operation.SendPinOverSms, null, null)]
    [InlineData("POST", "/2fa/2/pin/", Operation.SendPinOverSms, null, null)]
    [InlineData("POST", "/2fa/2/pin/voice", Operation.SendPinOverVoice, null, null)]
    [InlineData("POST", "/2fa/2/pin/PIN/resend", Operation.ResendPinOverSms, null, "PIN")]
    [InlineData("POST", "/2fa/2/pin/PIN/resend/voice/", Operation.ResendPinOverVoice, null, "PIN")]
    [InlineData("POST", "/2fa/2/pin/PIN/verify", Operation.VerifyPin, null, "PIN")]
    public void Matches_the_template_and_pin_flow_operations_with_or_without_a_trailing_slash(
        string method, string path, Operation operation, string? applicationId, string? itemId)
    {
        Router.TryMatch(method, path, out var route, out var error).ShouldBeTrue();
        error.ShouldBeNull();
        route.ShouldBe(new Route(operation, applicationId, itemId));
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
        error!.Status.ShouldBe(status);
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
