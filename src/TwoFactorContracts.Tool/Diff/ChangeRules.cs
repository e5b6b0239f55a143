namespace TwoFactorContracts.Tool.Diff;

/// <summary>
/// The names of the rules <c>tfc diff</c> applies, each breaking or not. Breaking: what a client written
/// against the old contract can trip over. Non-breaking: additions and widenings old clients can ignore.
/// </summary>
public static class ChangeRules
{
    /// <summary>Every rule and whether it breaks clients; --help lists them from here.</summary>
    public static readonly IReadOnlyDictionary<string, (bool Breaking, string Meaning)> All = new Dictionary<string, (bool, string)>
    {
        [PathRemoved] = (true, "a path is gone"),
        [OperationRemoved] = (true, "an operation (method on a path) is gone"),
        [StatusRemoved] = (true, "a response status is gone"),
        [MediaTypeRemoved] = (true, "a request or response media type is gone"),
        [ResponseFieldRemoved] = (true, "a response field is gone"),
        [RequestFieldRequired] = (true, "a request field, parameter or body is newly required"),
        [RequestTypeNarrowed] = (true, "a request field accepts fewer types"),
        [RequestPatternNarrowed] = (true, "a request field's pattern was added or changed"),
        [RequestBoundsNarrowed] = (true, "a request field's minimum/maximum, length or item bounds tightened"),
        [RequestEnumNarrowed] = (true, "a request field's enum lost values (or an enum was added)"),
        [ResponseTypeChanged] = (true, "a response field's type changed"),
        [XmlNameChanged] = (true, "an XML element name changed"),
        [DefaultChanged] = (true, "a default value was added, removed or changed"),
        [SecuritySchemeRemoved] = (true, "a security scheme is gone"),
        [PathAdded] = (false, "a new path"),
        [OperationAdded] = (false, "a new operation"),
        [StatusAdded] = (false, "a new response status"),
        [MediaTypeAdded] = (false, "a new request or response media type"),
        [RequestFieldAdded] = (false, "a new optional request field or parameter"),
        [RequestFieldRemoved] = (false, "a request field or parameter is no longer described"),
        [ResponseFieldAdded] = (false, "a new response field"),
        [RequestTypeWidened] = (false, "a request field accepts more types"),
        [RequestPatternRemoved] = (false, "a request field's pattern was removed"),
        [RequestBoundsWidened] = (false, "a request field's bounds relaxed"),
        [RequestEnumWidened] = (false, "a request field's enum gained values (or lost its enum)"),
        [SecuritySchemeAdded] = (false, "a new security scheme"),
        [SourceChanged] = (false, "a rule's source changed (x-source: seed, document, ours: decision)"),
    };

    public const string PathRemoved = "path-removed";
    public const string OperationRemoved = "operation-removed";
    public const string StatusRemoved = "response-status-removed";
    public const string MediaTypeRemoved = "media-type-removed";
    public const string ResponseFieldRemoved = "response-field-removed";
    public const string RequestFieldRequired = "request-field-required";
    public const string RequestTypeNarrowed = "request-type-narrowed";
    public const string RequestPatternNarrowed = "request-pattern-narrowed";
    public const string RequestBoundsNarrowed = "request-bounds-narrowed";
    public const string RequestEnumNarrowed = "request-enum-narrowed";
    public const string ResponseTypeChanged = "response-type-changed";
    public const string XmlNameChanged = "xml-name-changed";
    public const string DefaultChanged = "default-changed";
    public const string SecuritySchemeRemoved = "security-scheme-removed";
    public const string PathAdded = "path-added";
    public const string OperationAdded = "operation-added";
    public const string StatusAdded = "response-status-added";
    public const string MediaTypeAdded = "media-type-added";
    public const string RequestFieldAdded = "request-field-added";
    public const string RequestFieldRemoved = "request-field-removed";
    public const string ResponseFieldAdded = "response-field-added";
    public const string RequestTypeWidened = "request-type-widened";
    public const string RequestPatternRemoved = "request-pattern-removed";
    public const string RequestBoundsWidened = "request-bounds-widened";
    public const string RequestEnumWidened = "request-enum-widened";
    public const string SecuritySchemeAdded = "security-scheme-added";
    public const string SourceChanged = "source-changed";

    /// <summary>A change found by <paramref name="rule"/>, breaking or not as the rule says.</summary>
    public static Change Found(string rule, ChangeLocation location, string detail) =>
        new(rule, All[rule].Breaking, location, detail);
}
