using TwoFactorContracts.MockServer.Frontend;
using TwoFactorContracts.MockServer.Frontend.Cors;

namespace FrontendTests.Cors;

public class CorsPolicyTests
{
    [Theory]
    [InlineData("http://localhost:3000")]
    [InlineData("https://app.example.com")]
    [InlineData("http://192.0.2.10:8081")]
    public void Loopback_mock_by_default_allows_any_origin(string origin) =>
        CorsPolicy.From(new FrontendOptions()).Allows(origin).ShouldBeTrue();

    [Theory]
    [InlineData("http://localhost:3000", true)]
    [InlineData("http://127.0.0.1:5173", true)]
    [InlineData("http://[::1]:4200", true)]
    [InlineData("https://app.example.com", false)]
    [InlineData("http://192.0.2.10:8081", false)]
    public void Mock_on_a_network_address_by_default_allows_only_loopback_pages(string origin, bool allowed) =>
        CorsPolicy.From(FrontendOptions.For("0.0.0.0", corsOrigins: null)).Allows(origin).ShouldBe(allowed);

    [Theory]
    [InlineData("http://app.example.com:3000", true)]
    [InlineData("HTTP://APP.EXAMPLE.COM:3000", true)]
    [InlineData("http://app.example.com:3001", false)]
    [InlineData("https://app.example.com:3000", false)]
    [InlineData("http://localhost:5173", true)]
    [InlineData("http://localhost:1", true)]
    [InlineData("http://127.0.0.1:5173", false)]
    [InlineData("http://other.example", false)]
    public void Configured_origins_allow_exactly_those(string origin, bool allowed) =>
        CorsPolicy.From(FrontendOptions.For("127.0.0.1", "http://app.example.com:3000, http://localhost:*"))
            .Allows(origin).ShouldBe(allowed);

    [Fact]
    public void A_star_entry_allows_any_origin_even_off_loopback() =>
        CorsPolicy.From(FrontendOptions.For("0.0.0.0", "*")).Allows("https://app.example.com").ShouldBeTrue();

    [Theory]
    [InlineData("null")]
    [InlineData("")]
    [InlineData("file://")]
    [InlineData("http://localhost:3000/path")]
    [InlineData("http://localhost:3000/")]
    public void Something_that_is_not_an_origin_is_never_allowed(string origin) =>
        CorsPolicy.From(new FrontendOptions()).Allows(origin).ShouldBeFalse();

    [Theory]
    [InlineData("localhost:3000")]
    [InlineData("http://localhost:3000/app")]
    [InlineData("ftp://localhost")]
    [InlineData("http://localhost:3000/")]
    public void A_bad_cors_origins_entry_is_refused_naming_it(string entry)
    {
        var error = Should.Throw<ArgumentException>(() => FrontendOptions.ParseOrigins("http://ok.example," + entry));
        error.Message.ShouldContain($"'{entry}'");
    }

    [Fact]
    public void An_empty_cors_origins_value_means_the_default() =>
        FrontendOptions.ParseOrigins(" ").ShouldBeNull();

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("localhost", true)]
    [InlineData("::1", true)]
    [InlineData("[::1]", true)]
    [InlineData("0.0.0.0", false)]
    [InlineData("192.0.2.10", false)]
    public void Loopback_hosts_are_recognised(string host, bool loopback) =>
        OriginPattern.IsLoopbackHost(host).ShouldBe(loopback);

    [Fact]
    public void Preflight_allows_the_base_headers_and_echoes_other_requested_ones_but_no_junk()
    {
        var allowed = CorsPolicy.AllowedHeaders("authorization, X-Trace-Id, bad header, content-type");
        allowed.Split(", ").ShouldBe(["Authorization", "Content-Type", "Accept", "Prefer", "X-Request-Id", "X-Trace-Id"]);
    }
}
