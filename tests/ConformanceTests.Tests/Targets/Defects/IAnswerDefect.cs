namespace TwoFactorContracts.ConformanceTests.Targets.Defects;

/// <summary>The request as the client sent it (body included), or as a defect rewrote it.</summary>
public sealed record ProxiedRequest(string Method, string PathAndQuery, string Accept, string Body = "", string? ContentType = null)
{
    /// <summary>A request for one application by id (/2fa/2/applications/{id}).</summary>
    public bool AddressesOneApplication => PathAndQuery.Split('?')[0].TrimEnd('/').Split('/').Length > 4;
}

public sealed record ProxiedAnswer(int Status, string? ContentType, string Body)
{
    public bool IsJson => ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true;

    public bool IsXml => ContentType?.Contains("xml", StringComparison.OrdinalIgnoreCase) == true;
}

/// <summary>One deliberate deviation from the contract, applied by the corrupting proxy (faults as small types).</summary>
public interface IAnswerDefect
{
    /// <summary>What is sent upstream instead of the client's request.</summary>
    ProxiedRequest Rewrite(ProxiedRequest request) => request;

    /// <summary>The answer the client gets; <paramref name="request"/> is the client's request as sent.</summary>
    ProxiedAnswer Apply(ProxiedRequest request, ProxiedAnswer answer) => answer;
}
