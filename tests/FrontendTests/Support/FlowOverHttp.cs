using System.Net.Http.Json;
using System.Text.Json;

namespace FrontendTests.Support;

/// <summary>The PIN flow over plain HTTP (JSON), for tests that need a sent message to look at.</summary>
public static class FlowOverHttp
{
    /// <summary>Creates an application (generous limits: tests send and verify in quick succession) and a NUMERIC template of it.</summary>
    public static async Task<(string ApplicationId, string MessageId)> CreateApplicationWithTemplateAsync(
        HttpClient api, string messageText = "Your code is {{pin}}", int pinLength = 6)
    {
        var application = await PostAsync(api, "/2fa/2/applications", new
        {
            name = "Outbox test",
            configuration = new { pinAttempts = 3, verifyPinLimit = "20/1m", sendPinPerPhoneNumberLimit = "20/1d" },
        });
        var applicationId = application.GetProperty("applicationId").GetString()!;
        var template = await PostAsync(api, $"/2fa/2/applications/{applicationId}/messages",
            new { messageText, pinType = "NUMERIC", pinLength });
        return (applicationId, template.GetProperty("messageId").GetString()!);
    }

    /// <summary>Sends a PIN over SMS (or voice) and answers its pinId.</summary>
    public static async Task<string> SendAsync(HttpClient api, string applicationId, string messageId, string to, bool voice = false)
    {
        var sent = await PostAsync(api, voice ? "/2fa/2/pin/voice" : "/2fa/2/pin", new { applicationId, messageId, to });
        return sent.GetProperty("pinId").GetString()!;
    }

    /// <summary>Creates an email template (the document's example fields) of the application and sends a PIN over email with it; answers the pinId.</summary>
    public static async Task<string> SendEmailAsync(HttpClient api, string applicationId, string to)
    {
        var template = await PostAsync(api, $"/2fa/2/applications/{applicationId}/email/messages",
            new { pinType = "NUMERIC", pinLength = 6, from = "company@example.com", emailTemplateId = 1234, landingPageId = "1_23456" });
        var sent = await PostAsync(api, "/2fa/2/pin/email", new { applicationId, messageId = template.GetProperty("messageId").GetString(), to });
        return sent.GetProperty("pinId").GetString()!;
    }

    /// <summary>The outbox's messages for one pinId, oldest first, from <c>GET /__admin/mock/outbox</c>.</summary>
    public static async Task<IReadOnlyList<JsonElement>> OutboxAsync(HttpClient admin, string pinId)
    {
        using var response = await admin.GetAsync($"/__admin/mock/outbox?pinId={Uri.EscapeDataString(pinId)}");
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET /__admin/mock/outbox answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("messages").EnumerateArray().ToList();
    }

    private static async Task<JsonElement> PostAsync(HttpClient api, string path, object body)
    {
        using var response = await api.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
