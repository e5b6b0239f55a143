using System.Text.RegularExpressions;
using TwoFactorContracts.Contract;

namespace TwoFactorContracts.ContractTests;

/// <summary>
/// Every rule of the contract names who states it (<c>x-source</c>: the seed page, today's document, or one of our
/// decisions), each decision is declared with its reason (<c>info.x-decisions</c>), each of today's document's
/// alternatives (<c>x-document</c>) is named once, and the README's table of decisions lists exactly these ids.
/// </summary>
public partial class ProvenanceTests
{
    private static readonly ContractDocument Contract = ContractDocument.Load();

    private static ContractProvenance Provenance => Contract.Provenance;

    /// <summary>The decisions code names (the conformance profiles, the mock): each must stay declared under this id.</summary>
    public static readonly IReadOnlyList<string> DecisionsCodeReliesOn =
    [
        "pinAttempts-minimum", "times-largest-unit", "refused-send", "refused-verify", "disabled-application", "verified-once",
        "not-acceptable", "method-not-allowed", "payload-too-large", "unsupported-media-type", "unknown-id-in-send", "create-200",
        "update-keeps-omitted", "null-as-omitted", "empty-query-value",
    ];

    /// <summary>The alternatives the <c>today</c> conformance profile accepts under the same id, and the ones only the contract names.</summary>
    private static readonly string[] ProfileAlternatives = ["not-found-generic", "list-root-application-responses", "no-process-id", "time-length-optional"];

    private static readonly string[] ContractOnlyAlternatives = ["application-request-root", "path-parameter-app-id"];

    [Fact]
    public void Every_rule_names_its_source()
    {
        Provenance.Marks.Count.ShouldBeGreaterThan(400, "statuses, error examples and schema rules are all read");
        var unmarked = Provenance.Marks.Where(m => m.Source is null).Select(m => m.ToString()).ToList();
        unmarked.ShouldBeEmpty($"{unmarked.Count} rules name no source (x-source: seed, document or 'ours: <decision>'):\n" + string.Join("\n", unmarked));
    }

    [Fact]
    public void Every_rule_of_ours_names_a_declared_decision_with_a_reason()
    {
        var undeclared = Provenance.Marks.Where(m => m.Source is { IsOurs: true } source && !Provenance.Decisions.ContainsKey(source.Decision!))
            .Select(m => m.ToString()).ToList();
        undeclared.ShouldBeEmpty($"decisions not in info.{ContractProvenance.DecisionsExtension}:\n" + string.Join("\n", undeclared));
        Provenance.Decisions.Values.Where(d => string.IsNullOrWhiteSpace(d.Reason)).Select(d => d.Id).ShouldBeEmpty("decisions without a reason");
        Provenance.Decisions.Keys.Where(id => !KebabId().IsMatch(id)).ShouldBeEmpty("decision ids are kebab-case");
    }

    [Fact]
    public void The_decisions_code_relies_on_are_declared()
    {
        DecisionsCodeReliesOn.Where(id => !Provenance.Decisions.ContainsKey(id)).ShouldBeEmpty();
        foreach (var id in DecisionsCodeReliesOn) Provenance.Decision(id).Reason.ShouldNotBeNullOrWhiteSpace(id);
        Should.Throw<KeyNotFoundException>(() => Provenance.Decision("no-such-decision")).Message.ShouldContain("no-such-decision");
    }

    [Fact]
    public void The_create_statuses_name_their_sources()
    {
        var create = Contract.Operation("createApplication");
        create.Responses.Single(r => r.Status == 200).Source.ShouldBe(new ContractSource(SourceKind.Ours, "create-200"));
        create.Responses.Single(r => r.Status == 201).Source.ShouldBe(new ContractSource(SourceKind.Document));
    }

    [Fact]
    public void Each_alternative_of_todays_document_has_one_id_one_meaning_and_sits_beside_a_seed_rule()
    {
        var byId = Provenance.Alternatives.GroupBy(a => a.Id).ToList();
        foreach (var alternative in byId)
        {
            var says = alternative.Select(a => a.Says).Distinct().ToList();
            says.Count.ShouldBe(1, $"x-document {alternative.Key} says different things: {string.Join(" | ", says)}");
            says[0].ShouldNotBeNullOrWhiteSpace($"x-document {alternative.Key} says nothing");
        }
        byId.GroupBy(a => a.First().Says).Where(g => g.Count() > 1).Select(g => string.Join(", ", g.Select(a => a.Key)))
            .ShouldBeEmpty("two ids for one meaning");
        byId.Select(a => a.Key).ShouldBe(ProfileAlternatives.Concat(ContractOnlyAlternatives), ignoreOrder: true);

        // The contract keeps the seed's rule where the document says otherwise.
        var notSeed = Provenance.Alternatives.SelectMany(a => Provenance.Marks.Where(m => m.Where == a.Where && m.Source?.Kind != SourceKind.Seed)
            .Select(m => $"x-document {a.Id} beside {m}")).ToList();
        notSeed.ShouldBeEmpty(string.Join("\n", notSeed));
    }

    [Fact]
    public void The_alternatives_the_today_profile_accepts_keep_its_ids()
    {
        var profile = File.ReadAllText(Path.Combine(RepositoryRoot, "ConformanceTests", "Profiles", "today.yaml"));
        foreach (var id in ProfileAlternatives) profile.ShouldContain($"- id: {id}\n", customMessage: $"today.yaml has no entry {id}");
    }

