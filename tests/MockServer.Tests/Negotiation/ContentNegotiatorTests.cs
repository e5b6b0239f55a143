using TwoFactorContracts.MockServer.Core;
using TwoFactorContracts.MockServer.Negotiation;

namespace MockServer.Tests.Negotiation;

public class ContentNegotiatorTests
{
    [Theory]
    [InlineData(null, MediaType.Json)]
    [InlineData("", MediaType.Json)]
    [InlineData("*/*", MediaType.Json)]
    [InlineData("application/*", MediaType.Json)]
    [InlineData("application/json", MediaType.Json)]
    [InlineData("application/xml", MediaType.Xml)]
    [InlineData("application/json; charset=utf-8", MediaType.Json)]
    [InlineData("application/xml;charset=UTF-8", MediaType.Xml)]
    [InlineData("application/json;q=0.5, application/xml;q=0.9", MediaType.Xml)]
    [InlineData("application/xml;q=0.1, application/json", MediaType.Json)]
    [InlineData("application/json;q=0, */*", MediaType.Xml)]
    [InlineData("application/json, text/plain, */*", MediaType.Json)] // what the community Node SDK sends
    [InlineData("text/html, application/xml;q=0.9, */*;q=0.8", MediaType.Xml)]
    [InlineData("application/xml, application/json", MediaType.Xml)]
    public void Chooses_by_q_then_specificity_then_order(string? accept, MediaType expected) =>
        ContentNegotiator.ChooseResponse(accept, null).ShouldBe(expected);

    [Theory]
    [InlineData("text/html")]
    [InlineData("text/plain, image/png")]
    [InlineData("application/json;q=0, application/xml;q=0")]
    [InlineData("garbage")]
    public void Nothing_acceptable_is_null(string accept) => ContentNegotiator.ChooseResponse(accept, null).ShouldBeNull();

    [Theory]
    [InlineData(null)]
    [InlineData("*/*")]
    public void Without_a_preference_the_answer_follows_an_XML_body(string? accept) =>
        ContentNegotiator.ChooseResponse(accept, MediaType.Xml).ShouldBe(MediaType.Xml);

    [Theory]
    [InlineData("application/json", MediaType.Json)]
    [InlineData("application/json; charset=utf-8", MediaType.Json)]
    [InlineData("application/json;charset=\"UTF-8\"", MediaType.Json)]
    [InlineData("application/xml", MediaType.Xml)]
    [InlineData("text/xml; charset=utf-8", MediaType.Xml)]
    [InlineData("application/vnd.api+json", MediaType.Json)]
    public void Reads_JSON_and_XML_content_types(string contentType, MediaType expected)
    {
        ContentNegotiator.TryReadContentType(contentType, out var type).ShouldBeTrue();
        type.ShouldBe(expected);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData("nonsense")]
    public void Refuses_other_content_types(string contentType) =>
        ContentNegotiator.TryReadContentType(contentType, out _).ShouldBeFalse();

    [Fact]
    public void An_Accept_rated_once_still_follows_each_requests_body()
    {
        // The rating of an Accept value is kept; what follows the body is decided per request.
        ContentNegotiator.ChooseResponse("*/*, application/*", MediaType.Xml).ShouldBe(MediaType.Xml);
        ContentNegotiator.ChooseResponse("*/*, application/*", MediaType.Json).ShouldBe(MediaType.Json);
        ContentNegotiator.ChooseResponse("*/*, application/*", MediaType.Xml).ShouldBe(MediaType.Xml);
    }

    [Fact]
    public void Accept_values_past_the_kept_ones_are_still_rated()
    {
        // More distinct values than are kept: each is still answered by its own ranges.
        for (var i = 0; i < 1500; i++)
        {
            ContentNegotiator.ChooseResponse($"application/xml;q=0.{i % 9 + 1}, application/json;q=0.05, text/x-{i}", null).ShouldBe(MediaType.Xml);
            ContentNegotiator.ChooseResponse($"application/json, text/y-{i}", MediaType.Xml).ShouldBe(MediaType.Json);
            ContentNegotiator.ChooseResponse($"text/z-{i}", null).ShouldBeNull();
        }
    }
}
