namespace TwoFactorContracts.ConformanceTests.Compare;

/// <summary>
/// One way target b's answer differs from target a's, on one field. <paramref name="Kind"/> is what differs and is
/// the verdict's check name in the reports: <c>answer</c> (one answered, the other not), <c>status</c>,
/// <c>content-type</c>, <c>message-id</c> and <c>error-text</c> (the error envelope), <c>field</c> (present in one
/// only), <c>type</c>, <c>value</c>, <c>items</c> (a list's length, or an item the run issued missing from one),
/// <c>id</c> (an issued id that is not its counterpart), <c>xml-names</c>, <c>body</c> (one body unreadable).
/// <paramref name="Field"/> names the field (<c>configuration.pinAttempts</c>, <c>[].processId</c> for every item of
/// a list, <c>(status)</c> for what is not a field).
/// </summary>
public sealed record Difference(string Kind, string Field, string Reason, string? A, string? B)
{
    public override string ToString() => $"{Kind} {Field}: {Reason}";
}
