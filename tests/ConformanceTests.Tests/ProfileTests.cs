using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Checks;
using TwoFactorContracts.ConformanceTests.Profiles;
using TwoFactorContracts.ConformanceTests.Reports;
using TwoFactorContracts.ConformanceTests.Runner;

namespace TwoFactorContracts.ConformanceTests;

/// <summary>Profiles as data: the shipped ones, budgets from the contract, what a relaxed rule keeps from being sent, baselines.</summary>
public class ProfileTests
{
    private static readonly ContractDocument Contract = ContractDocument.Load();

    [Fact]
    public void The_seed_profile_accepts_nothing_and_plans_no_budgets()
    {
        var seed = TargetProfile.Load(TargetProfile.Seed);
        seed.Deviations.ShouldBeEmpty();
        seed.AccountStartsWithSeedApplications.ShouldBeTrue();
        seed.BudgetsFor(Contract).ShouldBeEmpty();
    }

    [Fact]
    public void The_today_profile_takes_its_budgets_from_the_contracts_x_throttling()
    {
        var budgets = TargetProfile.Load(TargetProfile.Today).BudgetsFor(Contract);
        // The four application operations and the email template create and update (today's document's budgets).
        var documented = Contract.AllOperations.Where(o => o.Throttling is not null).ToList();
        documented.Count.ShouldBe(6);
        budgets.Count.ShouldBe(documented.Count);
        foreach (var operation in documented) budgets[operation.OperationId].ShouldBe(operation.Throttling);
    }

    [Fact]
    public void A_user_profile_may_give_explicit_budgets_by_role_or_operation_id()
    {
        var profile = TargetProfile.Parse("name: mine\nbudgets: documented\nbudget: {create: 5/1m, getApplication: 7/10s}\n", "mine.yaml");
        var budgets = profile.BudgetsFor(Contract);
        budgets["createApplication"].ShouldBe(new Throttling(5, TimeSpan.FromMinutes(1)));
        budgets["getApplication"].ShouldBe(new Throttling(7, TimeSpan.FromSeconds(10)));
        budgets["listApplications"].ShouldBe(Contract.Operation("listApplications").Throttling);
    }

    [Fact]
    public void A_budget_may_name_a_pin_flow_operation_so_a_real_run_spends_few_messages()
    {
        var profile = TargetProfile.Parse("name: mine\nbudget: {sendPinOverSms: 5/1m, verifyPin: 10/1m}\n", "mine.yaml");
        var budgets = profile.BudgetsFor(Contract);
        budgets["sendPinOverSms"].ShouldBe(new Throttling(5, TimeSpan.FromMinutes(1)));
        budgets["verifyPin"].ShouldBe(new Throttling(10, TimeSpan.FromMinutes(1)));
        Planning.BudgetText.ParseOverride(Contract, "resendPinOverVoice=2/10s").OperationId.ShouldBe("resendPinOverVoice");
    }

    [Fact]
    public void Every_decision_the_engine_names_is_declared_by_the_contract_with_its_reason()
    {
        foreach (var id in OurDecisions.NamedByTheEngine)
            Contract.Provenance.Decision(id).Reason.Length.ShouldBeGreaterThan(20, id);
    }

    [Fact]
    public void A_documented_400_whose_request_breaks_only_a_rule_of_ours_is_not_sent_under_today()
    {
        // A copy of the contract where the application's required name is our decision instead of the seed's.
        var folder = Directory.CreateTempSubdirectory("tfc-ours-").FullName;
        var path = Path.Combine(folder, ContractDocument.FileName);
        var text = File.ReadAllText(Contract.Path);
        const string seedRequired = "      x-source: seed\n      x-document: {id: application-request-root";
        text.ShouldContain(seedRequired);
        File.WriteAllText(path, text.Replace(seedRequired,
            "      x-source: {required: 'ours: pinAttempts-minimum', xml: seed}\n      x-document: {id: application-request-root"));
        var copy = ContractDocument.Load(path);
        var missingName = copy.Cases.Single(c => c.Id == "createApplication/missingName/json");

        OurDecisions.BehindRequest(missingName).ShouldBe("pinAttempts-minimum");
        OurDecisions.BehindRequest(Contract.Cases.Single(c => c.Id == "createApplication/missingName/json")).ShouldBeNull("the seed requires a name");
        TargetProfile.Load(TargetProfile.Today).BindTo(copy).Relaxes(missingName)!.Id.ShouldBe("pinAttempts-minimum");
        TargetProfile.Load(TargetProfile.Seed).BindTo(copy).Relaxes(missingName).ShouldBeNull();
    }

    [Fact]
    public void An_xml_root_entry_with_renames_reads_the_targets_names_as_the_contracts()
    {
        var profile = TargetProfile.Parse("""
            name: mine
            deviations:
              - {id: other-names, reason: the target names the list otherwise, xmlRoot: {operation: listApplications, accept: [Apps], rename: {Apps/app: item}}}
            """, "mine.yaml");
        var list = Contract.Operation("listApplications");
        const string body = "<Apps><app><applicationId>0933F3BC087D2A617AC6DCB2EF5B8A61</applicationId><name>n</name></app></Apps>";
        CheckContext Read(TargetProfile p) => new(list, new Exchange(new PlannedRequest("GET", "/", BodyFormat.Xml), 200, "application/xml", body, null, TimeSpan.Zero),
            new Expectation([200], BodyFormat.Xml), ConformanceMode.Strict, p);

        var renamed = Read(profile);
        renamed.AcceptedRoot!.Id.ShouldBe("other-names");
        renamed.Values.Node!.AsArray().Single()!["applicationId"]!.GetValue<string>().ShouldBe("0933F3BC087D2A617AC6DCB2EF5B8A61");
        Read(TargetProfile.None).Values.Problem.ShouldNotBeNull("without the entry the names are the contract's to judge");
    }

