namespace TwoFactorContracts.MockServer.Negotiation;

/// <summary>
/// Chooses the response media type from Accept (q-values, wildcards, parameters) and reads the request body's
/// media type from Content-Type. Hand-written span parsing: no allocation on the hot path.
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

        // For each of our types: the q of the most specific range matching it (-1: no range matched).
        double jsonQ = -1, xmlQ = -1;
        int jsonSpecificity = -1, xmlSpecificity = -1, jsonOrder = int.MaxValue, xmlOrder = int.MaxValue;
        var rest = accept.AsSpan();
        var order = 0;
        while (!rest.IsEmpty)
        {
            var comma = rest.IndexOf(',');
            var element = comma < 0 ? rest : rest[..comma];
            rest = comma < 0 ? default : rest[(comma + 1)..];
            if (!TryParseRange(element, out var type, out var subtype, out var q)) continue;
            order++;
            Rate(type, subtype, q, "json", order, ref jsonQ, ref jsonSpecificity, ref jsonOrder);
            Rate(type, subtype, q, "xml", order, ref xmlQ, ref xmlSpecificity, ref xmlOrder);
        }

        if (jsonQ <= 0 && xmlQ <= 0) return null;
        if (jsonQ > xmlQ) return MediaType.Json;
        if (xmlQ > jsonQ) return MediaType.Xml;
        // Equal q: a type named explicitly beats one matched by a wildcard, then the earlier one, then the body's.
        if (jsonSpecificity != xmlSpecificity) return jsonSpecificity > xmlSpecificity ? MediaType.Json : MediaType.Xml;
        if (jsonSpecificity == 2 && jsonOrder != xmlOrder) return jsonOrder < xmlOrder ? MediaType.Json : MediaType.Xml;
        return fallback;
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

    private static bool TryParseRange(ReadOnlySpan<char> element, out ReadOnlySpan<char> type, out ReadOnlySpan<char> subtype, out double q)
    {
        q = 1;
        type = subtype = default;
        var semicolon = element.IndexOf(';');
        var range = (semicolon < 0 ? element : element[..semicolon]).Trim();
        var slash = range.IndexOf('/');
        if (slash <= 0 || slash == range.Length - 1) return false;
        type = range[..slash].Trim();
        subtype = range[(slash + 1)..].Trim();

        var parameters = semicolon < 0 ? default : element[(semicolon + 1)..];
        while (!parameters.IsEmpty)
        {
            var next = parameters.IndexOf(';');
            var parameter = (next < 0 ? parameters : parameters[..next]).Trim();
            parameters = next < 0 ? default : parameters[(next + 1)..];
            if (parameter.Length > 2 && (parameter[0] == 'q' || parameter[0] == 'Q') && parameter[1] == '=')
            {
                if (!double.TryParse(parameter[2..], System.Globalization.NumberStyles.AllowDecimalPoint,
                        System.Globalization.CultureInfo.InvariantCulture, out q) || q > 1)
                    q = 0; // a malformed weight makes the range unusable rather than preferred
            }
        }
        return true;
    }
}
