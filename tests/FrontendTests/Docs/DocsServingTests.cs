using System.Net;
using System.Net.Http.Headers;
using TwoFactorContracts.Testing;

namespace FrontendTests.Docs;

/// <summary>/docs and the contract file, over HTTP against the mock in-process.</summary>
public class DocsServingTests
{
    private static readonly string ContractBesideAssembly = Path.Combine(AppContext.BaseDirectory, "openapi", "2fa-applications.yaml");

    [Fact]
    public async Task Contract_is_served_as_yaml_with_the_mock_itself_as_the_first_server()
    {
        await using var mock = await TwoFactorMock.StartAsync();
        using var http = mock.CreateHttpClient(authorization: null);

        using var response = await http.GetAsync("/openapi/2fa-applications.yaml");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/yaml");
        var served = await response.Content.ReadAsStringAsync();
        var mockUrl = http.BaseAddress!.GetLeftPart(UriPartial.Authority);
        var firstServer = $"servers:\n  - url: {mockUrl}\n    description: This mock server (the one serving this page)\n";
        served.ShouldContain(firstServer); // the first entry of the list: Swagger UI's default server
        served.ShouldContain("url: https://api.infobip.com");
        // Otherwise the contract byte for byte: the production server and the rest follow unchanged.
        served.Replace(firstServer, "servers:\n", StringComparison.Ordinal).ShouldBe(await File.ReadAllTextAsync(ContractBesideAssembly));
    }

    [Theory]
    [InlineData("/docs", "/docs/swagger-ui-bundle.js", "/docs/swagger-ui.css")]
    [InlineData("/docs/", "/docs/swagger-ui-bundle.js", "/docs/swagger-ui.css")]
    [InlineData("/outbox", "/outbox/outbox.js", "/outbox/outbox.css")]
    [InlineData("/outbox/", "/outbox/outbox.js", "/outbox/outbox.css")]
    public async Task Frontend_page_loads_its_script_and_style_from_the_mock_itself(string path, string script, string style)
    {
        await using var mock = await TwoFactorMock.StartAsync();
        using var http = mock.CreateHttpClient(authorization: null);

        using var response = await http.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain($"src=\"{script}\"");
        html.ShouldContain($"href=\"{style}\"");
        html.ShouldNotContain("://"); // no outside address: it works offline
    }

    [Theory]
    [InlineData("/docs/swagger-ui-bundle.js", "text/javascript", "SwaggerUIBundle")]
    [InlineData("/docs/swagger-ui.css", "text/css", ".swagger-ui")]
    [InlineData("/docs/docs-init.js", "text/javascript", "/openapi/2fa-applications.yaml")]
    [InlineData("/outbox/outbox.js", "text/javascript", "/__admin/mock/outbox")]
    [InlineData("/outbox/outbox.css", "text/css", ".message")]
    public async Task Frontend_assets_are_served_with_their_media_type(string path, string mediaType, string expected)
    {
        await using var mock = await TwoFactorMock.StartAsync();
        using var http = mock.CreateHttpClient(authorization: null);

        using var response = await http.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(mediaType);
        (await response.Content.ReadAsStringAsync()).ShouldContain(expected);
    }

    [Fact]
    public async Task An_unchanged_asset_revalidates_with_304()
    {
        await using var mock = await TwoFactorMock.StartAsync();
        using var http = mock.CreateHttpClient(authorization: null);
        using var first = await http.GetAsync("/docs/swagger-ui-bundle.js");
        var etag = first.Headers.ETag.ShouldNotBeNull();

        using var request = new HttpRequestMessage(HttpMethod.Get, "/docs/swagger-ui-bundle.js");
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(etag.Tag));
        using var second = await http.SendAsync(request);

        second.StatusCode.ShouldBe(HttpStatusCode.NotModified);
        (await second.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Head_answers_the_headers_without_the_body()
    {
        await using var mock = await TwoFactorMock.StartAsync();
        using var http = mock.CreateHttpClient(authorization: null);

        using var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/openapi/2fa-applications.yaml"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var get = await http.GetAsync("/openapi/2fa-applications.yaml");
        response.Content.Headers.ContentLength.ShouldBe((await get.Content.ReadAsByteArrayAsync()).Length);
        (await response.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();
    }

    [Fact]
    public void A_mock_built_without_its_contract_fails_at_start_naming_the_path()
    {
        var missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "2fa-applications.yaml");
        var error = Should.Throw<FileNotFoundException>(() =>
            new TwoFactorContracts.MockServer.Frontend.Docs.DocsEndpoints(new() { ContractPath = missing }));
        error.Message.ShouldContain(missing);
    }
}
