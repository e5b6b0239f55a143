namespace TwoFactorContracts.Tool.Diff;

/// <summary>
/// Where a change is, from a client's side: the operation, the part of it (request, a response status, a
/// parameter) with its media type, and the field path inside that part's schema.
/// </summary>
/// <param name="Operation">
/// "METHOD /path (operationId)", or "/path" for a whole path, or "components" for security schemes; for a changed
/// source, the rule's place as the contract's provenance names it ("GET /2fa/2/applications 406", "#/components/schemas/…").
/// </param>
/// <param name="Part">e.g. "request application/json", "response 200 application/xml", "parameter path appId"; empty for the operation itself; for a changed source, the rule ("minimum", "error example"; empty for a status).</param>
/// <param name="Field">Field path in the part's schema ("configuration.pinAttempts", "[].name"); empty for the part itself.</param>
public sealed record ChangeLocation(string Operation, string Part = "", string Field = "")
{
    /// <summary>The location as one line: parts joined by " · ".</summary>
    public override string ToString() =>
        string.Join(" · ", new[] { Operation, Part, Field }.Where(s => s.Length > 0));
}

/// <summary>One difference between two contracts, judged from an old client's side.</summary>
/// <param name="Rule">The rule that found it, e.g. "response-field-removed" (see <see cref="ChangeRules"/>).</param>
/// <param name="Breaking">True when a client written against the old contract may fail against the new one.</param>
/// <param name="Location">Where it is.</param>
/// <param name="Detail">What changed, old -> new.</param>
public sealed record Change(string Rule, bool Breaking, ChangeLocation Location, string Detail);
