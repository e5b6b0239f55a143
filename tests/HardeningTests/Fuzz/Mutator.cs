using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using TwoFactorContracts.Contract;

namespace TwoFactorContracts.HardeningTests.Fuzz;

/// <summary>
/// Mutates a documented request at byte level (flip, delete, insert, duplicate, truncate the body), at structure
/// level (JSON nodes and XML elements: remove, retype, add, nest, rename) and at HTTP level (path id, method,
/// Content-Type, Accept, credential). Deterministic for a given Random.
/// </summary>
public sealed class Mutator(Random random)
{
    private static readonly byte[] InterestingBytes = [0x00, 0x01, 0x0A, 0x22, 0x26, 0x27, 0x2C, 0x3A, 0x3C, 0x3E, 0x5B, 0x5C, 0x5D, 0x7B, 0x7D, 0x7F, 0x80, 0xBF, 0xC0, 0xC3, 0xE2, 0xED, 0xF0, 0xFE, 0xFF];
    // %00 is left out: Kestrel refuses it itself (400, empty body; see PathIdTests).
    private static readonly string[] OddIds = ["", "0", "x", "%FF", "..", "%2e%2e", "%C3%BC", "ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ", "*", "%20", new string('A', 2000)];
    /// <summary>Escapes, entities and markup that break parsers when dropped into a string or element.</summary>
    private static readonly string[] InterestingTokens = ["\\uD800", "\\uDC00", "\\u0000", "\\", "\"", "&amp;", "&#0;", "&#xD800;", "&x;", "]]>", "<![CDATA[", "<!DOCTYPE x>", "<?pi?>", "<!--", "\uFEFF"];

    private static readonly string[] OddMediaTypes = ["", "text/plain", "application/", "*/*", "application/json; charset=latin1", "application/xml;q=0", "application/json, application/xml", "image/png", "application/json;;;", "\t", "application/*"];
    private static readonly string[] OddCredentials = ["", "App", "Basic !!!", "Bearer", "Digest abc", "App a b", "Basic " + Convert.ToBase64String("nocolon"u8.ToArray())];

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public void Mutate(FuzzRequest request, BodyFormat format)
    {
        var rounds = 1 + random.Next(3);
        for (var i = 0; i < rounds; i++)
        {
            var roll = random.Next(100);
            if (request.Body is not null && roll < 40) MutateBytes(request);
            else if (request.Body is not null && roll < 80) MutateStructure(request, format);
            else MutateHttp(request);
        }
    }

    private void MutateBytes(FuzzRequest request)
    {
        var body = request.Body!.ToList();
        switch (random.Next(8))
        {
            case 0 when body.Count > 0:
                var at = random.Next(body.Count);
                var bit = 1 << random.Next(8);
                body[at] ^= (byte)bit;
                request.Mutations.Add($"flip bit {bit} at {at}");
                break;
            case 1 when body.Count > 0:
                var start = random.Next(body.Count);
                var length = 1 + random.Next(Math.Min(16, body.Count - start));
                body.RemoveRange(start, length);
                request.Mutations.Add($"delete {length} bytes at {start}");
                break;
            case 2:
                var position = random.Next(body.Count + 1);
                var inserted = Enumerable.Range(0, 1 + random.Next(4)).Select(_ => Pick(InterestingBytes)).ToArray();
                body.InsertRange(position, inserted);
                request.Mutations.Add($"insert {Convert.ToHexString(inserted)} at {position}");
                break;
            case 3 when body.Count > 0:
                var from = random.Next(body.Count);
                var span = body.Skip(from).Take(1 + random.Next(64)).ToArray();
                var times = 1 + random.Next(50);
                var into = random.Next(body.Count + 1);
                body.InsertRange(into, Enumerable.Repeat(span, times).SelectMany(b => b));
                request.Mutations.Add($"duplicate {span.Length} bytes x{times} at {into}");
                break;
            case 4:
                var keep = random.Next(body.Count + 1);
                body.RemoveRange(keep, body.Count - keep);
                request.Mutations.Add($"truncate to {keep}");
                break;
            case 5 when body.Count > 0:
                var where = random.Next(body.Count);
                var value = (byte)random.Next(256);
                body[where] = value;
                request.Mutations.Add($"set byte {where} to {value:X2}");
                break;
            case 6:
                var token = Pick(InterestingTokens);
                var place = random.Next(body.Count + 1);
                body.InsertRange(place, Encoding.UTF8.GetBytes(token));
                request.Mutations.Add($"insert '{token}' at {place}");
                break;
            default:
                body.Clear();
                request.Mutations.Add("empty body");
                break;
        }
        request.Body = [.. body];
    }

