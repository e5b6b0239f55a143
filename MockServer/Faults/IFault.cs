namespace TwoFactorContracts.MockServer.Faults;

/// <summary>Something done to every API request before it is answered (a delay; later perhaps drops or errors).</summary>
public interface IFault
{
    ValueTask ApplyAsync(CancellationToken cancellationToken);
}

/// <summary>Delays every API answer by a fixed time (<c>--delay</c>).</summary>
public sealed class FixedDelay(TimeSpan delay) : IFault
{
    public TimeSpan Delay { get; } = delay;

    public ValueTask ApplyAsync(CancellationToken cancellationToken) => new(Task.Delay(Delay, cancellationToken));
}
