namespace TwoFactorContracts.ConformanceTests.Targets.Defects;

/// <summary>Ignores Accept: application/xml and answers JSON (asks the upstream for JSON instead).</summary>
public sealed class JsonInsteadOfXml : IAnswerDefect
{
    public ProxiedRequest Rewrite(ProxiedRequest request) =>
        request.Accept.Contains("xml", StringComparison.OrdinalIgnoreCase) ? request with { Accept = "application/json" } : request;
}
