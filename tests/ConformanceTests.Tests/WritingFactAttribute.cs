using TwoFactorContracts.ConformanceTests.Runner;

namespace TwoFactorContracts.ConformanceTests;

/// <summary>A fact that creates or changes applications: skipped, with the reason, when CONFORMANCE_READ_ONLY=true.</summary>
public sealed class WritingFactAttribute : FactAttribute
{
    public WritingFactAttribute()
    {
        if (ConformanceSettings.Current.ReadOnly) Skip = "it writes, and CONFORMANCE_READ_ONLY=true";
    }
}
