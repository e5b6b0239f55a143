namespace TwoFactorContracts.ConformanceTests.Runner.Flow;

/// <summary>The PIN a send issued, or why it could not be read.</summary>
public sealed record PinReading(string? Pin, string? Problem)
{
    public static PinReading Of(string pin) => new(pin, null);

    public static PinReading Failed(string problem) => new(null, problem);
}

/// <summary>
/// Where the right PIN of a sent pinId comes from: our mock's outbox, or, against a real deployment, what
/// <c>--pin-from</c> names (a URL or a command). A run without one does not send the right-PIN steps.
/// </summary>
public interface IPinSource
{
    /// <summary>Shown in the reports (never a secret: the URL's query and credentials are the user's to keep out).</summary>
    string Description { get; }

    Task<PinReading> ReadAsync(string pinId, string to, CancellationToken cancel);
}