    private void MutateStructure(FuzzRequest request, BodyFormat format)
    {
        var text = Encoding.UTF8.GetString(request.Body!);
        try
        {
            if (format == BodyFormat.Json && TryMutateJson(text, request)) return;
            if (format == BodyFormat.Xml && TryMutateXml(text, request)) return;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.Xml.XmlException)
        {
            // An earlier mutation left the body parseable but odd (e.g. a duplicate key): break it at byte level instead.
        }
        MutateBytes(request); // the body no longer parses: keep breaking it at byte level
    }

    private bool TryMutateJson(string text, FuzzRequest request)
    {
        JsonNode? root;
        try { root = JsonNode.Parse(text); }
        catch (System.Text.Json.JsonException) { return false; }
        if (root is not JsonObject rootObject) return false;
        var objects = new List<JsonObject> { rootObject };
        if (rootObject["configuration"] is JsonObject configuration) objects.Add(configuration);
        var target = Pick(objects);
        var keys = target.Select(p => p.Key).ToList();
        switch (random.Next(5))
        {
            case 0 when keys.Count > 0:
                var removed = Pick(keys);
                target.Remove(removed);
                request.Mutations.Add($"remove {removed}");
                break;
            case 1 when keys.Count > 0:
                var key = Pick(keys);
                var value = RandomJsonValue(0);
                target[key] = value;
                request.Mutations.Add($"{key} = {value?.ToJsonString() ?? "null"}");
                break;
            case 2:
                var name = Pick(new[] { "unknown", "name", "enabled", "configuration", "pinAttempts", "pinTimeToLive", "verifyPinLimit", "x" + random.Next(100) });
                var added = RandomJsonValue(0);
                target[name] = added;
                request.Mutations.Add($"set {name} = {added?.ToJsonString() ?? "null"}");
                break;
            case 3:
                var depth = 1 + random.Next(60);
                JsonNode nested = JsonValue.Create(1);
                for (var i = 0; i < depth; i++) nested = random.Next(2) == 0 ? new JsonArray(nested) : new JsonObject { ["n"] = nested };
                var at = keys.Count > 0 ? Pick(keys) : "deep";
                target[at] = nested;
                request.Mutations.Add($"{at} nested {depth} deep");
                break;
            default:
                request.Body = Encoding.UTF8.GetBytes(random.Next(2) == 0 ? new JsonArray(rootObject.DeepClone()).ToJsonString() : "null");
                request.Mutations.Add("body not an object");
                return true;
        }
        request.Body = Encoding.UTF8.GetBytes(rootObject.ToJsonString());
        return true;
    }

