namespace TwoFactorContracts.ConformanceTests.Planning;

/// <summary>What a run tells the person watching it (the command writes it to stderr; tests may record it).</summary>
public interface IRunProgress
{
    void Case(int number, int total, string id);

    /// <summary>A wait: why, and how long is left (called again as the countdown runs).</summary>
    void Waiting(string reason, TimeSpan remaining);

    void Note(string line);

    public static readonly IRunProgress Silent = new SilentProgress();

    private sealed class SilentProgress : IRunProgress
    {
        public void Case(int number, int total, string id) { }

        public void Waiting(string reason, TimeSpan remaining) { }

        public void Note(string line) { }
    }
}
