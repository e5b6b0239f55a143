using System.Xml.Linq;
using TwoFactorContracts.ConformanceTests.Runner;

namespace TwoFactorContracts.ConformanceTests.Reports;

/// <summary>JUnit XML for CI: one test suite per section, one test case per case; not-run and skipped cases are skipped, never failed.</summary>
public static class JunitReport
{
    public static string Render(ConformanceReport report, CredentialMask mask, string name = "conformance")
    {
        var suites = new XElement("testsuites", new XAttribute("name", name));
        foreach (var section in ConformanceReport.Sections)
        {
            var results = report.Section(section).Values.OrderBy(r => r.Id).ToList();
            if (results.Count == 0) continue;
            suites.Add(new XElement("testsuite",
                new XAttribute("name", section),
                new XAttribute("tests", results.Count),
                new XAttribute("failures", results.Count(r => !r.Skipped && !r.Passed)),
                new XAttribute("skipped", results.Count(r => r.Skipped)),
                results.Select(r => Case(section, r, mask))));
        }
        return new XDocument(new XDeclaration("1.0", "UTF-8", null), suites).ToString();
    }

    private static XElement Case(string section, CaseResult r, CredentialMask mask)
    {
        var element = new XElement("testcase", new XAttribute("classname", section), new XAttribute("name", r.Id));
        if (r.Skipped) element.Add(new XElement("skipped", new XAttribute("message", mask.Apply(r.SkipReason))));
        else if (!r.Passed)
            element.Add(new XElement("failure",
                new XAttribute("message", mask.Apply(string.Join("; ", r.Failures.Select(f => $"{f.Check}: {f.Reason}")))),
                mask.Apply(r.Describe())));
        else if (r.Accepted)
            element.Add(new XElement("system-out", mask.Apply(r.Describe())));
        return element;
    }
}