    [Fact]
    public void A_profile_naming_a_decision_the_contract_does_not_declare_is_one_clear_line()
    {
        var profile = TargetProfile.Parse("name: mine\ndeviations:\n  - {id: x, reason: a decision of ours, decision: no-such-decision}\n", "mine.yaml");
        Should.Throw<ProfileException>(() => profile.BindTo(Contract)).Message.ShouldContain("not 'no-such-decision'");
    }

    [Fact]
    public void Every_shipped_entry_is_of_a_kind_the_engine_applies()
    {
        var today = TargetProfile.Load(TargetProfile.Today);
        today.Deviations.Select(d => d.Kind).ShouldNotContain("none");
        today.Deviations.ShouldAllBe(d => d.Reason.Length > 20);
        today.Deviations.Select(d => d.Kind).Distinct().Count().ShouldBe(6, "status, error, xmlRoot, absentField, relaxedRule, documentedStatus");
        today.OurDecisions.ShouldBe(TargetProfile.Accepted, "under today only what a source states can fail");
    }

    [Fact]
    public void A_negative_case_on_a_rule_the_profile_relaxes_is_not_sent_and_says_which_entry()
    {
        var settings = ConformanceSettings.FromEnvironment(_ => null);
        // Port 9 on loopback: nothing is sent, so nothing needs to listen.
        using var today = new ConformanceRunner(new ConformanceTarget(new Uri("http://127.0.0.1:9/"), TargetKind.External), settings, Contract,
            TargetProfile.Load(TargetProfile.Today), Planning.RequestGate.Open());
        using var seed = new ConformanceRunner(new ConformanceTarget(new Uri("http://127.0.0.1:9/"), TargetKind.External), settings, Contract,
            TargetProfile.Load(TargetProfile.Seed), Planning.RequestGate.Open());
        var negatives = NegativeCases.For(Contract);

        var minimum = negatives.Where(n => n.Field == "configuration.pinAttempts" && n.Rule == "minimum").ToList();
        minimum.Count.ShouldBeGreaterThanOrEqualTo(2);
        foreach (var n in minimum)
        {
            today.WhyNotSent(n)!.Value.Relaxing!.Id.ShouldBe("pinAttempts-minimum", "the rule is marked x-source: ours: pinAttempts-minimum");
            seed.WhyNotSent(n).ShouldBeNull();
        }
        negatives.Where(n => n.Rule == NegativeCases.LengthOmittedRule).ShouldAllBe(n => today.WhyNotSent(n)!.Value.Relaxing!.Id == "time-length-optional");
        negatives.Where(n => n.Rule is "type" or "required").ShouldAllBe(n => today.WhyNotSent(n) == null, "rules the seed states stay strict");
        RelaxedRules.Behind(Contract.Cases.Single(c => c.Id == "updateApplication/invalidTimeToLive/json")).ShouldBe(RelaxedRules.TimeLengthOptional);
        RelaxedRules.Behind(Contract.Cases.Single(c => c.Id == "createApplication/invalidTimeToLive/json")).ShouldBeNull("15 minutes is wrong under both");
    }

    [Fact]
    public void A_baseline_accepts_each_failed_check_on_its_case_and_reads_back()
    {
        var report = new ConformanceReport();
        report.Add(ConformanceReport.Documented, new CaseResult("getApplication/basic/json", "GET /x",
            [new CheckVerdict("schema", Outcome.Failed, "configuration: PropertyRequired")]));
        report.Add(ConformanceReport.Documented, new CaseResult("listApplications/basic/json", "GET /y", [new CheckVerdict("status", Outcome.Passed, "200")]));

        var baseline = TargetProfile.Parse(Baseline.From(TargetProfile.Load(TargetProfile.Today), report, "r1").ToJson(), "baseline.json");

        baseline.Deviations.Count.ShouldBe(TargetProfile.Load(TargetProfile.Today).Deviations.Count + 1);
        var entry = baseline.Deviations.Single(d => d.Accept is not null);
        entry.Accept!.Cases.ShouldBe("getApplication/basic/json");
        entry.Accept.Check.ShouldBe("schema");
        entry.Reason.ShouldContain("configuration: PropertyRequired");
        baseline.Budgets.ShouldBe("documented");
    }

    [Theory]
    [InlineData("createApplication/*", "createApplication/basic/json", true)]
    [InlineData("*/xml", "getApplication/notFound/xml", true)]
    [InlineData("*/xml", "getApplication/notFound/json", false)]
    [InlineData("get?pplication/basic/json", "getApplication/basic/json", true)]
    [InlineData("lifecycle/*", "createApplication/basic/json", false)]
    public void Case_globs_match_ids(string glob, string id, bool matches) => CaseGlob.Matches(glob, id).ShouldBe(matches);
}
