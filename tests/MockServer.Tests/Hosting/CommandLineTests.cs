using TwoFactorContracts.MockServer;

namespace MockServer.Tests.Hosting;

public class CommandLineTests
{
    private static MockServerOptions Parse(string[] args, Dictionary<string, string>? environment = null) =>
        CommandLine.Parse(args, name => environment?.GetValueOrDefault(name))!;

    [Fact]
    public void Defaults_are_loopback_8080_stateful_documented_200()
    {
        var options = Parse([]);
        options.Host.ShouldBe("127.0.0.1");
        options.Port.ShouldBe(8080);
        options.Mode.ShouldBe(MockMode.Stateful);
        options.Seed.ShouldBe(SeedMode.Documented);
        options.CreateStatus.ShouldBe(200);
        options.AcceptedCredentials.ShouldBeNull();
    }

    [Fact]
    public void Reads_every_option()
    {
        var options = Parse(["--port", "9000", "--host=0.0.0.0", "--mode", "examples", "--seed", "empty", "--create-status", "201",
            "--delay", "50", "--credential", "App k1", "--credential", "Basic u:p", "--max-body", "1024", "--journal-size", "10",
            "--no-admin", "--verbose"]);
        options.Port.ShouldBe(9000);
        options.Host.ShouldBe("0.0.0.0");
        options.Mode.ShouldBe(MockMode.Examples);
        options.Seed.ShouldBe(SeedMode.Empty);
        options.CreateStatus.ShouldBe(201);
        options.DelayMs.ShouldBe(50);
        options.AcceptedCredentials.ShouldBe(["App k1", "Basic u:p"]);
        options.MaxBodyBytes.ShouldBe(1024);
        options.JournalSize.ShouldBe(10);
        options.AdminEnabled.ShouldBeFalse();
        options.Verbosity.ShouldBe(Verbosity.Verbose);
    }

    [Fact]
    public void Environment_variables_apply_and_the_command_line_wins()
    {
        var environment = new Dictionary<string, string> { ["MOCK_PORT"] = "7000", ["MOCK_MODE"] = "examples", ["MOCK_CREDENTIALS"] = "App a;App b" };
        var options = Parse(["--port", "7001"], environment);
        options.Port.ShouldBe(7001);
        options.Mode.ShouldBe(MockMode.Examples);
        options.AcceptedCredentials.ShouldBe(["App a", "App b"]);
        Parse(["--credential", "App c"], environment).AcceptedCredentials.ShouldBe(["App c"]);
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("--mode", "fast")]
    [InlineData("--port", "eighty")]
    [InlineData("--port")]
    public void Bad_options_are_explained(params string[] args) =>
        Should.Throw<ArgumentException>(() => Parse(args)).Message.ShouldNotBeNullOrWhiteSpace();

    [Fact]
    public void Validation_catches_impossible_values()
    {
        Should.Throw<ArgumentException>(() => Parse(["--create-status", "204"]).Validate());
        Should.Throw<ArgumentException>(() => Parse(["--mappings", "/no/such/folder"]).Validate());
        Should.Throw<ArgumentException>(() => Parse(["--admin-user", "a"]).Validate());
    }

    [Fact]
    public void Help_names_every_option_and_its_variable()
    {
        CommandLine.Parse(["--help"], _ => null).ShouldBeNull();
        var help = CommandLine.Help();
        foreach (var word in new[] { "--port", "MOCK_PORT", "--host", "--mode", "--seed", "--create-status", "--delay", "--mappings",
                     "--credential", "--quiet", "--verbose", "--max-body", "--journal-size", "--no-admin", "/__admin/mock/journal" })
            help.ShouldContain(word);
    }

    [Fact]
    public void Max_accounts_defaults_to_ten_thousand_and_is_read_from_either_source()
    {
        Parse([]).MaxAccounts.ShouldBe(10_000);
        Parse(["--max-accounts", "5"]).MaxAccounts.ShouldBe(5);
        Parse([], new() { ["MOCK_MAX_ACCOUNTS"] = "7" }).MaxAccounts.ShouldBe(7);
        Should.Throw<ArgumentException>(() => new MockServerOptions { MaxAccounts = 0 }.Validate());
    }

    // --flavour, --throttle, --forbidden-credential

    [Fact]
    public void Defaults_are_the_seed_flavour_no_throttle_and_nothing_forbidden()
    {
        var options = Parse([]);
        options.Flavour.ShouldBe(TwoFactorContracts.MockServer.Flavours.MockFlavour.Seed);
        options.Throttle.Enabled.ShouldBeFalse();
        options.ForbiddenCredentials.ShouldBeNull();
    }

