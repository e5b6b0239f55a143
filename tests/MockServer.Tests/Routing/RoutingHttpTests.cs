using MockServer.Tests.Support;

namespace MockServer.Tests.Routing;

public class RoutingHttpTests(MockFixture fixture) : IClassFixture<MockFixture>
{
    [Theory]
    [InlineData("application/json")]
    [InlineData("application/xml")]
    public async Task Unknown_path_is_404_in_the_envelope(string accept)
    {
        var response = await fixture.NewAccount().GetAsync("/2fa/2/nothing-here", accept);
        await response.ShouldBeError(404, "NOT_FOUND");
        ApiClient.ContentTypeOf(response)!.MediaType.ShouldBe(accept);
    }

    [Fact]
    public async Task Wrong_method_is_405_in_the_envelope_with_Allow()
    {
        var response = await fixture.NewAccount().SendAsync(HttpMethod.Delete, "/2fa/2/applications/0933F3BC087D2A617AC6DCB2EF5B8A61", null, null);
        await response.ShouldBeError(405, "METHOD_NOT_ALLOWED");
        response.Content.Headers.Allow.ShouldBe(["GET", "PUT"], ignoreOrder: true);
    }

    [Fact]
    public async Task Path_ids_with_odd_characters_are_just_unknown_ids()
    {
        var response = await fixture.NewAccount().GetAsync("/2fa/2/applications/%3Cscript%3E%20%22x%22");
        await response.ShouldBeError(404, "APPLICATION_NOT_FOUND", Texts.NotFound);
    }
}
