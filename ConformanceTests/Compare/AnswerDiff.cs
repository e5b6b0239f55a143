using System.Text.Json.Nodes;
using System.Xml.Linq;
using TwoFactorContracts.ConformanceTests.Checks;
using TwoFactorContracts.ConformanceTests.Runner;

namespace TwoFactorContracts.ConformanceTests.Compare;

/// <summary>
/// Lays target b's answer to one request beside target a's answer to the same request and names every difference,
/// field by field: status, media type, error envelope, fields present or missing, kinds, values and XML element
/// names. Ids the targets issued are compared through the <see cref="IdMap"/>, generated times by kind only
/// (<see cref="CompareRules"/>). Reads only what the checks already read (<see cref="CheckContext.Values"/>, the
/// total JSON and XML readers), so no answer, however broken, throws here.
/// </summary>
public sealed class AnswerDiff(CompareRules rules, IdMap ids)
{
    /// <summary>The most differences one answer reports (a hostile answer could otherwise name thousands).</summary>
    public const int MaxPerAnswer = 50;

    public IReadOnlyList<Difference> Compare(CheckContext a, CheckContext b)
    {
        var found = new List<Difference>();
        var (ea, eb) = (a.Exchange, b.Exchange);
        if (ea.Answered != eb.Answered)
        {
            found.Add(new("answer", "(answer)", ea.Answered ? "b gave no whole answer" : "a gave no whole answer", ea.Describe(), eb.Describe()));
            return found;
        }
        if (!ea.Answered) return found; // neither answered: nothing to lay side by side
        var statusesDiffer = ea.Status != eb.Status;
        if (statusesDiffer)
            found.Add(new("status", "(status)", $"a answered {ea.Status}, b {eb.Status}", ea.Status?.ToString(), eb.Status?.ToString()));
        // A success beside an error: their bodies are of different kinds, and the status says all.
        if (statusesDiffer && IsSuccess(ea.Status) != IsSuccess(eb.Status)) return found;
        if (MediaType(ea.ContentType) != MediaType(eb.ContentType))
            found.Add(new("content-type", "(Content-Type)", $"a answered {ea.ContentType ?? "no Content-Type"}, b {eb.ContentType ?? "no Content-Type"}",
                ea.ContentType, eb.ContentType));
        if (a.Expected.Format == Contract.BodyFormat.Xml) XmlNames(ea.Body, eb.Body, found);
        var (va, pa) = a.Values;
        var (vb, pb) = b.Values;
        if (pa is not null || pb is not null)
        {
            if ((pa is null) != (pb is null))
                found.Add(new("body", "(body)", pa is null ? $"b's body cannot be read: {pb}" : $"a's body cannot be read: {pa}",
                    pa ?? CheckContext.Excerpt(ea.Body, 120), pb ?? CheckContext.Excerpt(eb.Body, 120)));
            return Bounded(found);
        }
        Walk(va, vb, "", found);
        return Bounded(found);
    }

    private static IReadOnlyList<Difference> Bounded(List<Difference> found)
    {
        // One difference per kind and field: the same field of every item of a list is named once.
        var distinct = found.DistinctBy(d => (d.Kind, d.Field)).ToList();
        return distinct.Count <= MaxPerAnswer
            ? distinct
            : [.. distinct.Take(MaxPerAnswer), new("items", "(more)", $"{distinct.Count - MaxPerAnswer} more differences not listed", null, null)];
    }

    private void Walk(JsonNode? a, JsonNode? b, string path, List<Difference> found)
    {
        if (found.Count > MaxPerAnswer * 4) return;
        var (ka, kb) = (JsonRead.Kind(a), JsonRead.Kind(b));
        if (Kind(ka) != Kind(kb))
        {
            found.Add(new("type", Name(path), $"a has {ka}, b {kb}", Show(a), Show(b)));
            return;
        }
        switch (a, b)
        {
            case (JsonObject oa, JsonObject ob):
                foreach (var (name, value) in oa)
                {
                    var field = Join(path, name);
                    if (!ob.TryGetPropertyValue(name, out var other))
                        found.Add(new("field", field, $"{field} is present in a, missing in b", Show(value), "(missing)"));
                    else Walk(value, other, field, found);
                }
                foreach (var (name, value) in ob)
                    if (!oa.ContainsKey(name))
                    {
                        var field = Join(path, name);
                        found.Add(new("field", field, $"{field} is missing in a, present in b", "(missing)", Show(value)));
                    }
                break;
            case (JsonArray la, JsonArray lb):
                Items(la, lb, path, found);
                break;
            default:
                Leaf(a, b, path, found);
                break;
        }
    }