    [Fact]
    public void Reads_the_options_and_the_flavour_sets_defaults_that_explicit_options_beat()
    {
        var options = Parse(["--flavour", "today", "--throttle", "real/3s", "--forbidden-credential", "App a", "--forbidden-credential=Basic u:p"]);
        options.Flavour.ShouldBe(TwoFactorContracts.MockServer.Flavours.MockFlavour.Today);
        options.CreateStatus.ShouldBe(201);
        options.Seed.ShouldBe(SeedMode.Empty);
        options.Throttle.ToString().ShouldBe("real/3s");
        options.ForbiddenCredentials.ShouldBe(["App a", "Basic u:p"]);

        var explicitOnes = Parse(["--create-status", "200", "--seed", "documented", "--flavour", "today"]);
        explicitOnes.CreateStatus.ShouldBe(200);
        explicitOnes.Seed.ShouldBe(SeedMode.Documented);
    }

    [Fact]
    public void Flavour_throttle_and_forbidden_variables_apply_and_the_command_line_wins()
    {
        var environment = new Dictionary<string, string>
        {
            ["MOCK_FLAVOUR"] = "today", ["MOCK_THROTTLE"] = "5/1s", ["MOCK_FORBIDDEN_CREDENTIALS"] = "App a; App b",
        };
        var options = Parse([], environment);
        options.Flavour.ShouldBe(TwoFactorContracts.MockServer.Flavours.MockFlavour.Today);
        options.Throttle.ToString().ShouldBe("5/1s");
        options.ForbiddenCredentials.ShouldBe(["App a", "App b"]);

        var overridden = Parse(["--flavour", "seed", "--throttle", "off", "--forbidden-credential", "App c"], environment);
        overridden.Flavour.ShouldBe(TwoFactorContracts.MockServer.Flavours.MockFlavour.Seed);
        overridden.Throttle.Enabled.ShouldBeFalse();
        overridden.ForbiddenCredentials.ShouldBe(["App c"]);
    }

    [Theory]
    [InlineData("--flavour must be seed or today, not 'tomorrow'.", "--flavour", "tomorrow")]
    [InlineData("--throttle must be off, real, real/<window> or <requests>/<window> (window like 500ms, 3s, 10m), not 'fast'.", "--throttle", "fast")]
    [InlineData("--forbidden-credential needs a value: --forbidden-credential \"<scheme> <value>\"", "--forbidden-credential")]
    public void Bad_flavour_throttle_or_forbidden_values_are_explained_in_one_line(string message, params string[] args) =>
        Should.Throw<ArgumentException>(() => Parse(args)).Message.ShouldBe(message);

    [Fact]
    public void Help_names_flavour_throttle_and_forbidden_with_their_variables()
    {
        var help = CommandLine.Help();
        foreach (var word in new[] { "--flavour", "MOCK_FLAVOUR", "--throttle", "MOCK_THROTTLE", "--forbidden-credential", "MOCK_FORBIDDEN_CREDENTIALS" })
            help.ShouldContain(word);
    }

    [Fact]
    public void Reads_the_PIN_flows_clock_and_fixed_PIN_from_the_command_line_or_the_environment()
    {
        var options = Parse(["--clock", "manual", "--fixed-pin=0000"]);
        options.ClockMode.ShouldBe(TwoFactorContracts.MockServer.Flow.ClockMode.Manual);
        options.FixedPin.ShouldBe("0000");
        var fromEnvironment = Parse([], new() { ["MOCK_CLOCK"] = "manual", ["MOCK_FIXED_PIN"] = "12ab" });
        fromEnvironment.ClockMode.ShouldBe(TwoFactorContracts.MockServer.Flow.ClockMode.Manual);
        fromEnvironment.FixedPin.ShouldBe("12ab");
        Parse([]).ClockMode.ShouldBe(TwoFactorContracts.MockServer.Flow.ClockMode.System);
        Parse([]).FixedPin.ShouldBeNull();

        Should.Throw<ArgumentException>(() => Parse(["--clock", "frozen"])).Message.ShouldBe("--clock must be system or manual, not 'frozen'.");
        Should.Throw<ArgumentException>(() => Parse(["--fixed-pin", "12 34"]).Validate()).Message.ShouldStartWith("--fixed-pin: ");
    }
}
