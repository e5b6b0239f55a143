namespace TwoFactorContracts.ConformanceTests.Targets.Defects;

public sealed record ProxiedRequest(string Method, string PathAndQuery, string Accept);

public sealed record ProxiedAnswer(int Status, string? ContentType, string Body)
{
    public bool IsJson => ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true;

    public bool IsXml => ContentType?.Contains("xml", StringComparison.OrdinalIgnoreCase) == true;
}

/// <summary>One deliberate deviation from the contract, applied by the corrupting proxy (faults as small types).</summary>
public interface IAnswerDefect
{
    ProxiedRequest Rewrite(ProxiedRequest request) => request;

    ProxiedAnswer Apply(ProxiedRequest request, ProxiedAnswer answer) => answer;
}
