using System.Text.RegularExpressions;

namespace TwoFactorContracts.ConformanceTests.Runner;

/// <summary>Case ids matched by a glob: <c>*</c> any run of characters, <c>?</c> one (createApplication/*/json).</summary>
public static class CaseGlob
{
    public static bool Matches(string glob, string caseId) =>
        Regex.IsMatch(caseId, "^" + Regex.Escape(glob).Replace(@"\*", ".*").Replace(@"\?", ".") + "$",
            RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
