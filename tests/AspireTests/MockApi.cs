using System.Net.Http.Json;
using System.Text.Json;

namespace TwoFactorContracts.AspireTests;

/// <summary>The few API and admin calls the tests make against the running mock.</summary>
internal static class MockApi
{
    public static async Task<string> CreateApplicationAsync(HttpClient mock, string name)
    {
        using var created = await mock.PostAsJsonAsync("/2fa/2/applications", new { name });
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("applicationId").GetString()!;
    }

    /// <summary>Creates an application and a template, sends a PIN; returns the pinId.</summary>
    public static async Task<string> SendPinAsync(HttpClient mock, string to)
    {
        var applicationId = await CreateApplicationAsync(mock, "aspire login");
        using var template = await mock.PostAsJsonAsync($"/2fa/2/applications/{applicationId}/messages",
            new { pinType = "NUMERIC", messageText = "Your code is {{pin}}", pinLength = 4 });
        template.EnsureSuccessStatusCode();
        var messageId = (await template.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("messageId").GetString();
        using var sent = await mock.PostAsJsonAsync("/2fa/2/pin", new { applicationId, messageId, to });
        sent.EnsureSuccessStatusCode();
        return (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("pinId").GetString()!;
    }

    /// <summary>The PIN the mock's outbox holds for <paramref name="pinId"/>.</summary>
    public static async Task<string> PinInOutboxAsync(HttpClient mock, string pinId)
    {
        var outbox = await mock.GetFromJsonAsync<JsonElement>("/__admin/mock/outbox");
        return outbox.GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("pinId").GetString() == pinId).GetProperty("pin").GetString()!;
    }

    public static async Task<JsonElement> ClockAsync(HttpClient mock) => await mock.GetFromJsonAsync<JsonElement>("/__admin/mock/clock");
}
