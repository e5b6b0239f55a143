using System.Globalization;
using System.Text;
using System.Text.Json;
using TwoFactorContracts.Contract;

namespace TwoFactorContracts.MockServer.Responses;

/// <summary>A value of one field of an answer: text, a number, a boolean, the items of a list, or an object's fields.</summary>
public readonly record struct AnswerValue(string? Text = null, long? Number = null, bool? Flag = null, IReadOnlyList<IAnswerSource>? Items = null,
    IAnswerSource? Group = null);

/// <summary>What an answer is written from: the value of each field it has (a field it has none for is left out, or takes the contract's default).</summary>
public interface IAnswerSource
{
    bool TryGet(string field, out AnswerValue value);
}

/// <summary>
/// Writes an answer by the contract's answer schema (<see cref="ContractAnswer"/>), in JSON and XML: every field in
/// the contract's order, its value from the source, or the contract's default when the source has none (else it is
/// left out). A field added to the answer schema with a default is written with no code change.
/// </summary>
public sealed class AnswerBodies(ContractAnswer answer)
{
    /// <summary>The fields with their JSON names encoded once (a name is then copied, never escaped, per answer).</summary>
    private readonly JsonField[] _json = JsonField.Of(answer.Fields);

    public byte[] Json(IAnswerSource source)
    {
        var writer = JsonBodies.ThreadWriter();
        WriteObject(writer, _json, source);
        return JsonBodies.Written(writer);
    }

    public byte[] Xml(IAnswerSource source)
    {
        var builder = new StringBuilder(256);
        builder.Append("<?xml version='1.0' encoding='UTF-8'?>");
        builder.Append('<').Append(answer.XmlRoot).Append('>');
        AppendFields(builder, answer.Fields, source);
        builder.Append("</").Append(answer.XmlRoot).Append('>');
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    private sealed record JsonField(AnswerField Field, JsonEncodedText Name, JsonField[] Items)
    {
        public static JsonField[] Of(IReadOnlyList<AnswerField> fields) =>
            [.. fields.Select(f => new JsonField(f, JsonEncodedText.Encode(f.JsonName, JsonBodies.Options.Encoder), Of(f.Items)))];
    }

    private static void WriteObject(Utf8JsonWriter writer, JsonField[] fields, IAnswerSource source)
    {
        writer.WriteStartObject();
        foreach (var (field, name, items) in fields)
        {
            if (ValueOf(field, source) is not { } value) continue;
            switch (field.Kind)
            {
                case AnswerKind.List:
                    writer.WriteStartArray(name);
                    foreach (var item in value.Items ?? []) WriteObject(writer, items, item);
                    writer.WriteEndArray();
                    break;
                case AnswerKind.Object:
                    writer.WritePropertyName(name);
                    WriteObject(writer, items, value.Group!);
                    break;
                case AnswerKind.Boolean:
                    writer.WriteBoolean(name, value.Flag ?? bool.Parse(value.Text!));
                    break;
                case AnswerKind.Integer or AnswerKind.Number when value.Number is { } number:
                    writer.WriteNumber(name, number);
                    break;
                case AnswerKind.Integer or AnswerKind.Number:
                    writer.WritePropertyName(name);
                    writer.WriteRawValue(value.Text!);
                    break;
                default:
                    writer.WriteString(name, value.Text);
                    break;
            }
        }
        writer.WriteEndObject();
    }

    private static void AppendFields(StringBuilder builder, IReadOnlyList<AnswerField> fields, IAnswerSource source)
    {
        foreach (var field in fields)
        {
            if (ValueOf(field, source) is not { } value) continue;
            if (field.Kind == AnswerKind.Object)
            {
                builder.Append('<').Append(field.XmlName).Append('>');
                AppendFields(builder, field.Items, value.Group!);
                builder.Append("</").Append(field.XmlName).Append('>');
                continue;
            }
            if (field.Kind != AnswerKind.List)
            {
                XmlBodies.Element(builder, field.XmlName, value.Text ?? value.Number?.ToString(CultureInfo.InvariantCulture)
                    ?? (value.Flag == true ? "true" : "false"));
                continue;
            }
            builder.Append('<').Append(field.XmlName).Append('>');
            foreach (var item in value.Items ?? [])
            {
                builder.Append('<').Append(field.ItemXmlName).Append('>');
                AppendFields(builder, field.Items, item);
                builder.Append("</").Append(field.ItemXmlName).Append('>');
            }
            builder.Append("</").Append(field.XmlName).Append('>');
        }
    }

    private static AnswerValue? ValueOf(AnswerField field, IAnswerSource source) =>
        source.TryGet(field.JsonName, out var value) ? value : field.Default is { } fallback ? new AnswerValue(Text: fallback) : null;
}