    [Fact]
    public void A_removed_source_is_named_where_it_was()
    {
        var copy = Path.Combine(Path.GetTempPath(), $"tfc-provenance-{Guid.NewGuid():N}.yaml");
        try
        {
            var lines = File.ReadAllLines(ContractDocument.DefaultPath).ToList();
            // The 406 response every operation shares, and one facet of pinAttempts' source map.
            var notAcceptable = lines.IndexOf("    NotAcceptable:");
            notAcceptable.ShouldBeGreaterThan(0);
            var source = lines.FindIndex(notAcceptable, l => l.Trim() == "x-source: 'ours: not-acceptable'");
            lines[source].ShouldStartWith("      x-source:", customMessage: "the response's own x-source, not an example's");
            lines.RemoveAt(source);
            var pinAttempts = lines.FindIndex(l => l.TrimStart().StartsWith("x-source: {", StringComparison.Ordinal)
                                                   && l.Contains("minimum: 'ours: pinAttempts-minimum'", StringComparison.Ordinal));
            lines[pinAttempts] = lines[pinAttempts].Replace(" minimum: 'ours: pinAttempts-minimum',", "", StringComparison.Ordinal);
            File.WriteAllLines(copy, lines);

            var unmarked = ContractDocument.Load(copy).Provenance.Marks.Where(m => m.Source is null).Select(m => m.ToString()).ToList();

            var statuses406 = Provenance.Marks.Where(m => m.What == "status" && m.Where.EndsWith(" 406", StringComparison.Ordinal)).ToList();
            statuses406.Count.ShouldBe(Contract.AllOperations.Count, "every operation documents 406");
            unmarked.ShouldBe(
            [
                .. statuses406.Select(m => $"{m.Where} [status]: unmarked"),
                "#/components/schemas/ApplicationConfiguration/properties/pinAttempts [minimum]: unmarked",
            ], ignoreOrder: true);
        }
        finally
        {
            File.Delete(copy);
        }
    }

    [Fact]
    public void An_unreadable_source_is_named_with_its_text()
    {
        var copy = Path.Combine(Path.GetTempPath(), $"tfc-provenance-{Guid.NewGuid():N}.yaml");
        try
        {
            File.WriteAllText(copy, File.ReadAllText(ContractDocument.DefaultPath)
                .Replace("x-source: 'ours: to-pattern'", "x-source: ours", StringComparison.Ordinal));
            ContractDocument.Load(copy).Provenance.Marks.Where(m => m.Source is null).Select(m => m.ToString())
                .ShouldBe(["#/components/schemas/SendPinRequest/properties/to [pattern]: unreadable x-source 'ours'"]);
        }
        finally
        {
            File.Delete(copy);
        }
    }

    [Fact]
    public void The_readme_table_of_decisions_lists_exactly_the_contracts_ids()
    {
        var rows = ReadmeDecisionRows().Concat(DecisionRows("docs/mock.md", FailureOutcomeDecisions)).ToList();
        rows.ShouldNotBeEmpty();
        var ids = rows.Select(row => (Row: row, Id: RowId().Match(row) is { Success: true } m ? m.Groups[1].Value : null)).ToList();
        ids.Where(r => r.Id is null).Select(r => r.Row).ShouldBeEmpty("every row starts with an id in backticks");
        ids.GroupBy(r => r.Id).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty("one row per id");

        var declared = Provenance.Decisions.Keys.Concat(Provenance.Alternatives.Select(a => a.Id)).ToHashSet();
        var listed = ids.Select(r => r.Id!).ToHashSet();
        listed.Except(declared).ShouldBeEmpty("README rows whose id the contract does not declare (x-decisions or x-document)");
        declared.Except(listed).ShouldBeEmpty("ids of the contract without a README row");
    }

    /// <summary>The section of docs/mock.md whose table holds the failure outcomes' decisions (the README keeps the rows a user must know).</summary>
    private const string FailureOutcomeDecisions = "Decisions of the failure outcomes";

    /// <summary>The body rows of the README's "Decisions where the sources differ" table.</summary>
    private static List<string> ReadmeDecisionRows() => DecisionRows("README.md", "Decisions where the sources differ");

    /// <summary>The body rows of the decisions table under the heading <paramref name="section"/> of <paramref name="file"/>.</summary>
    private static List<string> DecisionRows(string file, string section)
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot, file));
        var heading = Array.FindIndex(lines, l => l.StartsWith('#') && l.TrimStart('#').Trim() == section);
        heading.ShouldBeGreaterThan(0, $"{file} has a section \"{section}\"");
        var table = lines.Skip(heading + 1).SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|')).ToList();
        table.Count.ShouldBeGreaterThan(2, "the section has a table");
        table[0].ShouldStartWith("| id |");
        return table.Skip(2).ToList();
    }

    private static string RepositoryRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "TwoFactorContracts.sln"))) return dir.FullName;
        throw new InvalidOperationException("no TwoFactorContracts.sln above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^\|\s*`([^`]+)`\s*\|")]
    private static partial Regex RowId();

    [GeneratedRegex("^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$")]
    private static partial Regex KebabId();
}