    private JsonNode? RandomJsonValue(int depth) => random.Next(depth > 2 ? 10 : 13) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(2) == 0),
        2 => JsonValue.Create(random.Next(-5, 20)),
        3 => JsonValue.Create(Pick(new long[] { 0, -1, int.MaxValue, int.MaxValue + 1L, long.MinValue })),
        4 => JsonValue.Create(Pick(new[] { 1.5, 1e308, -0.0 })),
        5 => JsonValue.Create(Pick(new[] { "", "a", "15m", "1/3s", "0/0s", "10000/1d", "999999d", "1/25h", "3/1y", " ", "15 minutes" })),
        6 => JsonValue.Create(new string(Pick(new[] { 'a', 'ü', '<', '"', '\\', '\u0001' }), random.Next(1, 2000))),
        7 => JsonValue.Create("\u00fc\u4e2d\U0001F600<&>\"'"),
        8 => JsonValue.Create(random.Next(1, 100) + Pick(new[] { "ms", "s", "m", "h", "d", "" })),
        9 => JsonValue.Create($"{random.Next(0, 5)}/{random.Next(0, 400)}{Pick(new[] { "ms", "s", "m", "h", "d" })}"),
        10 => new JsonArray(RandomJsonValue(depth + 1), RandomJsonValue(depth + 1)),
        11 => new JsonObject { ["k"] = RandomJsonValue(depth + 1) },
        _ => new JsonObject(),
    };

    private bool TryMutateXml(string text, FuzzRequest request)
    {
        XDocument document;
        try { document = XDocument.Parse(text); }
        catch (System.Xml.XmlException) { return false; }
        var root = document.Root!;
        var elements = root.DescendantsAndSelf().ToList();
        var target = Pick(elements);
        switch (random.Next(6))
        {
            case 0 when target != root:
                target.Remove();
                request.Mutations.Add($"remove <{target.Name}>");
                break;
            case 1:
                var value = Pick(new[] { "", "-1", "0", "2147483648", "1.5", "yes", "TRUE", "15m", "1/3s", "0/0s", "999999d", new string('x', 1000), "\u00fc\U0001F600", "<&>" });
                if (target.HasElements && random.Next(2) == 0) target.ReplaceNodes(value); else target.Value = value;
                request.Mutations.Add($"<{target.Name}> = {value[..Math.Min(value.Length, 20)]}");
                break;
            case 2:
                var child = new XElement(Pick(new[] { "name", "enabled", "configuration", "pinAttempts", "unknown", "item" }), Pick(new[] { "1", "true", "x", "" }));
                target.Add(child);
                request.Mutations.Add($"add <{child.Name}> to <{target.Name}>");
                break;
            case 3:
                var newName = Pick(new[] { "ApplicationRequest", "request", "Request", "x", "name", "configuration" });
                request.Mutations.Add($"rename <{target.Name}> to <{newName}>");
                target.Name = newName;
                break;
            case 4:
                var depth = 1 + random.Next(60);
                var nested = new XElement("n", "1");
                for (var i = 0; i < depth; i++) nested = new XElement("n", nested);
                target.Add(nested);
                request.Mutations.Add($"nest {depth} deep in <{target.Name}>");
                break;
            default:
                target.SetAttributeValue(Pick(new[] { "a", "type", "nil", "id" }), "1");
                request.Mutations.Add($"attribute on <{target.Name}>");
                break;
        }
        var xml = document.Declaration is null ? root.ToString(SaveOptions.DisableFormatting) : document.Declaration + root.ToString(SaveOptions.DisableFormatting);
        request.Body = Encoding.UTF8.GetBytes(xml);
        return true;
    }

    private void MutateHttp(FuzzRequest request)
    {
        switch (random.Next(6))
        {
            case 0:
                var slash = request.Path.LastIndexOf('/');
                var id = Pick(OddIds);
                request.Path = request.Path.EndsWith("applications", StringComparison.Ordinal)
                    ? request.Path + "/" + id
                    : request.Path[..(slash + 1)] + id;
                request.Mutations.Add($"path {request.Path[..Math.Min(request.Path.Length, 60)]}");
                break;
            case 1:
                request.Method = Pick(new[] { "GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS" });
                request.Mutations.Add($"method {request.Method}");
                break;
            case 2:
                request.ContentType = Pick(OddMediaTypes);
                if (request.ContentType.Length == 0) request.ContentType = null;
                request.Mutations.Add($"Content-Type {request.ContentType ?? "(none)"}");
                break;
            case 3:
                request.Accept = Pick(OddMediaTypes);
                if (request.Accept.Length == 0) request.Accept = null;
                request.NegotiatedFormat = null;
                request.Mutations.Add($"Accept {request.Accept ?? "(none)"}");
                break;
            case 4:
                request.Authorization = Pick(OddCredentials);
                if (request.Authorization.Length == 0) request.Authorization = null;
                request.Mutations.Add($"credential {request.Authorization ?? "(none)"}");
                break;
            default:
                request.Body = request.Body is null ? Encoding.UTF8.GetBytes("{\"name\":\"body on a GET\"}") : null;
                request.Mutations.Add(request.Body is null ? "drop body" : "add body");
                break;
        }
    }
}
