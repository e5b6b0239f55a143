using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace TwoFactorContracts.ConformanceTests.Targets.Defects;

/// <summary>
/// An update answered but not stored: the PUT is turned into a GET upstream, and the answer is the stored
/// application with the sent values laid over it, so the answer looks right while nothing changed.
/// </summary>
public sealed class UpdateNotStored : IAnswerDefect
{
    public ProxiedRequest Rewrite(ProxiedRequest request) =>
        request.Method == "PUT" ? request with { Method = "GET", Body = "" } : request;

    public ProxiedAnswer Apply(ProxiedRequest request, ProxiedAnswer answer)
    {
        if (request.Method != "PUT" || answer.Status != 200 || request.Body.Length == 0) return answer;
        try
        {
            return answer.IsJson
                ? answer with { Body = Overlay(JsonNode.Parse(answer.Body)!.AsObject(), JsonNode.Parse(request.Body)!.AsObject()).ToJsonString() }
                : answer with { Body = Overlay(XDocument.Parse(answer.Body), XDocument.Parse(request.Body).Root!).ToString() };
        }
        catch (System.Text.Json.JsonException) { return answer; } // a broken request gets the upstream's own answer
        catch (System.Xml.XmlException) { return answer; }
    }

    private static JsonObject Overlay(JsonObject stored, JsonObject sent)
    {
        foreach (var (key, value) in sent)
            if (value is JsonObject nested && stored[key] is JsonObject existing) Overlay(existing, nested);
            else stored[key] = value?.DeepClone();
        return stored;
    }

    private static XDocument Overlay(XDocument stored, XElement sent)
    {
        Overlay(stored.Root!, sent);
        return stored;
    }

    private static void Overlay(XElement stored, XElement sent)
    {
        foreach (var child in sent.Elements())
        {
            var existing = stored.Element(child.Name);
            if (existing is null) stored.Add(new XElement(child));
            else if (child.HasElements) Overlay(existing, child);
            else existing.Value = child.Value;
        }
    }
}
