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

    // Every create and update renders one body: a writer per thread is reused instead of allocated each time.
    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;

    public static byte[] Application(ApplicationResponse application)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        var writer = t_writer ??= new Utf8JsonWriter(buffer, Options);
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        WriteApplication(writer, application);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// A list body. An application's cached body is copied; the others are written straight into the list
    /// without caching one body per application (100 thousand stored applications would double in memory).
    /// The written memory is returned as is: a copy of a large list would double its transient size.
    /// </summary>
    public static ReadOnlyMemory<byte> List(IReadOnlyList<ApplicationResponse> applications)
    {
        var buffer = new ArrayBufferWriter<byte>(Math.Max(256, applications.Count * 360));
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartArray();
            foreach (var application in applications)
            {
                if (application.RenderedJson is { } rendered) writer.WriteRawValue(rendered, skipInputValidation: true);
                else WriteApplication(writer, application);
            }
            writer.WriteEndArray();
        }
        return buffer.WrittenMemory;
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
