using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using WireMock;
using WireMock.Matchers;
using WireMock.Matchers.Request;
using WireMock.RequestBuilders;
using TwoFactorContracts.MockServer.Responses;

using TwoFactorContracts.MockServer.Http;

namespace TwoFactorContracts.MockServer.Stubbing;

/// <summary>
/// WireMock.Net's mapping matcher, weighing only the mappings whose path matcher accepts the request's path.
/// WireMock.Net's own <c>MappingMatcher</c> runs every mapping's matchers (about 90 case stubs and its ~60 admin
/// mappings) and sorts all results on every request: 1-3 ms a request. This one keeps WireMock.Net's middleware,
/// its mappings and their matchers, and its choice among them (perfect matches, lowest priority, most matchers,
/// newest); it only skips mappings that cannot match, using an index of the mappings by path matcher.
/// The index follows the mappings: any added, replaced or removed mapping (admin API, reset, static files) is seen
/// on the next request. Admin requests, and any mapping set with scenarios, probabilities or time windows, go to
/// WireMock.Net's own matcher unchanged.
/// </summary>
/// <remarks>
/// WireMock.Net's <c>IMappingMatcher</c> is internal: this class is a <see cref="DispatchProxy"/> of it, put in
/// its place through <c>AdditionalServiceRegistration</c>. If a WireMock.Net version changes those internals,
/// <see cref="Register"/> leaves WireMock.Net's matcher in place (same answers, only slower).
/// </remarks>
public class IndexedMappingMatcher : DispatchProxy
{
    private object _inner = null!;
    private ConcurrentDictionary<Guid, IMapping> _mappings = null!;
    private Func<IMapping, IRequestMatchResult, object> _newResult = null!;
    private Func<object?, object?, object> _newPair = null!;
    private volatile MappingIndex? _index;
    private readonly Lock _rebuild = new();

    /// <summary>Replaces WireMock.Net's mapping matcher in its service collection; false if its internals differ.</summary>
    public static bool Register(IServiceCollection services)
    {
        var wireMock = typeof(WireMock.Server.WireMockServer).Assembly;
        var matcherType = wireMock.GetType("WireMock.Owin.IMappingMatcher");
        var resultType = wireMock.GetType("WireMock.Owin.MappingMatcherResult");
        var optionsType = wireMock.GetType("WireMock.Owin.IWireMockMiddlewareOptions");
        var findBest = matcherType?.GetMethod("FindBestMatch");
        var resultCtor = resultType?.GetConstructor([typeof(IMapping), typeof(IRequestMatchResult)]);
        var mappingsProperty = optionsType?.GetProperty("Mappings");
        var descriptor = services.LastOrDefault(d => d.ServiceType == matcherType);
        if (matcherType is null || findBest is null || resultCtor is null || mappingsProperty is null || optionsType is null
            || descriptor?.ImplementationType is not { } innerType || findBest.ReturnType.GetConstructor([resultType!, resultType!]) is not { } pairCtor)
            return false;

        services.Remove(descriptor);
        services.AddSingleton(matcherType, provider =>
        {
            var proxy = Create(matcherType, typeof(IndexedMappingMatcher));
            var self = (IndexedMappingMatcher)proxy;
            self._inner = ActivatorUtilities.CreateInstance(provider, innerType);
            self._mappings = (ConcurrentDictionary<Guid, IMapping>)mappingsProperty.GetValue(provider.GetRequiredService(optionsType))!;
            self._newResult = (mapping, result) => resultCtor.Invoke([mapping, result]);
            self._newPair = (match, partial) => pairCtor.Invoke([match, partial]);
            return proxy;
        });
        return true;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod?.Name == "FindBestMatch" && args is [RequestMessage request]
            && !request.Path.StartsWith(AdminPaths.Prefix, StringComparison.OrdinalIgnoreCase)
            && CurrentIndex() is { Usable: true } index)
        {
            var best = index.FindBestMatch(request);
            // The partial match only feeds WireMock.Net's request log, which the mock keeps off (MaxRequestLogCount 0).
            return _newPair(best is null ? null : _newResult(best.Value.Mapping, best.Value.Result), null);
        }
        try
        {
            return targetMethod!.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }

