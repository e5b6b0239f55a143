using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.WebUtilities;
using TwoFactorContracts.MockServer.Core;

namespace TwoFactorContracts.MockServer.Input;

/// <summary>One query parameter as the contract states it.</summary>
public sealed record QueryParameterRule(string Name, bool Required, bool IsBoolean, string? Default);

/// <summary>The query parameters a request carried, with the contract's defaults for those it left out (the last of repeated ones counts).</summary>
public readonly struct QueryValues(Dictionary<string, string>? values)
{
    public string? Text(string name) => values is not null && values.TryGetValue(name, out var value) ? value : null;

    /// <summary>A boolean parameter's value; null when left out without a default.</summary>
    public bool? Flag(string name) => Text(name) is { } text ? bool.Parse(text) : null;
}

/// <summary>
/// Reads each operation's query parameters by the contract: a required one left out is refused like a body field
/// (<c>may not be null</c>), a boolean must be <c>true</c> or <c>false</c>, and an empty value (<c>sent=</c>) is a
/// value, not a parameter left out, and refused as OpenAPI reads a parameter without <c>allowEmptyValue</c> (which
/// OpenAPI deprecates; the contract's decision <c>empty-query-value</c>). Parameters the operation does not take are ignored.
/// </summary>
public sealed class QueryReader(IReadOnlyDictionary<Operation, IReadOnlyList<QueryParameterRule>> rules)
{
    /// <summary>Each operation's rules in the slot of its index (the hot path reads an array, not a dictionary).</summary>
    private readonly OperationQuery?[] _operations = ByIndex(rules);

    public bool TryRead(Operation operation, string? query, out QueryValues values, [NotNullWhen(false)] out QueryError? error)
    {
        values = default;
        error = null;
        if (operation.Index >= _operations.Length || _operations[operation.Index] is not { } taken) return true;
        if (string.IsNullOrEmpty(query) && !taken.AnyRequired)
        {
            values = taken.Defaults; // the usual request: nothing to read, nothing allocated
            return true;
        }
        var given = string.IsNullOrEmpty(query) ? [] : QueryHelpers.ParseQuery(query);
        var read = new Dictionary<string, string>(StringComparer.Ordinal);
        List<string>? problems = null;
        foreach (var parameter in taken.Rules)
        {
            if (!given.TryGetValue(parameter.Name, out var sent) || sent.Count == 0)
            {
                if (parameter.Required) (problems ??= []).Add($"{parameter.Name} : may not be null");
                else if (parameter.Default is { } fallback) read[parameter.Name] = fallback;
                continue;
            }
            var value = sent[^1] ?? "";
            if (value.Length == 0)
                (problems ??= []).Add($"{parameter.Name} : {(parameter.Required ? "may not be null" : parameter.IsBoolean ? "must be a boolean" : "must not be empty")}");
            else if (parameter.IsBoolean && !bool.TryParse(value, out _))
                (problems ??= []).Add($"{parameter.Name} : must be a boolean");
            else read[parameter.Name] = parameter.IsBoolean ? bool.Parse(value).ToString().ToLowerInvariant() : value;
        }
        if (problems is not null)
        {
            error = new QueryError(problems);
            return false;
        }
        values = new QueryValues(read);
        return true;
    }

    /// <summary>An operation's parameters, and what a request without a query reads (their defaults; shared, never written).</summary>
    private sealed class OperationQuery(IReadOnlyList<QueryParameterRule> rules)
    {
        public IReadOnlyList<QueryParameterRule> Rules { get; } = rules;
        public bool AnyRequired { get; } = rules.Any(r => r.Required);
        public QueryValues Defaults { get; } = new(rules.Where(r => r.Default is not null).ToDictionary(r => r.Name, r => r.Default!, StringComparer.Ordinal));
    }

    private static OperationQuery?[] ByIndex(IReadOnlyDictionary<Operation, IReadOnlyList<QueryParameterRule>> rules)
    {
        var slots = new OperationQuery?[rules.Keys.Select(o => o.Index + 1).DefaultIfEmpty(0).Max()];
        foreach (var (operation, parameters) in rules)
            if (parameters.Count > 0) slots[operation.Index] = new OperationQuery(parameters);
        return slots;
    }
}

/// <summary>A query parameter the operation cannot read: 400 BAD_REQUEST listing each, like the body's violations.</summary>
public sealed class QueryError(IReadOnlyList<string> problems) : StageError(400, "BAD_REQUEST", "[" + string.Join(", ", problems) + "]");
