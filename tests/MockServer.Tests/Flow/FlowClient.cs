using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using MockServer.Tests.Support;

namespace MockServer.Tests.Flow;

/// <summary>
/// Drives the templates and the PIN flow of one account in JSON or XML (bodies both ways), and reads the mock's
/// outbox and clock through the admin API. Applications are created in JSON: they are not what these tests test.
/// </summary>
public sealed class FlowClient(ApiClient api, bool xml)
{
    public const string PinPath = "/2fa/2/pin";

    public ApiClient Api => api;

    public bool Xml => xml;

    private string MediaType => xml ? "application/xml" : "application/json";

    public static string Format(bool xml) => xml ? "XML" : "JSON";

    /// <summary>An application with the configuration given (JSON object text, e.g. <c>"pinAttempts":3</c>), enabled unless told.</summary>
    public async Task<string> CreateApplicationAsync(string configuration = "", bool enabled = true)
    {
        // 201 is the today flavour's create status.
        var response = await api.PostJsonAsync(ApplicationJson(configuration, enabled));
        var body = await response.Content.ReadAsStringAsync();
        new[] { 200, 201 }.ShouldContain((int)response.StatusCode, body);
        return Bodies.Json(body)["applicationId"]!.GetValue<string>();
    }

    public async Task UpdateApplicationAsync(string applicationId, string configuration, bool enabled = true) =>
        await (await api.PutJsonAsync(applicationId, ApplicationJson(configuration, enabled))).ShouldBeOk();

    /// <summary>
    /// The contract's default limits (1 verify per 3 s, 3 sends per number a day) would meet a test's own requests
    /// on a frozen clock: they are raised unless the test sets them, so each test meets only the rule it checks.
    /// </summary>
    private static string ApplicationJson(string configuration, bool enabled)
    {
        var limits = new List<string>();
        if (!configuration.Contains("verifyPinLimit", StringComparison.Ordinal)) limits.Add("\"verifyPinLimit\":\"1000/1s\"");
        if (!configuration.Contains("sendPinPerPhoneNumberLimit", StringComparison.Ordinal)) limits.Add("\"sendPinPerPhoneNumberLimit\":\"1000/1s\"");
        if (!string.IsNullOrWhiteSpace(configuration)) limits.Add(configuration);
        return "{\"name\":\"flow\",\"enabled\":" + (enabled ? "true" : "false") + ",\"configuration\":{" + string.Join(",", limits) + "}}";
    }

    public Task<HttpResponseMessage> CreateTemplateRawAsync(string applicationId, params (string Name, object? Value)[] fields) =>
        SendAsync(HttpMethod.Post, $"/2fa/2/applications/{applicationId}/messages", Body(CreateTemplateRoot, fields));

    /// <summary>The XML root of a template create (today's document's); the mock reads the old <c>&lt;message&gt;</c> too.</summary>
    public const string CreateTemplateRoot = "CreateSmsOrVoiceMessageRequest";

    /// <summary>A template (NUMERIC, 4 digits unless told) and its messageId.</summary>
    public async Task<string> CreateTemplateAsync(string applicationId, string text = "Your code is {{pin}}", string pinType = "NUMERIC", int pinLength = 4)
    {
        var response = await CreateTemplateRawAsync(applicationId, ("messageText", text), ("pinType", pinType), ("pinLength", pinLength));
        var body = await response.ShouldBeOk();
        return Read(body, "messageId")!;
    }

    /// <summary>An email template (the document's fields; NUMERIC, 4 digits unless told) and its messageId.</summary>
    public async Task<string> CreateEmailTemplateAsync(string applicationId, long emailTemplateId = 1234, string pinType = "NUMERIC", int pinLength = 4)
    {
        var response = await SendAsync(HttpMethod.Post, $"/2fa/2/applications/{applicationId}/email/messages", Body("CreateEmailMessageRequest",
            ("pinType", pinType), ("pinLength", pinLength), ("from", "company@example.com"), ("emailTemplateId", emailTemplateId), ("landingPageId", "1_23456")));
        return Read(await response.ShouldBeOk(), "messageId")!;
    }

    public Task<HttpResponseMessage> SendEmailPinAsync(string applicationId, string messageId, string to,
        IReadOnlyDictionary<string, string>? placeholders = null) =>
        SendAsync(HttpMethod.Post, PinPath + "/email",
            Body("StartEmailAuthenticationRequest", ("applicationId", applicationId), ("messageId", messageId), ("to", to), ("placeholders", placeholders)));

    public Task<HttpResponseMessage> ResendEmailAsync(string pinId) => SendAsync(HttpMethod.Post, $"{PinPath}/{pinId}/resend/email", null);

    /// <summary>A fresh email address (so limits by address never meet another test's).</summary>
    public static string NewAddress() => $"user{Random.Shared.NextInt64(10_000_000, 99_999_999)}@example.com";

    public Task<HttpResponseMessage> SendPinAsync(string applicationId, string messageId, string to, bool voice = false, string query = "",
        IReadOnlyDictionary<string, string>? placeholders = null, bool? trackDelivery = null) =>
        SendAsync(HttpMethod.Post, (voice ? PinPath + "/voice" : PinPath) + query,
            Body("StartAuthenticationRequest", ("applicationId", applicationId), ("messageId", messageId), ("to", to), ("placeholders", placeholders),
                ("trackDelivery", trackDelivery)));

    /// <summary>Sends a PIN over SMS and returns its pinId (asserting 200).</summary>
    public async Task<string> SendAsync(string applicationId, string messageId, string to)
    {
        var body = await (await SendPinAsync(applicationId, messageId, to)).ShouldBeOk();
        return Read(body, "pinId")!;
    }

