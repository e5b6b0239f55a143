using System.Collections.Concurrent;
using Microsoft.Net.Http.Headers;
using TwoFactorContracts.MockServer.Core;

namespace TwoFactorContracts.MockServer.Negotiation;

/// <summary>
/// Chooses the response media type from Accept (q-values, wildcards, parameters) and reads the request body's
/// media type from Content-Type. Accept is read by ASP.NET Core's MediaTypeHeaderValue; Content-Type by span parsing.
/// </summary>
public static class ContentNegotiator
{
    /// <summary>
    /// The media type to answer in, or null when Accept allows neither (406). With no Accept, or a wildcard
    /// that rates both alike, the answer follows the request body's type (<paramref name="bodyType"/>), else JSON.
    /// </summary>
    public static MediaType? ChooseResponse(string? accept, MediaType? bodyType)
    {
        var fallback = bodyType ?? MediaType.Json;
        if (string.IsNullOrWhiteSpace(accept)) return fallback;

        var (jsonQ, xmlQ, jsonSpecificity, xmlSpecificity, jsonOrder, xmlOrder) = Ratings.TryGetValue(accept, out var kept) ? kept : Keep(accept, Rate(accept));
        if (jsonQ <= 0 && xmlQ <= 0) return null;
        if (jsonQ > xmlQ) return MediaType.Json;
        if (xmlQ > jsonQ) return MediaType.Xml;
        // Equal q: a type named explicitly beats one matched by a wildcard, then the earlier one, then the body's.
        if (jsonSpecificity != xmlSpecificity) return jsonSpecificity > xmlSpecificity ? MediaType.Json : MediaType.Xml;
        if (jsonSpecificity == 2 && jsonOrder != xmlOrder) return jsonOrder < xmlOrder ? MediaType.Json : MediaType.Xml;
        return fallback;
    }

    // MediaTypeHeaderValue allocates on every Accept, a cost the bench shows (bench/findings.md);
    // clients send few distinct values, so each is rated once and kept, up to a bound against a client inventing them.
    private const int MaxRatingsKept = 1024;
    private static readonly ConcurrentDictionary<string, AcceptRating> Ratings = new(StringComparer.Ordinal);

    /// <summary>For each of our types: the q of the most specific range matching it (-1: no range matched), its specificity and its place.</summary>
    private readonly record struct AcceptRating(double JsonQ, double XmlQ, int JsonSpecificity, int XmlSpecificity, int JsonOrder, int XmlOrder);

    private static AcceptRating Keep(string accept, AcceptRating rating)
    {
        if (Ratings.Count < MaxRatingsKept) Ratings.TryAdd(accept, rating);
        return rating;
    }

    private static AcceptRating Rate(string accept)
    {
        double jsonQ = -1, xmlQ = -1;
        int jsonSpecificity = -1, xmlSpecificity = -1, jsonOrder = int.MaxValue, xmlOrder = int.MaxValue;
        // ASP.NET Core's parser: ranges it cannot read are skipped, as RFC 9110 lets a server do.
        if (MediaTypeHeaderValue.TryParseList([accept], out var ranges))
        {
            var order = 0;
            foreach (var range in ranges)
            {
                if (range.Type.Length == 0 || range.SubType.Length == 0) continue;
                order++;
                var q = Quality(range);
                Rate(range.Type.AsSpan(), range.SubType.AsSpan(), q, "json", order, ref jsonQ, ref jsonSpecificity, ref jsonOrder);
                Rate(range.Type.AsSpan(), range.SubType.AsSpan(), q, "xml", order, ref xmlQ, ref xmlSpecificity, ref xmlOrder);
            }
        }
        return new AcceptRating(jsonQ, xmlQ, jsonSpecificity, xmlSpecificity, jsonOrder, xmlOrder);
    }

    /// <summary>Reads a Content-Type; false when it is not JSON or XML in UTF-8 (415).</summary>
    public static bool TryReadContentType(string contentType, out MediaType type)
    {
        type = MediaType.Json;
        var value = contentType.AsSpan();
        var semicolon = value.IndexOf(';');
        var essence = (semicolon < 0 ? value : value[..semicolon]).Trim();
        var slash = essence.IndexOf('/');
        if (slash <= 0) return false;
        var main = essence[..slash];
        var sub = essence[(slash + 1)..];

        if (IsJson(main, sub)) type = MediaType.Json;
        else if (IsXml(main, sub)) type = MediaType.Xml;
        else return false;

        // Parameters: only a UTF-8 (or its ASCII subset) charset is read.
        var parameters = semicolon < 0 ? default : value[(semicolon + 1)..];
        while (!parameters.IsEmpty)
        {
            var next = parameters.IndexOf(';');
            var parameter = (next < 0 ? parameters : parameters[..next]).Trim();
            parameters = next < 0 ? default : parameters[(next + 1)..];
            var equals = parameter.IndexOf('=');
            if (equals <= 0) continue;
            if (!parameter[..equals].Trim().Equals("charset", StringComparison.OrdinalIgnoreCase)) continue;
            var charset = parameter[(equals + 1)..].Trim().Trim('"');
            if (!(charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
                  || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase)
                  || charset.Equals("us-ascii", StringComparison.OrdinalIgnoreCase)))
                return false;
        }
        return true;
    }

    private static bool IsJson(ReadOnlySpan<char> main, ReadOnlySpan<char> sub) =>
        (main.Equals("application", StringComparison.OrdinalIgnoreCase) || main.Equals("text", StringComparison.OrdinalIgnoreCase))
        && (sub.Equals("json", StringComparison.OrdinalIgnoreCase) || sub.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private static bool IsXml(ReadOnlySpan<char> main, ReadOnlySpan<char> sub) =>
        (main.Equals("application", StringComparison.OrdinalIgnoreCase) || main.Equals("text", StringComparison.OrdinalIgnoreCase))
        && (sub.Equals("xml", StringComparison.OrdinalIgnoreCase) || sub.EndsWith("+xml", StringComparison.OrdinalIgnoreCase));

    private static void Rate(ReadOnlySpan<char> type, ReadOnlySpan<char> subtype, double q, string ourSubtype, int order,
        ref double bestQ, ref int bestSpecificity, ref int bestOrder)
    {
        int specificity;
        if (type is "*" && subtype is "*") specificity = 0;
        else if (type.Equals("application", StringComparison.OrdinalIgnoreCase) && subtype is "*") specificity = 1;
        else if (type.Equals("application", StringComparison.OrdinalIgnoreCase) && subtype.Equals(ourSubtype, StringComparison.OrdinalIgnoreCase)) specificity = 2;
        else return;
        if (specificity > bestSpecificity)
        {
            bestSpecificity = specificity;
            bestQ = q;
            bestOrder = order;
        }
    }

    /// <summary>The range's q; a malformed weight makes the range unusable rather than preferred.</summary>
    private static double Quality(MediaTypeHeaderValue range)
    {
        if (range.Quality is { } q) return q;
        foreach (var parameter in range.Parameters)
            if (parameter.Name.Equals("q", StringComparison.OrdinalIgnoreCase)) return 0;
        return 1;
    }
}
