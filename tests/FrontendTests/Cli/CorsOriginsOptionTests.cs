using TwoFactorContracts.MockServer;
using TwoFactorContracts.MockServer.Frontend;
using TwoFactorContracts.MockServer.Frontend.Cors;

namespace FrontendTests.Cli;

/// <summary><c>--cors-origins</c> / <c>MOCK_CORS_ORIGINS</c> reach the CORS policy, and a bad value is refused up front.</summary>
public class CorsOriginsOptionTests
{
    private static string? NoEnvironment(string name) => null;

    [Fact]
    public void The_option_configures_the_allowed_origins()
    {
        var options = CommandLine.Parse(["--cors-origins", "http://localhost:3000,http://127.0.0.1:*"], NoEnvironment)!;

        var policy = CorsPolicy.From(FrontendOptions.From(options));

        policy.Allows("http://localhost:3000").ShouldBeTrue();
        policy.Allows("http://127.0.0.1:4200").ShouldBeTrue();
        policy.Allows("https://app.example.com").ShouldBeFalse();
    }

    [Fact]
    public void The_variable_works_too_and_the_command_line_wins()
    {
        string? Environment(string name) => name == "MOCK_CORS_ORIGINS" ? "http://from-variable.example" : null;

        CorsPolicy.From(FrontendOptions.From(CommandLine.Parse([], Environment)!)).Allows("http://from-variable.example").ShouldBeTrue();
        var fromCommandLine = CorsPolicy.From(FrontendOptions.From(CommandLine.Parse(["--cors-origins=http://cli.example"], Environment)!));
        fromCommandLine.Allows("http://cli.example").ShouldBeTrue();
        fromCommandLine.Allows("http://from-variable.example").ShouldBeFalse();
    }

    [Fact]
    public void Without_the_option_a_network_bound_mock_allows_only_loopback_pages()
    {
        var policy = CorsPolicy.From(FrontendOptions.From(CommandLine.Parse(["--host", "0.0.0.0"], NoEnvironment)!));

        policy.Allows("http://localhost:3000").ShouldBeTrue();
        policy.Allows("https://app.example.com").ShouldBeFalse();
    }

    [Fact]
    public void A_bad_origin_fails_validation_with_a_message_naming_it()
    {
        var options = CommandLine.Parse(["--cors-origins", "localhost:3000"], NoEnvironment)!;

        var error = Should.Throw<ArgumentException>(options.Validate);

        error.Message.ShouldContain("'localhost:3000'");
    }

    [Fact]
    public void Help_describes_the_option() =>
        CommandLine.Help().ShouldContain("--cors-origins <origins>   [MOCK_CORS_ORIGINS]");

    [Fact]
    public void The_contract_option_is_what_the_docs_serve()
    {
        var options = CommandLine.Parse(["--contract", "/tmp/other.yaml"], NoEnvironment)!;

        FrontendOptions.From(options).ContractPath.ShouldBe("/tmp/other.yaml");
        FrontendOptions.From(new MockServerOptions()).ContractPath.ShouldBe(Path.Combine(AppContext.BaseDirectory, "openapi", "2fa-applications.yaml"));
    }
}