    /// <summary>The index of the mappings as they are now: rebuilt when a mapping was added, replaced or removed.</summary>
    private MappingIndex CurrentIndex()
    {
        var index = _index;
        if (index is not null && index.IsCurrent(_mappings)) return index;
        lock (_rebuild)
        {
            index = _index;
            if (index is not null && index.IsCurrent(_mappings)) return index;
            return _index = MappingIndex.Build(_mappings);
        }
    }
}

/// <summary>The non-admin mappings grouped by their path matcher: each distinct path matcher is run once a request.</summary>
internal sealed class MappingIndex
{
    private readonly List<PathGroup> _groups;

    private readonly IMapping[] _built;

    private MappingIndex(IMapping[] built, bool usable, List<PathGroup> groups)
    {
        _built = built;
        Usable = usable;
        _groups = groups;
    }

    /// <summary>False while a mapping uses what this index does not weigh (scenarios, probability, time windows).</summary>
    public bool Usable { get; }

    /// <summary>
    /// Whether the mappings are still the very objects indexed, in the same order: an added, removed or replaced
    /// mapping (the admin API's PUT makes a new object) is noticed on the next request. No lock, no copy.
    /// </summary>
    public bool IsCurrent(ConcurrentDictionary<Guid, IMapping> mappings)
    {
        var i = 0;
        foreach (var (_, mapping) in mappings)
            if (i >= _built.Length || !ReferenceEquals(_built[i++], mapping)) return false;
        return i == _built.Length;
    }

    public static MappingIndex Build(ConcurrentDictionary<Guid, IMapping> mappings)
    {
        var built = new List<IMapping>();
        var groups = new Dictionary<string, PathGroup>(StringComparer.Ordinal);
        var ordered = new List<PathGroup>();
        var usable = true;
        var order = 0;
        foreach (var (_, mapping) in mappings)
        {
            built.Add(mapping);
            order++;
            if (mapping.IsAdminInterface) continue;
            if (mapping.Scenario is not null || mapping.Probability is not null || mapping.TimeSettings is not null) usable = false;
            var matchers = mapping.RequestMatcher is Request request ? request.GetRequestMessageMatchers<IRequestMatcher>() : null;
            var path = matchers?.Where(m => m.Type == RequestMatcherType.Path).ToList();
            var method = matchers?.Where(m => m.Type == RequestMatcherType.Method).ToList();
            // Mappings with one path matcher of a known kind share a group; any other is its own group (or always weighed).
            var key = path is [RequestMessagePathMatcher one] ? KeyOf(one) ?? mapping.Guid.ToString() : path is [] ? "" : mapping.Guid.ToString();
            if (!groups.TryGetValue(key, out var group))
            {
                group = new PathGroup(path is [var p] ? p : null, path is { Count: > 1 } ? path : null);
                groups[key] = group;
                ordered.Add(group);
            }
            // A header matcher that accepts on match scores 0 when the request lacks the header (WireMock.Net's rule):
            // such a mapping cannot match a request without it (e.g. the Prefer stubs, for a request without Prefer).
            var required = matchers?.OfType<RequestMessageHeaderMatcher>()
                .Where(h => h.MatchBehaviour == MatchBehaviour.AcceptOnMatch && h.Funcs is null && h.Matchers is { Length: > 0 })
                .Select(h => h.Name).ToArray() ?? [];
            group.Entries.Add(new Entry(mapping, method is [var m] ? m : null, required, order));
        }
        return new MappingIndex([.. built], usable, ordered);
    }

    private static readonly FieldInfo? RegexExtended = typeof(RegexMatcher).GetField("_useRegexExtended", BindingFlags.Instance | BindingFlags.NonPublic);

