namespace TwoFactorContracts.ConformanceTests.Checks;

/// <summary>The body validates against the documented response schema (XML read through the contract's xml names).</summary>
public sealed class BodyConformsToSchema : ICheck
{
    public string Name => "schema";

    /// <summary>The most problems a reason lists (a list of a hundred thousand wrong items would otherwise fill every report).</summary>
    private const int MaxProblems = 20;

    public CheckVerdict Run(CheckContext c)
    {
        if (c.Schema is not { } schema)
            return this.Fail($"the contract documents no {c.Expected.Format} body for status {c.SchemaStatus}");
        var problems = schema.Validate(c.Body, c.Expected.Format);
        return problems.Count == 0
            ? this.Pass($"conforms to the {c.SchemaStatus} {c.Expected.Format} schema")
            : this.Fail($"the body breaks the {c.SchemaStatus} {c.Expected.Format} schema: {string.Join("; ", problems.Take(MaxProblems))}"
                + (problems.Count > MaxProblems ? $"; … ({problems.Count - MaxProblems} more)" : ""),
                $"a body valid against the {c.SchemaStatus} schema", CheckContext.Excerpt(c.Exchange.Body));
    }
}
