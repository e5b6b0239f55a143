using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using TwoFactorContracts.Contract;
using TwoFactorContracts.MockServer.Core;
using TwoFactorContracts.MockServer.Model;
using TwoFactorContracts.MockServer.State;

namespace TwoFactorContracts.MockServer.Responses;

/// <summary>JSON bodies written with Utf8JsonWriter, walking the field model in the contract's response order.</summary>
/// <param name="written">The top-level fields written (an email template's answer: its schema's); null: every response field.</param>
public sealed class JsonBodies(FieldModel model, ModelField[]? written = null)
{
    private readonly ModelField[] _written = written ?? model.ResponseTop;

    /// <summary>How every JSON answer is written (the PIN flow's too): characters as they are, only JSON's own escaped.</summary>
    internal static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Every create, get, update and PIN answer renders one body: a writer per thread is reused instead of allocated each time.
    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;

    public byte[] Application(StoredRecord application)
    {
        var writer = ThreadWriter();
        WriteApplication(writer, application);
        return Written(writer);
    }

    /// <summary>This thread's writer, emptied, for one body (<see cref="Written"/> ends it).</summary>
    internal static Utf8JsonWriter ThreadWriter()
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        var writer = t_writer ??= new Utf8JsonWriter(buffer, Options);
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        return writer;
    }

    /// <summary>The body <paramref name="writer"/> (this thread's) has written, copied out.</summary>
    internal static byte[] Written(Utf8JsonWriter writer)
    {
        writer.Flush();
        return t_buffer!.WrittenSpan.ToArray();
    }

    /// <summary>A list body, written straight from the compact records. The written memory is returned as is: a copy of a large list would double its transient size.</summary>
    public ReadOnlyMemory<byte> List(ApplicationListSnapshot applications)
    {
        var buffer = new ArrayBufferWriter<byte>(Math.Max(256, applications.Count * 360));
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartArray();
            for (var i = 0; i < applications.Count; i++) WriteApplication(writer, applications[i]);
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

    private void WriteApplication(Utf8JsonWriter writer, StoredRecord application)
    {
        writer.WriteStartObject();
        foreach (var field in _written) WriteField(writer, application, field);
        writer.WriteEndObject();
    }

    private void WriteField(Utf8JsonWriter writer, StoredRecord application, ModelField field)
    {
        if (field == model.Id)
        {
            WriteId(writer, field, application.Bytes.AsSpan(0, FieldModel.IdBytes));
            return;
        }
        if (field.StoredIndex < 0 && field.Kind != FieldKind.Object)
        {
            if (field.Default.Text is { } constant) { writer.WriteString(field.JsonName, constant); return; }
            var issued = application.IssuedId(Array.IndexOf(model.Issued, field));
            if (!issued.IsEmpty) WriteId(writer, field, issued);
            return;
        }
        switch (field.Kind)
        {
            case FieldKind.Object:
                // A group holding nothing (a template without regional options) is left out, as its fields are.
                if (!application.HasAnyInside(field)) return;
                writer.WriteStartObject(field.JsonName);
                foreach (var child in field.Children) WriteField(writer, application, child);
                writer.WriteEndObject();
                return;
            case FieldKind.String:
                if (application.Has(field)) writer.WriteString(field.JsonName, application.StringBytes(field));
                return;
        }
        var value = application.Read(field);
        if (!value.Present) return;
        switch (field.Kind)
        {
            case FieldKind.Int32 or FieldKind.Int64: writer.WriteNumber(field.JsonName, value.Number); break;
            case FieldKind.Boolean: writer.WriteBoolean(field.JsonName, value.Number != 0); break;
            case FieldKind.Number: writer.WriteNumber(field.JsonName, value.Double); break;
            case FieldKind.Time:
            {
                Span<char> text = stackalloc char[24];
                writer.WriteString(field.JsonName, text[..Duration.Write(value.Number, text)]);
                break;
            }
            default:
            {
                Span<char> text = stackalloc char[48];
                writer.WriteString(field.JsonName, text[..Limit.Write(value.Number, value.Interval, text)]);
                break;
            }
        }
    }

    private static void WriteId(Utf8JsonWriter writer, ModelField field, ReadOnlySpan<byte> id)
    {
        Span<char> hex = stackalloc char[id.Length * 2];
        Convert.TryToHexString(id, hex, out _);
        writer.WriteString(field.JsonName, hex);
    }
}