    private void Leaf(JsonNode? a, JsonNode? b, string path, List<Difference> found)
    {
        var names = path.Split('.');
        var name = names[^1];
        if (CompareRules.IsIssuedId(name, names.Length > 1 ? names[^2] : null))
        {
            if (JsonRead.Text(a) is { } ia && JsonRead.Text(b) is { } ib && ids.Same(ia, ib) == false)
                found.Add(new("id", Name(path), $"{Name(path)} names another object than its counterpart (a {ia} is b's {ids.ForA(ia) ?? "(unpaired)"}; b answered {ib})", ia, ib));
            return;
        }
        if (rules.GeneratedTimes.Contains(name)) return; // stamped by each target: its kind was compared
        if (JsonNode.DeepEquals(a, b)) return;
        var kind = path.EndsWith("serviceException.messageId", StringComparison.Ordinal) ? "message-id"
            : path.EndsWith("serviceException.text", StringComparison.Ordinal) ? "error-text"
            : "value";
        found.Add(new(kind, Name(path), $"a has {Show(a)}, b {Show(b)}", Show(a), Show(b)));
    }

    /// <summary>
    /// A list of things with ids is matched item by item through the ids (the same literal, the pair learnt, or the same
    /// name); the items only one target holds and this run did not issue are the accounts' other data, not compared.
    /// Any other list is compared by position.
    /// </summary>
    private void Items(JsonArray a, JsonArray b, string path, List<Difference> found)
    {
        var item = path + "[]";
        var key = CompareRules.ItemKeys.FirstOrDefault(k => a.Concat(b).Any(i => i is JsonObject o && o.ContainsKey(k)));
        if (key is null)
        {
            if (a.Count != b.Count) found.Add(new("items", Name(path), $"a's list has {a.Count} items, b's {b.Count}", a.Count.ToString(), b.Count.ToString()));
            for (var i = 0; i < Math.Min(a.Count, b.Count); i++) Walk(a[i], b[i], item, found);
            return;
        }
        var unpaired = b.ToList();
        foreach (var ia in a)
        {
            var match = Pair(ia, unpaired, key);
            if (match is not null)
            {
                unpaired.Remove(match);
                Walk(ia, match, item, found);
            }
            else if (JsonRead.String(ia, key) is { } id && ids.ForA(id) is { } counterpart)
                found.Add(new("items", Name(path), $"b's list lacks the item the run made ({key} a {id}, b {counterpart})", id, "(missing)"));
        }
        foreach (var ib in unpaired)
            if (JsonRead.String(ib, key) is { } id && ids.ForB(id) is { } counterpart)
                found.Add(new("items", Name(path), $"a's list lacks the item the run made ({key} a {counterpart}, b {id})", "(missing)", id));
    }

    private JsonNode? Pair(JsonNode? a, List<JsonNode?> candidates, string key)
    {
        if (JsonRead.String(a, key) is not { } id) return null;
        return candidates.FirstOrDefault(c => JsonRead.String(c, key) is { } other && ids.Same(id, other) == true)
            ?? (JsonRead.String(a, "name") is { } name && candidates.Count(c => JsonRead.String(c, "name") == name) == 1
                ? candidates.First(c => JsonRead.String(c, "name") == name)
                : null);
    }

    /// <summary>XML: the root's name and every element that holds elements (a wrapper, an item), by their path of names.</summary>
    private static void XmlNames(string a, string b, List<Difference> found)
    {
        if (XmlRead.Document(a)?.Root is not { } ra || XmlRead.Document(b)?.Root is not { } rb) return;
        if (ra.Name.LocalName != rb.Name.LocalName)
            found.Add(new("xml-names", "(XML root)", $"a's root is <{ra.Name.LocalName}>, b's <{rb.Name.LocalName}>", $"<{ra.Name.LocalName}>", $"<{rb.Name.LocalName}>"));
        var (pa, pb) = (Containers(ra), Containers(rb));
        foreach (var only in pa.Except(pb)) found.Add(new("xml-names", only, $"element {only} is in a's answer only", only, "(missing)"));
        foreach (var only in pb.Except(pa)) found.Add(new("xml-names", only, $"element {only} is in b's answer only", "(missing)", only));
    }

    private static HashSet<string> Containers(XElement root) =>
        root.Elements().Where(e => e.HasElements)
            .SelectMany(e => e.DescendantsAndSelf().Where(d => d.HasElements))
            .Select(e => string.Join("/", e.AncestorsAndSelf().Reverse().Skip(1).Select(x => x.Name.LocalName)))
            .ToHashSet(StringComparer.Ordinal);

    private static bool IsSuccess(int? status) => status is >= 200 and < 300;

    private static string? MediaType(string? contentType) => contentType?.Split(';')[0].Trim().ToLowerInvariant();

    /// <summary>true and false are one kind (a boolean) here: a different value, not a different type.</summary>
    private static string Kind(string kind) => kind is "true" or "false" ? "a boolean" : kind;

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static string Name(string path) => path.Length == 0 ? "(body)" : path;

    private static string Show(JsonNode? node)
    {
        var text = node is null ? "null" : node is JsonValue v && JsonRead.String(v) is { } s ? $"\"{s}\"" : JsonRead.Text(node) ?? "(unwritable)";
        return text.Length <= 120 ? text : text[..120] + "…";
    }
}
