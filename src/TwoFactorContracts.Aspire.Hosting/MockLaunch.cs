using TwoFactorContracts.MockServer;

namespace TwoFactorContracts.Aspire.Hosting;

/// <summary>
/// How the resource starts the mock: <c>dotnet exec</c> of the mock's assembly (this package's dependency, so it sits
/// beside the AppHost's) with the AppHost's own dependency and runtime files, which name every assembly the mock
/// needs and the ASP.NET Core framework (Aspire's own). No tool to install and nothing published beforehand.
/// </summary>
internal static class MockLaunch
{
    /// <summary>The dotnet host: the one that runs this AppHost (or its test) when known, else <c>dotnet</c> on PATH.</summary>
    public static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath)) return hostPath;
        if (Environment.ProcessPath is { } process && Path.GetFileNameWithoutExtension(process) == "dotnet") return process;
        return "dotnet";
    }

    /// <summary>The mock's assembly, in the AppHost's output.</summary>
    public static string MockAssembly => typeof(MockCommand).Assembly.Location;

    /// <summary><c>exec --depsfile … --runtimeconfig … &lt;mock&gt;.dll</c>: everything before the mock's own options.</summary>
    public static IReadOnlyList<string> HostArguments()
    {
        // The host's dependency file is the first of APP_CONTEXT_DEPS_FILES (';'-separated, the frameworks' after it); its runtime configuration has the same stem.
        var deps = (AppContext.GetData("APP_CONTEXT_DEPS_FILES") as string)?.Split(';', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()
            ?? throw new InvalidOperationException("AddTwoFactorMock: this process has no .deps.json (APP_CONTEXT_DEPS_FILES), so the mock's dependencies cannot be named.");
        var runtimeConfig = deps[..^".deps.json".Length] + ".runtimeconfig.json";
        if (!File.Exists(runtimeConfig))
            throw new InvalidOperationException($"AddTwoFactorMock: {runtimeConfig} is missing, so the mock's runtime cannot be named.");
        return ["exec", "--depsfile", deps, "--runtimeconfig", runtimeConfig, MockAssembly];
    }

    /// <summary>
    /// Checks options with the mock's own parser and rules (what <c>tfc mock</c> would say), so a bad value fails
    /// in the AppHost's code instead of as a resource that exits at start.
    /// </summary>
    public static void Check(IReadOnlyList<string> mockArguments)
    {
        var options = CommandLine.Parse(mockArguments, _ => null) ?? throw new ArgumentException("--help is not an option of a resource.");
        options.Validate();
    }
}