    /// <summary>The path matcher's whole definition, when it is made of exact or regular-expression matchers only.</summary>
    private static string? KeyOf(RequestMessagePathMatcher matcher)
    {
        if (matcher.Funcs is not null || matcher.Matchers is not { Count: > 0 } stringMatchers) return null;
        var parts = new List<string> { matcher.Behaviour.ToString(), matcher.MatchOperator.ToString() };
        foreach (var m in stringMatchers)
        {
            if (m.GetType() != typeof(ExactMatcher) && m.GetType() != typeof(RegexMatcher)) return null;
            parts.Add(m.GetType().Name);
            parts.Add(m.MatchBehaviour.ToString());
            parts.Add(m.MatchOperator.ToString());
            parts.Add(m is IIgnoreCaseMatcher { IgnoreCase: true } ? "i" : "");
            if (m is RegexMatcher)
            {
                // Whether the regex is WireMock.Net's extended dialect is not public; unknown, the mapping stays alone.
                if (RegexExtended?.GetValue(m) is not bool extended) return null;
                parts.Add(extended ? "x" : "");
            }
            foreach (var pattern in m.GetPatterns()) parts.Add(pattern.IsFirst ? pattern.First : pattern.Second.Pattern);
        }
        return string.Join("\u0001", parts);
    }

    /// <summary>
    /// WireMock.Net's choice among the mappings that can match: perfect matches only, then the lowest priority,
    /// the most matchers, the newest, and the first in WireMock.Net's own order. Mappings whose matchers threw are
    /// left out, as WireMock.Net leaves them out.
    /// </summary>
    public (IMapping Mapping, IRequestMatchResult Result)? FindBestMatch(RequestMessage request)
    {
        // The candidates in priority order: once a perfect match is found, a higher priority number cannot win.
        var candidates = t_candidates ??= [];
        candidates.Clear();
        foreach (var group in _groups)
            if (group.Accepts(request)) candidates.AddRange(group.Entries);
        candidates.Sort(ByPriority);

        (Entry Entry, IRequestMatchResult Result)? best = null;
        foreach (var entry in candidates)
        {
            var mapping = entry.Mapping;
            if (best is { } current && current.Entry.Mapping.Priority < mapping.Priority) break;
            if (mapping.IsDisabled || !HasAll(request, entry.RequiredHeaders)) continue;
            if (entry.Method is { } method && !MatchScores.IsPerfect(method.GetMatchingScore(request, new RequestMatchResult()))) continue;
            IRequestMatchResult result;
            try
            {
                result = mapping.GetRequestMatchResult(request, null);
            }
            catch (Exception)
            {
                continue;
            }
            if (!result.IsPerfectMatch || result.MatchDetails.Any(d => d.Exception is not null)) continue;
            if (best is null || Better(entry, result, best.Value.Entry, best.Value.Result)) best = (entry, result);
        }
        candidates.Clear();
        return best is { } found ? (found.Entry.Mapping, found.Result) : null;
    }

    [ThreadStatic]
    private static List<Entry>? t_candidates;

    private static readonly Comparison<Entry> ByPriority = (a, b) =>
        a.Mapping.Priority != b.Mapping.Priority ? a.Mapping.Priority.CompareTo(b.Mapping.Priority) : a.Order.CompareTo(b.Order);

    private static bool Better(Entry entry, IRequestMatchResult result, Entry other, IRequestMatchResult otherResult)
    {
        if (entry.Mapping.Priority != other.Mapping.Priority) return entry.Mapping.Priority < other.Mapping.Priority;
        var byScore = result.CompareTo(otherResult);
        if (byScore != 0) return byScore < 0;
        var updated = Nullable.Compare(entry.Mapping.UpdatedAt, other.Mapping.UpdatedAt);
        if (updated != 0) return updated > 0;
        return entry.Order < other.Order;
    }

    private sealed record Entry(IMapping Mapping, IRequestMatcher? Method, string[] RequiredHeaders, int Order);

    private static bool HasAll(RequestMessage request, string[] names)
    {
        if (names.Length == 0) return true;
        if (request.Headers is not { } headers) return false;
        foreach (var name in names)
        {
            var found = false;
            foreach (var key in headers.Keys)
                if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase)) { found = true; break; }
            if (!found) return false;
        }
        return true;
    }

    private sealed class PathGroup(IRequestMatcher? path, List<IRequestMatcher>? paths)
    {
        public List<Entry> Entries { get; } = [];

        public bool Accepts(RequestMessage request)
        {
            if (path is not null) return MatchScores.IsPerfect(path.GetMatchingScore(request, new RequestMatchResult()));
            if (paths is null) return true;
            var result = new RequestMatchResult();
            return paths.All(p => MatchScores.IsPerfect(p.GetMatchingScore(request, result)));
        }
    }
}
