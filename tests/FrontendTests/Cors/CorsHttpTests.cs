using System.Net;
using System.Text.Json;
using TwoFactorContracts.MockServer;
using TwoFactorContracts.Testing;

namespace FrontendTests.Cors;

/// <summary>CORS as a browser sees it, over HTTP against the mock in-process.</summary>
public class CorsHttpTests
{
    private const string PageOrigin = "http://127.0.0.1:5173";
    private const string ApplicationsPath = "/2fa/2/applications";

    private static HttpRequestMessage Preflight(string origin, string method = "POST", string? headers = "authorization,content-type")
    {
        var request = new HttpRequestMessage(HttpMethod.Options, ApplicationsPath);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        if (headers is not null) request.Headers.Add("Access-Control-Request-Headers", headers);
        return request;
    }

    /// <summary>GET of the list with the mock's own credential, as a page on <paramref name="origin"/> (null: no Origin) sends it.</summary>
    private static Task<HttpResponseMessage> ListFromAsync(TwoFactorMock mock, string? origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, ApplicationsPath);
        if (origin is not null) request.Headers.Add("Origin", origin);
        return mock.HttpClient.SendAsync(request);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;

    private static IEnumerable<string> List(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public async Task Preflight_is_answered_with_the_origin_methods_and_the_credential_header()
    {
        await using var mock = await TwoFactorMock.StartAsync();
        using var http = mock.CreateHttpClient(authorization: null);

        using var response = await http.SendAsync(Preflight(PageOrigin, "PUT", "authorization,content-type,accept,prefer"));

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        Header(response, "Access-Control-Allow-Origin").ShouldBe(PageOrigin);
        Header(response, "Access-Control-Allow-Credentials").ShouldBe("true");
        new[] { "GET", "POST", "PUT" }.ShouldBeSubsetOf(List(Header(response, "Access-Control-Allow-Methods")));
        new[] { "authorization", "content-type", "accept", "prefer" }
            .ShouldBeSubsetOf(List(Header(response, "Access-Control-Allow-Headers")).Select(h => h.ToLowerInvariant()));
        Header(response, "Access-Control-Max-Age").ShouldBe("600");
        List(Header(response, "Vary")).ShouldContain("Origin");
    }

    [Fact]
    public async Task An_actual_request_from_an_allowed_origin_gets_the_origin_back_and_may_read_X_Request_Id()
    {
        await using var mock = await TwoFactorMock.StartAsync();

        using var response = await ListFromAsync(mock, PageOrigin);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        Header(response, "Access-Control-Allow-Origin").ShouldBe(PageOrigin);
        Header(response, "Access-Control-Allow-Credentials").ShouldBe("true");
        List(Header(response, "Access-Control-Expose-Headers")).ShouldContain("X-Request-Id");
        List(Header(response, "Vary")).ShouldContain("Origin");
    }

    [Fact]
    public async Task A_request_without_Origin_gets_no_CORS_headers()
    {
        await using var mock = await TwoFactorMock.StartAsync();

        using var response = await ListFromAsync(mock, origin: null);

        Header(response, "Access-Control-Allow-Origin").ShouldBeNull();
    }

    [Fact]
    public async Task Configured_origins_refuse_a_preflight_from_another_origin_in_the_API_envelope()
    {
        await using var mock = await TwoFactorMock.StartAsync(new MockServerOptions { Port = 0, CorsOrigins = "http://localhost:3000" });
        using var http = mock.CreateHttpClient(authorization: null);

        using var refused = await http.SendAsync(Preflight("http://127.0.0.1:3000"));
        using var allowed = await http.SendAsync(Preflight("http://localhost:3000"));

        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        Header(refused, "Access-Control-Allow-Origin").ShouldBeNull();
        using var envelope = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        var serviceException = envelope.RootElement.GetProperty("requestError").GetProperty("serviceException");
        serviceException.GetProperty("messageId").GetString().ShouldBe("CORS_ORIGIN_NOT_ALLOWED");
        serviceException.GetProperty("text").GetString()!.ShouldContain("--cors-origins");

        allowed.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        Header(allowed, "Access-Control-Allow-Origin").ShouldBe("http://localhost:3000");
    }

    [Fact]
    public async Task Configured_origins_give_an_actual_request_from_another_origin_no_allow_header()
    {
        await using var mock = await TwoFactorMock.StartAsync(new MockServerOptions { Port = 0, CorsOrigins = "http://localhost:3000" });

        using var response = await ListFromAsync(mock, "http://127.0.0.1:3000");

        // The mock still answers (only browsers enforce CORS); the browser withholds the answer from the page.
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        Header(response, "Access-Control-Allow-Origin").ShouldBeNull();
        List(Header(response, "Vary")).ShouldContain("Origin");
    }

    [Fact]
    public async Task Private_network_preflight_is_allowed_for_an_allowed_origin()
    {
        await using var mock = await TwoFactorMock.StartAsync();
        using var http = mock.CreateHttpClient(authorization: null);
        using var request = Preflight("https://app.example.com");
        request.Headers.Add("Access-Control-Request-Private-Network", "true");

        using var response = await http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        Header(response, "Access-Control-Allow-Private-Network").ShouldBe("true");
    }
}
