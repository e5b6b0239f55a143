using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace SampleApp;

/// <summary>The app's own typed client of Infobip's 2FA API: only what its login needs, in JSON.</summary>
public sealed class InfobipTwoFactorClient(HttpClient http)
{
    public async Task<string> CreateApplicationAsync(string name, CancellationToken cancel = default)
    {
        var created = await PostAsync<ApplicationAnswer>("2fa/2/applications", new
        {
            name,
            enabled = true,
            configuration = new { pinAttempts = 5, pinTimeToLive = "10m", verifyPinLimit = "10/1m", sendPinPerPhoneNumberLimit = "20/1d" },
        }, cancel);
        return created.ApplicationId;
    }

    public async Task<string> CreateTemplateAsync(string applicationId, CancellationToken cancel = default)
    {
        var created = await PostAsync<TemplateAnswer>($"2fa/2/applications/{Uri.EscapeDataString(applicationId)}/messages",
            new { pinType = "NUMERIC", pinLength = 6, messageText = "Your login code is {{pin}}" }, cancel);
        return created.MessageId;
    }

    public async Task<string> SendPinAsync(string applicationId, string messageId, string to, CancellationToken cancel = default)
    {
        var sent = await PostAsync<PinAnswer>("2fa/2/pin", new { applicationId, messageId, to }, cancel);
        return sent.PinId;
    }

    public async Task<bool> VerifyAsync(string pinId, string pin, CancellationToken cancel = default)
    {
        var verified = await PostAsync<VerifyAnswer>($"2fa/2/pin/{Uri.EscapeDataString(pinId)}/verify", new { pin }, cancel);
        return verified.Verified;
    }

    private async Task<T> PostAsync<T>(string path, object body, CancellationToken cancel)
    {
        using var response = await http.PostAsJsonAsync(path, body, cancel);
        if (!response.IsSuccessStatusCode)
            throw new InfobipException((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancel));
        return await response.Content.ReadFromJsonAsync<T>(cancel) ?? throw new InfobipException((int)response.StatusCode, "empty answer");
    }

    private sealed record ApplicationAnswer([property: JsonPropertyName("applicationId")] string ApplicationId);

    private sealed record TemplateAnswer([property: JsonPropertyName("messageId")] string MessageId);

    private sealed record PinAnswer([property: JsonPropertyName("pinId")] string PinId);

    private sealed record VerifyAnswer([property: JsonPropertyName("verified")] bool Verified);
}

/// <summary>Infobip answered with an error.</summary>
public sealed class InfobipException(int status, string body) : Exception($"Infobip answered {status}: {body}")
{
    public int Status { get; } = status;
}
