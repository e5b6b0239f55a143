namespace TwoFactorContracts.MockServer.Responses;

/// <summary>The element names XML bodies use, as the contract's <c>xml</c> names give them.</summary>
public sealed record XmlNames(string RequestRoot, string ResponseRoot, string ListRoot, string ListItem, string ErrorRoot)
{
    /// <summary>Today's API also sends this request root; the mock accepts both.</summary>
    public const string AlternativeRequestRoot = "ApplicationRequest";
}
