using TwoFactorContracts.MockServer.Core;
using TwoFactorContracts.MockServer.Input;

namespace MockServer.Tests.Input;

/// <summary>The query stage: each operation's parameters read by the contract's rules, one decision for empty values.</summary>
public sealed class QueryReaderTests
{
    private static readonly QueryReader Reader = new(new Dictionary<Operation, IReadOnlyList<QueryParameterRule>>
    {
        [Operation.SendPinOverSms] = [new("ncNeeded", Required: false, IsBoolean: true, Default: "true")],
        [Operation.GetVerificationStatus] =
        [
            new("msisdn", Required: true, IsBoolean: false, Default: null),
            new("verified", Required: false, IsBoolean: true, Default: null),
            new("sent", Required: false, IsBoolean: true, Default: null),
        ],
    });

    private static string Refused(Operation operation, string query)
    {
        Reader.TryRead(operation, query, out _, out var error).ShouldBeFalse();
        error.Status.ShouldBe(400);
        error.MessageId.ShouldBe("BAD_REQUEST");
        return error.Text;
    }

    [Theory]
    [InlineData("?msisdn=41793026727&sent=", "[sent : must be a boolean]")]
    [InlineData("?msisdn=41793026727&verified=", "[verified : must be a boolean]")]
    [InlineData("?msisdn=", "[msisdn : may not be null]")]
    [InlineData("", "[msisdn : may not be null]")]
    [InlineData("?msisdn=41793026727&sent=maybe", "[sent : must be a boolean]")]
    [InlineData("?sent=&verified=no", "[msisdn : may not be null, verified : must be a boolean, sent : must be a boolean]")]
    public void An_empty_or_unreadable_value_is_refused_like_any_other(string query, string text) =>
        Refused(Operation.GetVerificationStatus, query).ShouldBe(text);

    [Fact]
    public void An_empty_boolean_is_not_read_as_left_out() =>
        Refused(Operation.SendPinOverSms, "?ncNeeded=").ShouldBe("[ncNeeded : must be a boolean]");

    [Fact]
    public void A_parameter_left_out_has_the_contracts_default_and_the_last_repeat_counts()
    {
        Reader.TryRead(Operation.SendPinOverSms, null, out var none, out _).ShouldBeTrue();
        none.Flag("ncNeeded").ShouldBe(true);
        Reader.TryRead(Operation.SendPinOverSms, "?ncNeeded=true&ncNeeded=false", out var repeated, out _).ShouldBeTrue();
        repeated.Flag("ncNeeded").ShouldBe(false);
        Reader.TryRead(Operation.GetVerificationStatus, "?msisdn=41793026727&other=", out var status, out _).ShouldBeTrue();
        status.Text("msisdn").ShouldBe("41793026727");
        status.Flag("sent").ShouldBeNull();
    }

    [Fact]
    public void An_operation_without_parameters_ignores_its_query()
    {
        Reader.TryRead(Operation.ListApplications, "?sent=&x", out var values, out var error).ShouldBeTrue();
        error.ShouldBeNull();
        values.Text("sent").ShouldBeNull();
    }
}
