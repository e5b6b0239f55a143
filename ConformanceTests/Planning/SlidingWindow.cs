namespace TwoFactorContracts.ConformanceTests.Planning;

/// <summary>
/// At most N requests in any window-long span. A request counts from when it is sent until a whole window after its
/// answer arrived (the latest moment the target can have counted it), so the plan holds whether the target counts
/// in a fixed or a sliding window, and however long the requests take.
/// </summary>
public sealed class SlidingWindow(int requests, TimeSpan window)
{
    private readonly LinkedList<DateTimeOffset?> _counted = new(); // null: sent, not answered yet

    public int Requests { get; } = requests;

    public TimeSpan Window { get; } = window;

    public int InWindow(DateTimeOffset now)
    {
        Prune(now);
        return _counted.Count;
    }

    /// <summary>How long until one more request fits (zero when it fits now).</summary>
    public TimeSpan UntilFree(DateTimeOffset now)
    {
        Prune(now);
        if (_counted.Count < Requests) return TimeSpan.Zero;
        var oldest = _counted.Where(t => t is not null).Select(t => t!.Value).DefaultIfEmpty(now).Min();
        var wait = oldest + Window - now;
        return wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1);
    }

    /// <summary>Counts a request being sent; complete the returned node when its answer arrives.</summary>
    public LinkedListNode<DateTimeOffset?> Send() => _counted.AddLast((DateTimeOffset?)null);

    public void Answered(LinkedListNode<DateTimeOffset?> sent, DateTimeOffset now) => sent.Value = now;

    private void Prune(DateTimeOffset now)
    {
        for (var node = _counted.First; node is not null;)
        {
            var next = node.Next;
            if (node.Value is { } answered && answered + Window <= now) _counted.Remove(node);
            node = next;
        }
    }
}
