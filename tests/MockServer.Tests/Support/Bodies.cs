using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace MockServer.Tests.Support;

/// <summary>Reads response bodies: JSON nodes, XML documents, and the API's error envelope in either.</summary>
public static class Bodies
{
    public static JsonNode Json(string text) => JsonNode.Parse(text) ?? throw new InvalidDataException("empty JSON");

    public static XDocument Xml(string text) => XDocument.Parse(text);

    public static async Task<JsonNode> JsonOf(HttpResponseMessage response) => Json(await response.Content.ReadAsStringAsync());

    /// <summary>The (messageId, text) of an error envelope, JSON or XML by the response's Content-Type.</summary>
    public static async Task<(string MessageId, string Text)> ErrorOf(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType == "application/xml")
        {
            var root = Xml(text).Root!;
            root.Name.LocalName.ShouldBe("ApiException");
            var exception = root.Element("requestError")!.Element("serviceException")!;
            return (exception.Element("messageId")!.Value, exception.Element("text")!.Value);
        }
        mediaType.ShouldBe("application/json", text);
        var service = Json(text)["requestError"]!["serviceException"]!;
        return (service["messageId"]!.GetValue<string>(), service["text"]!.GetValue<string>());
    }

    /// <summary>Asserts status and envelope in one go.</summary>
    public static async Task ShouldBeError(this HttpResponseMessage response, int status, string messageId, string? text = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(status, body);
        var (id, actualText) = await ErrorOf(response);
        id.ShouldBe(messageId, body);
        if (text is not null) actualText.ShouldBe(text);
    }

    public static async Task<string> ShouldBeOk(this HttpResponseMessage response, int status = 200)
    {
        var body = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(status, body);
        return body;
    }
}
