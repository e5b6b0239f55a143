using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using TwoFactorContracts.MockServer.Contract;
using TwoFactorContracts.MockServer.Pipeline;

namespace TwoFactorContracts.MockServer.Responses;

/// <summary>JSON bodies with the contract's property names, written with Utf8JsonWriter.</summary>
public static class JsonBodies
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Application(ApplicationResponse application)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, Options)) WriteApplication(writer, application);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A list body from the applications' cached bodies: '[' a ',' b ']' (memory copies only).</summary>
    public static byte[] List(IReadOnlyList<ApplicationResponse> applications)
    {
        var parts = new byte[applications.Count][];
        var length = 2 + Math.Max(0, applications.Count - 1);
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = applications[i].RenderedJson ??= Application(applications[i]);
            length += parts[i].Length;
        }
        var body = new byte[length];
        var at = 0;
        body[at++] = (byte)'[';
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0) body[at++] = (byte)',';
            parts[i].CopyTo(body, at);
            at += parts[i].Length;
        }
        body[at] = (byte)']';
        return body;
    }

    public static byte[] Error(StageError error)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("requestError");
            writer.WriteStartObject("serviceException");
            writer.WriteString("messageId", error.MessageId);
            writer.WriteString("text", error.Text);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteApplication(Utf8JsonWriter writer, ApplicationResponse application)
    {
        var configuration = application.Configuration;
        writer.WriteStartObject();
        writer.WriteString("applicationId", application.ApplicationId);
        writer.WriteString("name", application.Name);
        writer.WriteStartObject("configuration");
        writer.WriteNumber("pinAttempts", configuration.PinAttempts);
        writer.WriteBoolean("allowMultiplePinVerifications", configuration.AllowMultiplePinVerifications);
        writer.WriteString("pinTimeToLive", configuration.PinTimeToLive);
        writer.WriteString("verifyPinLimit", configuration.VerifyPinLimit);
        writer.WriteString("sendPinPerApplicationLimit", configuration.SendPinPerApplicationLimit);
        writer.WriteString("sendPinPerPhoneNumberLimit", configuration.SendPinPerPhoneNumberLimit);
        writer.WriteEndObject();
        writer.WriteBoolean("enabled", application.Enabled);
        if (application.ProcessId is not null) writer.WriteString("processId", application.ProcessId);
        writer.WriteEndObject();
    }
}
