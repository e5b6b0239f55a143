using TwoFactorContracts.Contract;
using System.Buffers;
using System.Text;
using TwoFactorContracts.MockServer.Core;
using TwoFactorContracts.MockServer.Model;
using TwoFactorContracts.MockServer.State;

namespace TwoFactorContracts.MockServer.Responses;

/// <summary>
/// XML bodies with the contract's element names, walking the field model in the contract's response order.
/// </summary>
/// <param name="written">The top-level fields written (an email template's answer: its schema's); null: every response field.</param>
public sealed class XmlBodies(ContractXmlNames names, FieldModel model, ModelField[]? written = null)
{
    private readonly ModelField[] _written = written ?? model.ResponseTop;

    public ContractXmlNames Names => names;

    // Every create, get and update renders one body: a builder per thread is reused, and encoded without a string.
    [ThreadStatic] private static StringBuilder? t_builder;

    public byte[] Application(StoredRecord application)
    {
        var builder = t_builder ??= new StringBuilder(1024);
        builder.Clear();
        builder.Append("<?xml version='1.0' encoding='UTF-8'?>");
        AppendApplication(builder, application, names.ResponseRoot);
        var length = builder.Length;
        var chars = ArrayPool<char>.Shared.Rent(length);
        builder.CopyTo(0, chars, 0, length);
        var bytes = Encoding.UTF8.GetBytes(chars, 0, length);
        ArrayPool<char>.Shared.Return(chars);
        return bytes;
    }

    /// <summary>A list body; like the JSON list, it caches nothing per application.</summary>
    public byte[] List(ApplicationListSnapshot applications)
    {
        var builder = new StringBuilder(64 + (applications.Count * 620));
        builder.Append("<?xml version='1.0' encoding='UTF-8'?>");
        builder.Append('<').Append(names.ListRoot).Append('>');
        for (var i = 0; i < applications.Count; i++) AppendApplication(builder, applications[i], names.ListItem);
        builder.Append("</").Append(names.ListRoot).Append('>');
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    public byte[] Error(StageError error)
    {
        var builder = new StringBuilder(300);
        builder.Append("<?xml version='1.0' encoding='UTF-8'?>");
        builder.Append('<').Append(names.ErrorRoot).Append("><requestError><serviceException>");
        Element(builder, "messageId", error.MessageId);
        Element(builder, "text", error.Text);
        builder.Append("</serviceException></requestError></").Append(names.ErrorRoot).Append('>');
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    private void AppendApplication(StringBuilder builder, StoredRecord application, string root)
    {
        builder.Append('<').Append(root).Append('>');
        foreach (var field in _written) AppendField(builder, application, field);
        builder.Append("</").Append(root).Append('>');
    }

    private void AppendField(StringBuilder builder, StoredRecord application, ModelField field)
    {
        if (field == model.Id)
        {
            Element(builder, field.XmlName, Convert.ToHexString(application.Bytes.AsSpan(0, FieldModel.IdBytes)));
            return;
        }
        if (field.StoredIndex < 0 && field.Kind != FieldKind.Object)
        {
            if (field.Default.Text is { } constant) { Element(builder, field.XmlName, constant); return; }
            var issued = application.IssuedId(Array.IndexOf(model.Issued, field));
            if (!issued.IsEmpty) Element(builder, field.XmlName, Convert.ToHexString(issued));
            return;
        }
        if (field.Kind == FieldKind.Object)
        {
            if (!application.HasAnyInside(field)) return; // a group holding nothing is left out, as in JSON
            builder.Append('<').Append(field.XmlName).Append('>');
            foreach (var child in field.Children) AppendField(builder, application, child);
            builder.Append("</").Append(field.XmlName).Append('>');
            return;
        }
        var value = application.Read(field);
        if (!value.Present) return;
        Element(builder, field.XmlName, field.Kind switch
        {
            FieldKind.Int32 or FieldKind.Int64 => value.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            FieldKind.Boolean => value.Number != 0 ? "true" : "false",
            FieldKind.Number => value.Double.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            FieldKind.Time => Duration.Format(value.Number),
            FieldKind.Limit => Limit.Format(value.Number, value.Interval),
            _ => value.Text!,
        });
    }

    internal static void Element(StringBuilder builder, string name, string value)
    {
        builder.Append('<').Append(name).Append('>');
        AppendEscaped(builder, value);
        builder.Append("</").Append(name).Append('>');
    }

    /// <summary>Escapes markup; characters XML 1.0 cannot carry (e.g. U+0001 from a JSON name) become U+FFFD.</summary>
    internal static void AppendEscaped(StringBuilder builder, string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '&': builder.Append("&amp;"); break;
                case '"': builder.Append("&quot;"); break;
                case '\'': builder.Append("&apos;"); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        builder.Append(c).Append(value[++i]);
                    }
                    else if (System.Xml.XmlConvert.IsXmlChar(c)) builder.Append(c);
                    else builder.Append('\uFFFD');
                    break;
            }
        }
    }
}