    /// <summary>A resend, with no body unless <paramref name="trackDelivery"/> is given.</summary>
    public Task<HttpResponseMessage> ResendAsync(string pinId, bool voice = false, bool? trackDelivery = null) =>
        SendAsync(HttpMethod.Post, $"{PinPath}/{pinId}/resend" + (voice ? "/voice" : ""),
            trackDelivery is null ? null : Body("ResendPinRequest", ("trackDelivery", trackDelivery)));

    public Task<HttpResponseMessage> VerifyAsync(string pinId, string pin) =>
        SendAsync(HttpMethod.Post, $"{PinPath}/{pinId}/verify", Body("VerifyPinRequest", ("pin", pin)));

    /// <summary>The verify's answer: verified, attemptsRemaining, pinError (null when absent).</summary>
    public async Task<(bool Verified, int AttemptsRemaining, string? PinError)> VerifyOkAsync(string pinId, string pin)
    {
        var body = await (await VerifyAsync(pinId, pin)).ShouldBeOk();
        if (xml) XDocument.Parse(body).Root!.Name.LocalName.ShouldBe("VerifyPinResponse");
        Read(body, "pinId").ShouldBe(pinId);
        return (bool.Parse(Read(body, "verified")!), int.Parse(Read(body, "attemptsRemaining")!), Read(body, "pinError"));
    }

    public Task<HttpResponseMessage> StatusAsync(string applicationId, string query) =>
        SendAsync(HttpMethod.Get, $"/2fa/2/applications/{applicationId}/verifications{query}", null);

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body) =>
        api.SendAsync(method, path, body, body is null ? null : MediaType, MediaType);

    /// <summary>A request body in this client's media type; null values are left out, a dictionary is an object (placeholders).</summary>
    public string Body(string xmlRoot, params (string Name, object? Value)[] fields)
    {
        if (xml)
        {
            var root = new XElement(xmlRoot);
            foreach (var (name, value) in fields)
            {
                if (value is null) continue;
                root.Add(value is IReadOnlyDictionary<string, string> map
                    ? new XElement(name, map.Select(e => new XElement(e.Key, e.Value)))
                    : new XElement(name, value is bool flag ? (flag ? "true" : "false") : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)));
            }
            return root.ToString(SaveOptions.DisableFormatting);
        }
        var json = new JsonObject();
        foreach (var (name, value) in fields)
            if (value is not null) json[name] = JsonSerializer.SerializeToNode(value);
        return json.ToJsonString();
    }

    /// <summary>A top-level field of an answer in this client's media type, as text; null when absent.</summary>
    public string? Read(string body, string name)
    {
        if (xml) return XDocument.Parse(body).Root!.Element(name)?.Value;
        return JsonNode.Parse(body)![name] is { } node ? (node is JsonValue value && value.TryGetValue<string>(out var text) ? text : node.ToJsonString()) : null;
    }

    /// <summary>The verifications of a status answer: (msisdn, verified, verifiedAt or null, sentAt).</summary>
    public List<(string Msisdn, bool Verified, long? VerifiedAt, long SentAt)> Verifications(string body)
    {
        if (xml)
        {
            var root = XDocument.Parse(body).Root!;
            root.Name.LocalName.ShouldBe("VerificationResponse");
            return root.Element("verifications")!.Elements("verifications").Select(v => (
                v.Element("msisdn")!.Value, bool.Parse(v.Element("verified")!.Value),
                v.Element("verifiedAt") is { } at ? long.Parse(at.Value) : (long?)null, long.Parse(v.Element("sentAt")!.Value))).ToList();
        }
        return JsonNode.Parse(body)!["verifications"]!.AsArray().Select(v => (
            v!["msisdn"]!.GetValue<string>(), v["verified"]!.GetValue<bool>(),
            v["verifiedAt"]?.GetValue<long>(), v["sentAt"]!.GetValue<long>())).ToList();
    }

    /// <summary>The messages the mock would have sent to <paramref name="to"/> (admin API), oldest first.</summary>
    public async Task<JsonArray> OutboxAsync(string? to = null, string? pinId = null)
    {
        var query = to is not null ? $"?to={Uri.EscapeDataString(to)}" : $"?pinId={pinId}";
        var response = await api.Http.GetAsync("/__admin/mock/outbox" + query);
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(200, text);
        return JsonNode.Parse(text)!["messages"]!.AsArray();
    }

    /// <summary>The PIN the mock sent with <paramref name="pinId"/>, read from its outbox.</summary>
    public async Task<string> PinOfAsync(string pinId) =>
        (await OutboxAsync(pinId: pinId)).Last()!["pin"]!.GetValue<string>();

    /// <summary>Moves the mock's clock forward (never a sleep).</summary>
    public async Task AdvanceAsync(string by)
    {
        using var content = new StringContent($$"""{"advance":"{{by}}"}""", System.Text.Encoding.UTF8, "application/json");
        var response = await api.Http.PostAsync("/__admin/mock/clock", content);
        ((int)response.StatusCode).ShouldBe(200, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The mock's time now, in epoch milliseconds.</summary>
    public async Task<long> NowAsync()
    {
        var text = await api.Http.GetStringAsync("/__admin/mock/clock");
        return JsonNode.Parse(text)!["epochMillis"]!.GetValue<long>();
    }

    /// <summary>A PIN of the same length that is not <paramref name="pin"/>.</summary>
    public static string WrongPin(string pin) => pin[0] == '1' ? "2" + pin[1..] : "1" + pin[1..];

    /// <summary>A fresh phone number (so limits by phone number never meet another test's).</summary>
    public static string NewNumber() => "4477" + Random.Shared.NextInt64(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
