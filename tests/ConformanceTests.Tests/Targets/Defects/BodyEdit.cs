using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace TwoFactorContracts.ConformanceTests.Targets.Defects;

/// <summary>Edits every occurrence of a field in a JSON or XML answer body; other bodies pass unchanged.</summary>
internal static class BodyEdit
{
    public static string Json(string body, Action<JsonObject> edit)
    {
        var root = JsonNode.Parse(body);
        Visit(root, edit);
        return root?.ToJsonString() ?? body;
    }

    public static string Xml(string body, Action<XElement> edit)
    {
        var document = XDocument.Parse(body);
        edit(document.Root!);
        return document.ToString();
    }

    private static void Visit(JsonNode? node, Action<JsonObject> edit)
    {
        switch (node)
        {
            case JsonObject obj:
                edit(obj);
                foreach (var (_, child) in obj.ToList()) Visit(child, edit);
                break;
            case JsonArray array:
                foreach (var item in array) Visit(item, edit);
                break;
        }
    }
}
