using TwoFactorContracts.MockServer;
using TwoFactorContracts.MockServer.State.Redis;

namespace MockServer.Tests.State;

/// <summary>--store, --store-prefix, --store-wait and the Redis URL: parsed, checked, and never printed with a password.</summary>
public class RedisStoreOptionsTests
{
    private static MockServerOptions Parse(string[] args, Dictionary<string, string>? environment = null) =>
        CommandLine.Parse(args, name => environment?.GetValueOrDefault(name))!;

    [Fact]
    public void The_store_is_memory_unless_told_otherwise()
    {
        var options = Parse([]);
        options.Store.ShouldBe("memory");
        options.RedisStore.ShouldBeNull();
        options.StorePrefix.ShouldBe("twofactor-mock");
        options.StoreWait.ShouldBeFalse();
    }

    [Fact]
    public void Reads_the_store_options_from_the_command_line_and_the_environment()
    {
        var options = Parse(["--store", "redis://cache:6380/2", "--store-prefix", "team-a", "--store-wait"]);
        options.RedisStore.ShouldBe(new RedisLocation("cache", 6380, 2, null, null, false));
        options.StorePrefix.ShouldBe("team-a");
        options.StoreWait.ShouldBeTrue();
        var fromEnvironment = Parse([], new() { ["MOCK_STORE"] = "redis://127.0.0.1", ["MOCK_STORE_PREFIX"] = "ci", ["MOCK_STORE_WAIT"] = "1" });
        fromEnvironment.RedisStore.ShouldBe(new RedisLocation("127.0.0.1", 6379, 0, null, null, false));
        fromEnvironment.StorePrefix.ShouldBe("ci");
        fromEnvironment.StoreWait.ShouldBeTrue();
        Parse(["--store", "memory"], new() { ["MOCK_STORE"] = "redis://x" }).RedisStore.ShouldBeNull("the command line wins");
    }

    [Theory]
    [InlineData("redis://:s3cret@h:1/0", null, "s3cret", "redis://:***@h:1/0")]
    [InlineData("redis://app:p%40ss@h", "app", "p@ss", "redis://app:***@h:6379/0")]
    [InlineData("rediss://h:6390", null, null, "rediss://h:6390/0")]
    [InlineData("redis://[::1]:7000/5", null, null, "redis://[::1]:7000/5")]
    public void A_url_gives_its_parts_and_prints_without_the_password(string url, string? user, string? password, string printed)
    {
        var location = RedisLocation.Parse(url);
        location.User.ShouldBe(user);
        location.Password.ShouldBe(password);
        location.ToString().ShouldBe(printed);
    }

    [Theory]
    [InlineData("redis")]
    [InlineData("http://h:6379")]
    [InlineData("redis://h:6379/x")]
    [InlineData("redis://h:6379/0?ssl=true")]
    [InlineData("redis://:topsecret@h:6379/x")]
    public void A_bad_store_is_one_clear_error_that_never_quotes_a_password(string store)
    {
        var error = Should.Throw<ArgumentException>(() => new MockServerOptions { Store = store }.Validate());
        error.Message.ShouldContain("--store");
        error.Message.ShouldNotContain("topsecret");
    }

    [Theory]
    [InlineData("")]
    [InlineData("two words")]
    public void A_prefix_must_be_one_word(string prefix) =>
        Should.Throw<ArgumentException>(() => new MockServerOptions { StorePrefix = prefix }.Validate()).Message.ShouldContain("--store-prefix");
}
